// Where a draft's figure is compared with the sources' figures. A source figure
// backs a draft figure when it is about the same thing (the same kind of noun, or
// for dates and bare numbers, the same subject matter around it) and its value is
// what the draft says, hedges read as hedges ("more than 50" is backed by 54). It
// contradicts the draft when it is clearly about the same thing with another value.

import type { FigureValue } from "../model.js";
import type { ReadFigure } from "../claims/read.js";
import type { Corpus, SourceFigure } from "../corpus/corpus.js";
import { MemoPer } from "../memo.js";
import { sameKindOfThing } from "../claims/nouns.js";
import { relateValues, type Relation } from "./values.js";
import { isShare, sameUnit, unitThing } from "../claims/quantities.js";

export interface FigureComparison {
  figure: SourceFigure;
  relation: "backs" | "contradicts";
  /** How many subject-matter words the two sentences share: the strength of "same thing". */
  overlap: number;
}

/** How sure the match must be that two figures speak of the same thing. */
const BACKING_OVERLAP = 1;
const CONTRADICTING_OVERLAP = 2;
const CITED_CONTRADICTING_OVERLAP = 1;
/** How many uncited sources' passages a comparison keeps for each relation. */
const KEPT_PER_RELATION = 24;

export function compareFigure(draft: ReadFigure, ordinal: number, corpus: Corpus, cited: string[] = []): FigureComparison[] {
  // A re-check after an edit compares again every figure it did not change.
  const signature = draft.signature ?? `${JSON.stringify(draft.value)}|${draft.unit ?? ""}|${draft.noun ?? ""}|${[...draft.context].sort().join(" ")}`;
  const key = `${ordinal}|${cited.join(",")}|${signature}`;
  return comparisons.of(corpus).get(key, () => compareUncached(draft, ordinal, corpus, cited));
}

const comparisons = new MemoPer<Corpus, string, FigureComparison[]>(50_000);

function compareUncached(draft: ReadFigure, ordinal: number, corpus: Corpus, cited: string[]): FigureComparison[] {
  const out: FigureComparison[] = [];
  for (const source of corpus.figureCandidates(draft, cited)) {
    if (source.value.type !== draft.value.type) continue;
    const thing = sameThing(draft, source);
    // A unit and a noun that both agree ("21-page report", "12-page report") pin the thing down.
    const pinned = thing === "same" && draft.unit && draft.noun && sameUnit(draft.unit, source.unit) && draft.noun === source.noun ? CONTRADICTING_OVERLAP : 0;
    const overlap = sharedWords(draft.context, source.context) + pinned;
    if (thing === "different") continue;
    const relation = relate(draft.value, source.value);
    if (relation === "backs") {
      if (thing === "same" || overlap >= BACKING_OVERLAP) out.push({ figure: source, relation, overlap: overlap + (thing === "same" ? 1 : 0) });
    } else if (relation === "contradicts") {
      // Another value is a contradiction only where the sentences clearly speak of one thing.
      const sameSlot = draft.value.type === "count" || source.ordinal === ordinal;
      // The cited source counting the very same noun needs less in common: one word, or
      // none for a labelled figure ("Countries | 35 | [@ctv-news]"), which has no sentence.
      const citedSameNoun =
        cited.includes(source.source) &&
        draft.noun !== undefined &&
        draft.noun === source.noun &&
        sameUnit(draft.unit, source.unit) &&
        (draft.nounFrom === "label" || overlap >= CITED_CONTRADICTING_OVERLAP);
      if (thing === "same" && (overlap >= CONTRADICTING_OVERLAP || citedSameNoun) && sameSlot) out.push({ figure: source, relation, overlap });
      else if (thing === "unknown" && (draft.value.type === "date" || draft.value.type === "score") && overlap >= CONTRADICTING_OVERLAP && sameSlot)
        out.push({ figure: source, relation, overlap });
      else if (thing === "unknown" && unknownShareContradicts(draft, source, ordinal, overlap)) out.push({ figure: source, relation, overlap });
    }
  }
  out.sort((a, b) => b.overlap - a.overlap);
  // Every passage from a cited source, and the closest few of the rest for each
  // relation: a corpus of many outlets may state one figure thousands of times.
  const kept = { backs: 0, contradicts: 0 };
  return out.filter((c) => cited.includes(c.figure.source) || kept[c.relation]++ < KEPT_PER_RELATION);
}

/**
 * A share whose noun neither sentence names ("profit drops 45%", "profit down 40
 * percent") is one quantity where the sentences share the subject's words and the
 * share stands in the same place among the sentence's shares, as a date does.
 */
function unknownShareContradicts(draft: ReadFigure, source: SourceFigure, ordinal: number, overlap: number): boolean {
  // "cut by 1.5%" is a change, "stands at 4.25 percent" a level: the word before each must agree.
  return (
    isShare(draft.unit) &&
    sameUnit(draft.unit, source.unit) &&
    !draft.noun &&
    !source.noun &&
    (draft.preposition ?? "") === (source.preposition ?? "") &&
    overlap >= CONTRADICTING_OVERLAP &&
    source.ordinal === ordinal
  );
}

function sharedWords(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n;
}

/** Whether two figures count the same kind of thing, as far as their nouns and units tell. */
function sameThing(a: ReadFigure, b: ReadFigure): "same" | "different" | "unknown" {
  if (!sameUnit(a.unit, b.unit) && (isShare(a.unit) || isShare(b.unit) || (a.unit && b.unit))) return "different";
  const ta = a.unit && !isShare(a.unit) ? unitThing(a.unit) : a.noun;
  const tb = b.unit && !isShare(b.unit) ? unitThing(b.unit) : b.noun;
  if (!ta || !tb) return "unknown";
  return sameKindOfThing(ta, tb) ? "same" : "different";
}

/** How a source's value bears on the draft's: it backs it, contradicts it, or neither (matching/values.ts). */
export function relate(draft: FigureValue, source: FigureValue): Relation {
  return relateValues(draft, source);
}
