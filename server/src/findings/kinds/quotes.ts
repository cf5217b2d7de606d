// Quote claims and their verdicts. A quote that a source has word for word (by the
// newsroom's conventions: ellipses, brackets, partial quotes) is backed, unless the
// draft clearly gives it to someone the sources do not; one close to a source
// passage but altered is a mismatch, with the words that changed; one with nothing
// close is unsupported.

import type { Citation, Evidence, Fix, QuoteClaim, Span } from "../../model.js";
import { toMarkdownSpan, type Block } from "../../parsing/markdown.js";
import { contentStems, fold } from "../../parsing/words.js";
import { findQuotes, type FoundQuote } from "../../claims/quotes.js";
import { maskedSpans, type ReadSentence } from "../../claims/read.js";
import { articleSpeakers, checkableNames, sameSpeaker, type SpeakerRef } from "../../claims/speakers.js";
import { isHeadShortForm } from "../../claims/citations.js";
import type { SourceParagraph } from "../../corpus/corpus.js";
import { alignQuote, describeDiff, type QuoteAlignment } from "../../matching/quotes.js";
import { KeptWith, Memo } from "../../memo.js";
import type { ClaimChecker, Verdict } from "../checker.js";
import type { DraftContext } from "../context.js";
import { backedFixes } from "../fixes.js";
import { citationsKey, citedSources, judgeBacked, publisherOf } from "../verdicts.js";

/** What a quote claim's judgement needs beyond the claim: the pieces as the matcher reads them, and who the draft's reference stands for. */
interface Found {
  aligned: string;
  drafted: () => SpeakerRef | undefined;
  /** The quote as found in its block: the same object on every check while its block is unchanged. */
  quote: FoundQuote;
}
const foundOf = new WeakMap<QuoteClaim, Found>();

interface SourceMatch {
  paragraph: SourceParagraph;
  alignment: QuoteAlignment;
  evidence: Evidence;
  /** Who the source says spoke the matched words, if it says. */
  speaker?: SpeakerRef;
}

interface QuoteVerdict extends Verdict {
  /** For a mismatch: the closest source passage, whose wording a fix restores. */
  closest?: SourceMatch;
}

export const quotes: ClaimChecker<QuoteClaim, QuoteVerdict> = {
  kind: "quote",
  codes: ["quote-mismatch", "quote-misattributed", "citation-mismatch", "quote-unsupported", "quote-unattributed"],
  find: findQuoteClaims,
  covers: (claim) => claim.quote.pieces,
  judge: judgeQuote,
  fixes(claim, verdict, ctx) {
    if (verdict.finding?.code === "quote-mismatch" && verdict.closest)
      return restoreFixes(claim, verdict.closest, publisherOf(verdict.closest.paragraph.source, ctx), ctx);
    if (verdict.finding?.code === "quote-misattributed") return [];
    return backedFixes(claim, verdict, ctx);
  },
};

function findQuoteClaims(ctx: DraftContext): QuoteClaim[] {
  const claims: QuoteClaim[] = [];
  const byBlock = new Map<Block, ReadSentence[]>();
  for (const s of ctx.sentences) {
    const list = byBlock.get(s.block);
    if (list) list.push(s);
    else byBlock.set(s.block, [s]);
  }
  const blocks = [...byBlock].map(([block, own]) => ({ block, own, quotes: quotesIn(block, own) }));
  // Read the whole draft for speakers only if a quote's speaker is a reference ("the mayor") to resolve.
  let resolved: Map<FoundQuote, SpeakerRef | undefined> | undefined;
  const speakers = (): Map<FoundQuote, SpeakerRef | undefined> => (resolved ??= speakersOf(blocks));
  for (const { block, own, quotes } of blocks) {
    for (const quote of quotes) {
      const touched = own.filter((s) => quote.span.start < s.prose.end && quote.span.end > s.prose.start);
      const first = touched[0] ?? own[0];
      const citations: Citation[] = [...new Set(touched.flatMap((s) => ctx.coverage[s.index]))];
      const claim: QuoteClaim = {
        kind: "quote",
        text: quote.text,
        span: toMarkdownSpan(block.prose, quote.span),
        sentence: first.span,
        quote: {
          text: quote.text,
          span: toMarkdownSpan(block.prose, quote.span),
          pieces: quote.pieces.map((p) => toMarkdownSpan(block.prose, p)),
          sentence: first.span,
          speaker: quote.speaker,
        },
        citations,
      };
      foundOf.set(claim, { aligned: quote.aligned, drafted: () => speakers().get(quote), quote });
      claims.push(claim);
    }
  }
  return claims;
}

/**
 * Who spoke each quote of the draft. A re-check whose blocks have every one the same
 * quotes as the last check's (the same arrays, from quoteCache, whose key is all a
 * block's reading of speakers depends on: its text, sentences and masked spans) has the
 * same speakers, and is not read again: most edits touch no quote.
 */
function speakersOf(blocks: { block: Block; own: ReadSentence[]; quotes: FoundQuote[] }[]): Map<FoundQuote, SpeakerRef | undefined> {
  const last = blocks.length > 0 ? lastSpeakers.get(blocks[blocks.length - 1].quotes) : undefined;
  if (last && last.quotes.length === blocks.length && last.quotes.every((q, i) => q === blocks[i].quotes)) return last.resolved;
  const resolved = articleSpeakers(
    blocks.map(({ block, own, quotes }) => ({
      text: block.prose.text,
      sentences: own.map((s) => s.prose),
      masked: maskedSpans(block),
      quotes,
    })),
    { cache: true },
  );
  if (blocks.length > 0) lastSpeakers.set(blocks[blocks.length - 1].quotes, { quotes: blocks.map((b) => b.quotes), resolved });
  return resolved;
}

// By the last block's quotes (emptied with quoteCache, since its arrays are new after that).
const lastSpeakers = new WeakMap<FoundQuote[], { quotes: FoundQuote[][]; resolved: Map<FoundQuote, SpeakerRef | undefined> }>();

// A draft is re-checked after every edit; a block that did not change has the same quotes.
// Bounded by a quick estimate of bytes (a quote found holds its text, pieces and speaker): walking each entry cost more than finding its quotes.
const quoteCache = new Memo<string, FoundQuote[]>(20_000, {
  bytesOf: (key, quotes) => 2 * key.length + 64 + quotes.reduce((n, q) => n + 256 + 4 * q.text.length, 0),
});

const quotesKept = new KeptWith<Int32Array, FoundQuote[]>();

function quotesIn(block: Block, own: ReadSentence[]): FoundQuote[] {
  const spans = own.map((s) => s.prose);
  const masked = maskedSpans(block);
  const rest = `${spans.map((s) => `${s.start}-${s.end}`).join(",")}\u0001${masked.map((m) => `${m.start}-${m.end}`).join(",")}`;
  // A block of a cached parse (the same offsets, so the same text) is found without hashing its text.
  return quotesKept.get(block.prose.offsets, rest, () =>
    quoteCache.get(`${rest}\u0001${block.prose.text}`, () => findQuotes(block.prose.text, spans, masked)),
  );
}

/**
 * A quote's verdict, kept with the quote as its block found it and given again while all
 * it read is as it was: the corpus, the quote's words and speaker phrase, its citations'
 * kinds and sources, and, where the verdict asked whom a reference stands for, that
 * speaker. A re-check after an edit judges only the quotes it touched.
 */
function judgeQuote(claim: QuoteClaim, ctx: DraftContext): QuoteVerdict {
  const found = foundOf.get(claim);
  if (!found) return judgeQuoteUncached(claim, ctx, () => undefined);
  const citations = citationsKey(claim);
  const last = quoteVerdicts.get(found.quote);
  if (
    last &&
    last.corpus === ctx.corpus &&
    last.citations === citations &&
    last.text === claim.quote.text &&
    last.aligned === found.aligned &&
    last.speakerPhrase === claim.quote.speaker &&
    (last.speaker === undefined || last.speaker === JSON.stringify(found.drafted() ?? null))
  )
    return last.verdict;
  let asked = false;
  const verdict = judgeQuoteUncached(claim, ctx, () => {
    asked = true;
    return found.drafted();
  });
  quoteVerdicts.set(found.quote, {
    corpus: ctx.corpus,
    citations,
    text: claim.quote.text,
    aligned: found.aligned,
    speakerPhrase: claim.quote.speaker,
    speaker: asked ? JSON.stringify(found.drafted() ?? null) : undefined,
    verdict,
  });
  return verdict;
}

const quoteVerdicts = new WeakMap<
  FoundQuote,
  {
    corpus: object;
    citations: string;
    text: string;
    aligned: string;
    speakerPhrase: string | undefined;
    /** Whom the draft's reference stands for, where the verdict asked (JSON); undefined where it did not ask. */
    speaker: string | undefined;
    verdict: QuoteVerdict;
  }
>();

function judgeQuoteUncached(claim: QuoteClaim, ctx: DraftContext, drafted: () => SpeakerRef | undefined): QuoteVerdict {
  const quote = claim.quote;
  const found = foundOf.get(claim);
  const best = new Map<string, SourceMatch>();
  for (const paragraph of ctx.corpus.quoteCandidates(quoteStems(quote.text), quote.text)) {
    const alignment = alignedWith(found?.aligned ?? quote.text, paragraph);
    if (alignment.kind === "none" || !alignment.span) continue;
    const current = best.get(paragraph.source);
    const rank = (a: QuoteAlignment): number => (a.kind === "verbatim" ? 2 : 1) + a.similarity;
    if (!current || rank(alignment) > rank(current.alignment)) {
      const speaker = speakerAt(paragraph, alignment.span);
      best.set(paragraph.source, { paragraph, alignment, speaker, evidence: evidenceOf(paragraph, alignment, speaker) });
    }
  }
  const matches = [...best.values()];
  const verbatim = matches.filter((m) => m.alignment.kind === "verbatim");
  const evidence = matches.sort((a, b) => Number(b.evidence.backs) - Number(a.evidence.backs)).map((m) => m.evidence);
  const wording = `the quote “${shorten(quote.text)}”`;

  if (verbatim.length === 0 && matches.length > 0) {
    // The writer's own source first: restoring its wording keeps the citation right.
    const cited = new Set(citedSources(claim));
    const pool = matches.some((m) => cited.has(m.paragraph.source)) ? matches.filter((m) => cited.has(m.paragraph.source)) : matches;
    const closest = pool.reduce((a, b) => (b.alignment.similarity > a.alignment.similarity ? b : a));
    const publisher = publisherOf(closest.paragraph.source, ctx);
    return {
      evidence,
      backers: [],
      closest,
      finding: { code: "quote-mismatch", message: `Differs from ${publisher}: ${describeDiff(closest.alignment.diff)}.` },
    };
  }

  // "CTV News Toronto said the RCMP “…”": an outlet named as the speaker is the
  // attribution, not who spoke.
  // Who the draft says spoke: a name, or a reference ("the mayor") to someone it named.
  const names = verbatim.length > 0 && quote.speaker ? checkableNames(quote.speaker, drafted) : undefined;
  if (names && !names.some((n) => namesPublisher(n, ctx))) {
    const refs = verbatim.flatMap((m) => (m.speaker ? [{ match: m, ref: m.speaker }] : []));
    if (refs.length > 0 && refs.every(({ ref }) => !names.some((n) => sameSpeaker(n, ref)))) {
      const cited = new Set(citedSources(claim));
      const { match, ref } = refs.find((r) => cited.has(r.match.paragraph.source)) ?? refs[0];
      const publisher = publisherOf(match.paragraph.source, ctx);
      const given = names[0] === quote.speaker ? quote.speaker : `${quote.speaker} (${names[0]})`;
      return {
        evidence,
        backers: [],
        finding: { code: "quote-misattributed", message: `${publisher} gives these words to ${ref.names[0]}, not ${given}.` },
      };
    }
  }

  return judgeBacked(claim, evidence, [...new Set(verbatim.map((m) => m.paragraph.source))], ctx, {
    unsupported: `No source has ${wording} or anything close to it.`,
    nounPhrase: wording,
    unattributedCode: "quote-unattributed",
    unsupportedCode: "quote-unsupported",
  });
}

// A quote's words are read once, however often the draft is re-checked.
const stemsOfQuote = new Memo<string, Set<string>>(20_000);

function quoteStems(text: string): Set<string> {
  return stemsOfQuote.get(text, contentStems);
}

// Re-checking a draft after an edit realigns only the quotes that changed: an
// alignment depends on nothing but the quote's words and the paragraph.
const alignments = new Memo<string, WeakMap<SourceParagraph, QuoteAlignment>>(10_000);

function alignedWith(quote: string, paragraph: SourceParagraph): QuoteAlignment {
  const byParagraph = alignments.get(quote, () => new WeakMap());
  let alignment = byParagraph.get(paragraph);
  if (!alignment) {
    alignment = alignQuote(quote, paragraph.text);
    byParagraph.set(paragraph, alignment);
  }
  return alignment;
}

function namesPublisher(speaker: string, ctx: DraftContext): boolean {
  const folded = fold(speaker);
  for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (
      ctx.corpus
        .publishersStartingWith(m[0])
        .some((p) => folded.startsWith(p.name, m.index) && (!isHeadShortForm(p.name) || /\p{Lu}/u.test(speaker[m.index + 4] ?? "")))
    )
      return true;
  }
  return false;
}

/** The speaker of the source quote that the matched passage falls in. */
function speakerAt(paragraph: SourceParagraph, span: Span): SpeakerRef | undefined {
  return paragraph.quotes.find((q) => q.span.start <= span.end && q.span.end >= span.start)?.speaker;
}

/** The source's sentences around the matched passage, with the passage marked. */
function evidenceOf(paragraph: SourceParagraph, alignment: QuoteAlignment, speaker: SpeakerRef | undefined): Evidence {
  const span = alignment.span!;
  const around = paragraph.sentences.filter((s) => s.prose.start < span.end && s.prose.end > span.start);
  const start = Math.min(span.start, ...around.map((s) => s.prose.start));
  const end = Math.max(span.end, ...around.map((s) => s.prose.end));
  return {
    source: paragraph.source,
    excerpt: paragraph.text.slice(start, end),
    mark: { start: span.start - start, end: span.end - start },
    span: toMarkdownSpan(paragraph.prose, { start, end }),
    backs: alignment.kind === "verbatim",
    speaker: speaker?.names[0],
    changes: alignment.kind === "altered" ? alignment.diff : undefined,
  };
}

/** "Use the source's wording": the quoted words replaced by the source passage, the draft's quote marks kept. */
function restoreFixes(claim: QuoteClaim, match: SourceMatch, publisher: string, ctx: DraftContext): Fix[] {
  const pieces = claim.quote.pieces;
  if (pieces.length !== 1) return [];
  const piece = pieces[0];
  const drafted = ctx.doc.text.slice(piece.start, piece.end);
  const trailing = /[\s,.;:!?]*$/.exec(drafted)![0];
  let passage = match.paragraph.text.slice(match.alignment.span!.start, match.alignment.span!.end).replace(/[\s,.;:!?]+$/, "");
  if (/^\p{Ll}/u.test(drafted) && /^\p{Lu}\p{Ll}/u.test(passage)) passage = passage[0].toLowerCase() + passage.slice(1);
  const end = piece.end - trailing.length;
  if (ctx.doc.text.slice(piece.start, end) === passage) return [];
  return [
    { title: `Use the source's wording (${publisher})`, edits: [{ span: { start: piece.start, end }, newText: passage }], preferred: true },
  ];
}

function shorten(text: string): string {
  const words = text.split(/\s+/);
  return words.length <= 8 ? text : `${words.slice(0, 7).join(" ")} …`;
}
