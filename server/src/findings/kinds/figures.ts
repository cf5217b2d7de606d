// Figure claims: every figure of a draft's sentences ("54 stations", "April 2021"),
// compared with the figures the sources state about the same thing. A source that
// states another value for it is a mismatch (unless another source backs the
// figure); a figure no source states is unsupported; a backed one must be cited.

import { sameUnit, slotKind } from "../../claims/quantities.js";
import { monthName } from "../../claims/numbers.js";
import type { Evidence, FigureClaim } from "../../model.js";
import type { ReadFigure, ReadSentence } from "../../claims/read.js";
import type { SourceFigure } from "../../corpus/corpus.js";
import { compareFigure, frame, relate, sameQuantity } from "../../matching/figures.js";
import type { ClaimChecker, Verdict } from "../checker.js";
import type { DraftContext } from "../context.js";
import { backedFixes, replaceFigureFix, withScale } from "../fixes.js";
import { citationsKey, citedSources, judgeBacked, publisherOf, unique } from "../verdicts.js";

/** A figure claim as the draft reads it: its figure bound to the noun phrase it counts. */
type DraftFigureClaim = FigureClaim & { figure: ReadFigure };

interface FigureVerdict extends Verdict {
  /** For a mismatch: the source figure whose value a fix puts back. */
  stated?: SourceFigure;
}

/** How many source passages a claim's evidence shows. */
const EVIDENCE_SHOWN = 6;

export const figures: ClaimChecker<DraftFigureClaim, FigureVerdict> = {
  kind: "figure",
  codes: ["figure-mismatch", "citation-mismatch", "figure-unsupported", "figure-unattributed"],

  find(ctx) {
    const claims: DraftFigureClaim[] = [];
    for (const sentence of ctx.sentences) {
      for (const figure of sentence.figures) {
        claims.push({
          kind: "figure",
          text: figure.text,
          span: figure.span,
          sentence: sentence.span,
          figure,
          citations: ctx.coverage[sentence.index],
        });
      }
    }
    return claims;
  },

  judge(claim, ctx) {
    // A re-check gives an unchanged block's figures as the same objects (claims/read.ts):
    // where all else a verdict reads is as it was too, it is the verdict of the last check.
    const siblings = ctx.sentenceAt.get(claim.sentence.start)?.figures ?? [];
    const ordinal = ordinalOf(claim, ctx);
    const sentenceText = ctx.sentenceAt.get(claim.sentence.start)?.text ?? claim.text;
    const citations = citationsKey(claim);
    const last = verdicts.get(claim.figure);
    if (
      last &&
      last.corpus === ctx.corpus &&
      last.ordinal === ordinal &&
      last.citations === citations &&
      last.sentenceText === sentenceText &&
      last.siblings.length === siblings.length &&
      last.siblings.every((f, i) => f === siblings[i])
    )
      return last.verdict;
    const verdict = judgeFigure(claim, ctx, siblings, ordinal, sentenceText);
    verdicts.set(claim.figure, { corpus: ctx.corpus, ordinal, citations, sentenceText, siblings: [...siblings], verdict });
    return verdict;
  },

  fixes(claim, verdict, ctx) {
    if (verdict.finding?.code === "figure-mismatch" && verdict.stated) {
      const best = verdict.stated;
      // The source's number with its scale word ("5.4 million"): the fix writes the source's value.
      const sourceText = ctx.corpus.index(best.source)!.source.text;
      // Where the unit is what differs ("per cent" for "percentage points"), the whole figure is written back.
      if (!sameUnit(claim.figure.unit, best.unit)) return [replaceFigureFix(claim, claim.figure, best.text, best.source, ctx, true)];
      // A day alone, the end of a source's range, is written back with its month where the draft wrote one.
      const day = /\p{L}/u.test(claim.text) ? dayOfRange(best) : undefined;
      const sourceNumber = day ?? sourceText.slice(best.numberSpan.start, withScale(sourceText, best.numberSpan.end));
      return [replaceFigureFix(claim, claim.figure, sourceNumber, best.source, ctx)];
    }
    return backedFixes(claim, verdict, ctx);
  },
};

/** The last verdict on each figure, with what it read: the corpus, the figure's place among its sentence's figures, its citations' kinds and sources, its sentence. */
const verdicts = new WeakMap<
  ReadFigure,
  { corpus: object; ordinal: number; citations: string; sentenceText: string; siblings: ReadFigure[]; verdict: FigureVerdict }
>();

function judgeFigure(
  claim: DraftFigureClaim,
  ctx: DraftContext,
  siblings: ReadFigure[],
  ordinal: number,
  sentenceText: string,
): FigureVerdict {
  const figure = claim.figure;
  const cited = new Set(citedSources(claim));
  const comparisons = compareFigure(figure, ordinal, ctx.corpus, [...cited].sort(), siblings);
  // The writer's own sources first, then the closest (comparisons come closest first).
  const ranked = [...comparisons.filter((c) => cited.has(c.figure.source)), ...comparisons.filter((c) => !cited.has(c.figure.source))];
  const backing = ranked.filter((c) => c.relation === "backs");
  const contradicting = ranked.filter((c) => c.relation === "contradicts");
  const mismatch = backing.length === 0 && contradicting.length > 0;
  // The card leads with the passage that decided the verdict and shows only passages
  // about the same quantity, each once: for a mismatch, those that state the value its
  // fix puts back; otherwise the backers, then any that disagree. A corpus of many
  // outlets may back one figure hundreds of times: the closest few are shown.
  const decided = mismatch ? contradicting.filter((c) => sameValue(c.figure, contradicting[0].figure)) : [...backing, ...contradicting];
  const seen = new Set<string>();
  const shown = decided
    .filter((c) => {
      const key = `${c.figure.source}|${c.figure.sentence.start}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, EVIDENCE_SHOWN);
  const evidence: Evidence[] = shown.map((c) => ({
    source: c.figure.source,
    excerpt: c.figure.excerpt,
    mark: c.figure.mark,
    span: c.figure.sentence,
    backs: c.relation === "backs",
    value: c.relation === "contradicts" ? phraseOf(c.figure.excerpt, c.figure) : undefined,
  }));
  const backers = unique(backing.map((c) => c.figure.source));
  const quoted = `“${phraseOf(sentenceText, figure)}”`;

  if (mismatch) {
    // The writer's own source first, where it states a value.
    const best = contradicting[0].figure;
    const message = `${publisherOf(best.source, ctx)} says ${phraseOf(best.excerpt, best)}, not ${claim.text}.`;
    return { evidence, backers, stated: best, finding: { code: "figure-mismatch", message } };
  }
  const sum = backers.length === 0 ? workedOutOf(figure, ctx, [...cited]) : undefined;
  return judgeBacked(claim, evidence, backers, ctx, {
    unsupported: sum
      ? `No source states ${quoted}; it could be worked out from ${sum.text} (${publisherOf(sum.source, ctx)}), but a figure must be stated.`
      : `No source states ${quoted}.`,
    nounPhrase: quoted,
    unattributedCode: "figure-unattributed",
    unsupportedCode: "figure-unsupported",
  });
}

/** Whether two source figures state one value (the value a mismatch's fix would put back). */
function sameValue(a: ReadFigure, b: ReadFigure): boolean {
  return JSON.stringify(a.value) === JSON.stringify(b.value) && (a.unit ?? "") === (b.unit ?? "");
}

/** The figure's place among the figures of its kind in its sentence (claims/quantities.ts `slotKind`), which a source's figures are lined up by. */
function ordinalOf(claim: DraftFigureClaim, ctx: DraftContext): number {
  const at = ctx.sentenceAt.get(claim.sentence.start);
  const sentence: ReadSentence | undefined = at?.figures.includes(claim.figure)
    ? at
    : ctx.sentences.find((s) => s.figures.includes(claim.figure));
  const kind = slotKind(claim.figure.value, claim.figure.unit);
  return (sentence?.figures ?? []).filter((f) => slotKind(f.value, f.unit) === kind).indexOf(claim.figure);
}

/** A figure with the noun phrase it counts, as its sentence words it, without quote marks ("54 so-called police service stations"). */
function phraseOf(sentence: string, figure: ReadFigure): string {
  const spelled = dayOfRange(figure);
  if (spelled) return spelled;
  return sentence
    .slice(figure.phrase.start, figure.phrase.end)
    .replace(/[“”"‘’]/g, (m) => (m === "’" ? m : ""))
    .replace(/\s+/g, " ");
}

/** A range's end written as a day alone ("August 18 to 21, 2026"), spelled out as a date ("August 21, 2026"). */
function dayOfRange(figure: ReadFigure): string | undefined {
  const v = figure.value;
  if (v.type !== "date" || v.month === undefined || v.day === undefined || /\p{L}/u.test(figure.text)) return undefined;
  return `${monthName(v.month)} ${v.day}${v.year !== undefined ? `, ${v.year}` : ""}`;
}

/**
 * `workedOut` against the figure's candidates, kept with the figure: a re-check gives an
 * unchanged block's figures as the same objects (claims/read.ts), which no one changes,
 * so the search is made once per figure, corpus and citations.
 */
function workedOutOf(figure: ReadFigure, ctx: DraftContext, cited: string[]): { text: string; source: string } | undefined {
  const key = cited.join("\u0001");
  const last = workedOuts.get(figure);
  if (last && last.corpus === ctx.corpus && last.cited === key) return last.sum;
  const sum = workedOut(figure, ctx.corpus.figureCandidates(figure, cited));
  workedOuts.set(figure, { corpus: ctx.corpus, cited: key, sum });
  return sum;
}

const workedOuts = new WeakMap<ReadFigure, { corpus: object; cited: string; sum: { text: string; source: string } | undefined }>();

/** The smallest figure whose sums and differences are looked for. */
const WORKED_OUT_MIN = 10;
/** How many source figures the search for a sum or a difference looks at. */
const WORKED_OUT_POOL = 24;

/**
 * Whether a figure no source states is a sum or a difference of two or three figures
 * of one source in the same unit ("550 jobs" = 1,240 − 380 − 310): the card says so,
 * since a fact-checker wants to know where a worked-out figure came from, though it
 * stays unsupported (the contract: worked out is not stated).
 */
function workedOut(figure: ReadFigure, candidates: SourceFigure[]): { text: string; source: string } | undefined {
  const target = figure.value;
  // Small numbers are sums of almost anything ("12 − 2 − 9"): only larger ones are looked for.
  if (target.type !== "count" || target.upper !== undefined || target.vague || Math.abs(target.value) < WORKED_OUT_MIN) return undefined;
  const bySource = new Map<string, SourceFigure[]>();
  for (const c of candidates) {
    const v = c.value;
    if (v.type !== "count" || v.upper !== undefined || v.vague || v.hedge !== "exact" || !sameUnit(c.unit, figure.unit)) continue;
    if (Math.abs(v.value) < WORKED_OUT_MIN) continue;
    // A change or a remainder is worked out of levels; a level of the same quantity's parts.
    const sense = frame(figure).sense;
    if (sense !== "change" && sense !== "part" && sameQuantity(figure, c) === "unrelated") continue;
    if (v.value === target.value) continue;
    const list = bySource.get(c.source) ?? [];
    if (list.length < WORKED_OUT_POOL && !list.some((x) => x.value.type === "count" && x.value.value === v.value)) list.push(c);
    bySource.set(c.source, list);
  }
  const equal = (x: number) => relate(target, { type: "count", value: x, hedge: "exact" }) === "backs";
  const num = (f: SourceFigure) => (f.value as { value: number }).value;
  for (const [source, fs] of bySource) {
    for (let i = 0; i < fs.length; i++) {
      for (let j = 0; j < fs.length; j++) {
        if (i === j) continue;
        const [a, b] = [num(fs[i]), num(fs[j])];
        if (i < j && equal(a + b)) return { text: `${fs[i].text} + ${fs[j].text}`, source };
        if (a > b && equal(a - b)) return { text: `${fs[i].text} − ${fs[j].text}`, source };
        for (let k = j + 1; k < fs.length; k++) {
          if (k === i) continue;
          const c = num(fs[k]);
          if (a > b + c && equal(a - b - c)) return { text: `${fs[i].text} − ${fs[j].text} − ${fs[k].text}`, source };
        }
      }
    }
  }
  return undefined;
}
