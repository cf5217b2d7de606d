// Completion of citation keys: source ids after `[@` (and after `@` inside a Pandoc
// citation group), footnote labels and source ids after `[^`. Picking a source id as
// a footnote label that has no definition yet also adds the definition.

import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionParams, type TextEdit } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { lineBreakOf, type Corpus, type Source } from "../index.js";
import { footnoteDefinition } from "../findings/fixes.js";
import { inline } from "./hover.js";

const PANDOC_KEY = /\[(?:[^\]\n]*[;\s])?-?@([a-z0-9-]*)$/i;
const FOOTNOTE_LABEL = /\[\^([^\]\s]*)$/;
const DEFINITION = /^[ \t]{0,3}\[\^([^\]\s]+)\]:[ \t]*(.*)$/gm;

export function completions(doc: TextDocument, params: CompletionParams, corpus: Corpus): CompletionItem[] {
  const position = params.position;
  const lineStart = doc.offsetAt({ line: position.line, character: 0 });
  const cursor = doc.offsetAt(position);
  const before = doc.getText().slice(lineStart, cursor);
  const typedRange = (typed: string) => ({ start: doc.positionAt(cursor - typed.length), end: position });

  const pandoc = PANDOC_KEY.exec(before);
  if (pandoc) {
    const range = typedRange(pandoc[1]);
    return corpus.sources.map((source, i) => ({
      ...sourceItem(source, i),
      textEdit: { range, newText: source.id },
    }));
  }

  const footnote = FOOTNOTE_LABEL.exec(before);
  if (footnote) {
    const range = typedRange(footnote[1]);
    const text = doc.getText();
    const labels = new Map<string, string>();
    for (const m of text.matchAll(DEFINITION)) if (!labels.has(m[1])) labels.set(m[1], m[2]);
    const items: CompletionItem[] = [...labels].map(([label, definition], i) => ({
      label,
      kind: CompletionItemKind.Reference,
      detail: definition,
      sortText: `0${String(i).padStart(4, "0")}`,
      textEdit: { range, newText: label },
    }));
    corpus.sources.forEach((source, i) => {
      if (labels.has(source.id)) return;
      items.push({
        ...sourceItem(source, i),
        sortText: `1${String(i).padStart(4, "0")}`,
        textEdit: { range, newText: source.id },
        additionalTextEdits: [appendDefinition(doc, source)],
      });
    });
    return items;
  }
  return [];
}

function sourceItem(source: Source, i: number): CompletionItem {
  return {
    label: source.id,
    kind: CompletionItemKind.Reference,
    detail: source.publisher,
    documentation: { kind: MarkupKind.Markdown, value: `*${inline(source.title)}*${source.date ? ` · ${inline(source.date)}` : ""}` },
    sortText: String(i).padStart(4, "0"),
  };
}

/** The footnote definition for a source, at the end of the draft, in the draft's line endings. */
function appendDefinition(doc: TextDocument, source: Source): TextEdit {
  const text = doc.getText();
  const nl = lineBreakOf(text);
  const tail = text.endsWith("\n") ? (/(\r?\n){2}$/.test(text) ? "" : nl) : nl + nl;
  const end = doc.positionAt(text.length);
  return { range: { start: end, end }, newText: `${tail}${footnoteDefinition(source.id, source)}${nl}` };
}
