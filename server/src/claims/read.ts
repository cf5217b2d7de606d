// Reading parsed Markdown into sentences with their figures, bound to what they
// count. Drafts and sources are read by this one function, so a figure in a draft
// and a figure in a source are recognised and bound alike.

import type { Figure, Span } from "../model.js";
import { KeptWith, Memo } from "../memo.js";
import { drain, type Steps } from "../steps.js";
import { type Block, type ParsedMarkdown, OPAQUE, toMarkdownSpan } from "../parsing/markdown.js";
import { sentences } from "../parsing/sentences.js";
import { blanked } from "../parsing/positions.js";
import { contentStems, stem } from "../parsing/words.js";
import { findFigures, isPlural, nounAfter, type FoundFigure } from "./figures.js";
import { titlesOfWorks } from "./quotes.js";

export interface ReadFigure extends Figure {
  /** Where the figure stands in its sentence's text. */
  mark: Span;
  /** The subject-matter words of its sentence (and table row), less the figure's own. */
  context: Set<string>;
  /** Where the figure and the noun phrase after it stand in the sentence's text ("30 countries"). */
  phrase: Span;
  /** What the figure says about what, as one string: equal signatures compare alike against a corpus. */
  signature?: string;
  /** How the noun was found: after the number, from a label, or from an earlier figure. */
  nounFrom?: "phrase" | "label" | "antecedent";
  /** The sentence's plain text, which the figure's frame is read from (claims/figure-frame.ts). */
  sentenceText: string;
  /** What names the figure where its sentence does not: a list label, its table row's first cell and its column's header, the question it answers. */
  labels?: string[];
  /** The noun the previous sentence counted, for "three of them". */
  antecedent?: string;
}

export interface ReadSentence {
  block: Block;
  /** The sentence's span in its block's prose. */
  prose: Span;
  /** The sentence as plain text. */
  text: string;
  /** The sentence's span in the Markdown. */
  span: Span;
  figures: ReadFigure[];
  /** The sentence's subject-matter words (with its table row's label). */
  stems: Set<string>;
  index: number;
}

/** Pandoc citations ([@id], [@id, p. 2], [@a; @b]) and footnote references in prose: never figures. */
export const CITATION_IN_PROSE = /\[(?:-?@[^\]\n]*|\^[^\]\s]+)\]/g;

/** One block read: its sentences (in prose offsets) with their figures, and the last noun counted. */
interface ReadBlock {
  sentences: { prose: Span; figures: ReadFigure[]; stems: Set<string> }[];
  lastNoun?: string;
}

// A draft is re-read after every edit; a block that did not change reads the same.
// Bounded by bytes too (memo.ts): its key holds the block's text, and each figure read some 1.5 KB.
const blockCache = new Memo<string, ReadBlock>(20_000, {
  maxBytes: 24 * 1024 * 1024,
  bytesOf: (key, read) => 2 * key.length + read.sentences.reduce((n, s) => n + 256 + 1_536 * s.figures.length, 64),
});

const blocksKept = new KeptWith<Int32Array, ReadBlock>();

export function readSentences(doc: ParsedMarkdown, options: { cache?: boolean } = {}): ReadSentence[] {
  return drain(readingSentences(doc, options));
}

/** `readSentences` in steps: it yields after each block. */
export function* readingSentences(doc: ParsedMarkdown, options: { cache?: boolean } = {}): Steps<ReadSentence[]> {
  const out: ReadSentence[] = [];
  const rowLabels = new Map<number, string>();
  // A table's first row heads its columns; a heading that asks a question names what its answers count.
  let headers: string[] = [];
  let headerRow: number | undefined;
  let question: string | undefined;
  let previousNoun: string | undefined;
  let previousKind: string | undefined;
  // A row led by a figure ("| March 14, 2026 | Plant returns to automated control |"):
  // the rest of the row says what the figure is about.
  const rowRest = new Map<number, string>();
  for (let i = 0; i < doc.blocks.length; i++) {
    const first = doc.blocks[i];
    if (first.kind !== "cell" || first.column !== 0 || !/\d/.test(first.prose.text)) continue;
    const rest: string[] = [];
    for (
      let j = i + 1;
      j < doc.blocks.length && doc.blocks[j].kind === "cell" && doc.blocks[j].row === first.row && doc.blocks[j].column !== 0;
      j++
    )
      rest.push(doc.blocks[j].prose.text);
    if (rest.length) rowRest.set(i, rest.join(" "));
  }
  for (const [index, block] of doc.blocks.entries()) {
    const text = block.prose.text;
    if (block.kind === "cell" && block.row !== undefined) {
      if (previousKind !== "cell") {
        headers = [];
        headerRow = block.row;
      }
      if (block.row === headerRow && block.column !== undefined) headers[block.column] = text;
      if (block.column === 0) rowLabels.set(block.row, text);
    }
    // "How many clinics are there?": the answers below count clinics.
    if (block.kind === "heading") question = /^\s*how\s+(?:many|much)\b.*\?\s*$/i.test(text) ? text : undefined;
    previousKind = block.kind;
    const rowLabel = block.kind === "cell" && block.column !== 0 && block.row !== undefined ? rowLabels.get(block.row) : undefined;
    const header = block.kind === "cell" && block.row !== headerRow && block.column !== undefined ? headers[block.column] : undefined;
    const rowTail = block.row !== headerRow ? rowRest.get(index) : undefined;
    const labels = [rowLabel, header, block.kind === "heading" ? undefined : question, rowTail].filter(
      (l): l is string => !!l && /\p{L}/u.test(l),
    );
    const make = (): ReadBlock => readBlock(text, maskedSpans(block), rowLabel, previousNoun, labels);
    // The key is all a block's reading depends on (its masked spans follow from its text,
    // footnotes and links); built only where it is cached. A block of a cached parse (its
    // offsets the same array) is found by the rest of the key alone, its text unhashed.
    let read: ReadBlock;
    if (options.cache) {
      const rest = `${block.kind}\u0001${labels.join("\u0002")}\u0001${previousNoun ?? ""}\u0001${spansKey(block.footnotes)}\u0001${spansKey(block.links)}`;
      read = blocksKept.get(block.prose.offsets, rest, () => blockCache.get(`${rest}\u0001${text}`, make));
    } else read = make();
    previousNoun = read.lastNoun ?? previousNoun;
    for (const sentence of read.sentences) {
      const span = toMarkdownSpan(block.prose, sentence.prose);
      out.push({
        block,
        prose: sentence.prose,
        text: text.slice(sentence.prose.start, sentence.prose.end),
        span,
        figures: sentence.figures.map((f) => toMarkdown(f, block, span)),
        stems: sentence.stems,
        index: out.length,
      });
    }
    yield;
  }
  return out;
}

function spansKey(xs: { prose: Span }[]): string {
  let key = "";
  for (const x of xs) key += `${x.prose.start}-${x.prose.end},`;
  return key;
}

function readBlock(
  text: string,
  masked: Span[],
  rowLabel: string | undefined,
  previousNoun: string | undefined,
  labels: string[],
): ReadBlock {
  const readable = blanked(text, masked);
  const read: ReadBlock = { sentences: [] };
  let previous = previousNoun;
  for (const sentence of sentences(text)) {
    const found = findFigures(text, sentence, masked);
    const baseContext = contentStems(readable, sentence.start, sentence.end);
    for (const label of labels) for (const s of contentStems(label)) baseContext.add(s);
    const figures: ReadFigure[] = [];
    for (const f of found) figures.push(bind(f, text, sentence, figures, previous, rowLabel, baseContext, labels));
    const noun = figures.find((f) => f.noun)?.noun;
    if (noun) previous = read.lastNoun = noun;
    read.sentences.push({ prose: sentence, figures, stems: baseContext });
  }
  return read;
}

function bind(
  f: FoundFigure,
  text: string,
  sentence: Span,
  earlier: ReadFigure[],
  previousNoun: string | undefined,
  rowLabel: string | undefined,
  baseContext: Set<string>,
  labels: string[],
): ReadFigure {
  const mark = { start: f.span.start - sentence.start, end: f.span.end - sentence.start };
  const phrase = f.nounSpan ? { start: mark.start, end: f.nounSpan.end - sentence.start } : mark;
  const figure: ReadFigure = {
    ...f,
    mark,
    phrase,
    context: new Set(),
    sentenceText: text.slice(sentence.start, sentence.end),
    antecedent: previousNoun,
  };
  const before = text.slice(sentence.start, f.span.start);
  // "Ballots cast: 389", and a label in parentheses: "(turnout: 94.4%)".
  const listLabel = /^\s*(?:[-*•]\s*)?([^:]{2,80}):\s*$/.exec(before)?.[1] ?? /\(([^():]{2,40}):\s*$/.exec(before)?.[1];
  if (listLabel || labels.length) figure.labels = listLabel ? [listLabel, ...labels] : labels;
  if (f.noun) figure.nounFrom = "phrase";
  if (!figure.noun && f.value.type === "count") {
    const before = text.slice(sentence.start, f.span.start);
    const after = text.slice(f.span.end, sentence.end);
    const label = /^\s*(?:[-*•]\s*)?([^:]{2,80}):\s*$/.exec(before)?.[1] ?? rowLabel;
    if (label) {
      // "Stations worldwide: 54" — a label names what the figure counts.
      const noun = labelNoun(label);
      if (noun) {
        figure.noun = noun;
        figure.nounFrom = "label";
      }
    } else if (/^\s+of\s+(?:the|these|those|its|their|our)\s+\p{L}/iu.test(after)) {
      // "Three of the police stations": the noun follows.
      const of = /^\s+of\s+(?:the|these|those|its|their|our)\s+/i.exec(after)![0];
      const bound = nounAfter(text, f.span.end + of.length, sentence.end);
      if (bound) {
        figure.noun = bound.noun;
        figure.nounFrom = "phrase";
        figure.phrase = { start: mark.start, end: bound.span.end - sentence.start };
      }
    } else if (/^\s+of\s+(?:them|those|these|which)\b/i.test(after) || /(?:including|of which|among them|with)\s*$/i.test(before)) {
      // "Three of them", "including three in Canada": the figure counts what an earlier one did.
      const antecedent = earlier.find((e) => e.noun && e.nounFrom === "phrase")?.noun ?? previousNoun;
      if (antecedent) {
        figure.noun = antecedent;
        figure.nounFrom = "antecedent";
      }
    } else if (/^\s*(?:worldwide|in all|in total|altogether|overall|globally|abroad)\b/i.test(after)) {
      // "are among 54 worldwide": the figure counts the sentence's subject.
      const plural = [...before.matchAll(/[\p{L}][\p{L}'’-]*/gu)].map((m) => m[0]).filter((w) => isPlural(w) && !/^\p{Lu}/u.test(w));
      if (plural.length) {
        figure.noun = stem(plural[plural.length - 1]);
        figure.nounFrom = "antecedent";
      }
    }
  }
  const own = contentStems(f.text);
  for (const s of baseContext) if (!own.has(s) && s !== figure.noun) figure.context.add(s);
  figure.signature = `${JSON.stringify(figure.value)}|${figure.unit ?? ""}|${figure.noun ?? ""}|${[...figure.context].sort().join(" ")}`;
  return figure;
}

/** The noun a label names: its first plural word, or its first word. */
function labelNoun(label: string): string | undefined {
  const words = [...label.matchAll(/[\p{L}][\p{L}'’-]*/gu)].map((m) => m[0]);
  // "Police stations worldwide": a collective noun before the head is a modifier.
  const plural = words.find((w) => isPlural(w) && !/^(?:police|staff|personnel)$/i.test(w)) ?? words.find((w) => isPlural(w));
  const noun = plural ?? words[0];
  return noun ? stem(noun) : undefined;
}

/**
 * The spans of a block's prose that are never read as prose: citations, footnote
 * references, addresses, opaque nodes and titles of works. Asked for by each reader of
 * the block (figures, quotes, speakers): made once per block, and after an edit only for
 * the blocks that changed (they follow from its text, footnotes and links alone).
 */
export function maskedSpans(block: Block): Span[] {
  let spans = maskedOf.get(block);
  if (!spans) {
    spans = maskedCache.get(`${spansKey(block.footnotes)}\u0001${spansKey(block.links)}\u0001${block.prose.text}`, () =>
      maskedUncached(block),
    );
    maskedOf.set(block, spans);
  }
  return spans;
}

const maskedOf = new WeakMap<Block, Span[]>();
const maskedCache = new Memo<string, Span[]>(20_000, { bytesOf: (key, spans) => 2 * key.length + 32 * spans.length + 64 });

function maskedUncached(block: Block): Span[] {
  const spans: Span[] = [];
  const text = block.prose.text;
  for (const m of text.matchAll(CITATION_IN_PROSE)) spans.push({ start: m.index, end: m.index + m[0].length });
  for (const f of block.footnotes) spans.push(f.prose);
  // A link whose text is its address (an autolink) is a URL, not prose.
  for (const l of block.links) {
    const linkText = text.slice(l.prose.start, l.prose.end);
    if (/^(?:[a-z]+:\/\/|www\.|mailto:)|^\S+@\S+\.\S+$|^\S+\.\S+\/\S*$/i.test(linkText)) spans.push(l.prose);
  }
  // Bare addresses are not links to the parser (autolink literals are off) but never prose.
  if (/:\/\/|www\./i.test(text))
    for (const m of text.matchAll(/\b(?:https?:\/\/|www\.)[^\s<>()[\]]+/gi)) spans.push({ start: m.index, end: m.index + m[0].length });
  if (/\w@\w/.test(text))
    for (const m of text.matchAll(/[\w.+-]+@[\w-]+\.[\w.-]+/g)) spans.push({ start: m.index, end: m.index + m[0].length });
  for (let i = text.indexOf(OPAQUE); i >= 0; i = text.indexOf(OPAQUE, i + 1)) spans.push({ start: i, end: i + 1 });
  // A title of a work in quotation marks: its figures are the work's ("… Sales Cross $10bn Mark").
  spans.push(...titlesOfWorks(text));
  return spans;
}

/**
 * A block's figure placed in the Markdown. Made again only where the block's place
 * changed: an unchanged block of a re-checked draft (its reading and its parse both
 * cached) gives the very same figure as the last check, so what was worked out from it
 * (its frame, matching/figures.ts) is found again, not made again.
 */
function toMarkdown(f: ReadFigure, block: Block, sentenceSpan: Span): ReadFigure {
  const prose = block.prose;
  const base = prose.base ?? 0;
  const last = placed.get(f);
  if (
    last &&
    last.offsets === prose.offsets &&
    last.opaqueEnds === prose.opaqueEnds &&
    last.base === base &&
    last.sentence.start === sentenceSpan.start &&
    last.sentence.end === sentenceSpan.end
  )
    return last.figure;
  const figure = placedUncached(f, block, sentenceSpan);
  placed.set(f, { offsets: prose.offsets, opaqueEnds: prose.opaqueEnds, base, sentence: sentenceSpan, figure });
  return figure;
}

const placed = new WeakMap<
  ReadFigure,
  { offsets: Int32Array; opaqueEnds?: Map<number, number>; base: number; sentence: Span; figure: ReadFigure }
>();

function placedUncached(f: ReadFigure, block: Block, sentenceSpan: Span): ReadFigure {
  return {
    ...f,
    span: toMarkdownSpan(block.prose, f.span),
    numberSpan: toMarkdownSpan(block.prose, f.numberSpan),
    sentence: sentenceSpan,
    mark: f.mark,
  };
}
