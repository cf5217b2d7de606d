// Figure claims: every figure of a draft's sentences ("54 stations", "April 2021"),
// compared with the figures the sources state about the same thing. A source that
// states another value for it is a mismatch (unless another source backs the
// figure); a figure no source states is unsupported; a backed one must be cited.

import { sameUnit, slotKind } from "../../claims/quantities.js";
import type { Evidence, FigureClaim } from "../../model.js";
import type { ReadFigure, ReadSentence } from "../../claims/read.js";
import type { SourceFigure } from "../../corpus/corpus.js";
import { compareFigure } from "../../matching/figures.js";
import type { ClaimChecker, Verdict } from "../checker.js";
import type { DraftContext } from "../context.js";
import { backedFixes, replaceFigureFix, withScale } from "../fixes.js";
import { citedSources, judgeBacked, publisherOf, unique } from "../verdicts.js";

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
    const figure = claim.figure;
    const cited = new Set(citedSources(claim));
    const siblings = ctx.sentenceAt.get(claim.sentence.start)?.figures ?? [];
    const comparisons = compareFigure(figure, ordinalOf(claim, ctx), ctx.corpus, [...cited].sort(), siblings);
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
    const sentenceText = ctx.sentenceAt.get(claim.sentence.start)?.text ?? claim.text;
    const quoted = `“${phraseOf(sentenceText, figure)}”`;

    if (mismatch) {
      // The writer's own source first, where it states a value.
      const best = contradicting[0].figure;
      const message = `${publisherOf(best.source, ctx)} says ${phraseOf(best.excerpt, best)}, not ${claim.text}.`;
      return { evidence, backers, stated: best, finding: { code: "figure-mismatch", message } };
    }
    return judgeBacked(claim, evidence, backers, ctx, {
      unsupported: `No source states ${quoted}.`,
      nounPhrase: quoted,
      unattributedCode: "figure-unattributed",
      unsupportedCode: "figure-unsupported",
    });
  },

  fixes(claim, verdict, ctx) {
    if (verdict.finding?.code === "figure-mismatch" && verdict.stated) {
      const best = verdict.stated;
      // The source's number with its scale word ("5.4 million"): the fix writes the source's value.
      const sourceText = ctx.corpus.index(best.source)!.source.text;
      // Where the unit is what differs ("per cent" for "percentage points"), the whole figure is written back.
      if (!sameUnit(claim.figure.unit, best.unit)) return [replaceFigureFix(claim, claim.figure, best.text, best.source, ctx, true)];
      const sourceNumber = sourceText.slice(best.numberSpan.start, withScale(sourceText, best.numberSpan.end));
      return [replaceFigureFix(claim, claim.figure, sourceNumber, best.source, ctx)];
    }
    return backedFixes(claim, verdict, ctx);
  },
};

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
  return sentence
    .slice(figure.phrase.start, figure.phrase.end)
    .replace(/[“”"‘’]/g, (m) => (m === "’" ? m : ""))
    .replace(/\s+/g, " ");
}
