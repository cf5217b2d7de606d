// A draft as every checker reads it: parsed once, read into sentences with their
// figures, and each sentence's citations resolved against the corpus. Built once per
// check and handed to each kind of claim in turn.

import type { Citation } from "../model.js";
import { parseMarkdown, type ParsedMarkdown } from "../parsing/markdown.js";
import { readSentences, type ReadSentence } from "../claims/read.js";
import { citationsIn } from "../claims/citations.js";
import type { Corpus } from "../corpus/corpus.js";

export type CitationStyle = "footnote" | "pandoc" | "link";

export interface CheckOptions {
  /** How quick fixes insert a citation. */
  citationStyle?: CitationStyle;
}

export interface DraftContext {
  doc: ParsedMarkdown;
  sentences: ReadSentence[];
  /** Each sentence by where it starts in the draft: a claim's sentence, found at once. */
  sentenceAt: Map<number, ReadSentence>;
  /** The citations covering each sentence (by sentence index): its own, or its table row's. */
  coverage: Citation[][];
  /** Every citation in the draft, in order. */
  citations: Citation[];
  corpus: Corpus;
  options: CheckOptions;
}

export function readDraft(text: string, corpus: Corpus, options: CheckOptions): DraftContext {
  const doc = parseMarkdown(text, { cache: true });
  const sentences = readSentences(doc, { cache: true });
  const own = sentences.map((s) => citationsIn(doc, s.block, s.prose, corpus));
  // In a table, a citation covers its row.
  const byRow = new Map<number, Citation[]>();
  sentences.forEach((s, i) => {
    if (s.block.row !== undefined) byRow.set(s.block.row, [...(byRow.get(s.block.row) ?? []), ...own[i]]);
  });
  const coverage = sentences.map((s, i) => (s.block.row === undefined ? own[i] : byRow.get(s.block.row)!));
  const sentenceAt = new Map(sentences.map((s) => [s.span.start, s]));
  return { doc, sentences, sentenceAt, coverage, citations: own.flat(), corpus, options };
}
