// How two figures' values bear on each other, once they are known to measure the same
// thing in the same unit: the source's value backs the draft's, contradicts it, or
// neither. Values are compared at the precision the writer used ("$1.42 billion" is
// backed by "$1,420.3 million"; "about 26 per cent" by 26.3; "almost 50,000" by
// 49,612), hedges are read as bounds ("more than 50" is backed by 54, contradicted by
// 12), a range needs both its ends ("1% to 3%" is not "1% to 2%"), and a vague quantity
// ("dozens") is backed only by a value in its range. Nothing is worked out: a value the
// source does not state never backs.

import type { CountValue, FigureValue } from "../model.js";
import { lastDigitPlace } from "../claims/numbers.js";

export type Relation = "backs" | "contradicts" | "neither";

interface Interval {
  lo: number;
  hi: number;
  loOpen?: boolean;
  hiOpen?: boolean;
}

const EPSILON = 1e-9;
const eq = (a: number, b: number) => Math.abs(a - b) <= EPSILON * Math.max(1, Math.abs(a), Math.abs(b));
const le = (a: number, b: number) => a < b || eq(a, b);

/** The place of the digit a hedged or scaled figure was rounded to ("about 230,000": 10,000). */
function roundingPlace(v: CountValue): number {
  return lastDigitPlace(v.value, v.step ?? 1);
}

/**
 * How far a number written with a magnitude word may stand from what it rounds:
 * half its last digit ("$1.42 billion": 1.415 to 1.425 billion; "$185 million": 184.5
 * to 185.5 million), but a lone digit ("$2 billion") is read as written to the next
 * digit (1.95 to 2.05 billion): a writer rounding 1.8 billion says "nearly" or "about".
 */
function scaledHalf(v: CountValue): number {
  if (!v.scaled) return 0;
  const step = v.step ?? 0;
  return Math.abs(v.value) / step >= 10 - EPSILON ? step / 2 : step / 20;
}

/** The values a figure allows. A bound in news copy is a bound near the figure: "more than 50" is not said of 500. */
function interval(v: CountValue): Interval {
  const x = v.value;
  const half = scaledHalf(v);
  if (v.upper !== undefined) return { lo: x - half, hi: v.upper + half };
  const place = roundingPlace(v);
  switch (v.hedge) {
    case "exact":
      return { lo: x - half, hi: x + half };
    case "about":
      return { lo: x - Math.max(half, place / 2), hi: x + Math.max(half, place / 2) };
    case "nearly":
      // "nearly 1,150" is 1,150 rounded, or one step of its last digit below it where that
      // step is a small part of it: "nearly 30" is never 19.
      return { lo: x - Math.max(half, place / 2, Math.min(1.5 * place, Math.abs(x) / 20)), hi: x + Math.max(half, place / 2) };
    case "more-than":
      return { lo: x, hi: x * 2, loOpen: true };
    case "at-least":
      return { lo: x, hi: x * 2 };
    case "less-than":
      return { lo: x / 2, hi: x, hiOpen: true };
    case "at-most":
      return { lo: x / 2, hi: x };
  }
}

const LOWER = new Set(["more-than", "at-least"]);
const UPPER = new Set(["less-than", "at-most"]);

/** How a source's value bears on the draft's. */
export function relateValues(draft: FigureValue, source: FigureValue): Relation {
  if (draft.type === "date" && source.type === "date") {
    let shared = 0;
    for (const k of ["year", "month", "day"] as const) {
      if (draft[k] === undefined || source[k] === undefined) continue;
      if (draft[k] !== source[k]) return "contradicts";
      shared++;
    }
    // The draft may be less precise than the source ("2021" for "April 2021"), not more.
    const draftMorePrecise = (["year", "month", "day"] as const).some((k) => draft[k] !== undefined && source[k] === undefined);
    return shared > 0 && !draftMorePrecise ? "backs" : "neither";
  }
  if (draft.type === "score" && source.type === "score") {
    // "38-12" and "12-38" are one score, told from either side.
    const same = (draft.a === source.a && draft.b === source.b) || (draft.a === source.b && draft.b === source.a);
    return same ? "backs" : "contradicts";
  }
  if (draft.type === "time" && source.type === "time") {
    // Clocks in different zones compare only when both zones are known.
    if (draft.zone !== undefined && source.zone !== undefined)
      return eq(draft.minutes - draft.zone, source.minutes - source.zone) ? "backs" : "contradicts";
    if (draft.zone === undefined && source.zone === undefined) return draft.minutes === source.minutes ? "backs" : "contradicts";
    return draft.minutes === source.minutes && draft.zone === undefined ? "backs" : "neither";
  }
  if (draft.type !== "count" || source.type !== "count") return "neither";
  if (draft.orExact) {
    // "over" that may be a preposition: where the source's own figure is a lower bound,
    // the draft's is one too; otherwise either reading may back it, and it is
    // contradicted only when both readings are.
    const asHedge = relateCounts({ ...draft, orExact: undefined }, source);
    if (LOWER.has(source.hedge)) return asHedge;
    const asNumber = relateCounts({ ...draft, orExact: undefined, hedge: "exact" }, source);
    if (asHedge === "backs" || asNumber === "backs") return "backs";
    return asHedge === "contradicts" && asNumber === "contradicts" ? "contradicts" : "neither";
  }
  return relateCounts(draft, source);
}

function relateCounts(draft: CountValue, source: CountValue): Relation {
  // The same number, whatever its written precision: "$2,960 million" is "$2.96 billion".
  if (
    draft.hedge === "exact" &&
    source.hedge === "exact" &&
    draft.upper === undefined &&
    source.upper === undefined &&
    eq(draft.value, source.value)
  )
    return "backs";
  // Two bounds the same way: the bound itself is the figure, at the draft's precision
  // ("more than $1 billion" ← "more than $1.1 billion"; "over 60" ✗ "more than 50";
  // "up to 80 km/h" ✗ "up to 70 km/h").
  if (draft.upper === undefined && source.upper === undefined) {
    const place = roundingPlace(draft);
    if (LOWER.has(draft.hedge) && LOWER.has(source.hedge))
      return le(draft.value, source.value) && source.value < draft.value + place - EPSILON ? "backs" : "contradicts";
    if (UPPER.has(draft.hedge) && UPPER.has(source.hedge))
      return le(source.value, draft.value) && source.value > draft.value - place + EPSILON ? "backs" : "contradicts";
  }
  // A source that states a number with a hedge of its own ("up to $25,000", "about
  // 8,300") backs the draft's plain number.
  if (
    draft.hedge === "exact" &&
    draft.upper === undefined &&
    source.hedge !== "exact" &&
    source.upper === undefined &&
    eq(draft.value, source.value)
  )
    return "backs";
  // A source's bound is its figure for a draft's rounded one ("gusts of up to 96 km/h": "nearly 100 km/h").
  if (
    (draft.hedge === "about" || draft.hedge === "nearly") &&
    draft.upper === undefined &&
    source.upper === undefined &&
    (LOWER.has(source.hedge) || UPPER.has(source.hedge))
  )
    return relateCounts(draft, { ...source, hedge: "exact" });
  // A range in the draft needs both ends stated: by a range with the same ends.
  if (draft.upper !== undefined && !draft.vague) {
    if (source.upper !== undefined && !source.vague) {
      const d = interval(draft);
      return le(d.lo, source.value) && le(source.value, d.hi) && le(d.lo, source.upper) && le(source.upper, d.hi) && sameEnds(draft, source)
        ? "backs"
        : "contradicts";
    }
    const s = interval(source);
    const d = interval(draft);
    return s.hi < d.lo - EPSILON || d.hi < s.lo - EPSILON ? "contradicts" : "neither";
  }
  const d = interval(draft);
  const s = sourceInterval(source);
  const inside =
    (s.lo > d.lo + EPSILON || (eq(s.lo, d.lo) && (!d.loOpen || s.loOpen))) &&
    (s.hi < d.hi - EPSILON || (eq(s.hi, d.hi) && (!d.hiOpen || s.hiOpen)));
  if (inside) return "backs";
  const disjoint =
    s.hi < d.lo - EPSILON ||
    d.hi < s.lo - EPSILON ||
    (eq(s.hi, d.lo) && (s.hiOpen || d.loOpen)) ||
    (eq(d.hi, s.lo) && (d.hiOpen || s.loOpen));
  return disjoint ? "contradicts" : "neither";
}

/** A source's figure as the values it states: its own "about 340" is 340 as that source rounded it. */
function sourceInterval(v: CountValue): Interval {
  if (v.hedge === "about" && v.upper === undefined) {
    const half = scaledHalf(v);
    return { lo: v.value - half, hi: v.value + half };
  }
  return interval(v);
}

/** Whether a source range's ends are the draft's at the draft's precision ("$42 million to $48 million" ← "$42–48 million"). */
function sameEnds(draft: CountValue, source: CountValue): boolean {
  const place = draft.scaled ? (draft.step ?? 0) : 0;
  const close = (a: number, b: number) => Math.abs(a - b) <= place / 2 + EPSILON * Math.max(1, Math.abs(a));
  return close(draft.value, source.value) && close(draft.upper!, source.upper!);
}
