// Where a claim's attribution is recognised: Pandoc citations ([@id], [@id, p. 2],
// [@a; @b]), GFM footnote references resolved through their definitions, links to a
// source's URL, and a source's publisher named in the sentence. A citation covers
// the sentence it stands in (in a table, its row).

import type { Citation, Source, Span } from "../model.js";
import type { Block, ParsedMarkdown } from "../parsing/markdown.js";
import { toMarkdownSpan } from "../parsing/markdown.js";
import { fold } from "../parsing/words.js";
import { MemoPer } from "../memo.js";

/**
 * What a citation is resolved against: the sources by id, URL and publisher. The
 * corpus is one (`corpus/corpus.ts` builds these look-ups when it indexes sources);
 * named here so that reading citations does not depend on the later stage.
 */
export interface SourceNames {
  source(id: string): Source | undefined;
  sourcesAtUrl(url: string): string[];
  publishersStartingWith(word: string): { name: string; id: string; publisher: string }[];
  readonly all: readonly { source: Source; publisherNames: string[] }[];
}

const PANDOC = /\[(-?@[^\]\n]*)\]/g;
const PANDOC_KEY = /-?@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*)/gu;

/** The citations written in one sentence of a block (prose span `sentence`). */
export function citationsIn(doc: ParsedMarkdown, block: Block, sentence: Span, corpus: SourceNames): Citation[] {
  const out: Citation[] = [];
  const text = block.prose.text;
  const inSentence = (s: Span): boolean => s.start >= sentence.start && s.start < sentence.end;

  // Scan the sentence alone: a block is read sentence by sentence.
  const slice = text.slice(sentence.start, sentence.end);
  for (const m of slice.matchAll(PANDOC)) {
    const prose = { start: sentence.start + m.index, end: sentence.start + m.index + m[0].length };
    const span = toMarkdownSpan(block.prose, prose);
    for (const k of m[1].matchAll(PANDOC_KEY)) {
      const key = k[1].replace(/[.:,;]+$/, "");
      // Where the key stands in the Markdown, which may hold characters the prose leaves out.
      const keyStart = prose.start + 1 + k.index + k[0].length - k[1].length;
      const keySpan = toMarkdownSpan(block.prose, { start: keyStart, end: keyStart + key.length });
      const known = corpus.source(key) ? [key] : [];
      out.push({ kind: "pandoc", text: doc.text.slice(span.start, span.end), span, key, keySpan, sources: known });
    }
  }

  for (const f of block.footnotes) {
    if (!inSentence(f.prose)) continue;
    const definition = doc.footnoteDefinitions.get(f.label);
    out.push({
      kind: "footnote",
      text: doc.text.slice(f.span.start, f.span.end),
      span: f.span,
      key: f.label,
      sources: definition ? sourcesNamedIn(definition.text, corpus) : [],
      definition: definition?.span,
    });
  }

  // A footnote reference whose definition the parser did not see (none, or in
  // another chunk of the draft) is plain text to it, yet the writer meant a citation.
  for (const m of slice.matchAll(/\[\^([^\]\s]+)\](?!:)/g)) {
    const prose = { start: sentence.start + m.index, end: sentence.start + m.index + m[0].length };
    if (block.footnotes.some((f) => f.prose.start === prose.start)) continue;
    const key = m[1].toLowerCase();
    // Resolved through the draft's definitions, wherever in the draft they stand.
    const definition = doc.footnoteDefinitions.get(key);
    out.push({
      kind: "footnote",
      text: m[0],
      span: toMarkdownSpan(block.prose, prose),
      key,
      sources: definition ? sourcesNamedIn(definition.text, corpus) : [],
      definition: definition?.span,
    });
  }

  for (const l of block.links) {
    if (!inSentence(l.prose)) continue;
    const sources = corpus.sourcesAtUrl(l.url);
    if (sources.length) out.push({ kind: "link", text: doc.text.slice(l.span.start, l.span.end), span: l.span, key: l.url, sources });
  }

  // A publisher named in the sentence ("CTV News Toronto reported", "according to Naija Times").
  for (const named of publishersNamedIn(text.slice(sentence.start, sentence.end), corpus)) {
    const prose = { start: sentence.start + named.at, end: sentence.start + named.at + named.length };
    const span = toMarkdownSpan(block.prose, prose);
    if (out.some((c) => c.kind !== "publisher" && overlaps(span, c.span))) continue;
    out.push({ kind: "publisher", text: text.slice(prose.start, prose.end), span, key: named.publisher, sources: [named.id] });
  }
  return out;
}

interface PublisherNamed {
  at: number;
  length: number;
  id: string;
  publisher: string;
}

// A draft's sentences are re-read after every edit; most did not change.
const publishersBySentence = new MemoPer<SourceNames, string, PublisherNamed[]>(50_000);

/** Where a sentence names a source's publisher, each source once, by its longest name. */
function publishersNamedIn(sentence: string, corpus: SourceNames): PublisherNamed[] {
  return publishersBySentence.of(corpus).get(sentence, () => scanPublishers(sentence, corpus));
}

function scanPublishers(sentence: string, corpus: SourceNames): PublisherNamed[] {
  const found: PublisherNamed[] = [];
  const folded = fold(sentence);
  const named = new Set<string>();
  for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (m.index > 0 && /[\p{L}\p{N}]/u.test(folded[m.index - 1])) continue;
    for (const { name, id, publisher } of corpus.publishersStartingWith(m[0])) {
      if (named.has(id) || !folded.startsWith(name, m.index)) continue;
      if (/[\p{L}\p{N}]/u.test(folded[m.index + name.length] ?? "")) continue;
      // "the Courier" names the Riverside Courier; "the courier" is someone delivering.
      if (isHeadShortForm(name) && !/\p{Lu}/u.test(sentence[m.index + 4] ?? "")) continue;
      named.add(id);
      found.push({ at: m.index, length: name.length, id, publisher });
    }
  }
  return found;
}

/** The sources a footnote's definition names: by id, URL, title or publisher. */
export function sourcesNamedIn(definition: string, corpus: SourceNames): string[] {
  return namedIn.of(corpus).get(definition, () => scanDefinition(definition, corpus));
}

// Definitions are few and asked about often (every claim that cites them, every fix).
const namedIn = new MemoPer<SourceNames, string, string[]>(50_000);

function scanDefinition(definition: string, corpus: SourceNames): string[] {
  const text = plain(definition);
  const urls = [...definition.matchAll(/\b(?:https?:\/\/|www\.)[^\s)>\]]+/gi)].map((m) => m[0]);
  const out: string[] = [];
  for (const index of corpus.all) {
    const s = index.source;
    const named =
      findWord(text, plain(s.id)) >= 0 ||
      (s.url !== undefined && urls.some((u) => sameUrl(u, s.url!))) ||
      (plain(s.title).length > 0 && text.includes(plain(s.title))) ||
      index.publisherNames.some((n) => findWord(text, plain(n)) >= 0);
    if (named) out.push(s.id);
  }
  return out;
}

/** Folded, with quote marks, emphasis and punctuation made spaces, so "*Title*" and ‘Title’ meet. */
function plain(text: string): string {
  return fold(text)
    .replace(/[*_`"'“”‘’«»()[\]{}:;,.!?]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function findWord(haystack: string, needle: string): number {
  if (!needle) return -1;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1] ?? " ";
    const after = haystack[at + needle.length] ?? " ";
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return at;
  }
  return -1;
}

export function sameUrl(a: string, b: string): boolean {
  return normalUrl(a) === normalUrl(b);
}

/** A URL as two links to one article compare: no scheme, no www., no query or fragment, no trailing slash. */
export function normalUrl(u: string): string {
  return u
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/[#?].*$/, "")
    .replace(/\/+$/, "");
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The known id nearest to an unknown key, for "did you mean" ([@ctv] → ctv-news). */
export function nearestId(key: string, ids: string[]): string | undefined {
  const k = key.toLowerCase();
  let best: { id: string; score: number } | undefined;
  for (const id of ids) {
    const score = id.startsWith(k) || k.startsWith(id) ? 0.5 : editDistance(k, id) / Math.max(k.length, id.length);
    if (!best || score < best.score) best = { id, score };
  }
  return best && best.score <= 0.5 ? best.id : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** Whether a publisher name is the "the Head" short form, which counts only where its head is capitalised. */
export function isHeadShortForm(name: string): boolean {
  return /^the [\p{L}\p{N}]+$/u.test(name);
}
