// The corpus: the source articles, each read once into an index of its sentences'
// figures (and quotes), so that checking a draft never re-reads a source. Adding,
// changing or removing one source re-indexes that source alone.

import type { Source, SourceProblem, Span } from "../model.js";
import { draftValueKeys, nextSlot, slotKind, sourceValueKeys, unitThing } from "../claims/quantities.js";
import { parseMarkdown, type Prose } from "../parsing/markdown.js";
import { readSentences, type ReadFigure, type ReadSentence } from "../claims/read.js";
import { fold } from "../parsing/words.js";
import { findQuotes } from "../claims/quotes.js";
import { articleSpeakers, type ArticleBlock, type SpeakerRef } from "../claims/speakers.js";
import { isHeadShortForm, normalUrl, type SourceNames } from "../claims/citations.js";
import { Memo } from "../memo.js";
import { isDateline } from "../claims/figure-frame.js";

export interface SourceFigure extends ReadFigure {
  source: string;
  /** The source sentence the figure stands in, as plain text. */
  excerpt: string;
  /** Its ordinal among the figures of the same kind in its sentence (claims/quantities.ts `slotKind`). */
  ordinal: number;
  /** The subject-matter words of its paragraph. */
  paragraph?: Set<string>;
  /** The figures of its sentence, itself included. */
  siblings?: SourceFigure[];
  /** The subject-matter words of its whole article. */
  article?: Set<string>;
  /** A date whose year the source spells out as before the year it was published ("Nov. 18, 2023" in a 2025 article). */
  pastYear?: boolean;
}

/** One prose block of a source (a paragraph), for quote matching. */
export interface SourceParagraph {
  source: string;
  index: number;
  text: string;
  /** The paragraph's prose, mapped to the source file's text. */
  prose: Prose;
  sentences: ReadSentence[];
  /** The paragraph's quotes, with their speakers resolved against the whole article. */
  quotes: SourceQuote[];
  /** The paragraph's subject-matter words, to find the paragraphs a quote may come from. */
  stems: Set<string>;
}

export interface SourceQuote {
  /** The quote's span in the paragraph's prose. */
  span: Span;
  speaker?: SpeakerRef;
}

export interface SourceIndex {
  source: Source;
  sentences: ReadSentence[];
  figures: SourceFigure[];
  paragraphs: SourceParagraph[];
  /** Named by `Source` and cached here: the folded publisher names a draft may use. */
  publisherNames: string[];
}

export function indexSource(source: Source): SourceIndex {
  // Parse the whole file so offsets are the file's; front matter is never prose.
  const parsed = parseMarkdown(source.text, { plain: true });
  const sentences = readSentences(parsed);
  const figures: SourceFigure[] = [];
  const publishedYear = source.date ? Number(source.date.slice(0, 4)) : undefined;
  const paragraphWords = new Map<unknown, Set<string>>();
  for (const s of sentences) {
    let words = paragraphWords.get(s.block);
    if (!words) paragraphWords.set(s.block, (words = new Set()));
    for (const w of s.stems) words.add(w);
  }
  for (const s of sentences) {
    const seen = new Map<string, number>();
    const siblings: SourceFigure[] = [];
    for (const f of s.figures) {
      // "Dec. 1" in an article dated 2022-10 is Dec. 1, 2022.
      const value =
        f.value.type === "date" && f.value.year === undefined && f.value.month !== undefined && publishedYear
          ? { ...f.value, year: publishedYear }
          : f.value;
      const figure: SourceFigure = {
        ...f,
        value,
        pastYear:
          f.value.type === "date" && f.value.year !== undefined && publishedYear !== undefined && f.value.year < publishedYear
            ? true
            : undefined,
        source: source.id,
        // A table cell says what it is by its row and column: "63.5 t (All vehicles, Before the closure)".
        excerpt: s.block.kind === "cell" && f.labels?.length ? `${s.text} (${f.labels.join(", ")})` : s.text,
        ordinal: nextSlot(seen, slotKind(f.value, f.unit)),
        paragraph: paragraphWords.get(s.block),
        siblings,
      };
      siblings.push(figure);
      figures.push(figure);
    }
  }
  // A dateline's date ("WRENFIELD, August 22, 2025 –") is the date of all the article reports.
  const articleWords = new Set(sentences.flatMap((s) => [...s.stems]));
  for (const f of figures) f.article = articleWords;
  for (const f of figures)
    if (f.value.type === "date" && f.sentence.start === sentences[0]?.span.start && isDateline(f)) f.context = articleWords;
  const paragraphs: SourceParagraph[] = [];
  const blocks: ArticleBlock[] = [];
  // Each block's sentences, grouped in one pass (a filter per block costs the square of the blocks).
  const byBlock = new Map<unknown, ReadSentence[]>();
  for (const s of sentences) {
    const own = byBlock.get(s.block);
    if (own) own.push(s);
    else byBlock.set(s.block, [s]);
  }
  parsed.blocks.forEach((block, index) => {
    const own = byBlock.get(block) ?? [];
    const paragraph: SourceParagraph = {
      source: source.id,
      index,
      text: block.prose.text,
      prose: block.prose,
      sentences: own,
      quotes: [],
      // The sentences' words, read once with their figures.
      stems: new Set(own.flatMap((s) => [...s.stems])),
    };
    paragraphs.push(paragraph);
    const spans = own.map((s) => s.prose);
    blocks.push({ text: block.prose.text, sentences: spans, masked: [], quotes: findQuotes(block.prose.text, spans) });
  });
  // Quotes, unquoted attributions and sentence subjects in article order, so "It said" and "she said" find their speaker.
  const speakers = articleSpeakers(blocks);
  blocks.forEach((b, index) => {
    for (const q of b.quotes) paragraphs[index].quotes.push({ span: q.span, speaker: speakers.get(q) });
  });
  return { source, sentences, figures, paragraphs, publisherNames: publisherNames(source.publisher) };
}

/**
 * The ways a draft names a publisher: its full name, with or without a leading
 * "The"; its head after "the", capitalised in the text ("the Courier" for Riverside
 * Courier; not where two publishers share it); a leading acronym ("CTV" for "CTV News
 * Toronto"); and, for a name that opens
 * with its acronym, its leading words from two on ("CTV News"), the way outlets
 * named by their letters drop an edition. Other names are not cut: "New York" does
 * not name The New York Times, and one shared word is never a name ("The Retail and
 * Food Workers Union" does not name The Retail Ledger).
 */
export function publisherNames(publisher: string): string[] {
  const words = fold(publisher).split(/\s+/).filter(Boolean);
  const names = [words.join(" ")];
  const core = words[0] === "the" && words.length > 2 ? words.slice(1) : words;
  if (core !== words) names.push(core.join(" "));
  // "the Courier" for Riverside Courier, "the Ledger" for The Retail Ledger: the head with "the".
  // Not for a name led by its letters, whose last word is an edition ("CTV News Toronto"
  // is not "the Toronto"), nor for an institution's ("Ministry of Health").
  const head = core[core.length - 1];
  const first = publisher.trim().split(/\s+/)[0] ?? "";
  const lettered = /^\p{Lu}{2,}$/u.test(first);
  if (core.length >= 2 && !lettered && !core.some((w) => JOINING_WORDS.has(w))) names.push(`the ${head}`);
  if (words.length > 1 && lettered) {
    for (let n = words.length - 1; n >= 2; n--) if (!JOINING_WORDS.has(words[n - 1])) names.push(words.slice(0, n).join(" "));
    // A leading acronym names the outlet on its own ("CTV reported" for CTV News Toronto).
    names.push(fold(first));
  }
  return names;
}

// Words that join a name's parts; a short form never ends on one.
const JOINING_WORDS = new Set("the a an of and for in on at to de du la le & und".split(" "));

/** How many source paragraphs a quote is aligned against at most. */
const QUOTE_CANDIDATES = 24;
/** How many figure postings a contradiction look-up reads before it only counts. */
const FIGURE_POSTINGS_BUDGET = 5_000;
/** How many paragraph postings a quote's look-up reads before it only counts. */
const QUOTE_POSTINGS_BUDGET = 5_000;

export class Corpus implements SourceNames {
  private readonly indexes: Map<string, SourceIndex>;
  private figuresByKey?: Map<string, SourceFigure[]>;
  private figuresByThing?: Map<string, Map<string, SourceFigure[]>>;
  private paragraphsByStem?: Map<string, SourceParagraph[]>;
  private publishersByWord?: Map<string, { name: string; id: string; publisher: string }[]>;
  private idsByUrl?: Map<string, string[]>;
  /** The sources that could not be indexed (the indexer threw), each named by its file; they are left out. */
  readonly failures: SourceProblem[];

  constructor(indexes: Iterable<SourceIndex>, failures: SourceProblem[] = []) {
    this.indexes = new Map([...indexes].map((i) => [i.source.id, i]));
    this.failures = failures;
  }

  /**
   * A corpus of these sources, in this order; a source already indexed in `reuse` (the
   * same object) is not indexed again. A source whose indexing throws (a stack overflow
   * on markup past what the limits catch) is left out and kept in `failures`: one broken
   * source never empties the corpus.
   */
  static of(sources: Source[], reuse?: Corpus): Corpus {
    const indexes: SourceIndex[] = [];
    const failures: SourceProblem[] = [];
    for (const s of sources) {
      const known = reuse?.indexes.get(s.id);
      if (known && known.source === s) {
        indexes.push(known);
        continue;
      }
      try {
        indexes.push(indexSource(s));
      } catch (e) {
        const why =
          e instanceof RangeError && /call stack/i.test(e.message)
            ? "is nested too deeply to read (the indexer ran out of stack)"
            : `could not be read: the indexer failed (${(e as Error)?.message ?? String(e)})`;
        failures.push({ path: s.path, message: `${why}; left out` });
      }
    }
    return new Corpus(indexes, failures);
  }

  get sources(): Source[] {
    return [...this.indexes.values()].map((i) => i.source);
  }

  get size(): number {
    return this.indexes.size;
  }

  source(id: string): Source | undefined {
    return this.indexes.get(id)?.source;
  }

  index(id: string): SourceIndex | undefined {
    return this.indexes.get(id);
  }

  get all(): SourceIndex[] {
    return [...this.indexes.values()];
  }

  /** A corpus with this source added or replaced; the others' indexes are reused. */
  with(source: Source): Corpus {
    const next = new Map(this.indexes);
    next.set(source.id, indexSource(source));
    return new Corpus(next.values());
  }

  /** A corpus without the sources read from this path. */
  withoutPath(path: string): Corpus {
    return new Corpus([...this.indexes.values()].filter((i) => i.source.path !== path));
  }

  /**
   * The source figures that might speak to a draft figure: those with its value or
   * its pinned unit and noun (which may back it), and those counting the same kind of
   * thing (or dating something) in a sentence that shares at least two of its
   * subject-matter words (which may contradict it). Built on first use; the shared
   * words are looked up rarest first, so the cost follows the rare words' postings
   * rather than the corpus size.
   */
  figureCandidates(draft: ReadFigure, cited: string[] = []): SourceFigure[] {
    if (!this.figuresByKey || !this.figuresByThing) {
      const byKey = new Map<string, SourceFigure[]>();
      const byThing = new Map<string, Map<string, SourceFigure[]>>();
      for (const index of this.indexes.values()) {
        for (const f of index.figures) {
          for (const key of figureKeys(f, "source")) push(byKey, key, f);
          const thing = thingKey(f);
          if (!thing) continue;
          let stems = byThing.get(thing);
          if (!stems) byThing.set(thing, (stems = new Map()));
          for (const stem of f.context) push(stems, stem, f);
        }
      }
      this.figuresByKey = byKey;
      this.figuresByThing = byThing;
    }
    const out = new Set<SourceFigure>();
    for (const key of figureKeys(draft, "draft")) for (const f of this.figuresByKey.get(key) ?? []) out.add(f);
    const thing = thingKey(draft);
    const stems = thing ? this.figuresByThing.get(thing) : undefined;
    if (stems) {
      const shared = countShared(
        draft.context,
        (stem) => stems.get(stem) ?? [],
        (f, stem) => f.context.has(stem),
        FIGURE_POSTINGS_BUDGET,
      );
      for (const [f, n] of shared) if (n >= 2) out.add(f);
    }
    // The cited sources' figures of the same kind, whatever words they share.
    // And their tallies for a count, which may be one side of one ("voted 371 to 18").
    for (const id of cited)
      for (const f of this.indexes.get(id)?.figures ?? [])
        if ((thing && thingKey(f) === thing) || (f.value.type === "score" && draft.value.type === "count")) out.add(f);
    return [...out];
  }

  /** The folded publisher names that start with this folded word, longest first, with their source. */
  publishersStartingWith(word: string): { name: string; id: string; publisher: string }[] {
    if (!this.publishersByWord) {
      const map = new Map<string, { name: string; id: string; publisher: string }[]>();
      for (const index of this.indexes.values()) {
        for (const name of index.publisherNames) {
          const first = /^[\p{L}\p{N}]+/u.exec(name)?.[0];
          if (!first) continue;
          const list = map.get(first) ?? [];
          list.push({ name, id: index.source.id, publisher: index.source.publisher });
          map.set(first, list);
        }
      }
      for (const [first, list] of map) {
        // "the News" for two outlets named "… News" names neither.
        const kept = list.filter(
          (p) => !isHeadShortForm(p.name) || list.every((q) => q.name !== p.name || q.id === p.id || q.publisher === p.publisher),
        );
        kept.sort((a, b) => b.name.length - a.name.length);
        map.set(first, kept);
      }
      this.publishersByWord = map;
    }
    return this.publishersByWord.get(word) ?? [];
  }

  /** The sources whose url a link points at. */
  sourcesAtUrl(url: string): string[] {
    if (!this.idsByUrl) {
      const map = new Map<string, string[]>();
      for (const index of this.indexes.values()) {
        if (!index.source.url) continue;
        const key = normalUrl(index.source.url);
        map.set(key, [...(map.get(key) ?? []), index.source.id]);
      }
      this.idsByUrl = map;
    }
    return this.idsByUrl.get(normalUrl(url)) ?? [];
  }

  /**
   * The paragraphs a quote may come from: those that share at least a third of the
   * quote's subject-matter words (at least one). Built on first use.
   */
  private readonly quoteLookups = new Memo<string, SourceParagraph[]>(50_000);

  quoteCandidates(quoteStems: Set<string>, key = [...quoteStems].sort().join(" ")): SourceParagraph[] {
    // A re-check after an edit asks again for every quote it did not change.
    return this.quoteLookups.get(key, () => this.findQuoteCandidates(quoteStems));
  }

  private findQuoteCandidates(quoteStems: Set<string>): SourceParagraph[] {
    if (!this.paragraphsByStem) {
      const map = new Map<string, SourceParagraph[]>();
      for (const index of this.indexes.values()) {
        for (const p of index.paragraphs) {
          for (const stem of p.stems) {
            const list = map.get(stem);
            if (list) list.push(p);
            else map.set(stem, [p]);
          }
        }
      }
      this.paragraphsByStem = map;
    }
    const counts = countShared(
      quoteStems,
      (stem) => this.paragraphsByStem!.get(stem) ?? [],
      (p, stem) => p.stems.has(stem),
      QUOTE_POSTINGS_BUDGET,
    );
    const needed = Math.max(1, Math.ceil(quoteStems.size / 3));
    // The paragraphs sharing most of the quote's words, best first; a quote's source
    // is among the closest few even in a corpus of near-copies.
    return [...counts]
      .filter(([, n]) => n >= needed)
      .sort((a, b) => b[1] - a[1])
      .slice(0, QUOTE_CANDIDATES)
      .map(([p]) => p);
  }
}

/**
 * The keys a figure may be backed under: its value (each end of a range; a source's
 * also rounded to each coarser place, claims/quantities.ts), and a pinned unit with its noun.
 */
export function figureKeys(f: ReadFigure, side: "source" | "draft"): string[] {
  if (f.value.type === "date") {
    const keys: string[] = [];
    if (f.value.year !== undefined) keys.push(`year:${f.value.year}`);
    if (f.value.day !== undefined) keys.push(`day:${f.value.month}-${f.value.day}`);
    return keys;
  }
  const keys = side === "source" ? sourceValueKeys(f.value) : draftValueKeys(f.value);
  if (f.unit && f.noun) keys.push(`pin:${f.unit}|${f.noun}`);
  return keys;
}

/**
 * What a figure may be contradicted by, before frames are read: a date by dates, a
 * count by counts of the same unit. Frames (matching/figures.ts) decide the rest, read
 * only for the candidates that share words with the draft's sentence.
 */
function thingKey(f: ReadFigure): string | undefined {
  if (f.value.type === "date" || f.value.type === "score") return f.value.type;
  // Money by its currency's family, so "$" and "US$" meet; a share by its unit.
  return `count|${f.unit ? unitThing(f.unit) : ""}`;
}

/**
 * How many of `stems` each item shares, for the items that hold at least one of the
 * rarest: the rarest words' postings are read until `budget` is spent; commoner words
 * ("China", "police") only add to the counts of items already found, so the cost
 * follows the rare words, not the corpus size.
 */
function countShared<T>(
  stems: Iterable<string>,
  postings: (stem: string) => T[],
  has: (item: T, stem: string) => boolean,
  budget: number,
): Map<T, number> {
  const byRarity = [...stems].map((stem) => ({ stem, list: postings(stem) })).sort((a, b) => a.list.length - b.list.length);
  const counts = new Map<T, number>();
  let read = 0;
  for (const { stem, list } of byRarity) {
    if (read === 0 || read + list.length <= budget) {
      for (const item of list) counts.set(item, (counts.get(item) ?? 0) + 1);
      read += list.length;
    } else {
      for (const [item, n] of counts) if (has(item, stem)) counts.set(item, n + 1);
    }
  }
  return counts;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
