// A draft as every checker reads it: parsed once, read into sentences with their
// figures, and each sentence's citations resolved against the corpus. Built once per
// check and handed to each kind of claim in turn.

import type { Citation } from "../model.js";
import { parsingMarkdown, type ParsedMarkdown } from "../parsing/markdown.js";
import { readingSentences, type ReadSentence } from "../claims/read.js";
import { drain, type Steps } from "../steps.js";
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
  return drain(readingDraft(text, corpus, options));
}

/** `readDraft` in steps: it yields between chunks parsed, blocks read and sentences' citations resolved. */
export function* readingDraft(text: string, corpus: Corpus, options: CheckOptions): Steps<DraftContext> {
  const doc = yield* parsingMarkdown(text, { cache: true });
  const sentences = yield* readingSentences(doc, { cache: true });
  const own: Citation[][] = [];
  for (const s of sentences) {
    own.push(citationsIn(doc, s.block, s.prose, corpus));
    yield;
  }
  // In a table, a citation covers its row.
  const byRow = new Map<number, Citation[]>();
  sentences.forEach((s, i) => {
    if (s.block.row !== undefined) byRow.set(s.block.row, [...(byRow.get(s.block.row) ?? []), ...own[i]]);
  });
  const coverage = sentences.map((s, i) => (s.block.row === undefined ? own[i] : byRow.get(s.block.row)!));
  const sentenceAt = new Map(sentences.map((s) => [s.span.start, s]));
  return { doc, sentences, sentenceAt, coverage, citations: own.flat(), corpus, options };
}
