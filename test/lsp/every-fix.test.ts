// Every quick fix over the protocol, as an editor applies it: for each public draft
// and each citation style, the server's code actions for every diagnostic are
// applied one at a time to a fresh copy of the draft, as incremental changes, and
// the re-check must drop the diagnostic, add no error, and leave every byte outside
// the edited ranges alone. Fix-all is applied once (no unattributed finding left, no
// new error) and twice (the second time offers nothing or changes nothing).
//
// The bundled sources have no `url:`, so the link style runs against copies of them
// in a temporary workspace, each given a URL: its fixes insert a Markdown link to
// that URL, and the link then counts as the citation.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit,
} from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { BUNDLED_SOURCES, DRAFTS, TestClient } from "./client.js";

const URLS: Record<string, string> = {
  "ctv-news": "https://toronto.ctvnews.ca/rcmp-investigating-reports-of-chinese-police-stations-operating-in-ontario",
  "naija-times": "https://naijatimes.example/canada-chinese-police-stations-under-investigation",
};

const drafts = readdirSync(DRAFTS)
  .filter((f) => f.endsWith(".md"))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(DRAFTS, name), "utf8") }));

const STYLES = ["footnote", "pandoc", "link"] as const;

/** What a diagnostic is about, independent of where it stands: its code and the text it covers. */
function keyOf(d: Diagnostic, doc: TextDocument): string {
  return `${String(d.code)} “${doc.getText(d.range)}”`;
}

function count(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/** Errors after that were not there before (by code and covered text, counted). */
function newErrors(before: Diagnostic[], beforeDoc: TextDocument, after: Diagnostic[], afterDoc: TextDocument): string[] {
  const had = count(before.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => keyOf(d, beforeDoc)));
  const out: string[] = [];
  for (const d of after.filter((x) => x.severity === DiagnosticSeverity.Error)) {
    const k = keyOf(d, afterDoc);
    const left = had.get(k) ?? 0;
    if (left > 0) had.set(k, left - 1);
    else out.push(k);
  }
  return out;
}

interface Applied {
  doc: TextDocument;
  /** The original text with each edited range cut out: what must survive, in order. */
  kept: string[];
  expected: string;
}

/**
 * Applies a code action's edits to a fresh copy of `original` as incremental
 * changes, last edit first, so each range still means what the server meant.
 */
function applyToCopy(client: TestClient, path: string, original: TextDocument, edits: TextEdit[]): Applied {
  const text = original.getText();
  const spans = edits
    .map((e) => ({ start: original.offsetAt(e.range.start), end: original.offsetAt(e.range.end), newText: e.newText, range: e.range }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i - 1].end <= spans[i].start, "edits overlap");
  const kept: string[] = [];
  let expected = "";
  let at = 0;
  for (const s of spans) {
    kept.push(text.slice(at, s.start));
    expected += text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  kept.push(text.slice(at));
  expected += text.slice(at);

  const copy = client.open(path, text);
  const doc = client.change(
    copy.uri,
    [...spans].reverse().map((s) => ({ range: s.range, text: s.newText })),
  );
  return { doc, kept, expected };
}

/** The lines of the paragraph (between blank lines) that holds `line`. */
function paragraphOf(doc: TextDocument, line: number): { first: number; last: number } {
  const lines = doc.getText().split(/\r?\n|\r/);
  let first = line;
  let last = line;
  while (first > 0 && lines[first - 1].trim() !== "") first--;
  while (last < lines.length - 1 && lines[last + 1].trim() !== "") last++;
  return { first, last };
}

/** Each edit either inserts (nothing replaced) or replaces text within the diagnostic's paragraph. */
function localEdits(edits: TextEdit[], diagnostic: Diagnostic, doc: TextDocument): string[] {
  const { first, last } = paragraphOf(doc, diagnostic.range.start.line);
  return edits
    .filter((e) => !(e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character))
    .filter((e) => e.range.start.line < first || e.range.end.line > last)
    .map((e) => `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}`);
}

const editsOf = (action: CodeAction, uri: string): TextEdit[] => action.edit?.changes?.[uri] ?? [];
const sameRange = (a: Range, b: Range): boolean =>
  a.start.line === b.start.line &&
  a.start.character === b.start.character &&
  a.end.line === b.end.line &&
  a.end.character === b.end.character;
const WHOLE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

for (const style of STYLES) {
  describe(`LSP: every quick fix applied, citationStyle “${style}”`, function () {
    this.timeout(120_000);
    let root: string;
    let client: TestClient;
    let serial = 0;
    const fresh = (name: string): string => join(root, "drafts", `${name.replace(/\.md$/, "")}.${++serial}.md`);

    before(async () => {
      root = mkdtempSync(join(tmpdir(), `source-check-every-fix-${style}-`));
      mkdirSync(join(root, "drafts"));
      const settings: Record<string, unknown> = { debounceMs: 0, citationStyle: style };
      if (style === "link") {
        // The bundled articles, each given a URL, stand in for the bundled ones.
        mkdirSync(join(root, "sources"));
        for (const f of readdirSync(BUNDLED_SOURCES).filter((f) => f.endsWith(".md"))) {
          const text = readFileSync(join(BUNDLED_SOURCES, f), "utf8");
          const id = /^id:\s*(\S+)/m.exec(text)![1];
          writeFileSync(join(root, "sources", f), text.replace(/^---\r?\n/, `---\nurl: ${URLS[id]}\n`));
        }
        Object.assign(settings, { sources: ["sources"], includeBundledSources: false });
      }
      client = await TestClient.start({ workspaceFolders: [root], initializationOptions: settings });
    });
    after(async () => {
      await client.shutdown();
      rmSync(root, { recursive: true, force: true });
    });

    for (const draft of drafts) {
      it(`${draft.name}: each quick fix drops its diagnostic, adds no error and touches nothing else`, async () => {
        const original = client.open(fresh(draft.name), draft.text);
        const before = await client.diagnosticsFor(original);
        assert.ok(before.length > 0, "the draft has no diagnostics");
        const failures: string[] = [];
        let applied = 0;
        let fixes = 0;
        for (const diagnostic of before) {
          const actions = await client.codeActions(original.uri, diagnostic.range, [diagnostic], [CodeActionKind.QuickFix]);
          const own = actions.filter((a) => a.diagnostics?.some((d) => d.code === diagnostic.code && sameRange(d.range, diagnostic.range)));
          const label = keyOf(diagnostic, original);
          if (own.length === 0) failures.push(`${label}: no quick fix offered (not even “Disable”)`);
          for (const action of own) {
            const edits = editsOf(action, original.uri);
            const what = `${label} ← “${action.title}”`;
            if (edits.length === 0) {
              failures.push(`${what}: no edits for this document`);
              continue;
            }
            if (!action.title.startsWith("Disable source-check")) fixes++;
            const far = localEdits(edits, diagnostic, original);
            if (far.length > 0) failures.push(`${what}: replaces text outside the claim's paragraph at ${far.join(", ")}`);
            const { doc, kept, expected } = applyToCopy(client, fresh(draft.name), original, edits);
            applied++;
            try {
              const text = doc.getText();
              if (text !== expected) failures.push(`${what}: the incremental edits gave another text than the edits spliced in`);
              let at = 0;
              for (const piece of kept) {
                const found = text.indexOf(piece, at);
                if (found < at) {
                  failures.push(`${what}: text outside the edits changed near “${piece.slice(0, 40)}”`);
                  break;
                }
                at = found + piece.length;
              }
              const after = await client.diagnosticsFor(doc);
              const key = keyOf(diagnostic, original);
              const n = (ds: Diagnostic[], d: TextDocument): number => ds.filter((x) => keyOf(x, d) === key).length;
              if (n(after, doc) >= n(before, original)) failures.push(`${what}: the diagnostic is still there`);
              const added = newErrors(before, original, after, doc);
              if (added.length > 0) failures.push(`${what}: new errors ${added.join("; ")}`);
              if (style === "link" && action.title.endsWith("(link)")) {
                const urls = Object.values(URLS).filter((u) => text.includes(`](${u}))`));
                if (urls.length === 0) failures.push(`${what}: no Markdown link to a source's URL inserted`);
              }
            } finally {
              client.close(doc.uri);
            }
          }
        }
        client.close(original.uri);
        assert.ok(fixes > 0, "no quick fix besides “Disable” was offered");
        assert.deepEqual(failures, [], `${failures.length} of ${applied} applied fixes failed`);
      });

      it(`${draft.name}: fix-all cites every unattributed claim, adds no error, and is idempotent`, async () => {
        const original = client.open(fresh(draft.name), draft.text);
        const before = await client.diagnosticsFor(original);
        const unattributed = (ds: Diagnostic[]): Diagnostic[] =>
          ds.filter((d) => d.code === "figure-unattributed" || d.code === "quote-unattributed");
        assert.ok(unattributed(before).length > 0, "the draft has nothing unattributed");
        const actions = await client.codeActions(original.uri, WHOLE, [], [CodeActionKind.SourceFixAll]);
        assert.equal(actions.length, 1, actions.map((a) => a.title).join(" | "));
        assert.equal(actions[0].kind, "source.fixAll.sourceCheck");
        const { doc, kept, expected } = applyToCopy(client, fresh(draft.name), original, editsOf(actions[0], original.uri));
        try {
          assert.equal(doc.getText(), expected);
          let at = 0;
          for (const piece of kept) {
            const found = doc.getText().indexOf(piece, at);
            assert.ok(found >= at, `text outside the edits changed near “${piece.slice(0, 40)}”`);
            at = found + piece.length;
          }
          const after = await client.diagnosticsFor(doc);
          assert.deepEqual(
            unattributed(after).map((d) => keyOf(d, doc)),
            [],
            doc.getText(),
          );
          assert.deepEqual(newErrors(before, original, after, doc), [], doc.getText());
          if (style === "link")
            assert.ok(
              Object.values(URLS).some((u) => doc.getText().includes(`](${u}))`)),
              doc.getText(),
            );

          // Twice: nothing left to do.
          const again = await client.codeActions(doc.uri, WHOLE, [], [CodeActionKind.SourceFixAll]);
          for (const action of again) {
            const edits = editsOf(action, doc.uri);
            const second = applyToCopy(client, fresh(draft.name), doc, edits);
            try {
              assert.equal(second.doc.getText(), doc.getText(), `the second fix-all changed the draft: ${action.title}`);
            } finally {
              client.close(second.doc.uri);
            }
          }
        } finally {
          client.close(doc.uri);
          client.close(original.uri);
        }
      });
    }
  });
}
