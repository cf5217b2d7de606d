// The corpus behind a store: a newsroom's archive is too big to read and index whole
// for every check, so a store (in memory, an on-disk index, PostgreSQL) answers one
// question, "for this draft, which source articles could matter", and hands back
// those articles; an in-memory `Corpus` is built over just them (their indexes reused
// from check to check) and the same pure checker runs on it.
//
// Selection is by terms read in one cheap pass (no parse, no tagger): a source's
// subject-matter stems, its numbers, its id, URL and publisher's words; a draft's the
// same, with the ids it cites and the URLs it links. A corpus of at most
// `SELECT_ALL_UP_TO` sources is selected whole, so its findings are the in-memory
// corpus's by construction; a bigger one gives at most `CANDIDATE_LIMIT` sources, the
// highest scoring by the rarity of the terms they share (postings read rarest first,
// within a budget and at most `QUERY_TERMS` of them, so the cost follows the rare terms
// and not the archive's size), and
// every source the draft names by id or URL.

import type { Source } from "../model.js";
import { contentStems, fold } from "../parsing/words.js";
import { normalUrl } from "../claims/citations.js";
import { Corpus, type SourceIndex } from "./corpus.js";
import { mergeSources } from "./source-set.js";

/** A corpus this size or smaller is selected whole: the labelled sets, the bundled articles, a writer's folder. */
export const SELECT_ALL_UP_TO = 64;
/** The most sources a big corpus hands a draft, beside those it names. */
export const CANDIDATE_LIMIT = 24;
/** The most postings a selection reads (rarest terms first); commoner terms are left out past it. */
export const POSTINGS_BUDGET = 50_000;
/** The most of a draft's terms a selection reads, rarest first: the rare ones decide, and a long draft has hundreds. */
export const QUERY_TERMS = 128;

/** A source as a store keeps it: the source record, with a hash of its text. */
export interface StoredSource extends Source {
  /** A hash of the file's text (hex); the same text, the same hash. */
  hash: string;
}

/** What a draft asks a store. */
export interface DraftQuery {
  /** Its selection terms (see `selectionTerms`), no term twice. */
  terms: string[];
  /** The source ids it cites (Pandoc keys, footnote labels): these are always selected when they exist. */
  ids: string[];
  /** The URLs it links to, normalised: the sources at them are always selected. */
  urls: string[];
}

export interface Selection {
  sources: StoredSource[];
  /** How many sources the store holds. */
  total: number;
}

/**
 * A store of sources. `select` answers with the sources that could matter for a draft,
 * in corpus order (the order the checker would have read them in); an async store
 * (PostgreSQL) answers with a promise, which `ArchiveCorpus.prefetch` awaits before
 * the synchronous check. A later store (OpenSearch) is one more implementation.
 */
export interface CorpusStore {
  /** What it is, for messages ("on-disk index at …"). */
  readonly description: string;
  select(query: DraftQuery): Selection | Promise<Selection>;
  close?(): void | Promise<void>;
}

const NUMBER = /\d[\d,]*(?:\.\d+)?/g;
const CAPITALISED = /\p{Lu}[\p{L}'’-]*/gu;

/** The numbers of a text as terms: "230,000" and "230000" alike, "4.50" as "4.5". */
function numberTerms(text: string, out: Set<string>): void {
  for (const m of text.matchAll(NUMBER)) {
    const digits = m[0].replace(/,/g, "").replace(/\.$/, "");
    const n = Number(digits);
    if (Number.isFinite(n)) out.add(`#${n}`);
  }
}

/** A source's selection terms: its subject-matter stems and numbers, its id, URL and publisher's words. */
export function sourceTerms(source: Source): string[] {
  const body = source.text.slice(source.bodyStart);
  const out = new Set<string>();
  for (const stem of contentStems(body)) out.add(stem);
  numberTerms(body, out);
  out.add(`id:${source.id}`);
  if (source.url) out.add(`url:${normalUrl(source.url)}`);
  for (const w of fold(source.publisher).split(/[^\p{L}\p{N}]+/u)) if (w) out.add(`pub:${w}`);
  return [...out];
}

/** What a draft asks: its stems and numbers, the capitalised words that may name a publisher, the ids it cites and the URLs it links. */
export function draftQuery(text: string): DraftQuery {
  const terms = new Set<string>();
  for (const stem of contentStems(text)) terms.add(stem);
  numberTerms(text, terms);
  for (const m of text.matchAll(CAPITALISED)) terms.add(`pub:${fold(m[0]).replace(/['’-]+$/, "")}`);
  const ids = new Set<string>();
  // [@key], @key in a bracket, [^label]: the ways a draft cites by id.
  for (const m of text.matchAll(/[@^]([a-z0-9]+(?:-[a-z0-9]+)*)/gi)) ids.add(m[1].toLowerCase());
  const urls = new Set<string>();
  for (const m of text.matchAll(/https?:\/\/[^\s)<>\]"']+/g)) urls.add(normalUrl(m[0]));
  for (const id of ids) terms.add(`id:${id}`);
  for (const url of urls) terms.add(`url:${url}`);
  return { terms: [...terms], ids: [...ids], urls: [...urls] };
}

/** A term that names a source outright: the source is selected whatever its score. */
export function isNamingTerm(term: string): boolean {
  return term.startsWith("id:") || term.startsWith("url:");
}

/**
 * The top sources by shared rare terms, from a store's postings: each term's document
 * frequency first (`frequency`), then the postings of the rarest terms until `budget`
 * is spent; a source scores the sum of log(N / df) over the terms it shares. Sources
 * named by id or URL come first, whatever their score. Returns ordinals (the store's
 * numbers for its sources), at most `limit` beside the named ones.
 */
export function rankByTerms(
  query: DraftQuery,
  total: number,
  frequency: (term: string) => number,
  postings: (term: string) => ArrayLike<number>,
  limit = CANDIDATE_LIMIT,
  budget = POSTINGS_BUDGET,
): number[] {
  const named = new Set<number>();
  const scored: { term: string; df: number }[] = [];
  for (const term of query.terms) {
    const df = frequency(term);
    if (df === 0) continue;
    if (isNamingTerm(term)) {
      const list = postings(term);
      for (let i = 0; i < list.length; i++) named.add(list[i]);
      continue;
    }
    scored.push({ term, df });
  }
  scored.sort((a, b) => a.df - b.df || (a.term < b.term ? -1 : 1));
  const scores = new Map<number, number>();
  let read = 0;
  for (const { term, df } of scored.slice(0, QUERY_TERMS)) {
    if (read > 0 && read + df > budget) break;
    const weight = Math.log((total + 1) / df);
    const list = postings(term);
    for (let i = 0; i < list.length; i++) scores.set(list[i], (scores.get(list[i]) ?? 0) + weight);
    read += df;
  }
  // Scores to 9 decimals: a sum's last bits depend on its order (PostgreSQL adds in its own), and a tie goes to the lower ordinal.
  for (const [key, score] of scores) scores.set(key, Math.round(score * 1e9) / 1e9);
  return [...named, ...topK(scores, limit, named)];
}

/** The `k` keys of highest score not in `skip` (ties by the lower key), best first, without sorting them all. */
function topK(scores: Map<number, number>, k: number, skip: Set<number>): number[] {
  const best: [number, number][] = [];
  const worse = (a: [number, number], b: [number, number]): boolean => a[1] < b[1] || (a[1] === b[1] && a[0] > b[0]);
  for (const entry of scores) {
    if (skip.has(entry[0])) continue;
    if (best.length < k) {
      best.push(entry);
      if (best.length === k) best.sort((a, b) => (worse(a, b) ? -1 : 1));
      continue;
    }
    if (!worse(best[0], entry)) continue;
    // Replace the worst and keep the list ordered worst first (k is small).
    best[0] = entry;
    for (let i = 0; i + 1 < best.length && worse(best[i + 1], best[i]); i++) [best[i], best[i + 1]] = [best[i + 1], best[i]];
  }
  return best.sort((a, b) => (worse(a, b) ? 1 : -1)).map(([key]) => key);
}

/** A 53-bit FNV-style hash of a text, in hex: a store's `hash` where nothing stronger is at hand. */
export function textHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return ((h2 >>> 0) & 0x1fffff).toString(16).padStart(6, "0") + (h1 >>> 0).toString(16).padStart(8, "0");
}

/** The in-memory store: today's corpus (the bundled articles, a writer's folders), selected by the same rule as the others. */
export class MemoryStore implements CorpusStore {
  readonly description: string;
  private readonly sources: StoredSource[];
  private postingsByTerm?: Map<string, number[]>;

  constructor(sources: Source[], description = "sources in memory") {
    this.sources = sources.map((s) => ({ ...s, hash: textHash(s.text) }));
    this.description = description;
  }

  select(query: DraftQuery): Selection {
    const total = this.sources.length;
    if (total <= SELECT_ALL_UP_TO) return { sources: this.sources, total };
    if (!this.postingsByTerm) {
      const map = new Map<string, number[]>();
      this.sources.forEach((s, ordinal) => {
        for (const term of sourceTerms(s)) {
          const list = map.get(term);
          if (list) list.push(ordinal);
          else map.set(term, [ordinal]);
        }
      });
      this.postingsByTerm = map;
    }
    const map = this.postingsByTerm;
    const ordinals = rankByTerms(
      query,
      total,
      (t) => map.get(t)?.length ?? 0,
      (t) => map.get(t) ?? [],
    );
    return { sources: ordinals.sort((a, b) => a - b).map((o) => this.sources[o]), total };
  }
}

/** How many indexed sources an `ArchiveCorpus` keeps from check to check. */
const KEPT_INDEXES = 4_000;

/**
 * The corpus a draft is checked against when its sources are a store's: the sources
 * always in memory (`base`: the bundled articles, a writer's folders), then the
 * store's selection for this draft; a store source whose id a base source already has
 * is left out (the base one keeps it, as `mergeSources` rules). Each selected source
 * is indexed once and kept (by id and hash, the most recent `KEPT_INDEXES`), so the
 * next draft pays only for sources it has not met.
 */
export class ArchiveCorpus {
  private readonly kept = new Map<string, SourceIndex>();
  private readonly prefetched = new Map<string, Selection>();
  /** What the last selection read: how many sources the store holds, how many it gave. */
  last?: { total: number; selected: number };

  constructor(
    readonly base: Corpus,
    readonly store: CorpusStore,
  ) {}

  /** Awaits the store's selection for this draft, so `corpusFor` answers synchronously even from an async store. */
  async prefetch(text: string): Promise<void> {
    if (this.prefetched.has(text)) return;
    const selection = await this.store.select(draftQuery(text));
    this.prefetched.set(text, selection);
  }

  /** The corpus for this draft. From an async store, call `prefetch` first. */
  corpusFor(text: string): Corpus {
    let selection = this.prefetched.get(text);
    if (selection) this.prefetched.delete(text);
    else {
      const answer = this.store.select(draftQuery(text));
      if (answer instanceof Promise) throw new Error(`${this.store.description} answers asynchronously: prefetch the draft first`);
      selection = answer;
    }
    this.last = { total: selection.total, selected: selection.sources.length };
    const taken = new Set(this.base.sources.map((s) => s.id));
    const merged = mergeSources([{ sources: selection.sources.filter((s) => !taken.has(s.id)), problems: [] }]);
    const indexes: SourceIndex[] = [...this.base.all];
    const missing: Source[] = [];
    for (const s of merged.sources as StoredSource[]) {
      const known = this.kept.get(keyOf(s));
      if (known) {
        // Most recently used last: the oldest go first when the map is full.
        this.kept.delete(keyOf(s));
        this.kept.set(keyOf(s), known);
      } else missing.push(s);
    }
    const fresh = Corpus.of(missing);
    for (const index of fresh.all) this.kept.set(keyOf(index.source as StoredSource), index);
    while (this.kept.size > KEPT_INDEXES) this.kept.delete(this.kept.keys().next().value!);
    for (const s of merged.sources as StoredSource[]) {
      const index = this.kept.get(keyOf(s));
      if (index) indexes.push(index);
    }
    return new Corpus(indexes, [...this.base.failures, ...fresh.failures]);
  }
}

function keyOf(s: StoredSource): string {
  return `${s.id}\u0000${s.hash}`;
}
