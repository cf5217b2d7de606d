// Where a figure is recognised. A figure is a number with what it counts or dates:
// digits with separators and magnitudes, spelled-out numbers, years, month–year and
// month–day dates, hedged numbers and ranges, compounds ("21-page"), units
// (claims/quantities.ts), fractions and ratios ("a third", "one in six"), vague
// quantities ("dozens"), scores ("38-12"). It is found in plain prose (drafts and
// sources alike) and bound to its noun, so that "54 countries" is never taken for "54
// stations".

import type { CountValue, Figure, FigureValue, Hedge, Span } from "../model.js";
import {
  clean,
  digitsValue,
  fractionDenominator,
  FRACTION_WORD,
  monthNumber,
  NUMBER_WORD,
  scaleValue,
  SCALE_WORD,
  vagueRange,
  wordsValue,
  writtenStep,
} from "./numbers.js";
import { AGE, currencyOf, isMeasure, isShare, PERCENT, POINTS, TIMES, unitAfter } from "./quantities.js";
import { tagged, type Token } from "../parsing/nlp.js";
import { stem } from "../parsing/words.js";
import { isReportingVerb } from "./kinds.js";

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const DIGITS = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?!\d)|\d+(?:\.\d+)?`;
const WORDNUM = String.raw`(?:(?:a|an)\s+(?:hundred|thousand|million|billion|dozen)|(?:${NUMBER_WORD.source})(?:[\s-]+(?:hundred|thousand|million|billion)(?:\s+(?:and\s+)?(?:${NUMBER_WORD.source}))?)*)`;
const CURRENCY = String.raw`(?:US|U\.S\.|C|CA|A|AU|NZ|HK|S)?\$|[€£¥₹]|\b(?:USD|CAD|AUD|EUR|GBP|JPY|INR)\s?`;
const SCALE_AFTER = /^(?:(?:[\s\u00a0]+|-)(hundred|thousand|million|billion|trillion)\b|\s?(bn|mn|m|k)\b)/i;

// Hedges are whole words: "recover 19" holds no "over".
const HEDGES: [RegExp, Hedge][] = [
  [/(?<![\p{L}])(?:nearly|almost|just under|just shy of|close to)$/iu, "nearly"],
  [/(?<![\p{L}])(?:(?:more|greater|higher) than|over|above|upwards of|in excess of|just over)$/iu, "more-than"],
  [/(?<![\p{L}])(?:at least|no fewer than|no less than|a minimum of)$/iu, "at-least"],
  [/(?<![\p{L}])(?:(?:fewer|less|lower) than|under|below)$/iu, "less-than"],
  [/(?<![\p{L}])(?:up to|at most|as many as|no more than|a maximum of)$/iu, "at-most"],
  [/(?<![\p{L}])(?:about|around|roughly|approximately|some|an estimated|estimated|about an?|approx\.?|circa|c\.)$|~$/iu, "about"],
];

// One figure candidate: a date, or the head of a number (its sign, currency and first
// digits or words); `readNumber` reads the rest (magnitude, unit, range) from the text.
const FIGURE = new RegExp(
  [
    // ISO dates: 2022-10-28, 2022-10
    String.raw`(?<iso>\b(?<isoY>1[5-9]\d\d|20\d\d)-(?<isoM>0[1-9]|1[0-2])(?:-(?<isoD>[0-2]\d|3[01]))?\b)`,
    // Month day[, year]: Dec. 1 / December 1, 2022 / October 28th
    String.raw`(?<md>\b(?<mdM>${MONTH})\s+(?<mdD>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b(?:,?\s+(?<mdY>1[5-9]\d\d|20\d\d)\b)?)`,
    // Day month [year]: 1 December 2022
    String.raw`(?<dm>\b(?<dmD>[1-9]|[12]\d|3[01])\s+(?<dmM>${MONTH})(?:\s+(?<dmY>1[5-9]\d\d|20\d\d))?\b)`,
    // Month year: April 2021
    String.raw`(?<my>\b(?<myM>${MONTH})\s+(?<myY>1[5-9]\d\d|20\d\d)\b)`,
    // A number's head: "minus 0.5", "-0.5", "$1.42", "fifty-four".
    String.raw`(?<num>(?<sign>\b(?:minus|plus|negative|positive)\s+|(?<=^|[\s(])[−-](?=\d))?(?<cur>${CURRENCY})?(?<![\p{L}\p{N}_@#/\\.,])(?<![\p{L}]-)(?:(?<dig>${DIGITS})|(?<word>\b${WORDNUM}\b)))`,
  ].join("|"),
  "giu",
);

// Number words that are figures only in some phrasings, read before the numbers:
// ratios ("nine in 10", "one in six"), fractions ("a third of", "two-thirds of", "half
// the", "a quarter of a million"), vague quantities ("dozens of", "tens of thousands of"),
// how often ("twice", "more than once"), and a bare "one" that counts a noun ("one person died").
const NUM = String.raw`\d+|${NUMBER_WORD.source}`;
const WORD_QUANTITY = new RegExp(
  [
    String.raw`(?<ratio>\b(?<ra>${NUM})\s+(?:in|out\s+of)\s+(?:every\s+)?(?<rb>${NUM})\b)`,
    String.raw`(?<frac>\b(?:(?<fa>a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?(?<fw>${FRACTION_WORD.source})\b(?<fof>\s+of\s+an?\s+(?<fs>million|billion|thousand)\b|[\s-]+(?<fs2>million|billion)\b|\s+an?\s+(?<fs3>million|billion|thousand)\b)?)`,
    String.raw`(?<vague>\b(?:tens|hundreds|dozens|thousands|millions|billions)(?:\s+of\s+(?:thousands|millions|billions))?(?=\s+(?:of|more|others|were|are|have|had|died|fled|lost)\b))`,
    String.raw`(?<times>\b(?:twice|thrice)\b|(?<=\b(?:only|just|more than|at least|exactly|than)\s+)once\b|\bonce(?=\s+(?:a|per|every)\s+(?:day|week|month|year|decade|season)\b))`,
    String.raw`(?<one>\bone\b(?![\s-]+(?:of|another|in|out|or|and|by|to|who|that|which|day|time|way|thing|hand|side|point|more|another)\b)(?=\s+\p{Ll}))`,
  ].join("|"),
  "giu",
);

const MAYBE_FIGURE = new RegExp(
  String.raw`\d|\b(?:${NUMBER_WORD.source}|a\s+(?:hundred|thousand|million|billion)|${FRACTION_WORD.source}|twice|thrice|once|dozens|hundreds|thousands|millions|billions|one)\b`,
  "i",
);

export interface FoundFigure extends Figure {
  /** Where the figure's counted noun stands, if it was found after the figure. */
  nounSpan?: Span;
}

/**
 * The figures in one sentence of prose. `masked` spans (citations, URLs) are never
 * read as figures. Offsets are the prose's.
 */
export function findFigures(text: string, sentence: Span, masked: Span[] = []): FoundFigure[] {
  const out: FoundFigure[] = [];
  const slice = text.slice(sentence.start, sentence.end);
  // Most sentences hold no figure: a cheap look for a digit or a number word first.
  if (!MAYBE_FIGURE.test(slice)) return out;
  const add = (start: number, end: number, numberSpan: Span, value: FigureValue, unit: string | undefined) => {
    if (value.type === "count") {
      // Widen the figure over its hedge: "more than 50".
      const before = text.slice(sentence.start, start).replace(/\s+$/, "");
      const hedge = HEDGES.find(([re]) => re.test(before));
      if (hedge) {
        const words = hedgeLength(before, hedge[0]);
        start = sentence.start + before.length - words;
        value = { ...value, hedge: hedge[1] };
        // "spread over twelve provinces": after a verb or a noun, "over" may be a preposition.
        if (/^over$/i.test(before.slice(before.length - words)) && !hedgeOnly(slice, start - sentence.start)) value.orExact = true;
      }
    }
    const figure: FoundFigure = { text: text.slice(start, end), span: { start, end }, numberSpan, value, unit, sentence };
    const preposition = PREPOSITION_BEFORE.exec(text.slice(Math.max(sentence.start, start - 24), start))?.[1];
    if (preposition) figure.preposition = preposition.toLowerCase();
    if (value.type === "count") {
      const bound = nounAfter(text, end, sentence.end);
      // An amount of money counts no people: in "the 58 cents analysts had expected" the
      // plural opens a clause of its own (claims/figure-frame.ts reads it alike).
      const clause =
        bound &&
        unit !== undefined &&
        isMeasure(unit) &&
        !isShare(unit) &&
        /^\s+(?:had|have|has|were|was|are|is|will|would|could|can|may|might|said|say|says|\p{L}+ed)\b/u.test(
          text.slice(bound.span.end, sentence.end),
        );
      if (bound && !clause) {
        figure.noun = bound.noun;
        figure.nounSpan = bound.span;
      }
    }
    out.push(figure);
  };
  const words = wordQuantities(slice);
  for (const w of words) {
    const start = sentence.start + w.index;
    const end = start + w.length;
    if (masked.some((s) => start < s.end && end > s.start)) continue;
    add(start, end, { start, end: start + w.numberLength }, w.value, w.unit);
  }
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(slice); m; m = FIGURE.exec(slice)) {
    const g = m.groups ?? {};
    const start = sentence.start + m.index;
    let end = start + m[0].length;
    const taken = words.find((w) => m!.index < w.index + w.length && m!.index + m![0].length > w.index);
    if (taken) {
      FIGURE.lastIndex = taken.index + taken.length;
      continue;
    }
    if (masked.some((s) => start < s.end && end > s.start)) continue;
    let value: FigureValue | undefined;
    let unit: string | undefined;
    let numberSpan: Span = { start, end };

    if (g.iso) {
      value = { type: "date", year: +g.isoY, month: +g.isoM, day: g.isoD ? +g.isoD : undefined };
    } else if (g.md) {
      const month = monthNumber(g.mdM);
      if (!month) continue;
      value = { type: "date", month, day: +g.mdD, year: g.mdY ? +g.mdY : undefined };
      // A range of days in one month ("August 18 to 21, 2026", "March 2–9"): its end is a date of that month.
      const rest = slice.slice(m.index + m[0].length);
      const range = g.mdY
        ? null
        : /^(\s*(?:–|-|to|through|until)\s*)([1-9]|[12]\d|3[01])\b(?:,?\s+(1[5-9]\d\d|20\d\d)\b)?(?![.,]?\d|\s*(?:%|per\b|percent\b|\p{L}{3,}s\b))/u.exec(
            rest,
          );
      if (range && +range[2] > +g.mdD) {
        const year = range[3] ? +range[3] : undefined;
        value = { ...value, year };
        add(start, end, numberSpan, value, unit);
        // Its first day is where it starts ("ran March 2–9" as "from March 2 to 9").
        const first = out[out.length - 1];
        if (first && first.span.start === start) first.preposition ??= "from";
        const endStart = end + range[1].length;
        const endEnd = end + range[0].length;
        add(endStart, endEnd, { start: endStart, end: endEnd }, { type: "date", month, day: +range[2], year }, undefined);
        FIGURE.lastIndex = endEnd - sentence.start;
        continue;
      }
    } else if (g.dm) {
      const month = monthNumber(g.dmM);
      if (!month) continue;
      value = { type: "date", month, day: +g.dmD, year: g.dmY ? +g.dmY : undefined };
    } else if (g.my) {
      const month = monthNumber(g.myM);
      if (!month) continue;
      value = { type: "date", month, year: +g.myY };
    } else {
      const parsed = readNumber(g, slice, m.index, m[0].length);
      if (!parsed) continue;
      ({ value, unit } = parsed);
      end = start + parsed.length;
      numberSpan = { start, end: start + parsed.numberLength };
      if (words.some((w) => m!.index < w.index + w.length && m!.index + parsed.length > w.index)) continue;
      add(start, end, numberSpan, value, unit);
      FIGURE.lastIndex = end - sentence.start;
      continue;
    }
    add(start, end, numberSpan, value, unit);
    FIGURE.lastIndex = end - sentence.start;
  }
  pointsOfShares(out, text);
  return out.sort((a, b) => a.span.start - b.span.start);
}

/**
 * "Support is 58 per cent, up 6 points", "a six-point jump": beside a share in its
 * sentence, points are percentage points (a poll's, a rate's), not a score's.
 */
function pointsOfShares(figures: FoundFigure[], text: string): void {
  if (!figures.some((f) => f.unit === PERCENT || f.unit === POINTS)) return;
  for (const f of figures) {
    if (f.value.type !== "count") continue;
    if (f.unit === "point") {
      f.unit = POINTS;
      continue;
    }
    const after = /^\s+points?\b/.exec(text.slice(f.span.end, f.sentence.end));
    if (f.unit || !after) continue;
    f.unit = POINTS;
    f.span = { start: f.span.start, end: f.span.end + after[0].length };
    f.text = text.slice(f.span.start, f.span.end);
    f.noun = undefined;
    f.nounSpan = undefined;
  }
}

const PREPOSITION_BEFORE =
  /\b(by|to|at|of|from|in|on|for|with|than|until|till|through|since|before|after)\s+(?:(?:at\s+(?:least|most)|as\s+(?:late|early)\s+as|the)\s+)?$/i;

// A sentence's tags, for the few readings that need them ("one" counting a noun,
// "over" as a hedge or a preposition); a sentence is tagged once (parsing/nlp.ts).
function tokensOf(sentence: string): Token[] {
  return tagged(sentence);
}

/** Whether the word before a hedge at `at` leaves it no reading but a hedge ("in over 30 countries", "was over 50"). */
function hedgeOnly(sentence: string, at: number): boolean {
  const tokens = tokensOf(sentence);
  const i = tokens.findIndex((t) => t.start >= at);
  const previous = i > 0 ? tokens[i - 1] : undefined;
  return !previous || /^(?:ADP|DET|AUX|PUNCT|CCONJ|SCONJ|PART|ADV|PRON|SYM)$/.test(previous.pos);
}

interface WordQuantity {
  index: number;
  length: number;
  numberLength: number;
  value: CountValue;
  unit?: string;
}

/** The number words of a sentence that are figures only in their phrasing (see WORD_QUANTITY). */
function wordQuantities(slice: string): WordQuantity[] {
  const out: WordQuantity[] = [];
  if (
    !/\b(?:in|out|half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|tens|hundreds|dozens|thousands|millions|billions|twice|thrice|once|one)\b/i.test(
      slice,
    )
  )
    return out;
  WORD_QUANTITY.lastIndex = 0;
  for (let m = WORD_QUANTITY.exec(slice); m; m = WORD_QUANTITY.exec(slice)) {
    const g = m.groups ?? {};
    const at = m.index;
    const before = slice.slice(0, at);
    const after = slice.slice(at + m[0].length);
    if (g.ratio) {
      const a = numberOf(g.ra);
      const b = numberOf(g.rb);
      // "one in six", "nine in 10": a share, as a percentage; not "five in 2024".
      if (a === undefined || b === undefined || !(a < b) || b > 1000) continue;
      const value = (100 * a) / b;
      const step = (100 * a) / (b - 0.5) - (100 * a) / (b + 0.5);
      out.push({
        index: at,
        length: m[0].length,
        numberLength: m[0].length,
        value: { type: "count", value: clean(value), hedge: "exact", step: clean(step), scaled: true },
        unit: PERCENT,
      });
    } else if (g.frac) {
      const d = fractionDenominator(g.fw);
      if (!d) continue;
      const n = g.fa ? (/^an?$/i.test(g.fa) ? 1 : (wordsValue(g.fa) ?? 1)) : 1;
      const scale = g.fs ?? g.fs2 ?? g.fs3;
      // "half" and "a third" are fractions only where they take a noun: "a third of
      // stores", "half the staff", "half a million"; not "the third quarter", "first half".
      if (!g.fa && !/^half$/i.test(g.fw)) continue;
      if (/^an?$/i.test(g.fa ?? "") && /\b(?:the|first|second|third|fourth|last|next|previous|this|that)\s+$/i.test(before)) continue;
      if (!scale && !/^\s+(?:of|the|its|their|his|her|our|all)\b/i.test(after)) continue;
      if (/^half$/i.test(g.fw) && /\b(?:first|second|last|next|the|a)\s+$/i.test(before)) continue;
      if (n >= d) continue;
      if (scale) {
        const value = (n / d) * (scaleValue(scale) ?? 1);
        // "a quarter of a million" states 250,000.
        out.push({
          index: at,
          length: m[0].length,
          numberLength: m[0].length,
          value: { type: "count", value: clean(value), hedge: "exact", step: 1 },
        });
      } else {
        // A fraction word is a rounded share: "a third" is 32 to 34 per cent.
        out.push({
          index: at,
          length: m[0].length,
          numberLength: m[0].length,
          value: { type: "count", value: clean((100 * n) / d), hedge: "exact", step: 2, scaled: true },
          unit: PERCENT,
        });
      }
    } else if (g.vague) {
      const range = vagueRange(g.vague);
      if (!range) continue;
      out.push({
        index: at,
        length: m[0].length,
        numberLength: m[0].length,
        value: { type: "count", value: range.lo, upper: range.hi, hedge: "exact", vague: true },
      });
    } else if (g.times) {
      // "Twice" alone (a heading, a title) says how often nothing happened.
      if ((slice.match(/\p{L}+/gu)?.length ?? 0) < 3) continue;
      const w = g.times.toLowerCase();
      const value = w === "once" ? 1 : w === "twice" ? 2 : 3;
      out.push({
        index: at,
        length: m[0].length,
        numberLength: m[0].length,
        value: { type: "count", value, hedge: "exact", step: 1 },
        unit: TIMES,
      });
    } else if (g.one) {
      // "one person died": "one" counts the noun the tagger finds after it; "no one",
      // "the one", "this one" and "one of" are words, not figures.
      if (/\b(?:no|any|every|each|some|the|this|that|which|such|only\s+the)\s+$/i.test(before) || /^['’-]/.test(after)) continue;
      // The "one" of "twenty-one" or "a hundred and one" belongs to that number.
      if (/(?:ty|hundred|thousand|million|billion|and)[\s-]+$/i.test(before)) continue;
      // "from one end of the line to the other", "one way or another": a contrast, not a count.
      if (/\b(?:the\s+other|another)\b/i.test(after)) continue;
      const tokens = tokensOf(slice);
      const i = tokens.findIndex((t) => t.start === at);
      if (i < 0) continue;
      const next = tokens[i + 1];
      const nextNext = tokens[i + 2];
      const counts = next && (next.pos === "NOUN" || (next.pos === "ADJ" && nextNext?.pos === "NOUN"));
      if (!counts) continue;
      // "one rancher said": an unnamed speaker, not a count.
      let noun = next.pos === "NOUN" ? i + 1 : i + 2;
      while (tokens[noun + 1]?.pos === "NOUN") noun++;
      const verb = tokens[noun + 1]?.pos === "AUX" ? tokens[noun + 2] : tokens[noun + 1];
      if (verb?.pos === "VERB" && isReportingVerb(verb.lemma)) continue;
      out.push({ index: at, length: 3, numberLength: 3, value: { type: "count", value: 1, hedge: "exact", step: 1 } });
    }
  }
  return out;
}

function numberOf(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : wordsValue(text);
}

interface ReadNumber {
  value: FigureValue;
  unit?: string;
  length: number;
  numberLength: number;
}

const YEAR = /^(?:1[5-9]\d\d|20\d\d)$/;
// Words before "N-M" that make it a score or a tally, not a range ("won 38-12", "a 7-2 vote").
const SCORE_CUE =
  /\b(?:won|wins?|beat|beats|defeat(?:ed|s)?|lost|loses|loss|victory|score[sd]?|vote[sd]?|voting|tie[sd]?|drew|draw|margin|edged|routed|trounced|led|leads|record)\b[^.;:]{0,30}$/i;
const SCORE_AFTER = /^\s+(?:win|victory|loss|defeat|vote|decision|margin|score|record|lead)\b/i;

const RANGE_END = new RegExp(
  String.raw`^(?<sep>\s?[-–—]\s?|\s+to\s+|\s+and\s+|\s+through\s+)(?<sign2>(?:minus|plus|negative|positive)\s+|[−-](?=\d))?(?<cur2>(?:US|C|A)?\$|[€£¥₹])?(?:(?<dig2>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?<word2>\b(?:${NUMBER_WORD.source})\b))(?![\d/]|:\d)`,
  "iu",
);

/** One end of a quantity: its number, magnitude and unit, read from the text after its head. */
interface End {
  value: number;
  /** The place of its last digit written, before any unit's factor. */
  step: number;
  scaled: boolean;
  /** The magnitude word's multiplier (1 without one). */
  scale: number;
  unit?: string;
  factor: number;
  offset: number;
  /** How much text the magnitude and the unit took after the head. */
  tail: number;
  /** How much of the tail is the number's own (its magnitude; a unit before it, as "$", is in the head). */
  numberTail: number;
  hasUnitAfter: boolean;
}

function readEnd(value: number, step: number, after: string, currency: string | undefined): End {
  let tail = 0;
  let scaled = false;
  let scaleFactor = 1;
  // A bare "m" is a million for money or before a plural ("8m people"), otherwise metres ("the 412m bridge").
  let scale = SCALE_AFTER.exec(after);
  if (scale && scale[2]?.toLowerCase() === "m" && !currency && !/^m\s+\p{Ll}+s\b/u.test(after)) scale = null;
  if (scale) {
    const factor = scaleValue(scale[1] ?? scale[2]) ?? 1;
    value *= factor;
    step *= factor;
    scaleFactor = factor;
    scaled = true;
    tail = scale[0].length;
  }
  const numberTail = tail;
  let unit = currency;
  let factor = 1;
  let offset = 0;
  let hasUnitAfter = false;
  const read = unitAfter(after.slice(tail));
  if (read && (!currency || read.unit === currency || (currency.endsWith("$") && read.unit === "$"))) {
    unit = read.unit === "$" && currency ? currency : read.unit;
    factor = read.factor;
    offset = read.offset;
    tail += read.length;
    hasUnitAfter = true;
  }
  return { value, step, scaled, scale: scaleFactor, unit, factor, offset, tail, numberTail, hasUnitAfter };
}

/**
 * Whether a number picks members out of a ranking rather than counting them ("the two
 * largest parts", "its three most populous towns"): a selection, not a figure.
 */
function selectsRanked(slice: string, index: number, length: number, before: string, after: string): boolean {
  if (!/\b(?:the|its|their|his|her|our)\s+$/i.test(before) || !/^\s+\p{L}/u.test(after)) return false;
  const tokens = tokensOf(slice);
  const i = tokens.findIndex((t) => t.start >= index + length);
  const next = tokens[i];
  if (!next) return false;
  if (/^(?:most|least)$/i.test(next.text)) return tokens[i + 1]?.pos === "ADJ";
  return next.pos === "ADJ" && /\p{L}{2,}est$/iu.test(next.text);
}

function readNumber(g: Record<string, string | undefined>, slice: string, index: number, length: number): ReadNumber | undefined {
  const head = slice.slice(index, index + length);
  let after = slice.slice(index + length);
  const before = slice.slice(0, index);
  if (selectsRanked(slice, index, length, before, after)) return undefined;
  const currency = g.cur ? currencyOf(g.cur) : undefined;
  const negative = g.sign ? /^(?:minus|negative|[−-])/i.test(g.sign.trim()) : false;
  let value: number;
  let step: number;
  if (g.dig) {
    // A number glued to letters or a time of day is a name or a clock, not a figure ("CP24", "10:30", "21st");
    // a unit glued to it is its unit ("15.5km", "12kg", "1.5bn").
    const gluedUnit = /^[\p{L}_]/u.test(after) && (SCALE_AFTER.test(after) || unitAfter(after) !== undefined);
    if (/^(?:st|nd|rd|th)\b/i.test(after) || (/^[\p{L}_]/u.test(after) && !gluedUnit) || /^:\d/.test(after) || /\d:$/.test(before))
      return undefined;
    if (
      /^\/\d/.test(after) ||
      /\d\/$/.test(before) ||
      (/\d[-–]$/.test(before) && !(YEAR.test(g.dig) && /(?:1[5-9]\d\d|20\d\d)[-–]$/.test(before)))
    )
      return undefined;
    if (/^\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|o’clock)/i.test(after)) return undefined;
    if (/\b(?:no|nos|p|pp|vol|ch|fig|art|sec|para)\.\s*$/i.test(before) || /\b(?:page|article|section|chapter|item)\s+$/i.test(before))
      return undefined;
    value = digitsValue(g.dig);
    step = writtenStep(g.dig.replace(/[,\u00a0\u202f ]/g, ""));
  } else if (g.word) {
    const w = g.word.replace(/^(?:a|an)\s+/i, "");
    const v = wordsValue(w);
    if (v === undefined) return undefined;
    // "one of", "no one", "one" on its own: words, not figures; "a" only counts before a scale ("a million").
    const bare = w.toLowerCase();
    if (bare === "one" || (/^an?\s/i.test(g.word) && !SCALE_WORD.test(g.word.split(/\s+/).pop() ?? "") && !/dozen/i.test(g.word)))
      return undefined;
    if (/^['’]/.test(after) || /[\p{L}]['’-]$/u.test(before)) return undefined;
    value = v;
    step = 1;
  } else {
    return undefined;
  }
  if (negative) value = -value;
  const wordScaled = !!g.word && /(?:hundred|thousand|million|billion)$/i.test(g.word);
  if (wordScaled) step = 10 ** Math.floor(Math.log10(Math.abs(value) || 1));
  const first = readEnd(value, step, after, currency);
  if (wordScaled) first.scaled = true;
  const isYear = !!g.dig && YEAR.test(g.dig) && !first.scaled && !first.unit;
  after = after.slice(first.tail);
  let total = length + first.tail;
  const numberLength = length + first.numberTail;

  // A range's second end, or a score: "1% to 3%", "$42 million to $58 million", "$42–48 million",
  // "six to 11 months", "between 2021 and 2022", "38-12".
  // "rose by $5 million to $84 million", "fell from 12 to 9": a change and a level, two figures, not a range.
  const range = /\b(?:by|from)\s+$/i.test(before) && /^\s+to\s/i.test(after) ? null : RANGE_END.exec(after);
  if (range?.groups) {
    const r = range.groups;
    const sep = r.sep.trim();
    const secondText = r.dig2 ?? r.word2!;
    let second = r.dig2 ? digitsValue(r.dig2) : wordsValue(r.word2!);
    const secondStep = r.dig2 ? writtenStep(r.dig2.replace(/,/g, "")) : 1;
    const rest = after.slice(range[0].length);
    if (second !== undefined) {
      if (r.sign2 && /^(?:minus|negative|[−-])/i.test(r.sign2.trim())) second = -second;
      const secondEnd = readEnd(second, secondStep, rest, r.cur2 ? currencyOf(r.cur2) : undefined);
      const hyphen = /^[-–—]$/.test(sep) && !/\s/.test(r.sep);
      if (isYear && (YEAR.test(secondText) || (/^\d\d$/.test(secondText) && hyphen))) {
        // "2021 to 2022", "between 2021 and 2022": two years; "2021-22": one season, read as its first year.
        const seasonLength = /^\d\d$/.test(secondText) ? total + range[0].length : total;
        return { value: { type: "date", year: value }, length: seasonLength, numberLength: length };
      }
      const glued = /^[\p{L}]/u.test(rest) && !secondEnd.hasUnitAfter && secondEnd.numberTail === 0;
      if (!glued) {
        // Each end takes the other's magnitude and unit where it has none ("$42–48 million", "1 to 3%").
        const a = first;
        const b = secondEnd;
        if (!a.scaled && b.scaled && !a.hasUnitAfter && !isYear) {
          a.value *= b.scale;
          a.step *= b.scale;
          a.scaled = true;
        }
        // "aged 5 to 17": both ends are ages.
        if (!a.unit && !b.unit && /\b(?:aged|ages)\s+$/i.test(before)) Object.assign(a, { unit: AGE, factor: 1, offset: 0 });
        // Not a year ("from 4% in 2019 to 13% in 2025": 2019 is no percent).
        if (!a.unit && b.unit && !isYear) Object.assign(a, { unit: b.unit, factor: b.factor, offset: b.offset });
        if (!b.unit && a.unit) Object.assign(b, { unit: a.unit, factor: a.factor, offset: a.offset });
        const integers = !!g.dig && !!r.dig2 && !/[.,]/.test(g.dig + r.dig2);
        // "38-12", and "a vote of 9 to 4" (a tally told high first after a word of scoring).
        const score =
          (hyphen || (sep === "to" && b.value < a.value && SCORE_CUE.test(before))) &&
          integers &&
          !a.unit &&
          !b.unit &&
          (SCORE_CUE.test(before) || SCORE_AFTER.test(rest) || (b.value <= a.value && !isYear && a.value < 1000));
        if (score) {
          if (/^-\d/.test(rest)) return undefined;
          return {
            value: { type: "score", a: a.value, b: b.value },
            length: total + range[0].length + secondEnd.tail,
            numberLength: total + range[0].length + secondEnd.tail,
          };
        }
        const between = /between\s*$/i.test(before);
        if ((sep !== "and" || between) && b.unit === a.unit && canonical(b) > canonical(a)) {
          total += range[0].length + secondEnd.tail;
          const after2 = slice.slice(index + total);
          if (/^-\d/.test(after2)) return undefined;
          return {
            value: {
              type: "count",
              value: canonical(a),
              upper: canonical(b),
              hedge: "exact",
              step: clean(a.step * a.factor),
              scaled: a.scaled || b.scaled || undefined,
            },
            unit: a.unit,
            length: total,
            // A fix replaces the whole range: "1% to 3%" → "1% to 2%".
            numberLength: total,
          };
        }
      }
    }
  }
  // Phone numbers and identifiers ("1-800-555-0199"), fractions and dates with slashes.
  const yearRange = isYear && (/^-(?:1[5-9]\d\d|20\d\d|\d\d)\b/.test(after) || /\b(?:1[5-9]\d\d|20\d\d)-$/.test(before));
  if (g.dig && !yearRange && (/^-\d/.test(after) || /\d-$/.test(before))) return undefined;
  if (g.dig && (/^\/\d/.test(after) || /\d\/$/.test(before))) return undefined;
  let unit = first.unit;
  // Ages: "aged 37", "age 37" as well as "37-year-old"; a whole number set off after a
  // person's full name ("Jim Kowal, 58, has driven …"), and "who is 5".
  if (!unit && /\b(?:aged|age)\s+$/i.test(before)) unit = AGE;
  const wholeAge = Number.isInteger(value) && value > 0 && value < 120 && !!g.dig && !/[.,]/.test(g.dig);
  if (!unit && wholeAge && /\p{Lu}[\p{Ll}’'-]+\s+\p{Lu}[\p{Ll}’'-]+,\s*$/u.test(before) && /^\s*[,;)]/.test(after)) unit = AGE;
  if (
    !unit &&
    wholeAge &&
    /\b(?:who|which)\s+(?:is|was|turns|turned)\s+$/i.test(before) &&
    !/^\s*(?:%|per|percent|years?\s+(?:ago|since))/i.test(after)
  )
    unit = AGE;
  // Compounds: "21-page", "10-year-old", "3-metre".
  const compound = /^-(\p{L}+)/u.exec(after);
  if (compound && !unit) {
    unit = stem(compound[1]);
    total += compound[0].length;
  }
  // A bare four-digit number in the range of years, with no unit or scale, is a year.
  if (isYear && !unit && !isCountedBy(after) && !negative) {
    return { value: { type: "date", year: value }, length: total, numberLength };
  }
  void head;
  const out: CountValue = { type: "count", value: canonical(first), hedge: "exact", step: clean(first.step * first.factor) };
  if (first.scaled) out.scaled = true;
  return { value: out, unit, length: total, numberLength };
}

function canonical(end: End): number {
  return clean(end.value * end.factor + end.offset);
}

/** Whether the words after a four-digit number show it counts something ("2000 people"). */
function isCountedBy(after: string): boolean {
  const m = /^\s+(\p{L}+)/u.exec(after);
  if (!m) return false;
  const w = m[1];
  return /^[a-z]/.test(w) && isPlural(w) && !/^(?:was|has|is|this|its|as|plus|across|towards|afterwards|besides)$/i.test(w);
}

function hedgeLength(before: string, re: RegExp): number {
  const m = re.exec(before);
  return m ? before.length - m.index : 0;
}

// Words that end the phrase a number counts: prepositions, verbs, conjunctions.
const PHRASE_END = new Set(
  (
    "in of on at to for from by with into over under between among during since until than as that which who whom " +
    "were was are is be been has have had will would could can may might said says say told and or but nor " +
    "including while after before when where because if so including each apiece abroad worldwide overseas home ago " +
    "later earlier more less alone total this these those it they their its according the a an across around throughout " +
    "against toward towards within without per via like near outside inside beyond behind"
  ).split(" "),
);

/** The noun a number counts: the last word of the noun phrase that follows it ("54 so-called police “service stations”" → station). */
export function nounAfter(text: string, from: number, to: number): { noun: string; span: Span } | undefined {
  const re = /[\p{L}][\p{L}'’-]*/gu;
  re.lastIndex = from;
  // Searched up to `to` only: a search of the whole text for a next word costs the rest of the text per figure.
  text = text.slice(0, to);
  let last: { noun: string; span: Span } | undefined;
  let plural: { noun: string; span: Span } | undefined;
  for (let count = 0, m = re.exec(text); m && m.index < to && count < 5; m = re.exec(text), count++) {
    const gap = text.slice(from, m.index);
    // Stop at punctuation that ends the phrase (quote marks and hyphens are inside it).
    if (/[,.;:!?()[\]]/.test(gap) || /\n/.test(gap)) break;
    const word = m[0];
    const lower = word.toLowerCase();
    if (PHRASE_END.has(lower) || /\d/.test(gap) || (NUMBER_WORD.test(lower) && new RegExp(`^(?:${NUMBER_WORD.source})$`, "i").test(lower)))
      break;
    if (count > 0 && /(?:ed|ing)$/.test(lower) && !/-/.test(word) && !/(?:ling|ding|thing|ring)$/.test(lower)) break;
    const found = { noun: stem(word), span: { start: m.index, end: m.index + word.length } };
    last = found;
    if (isPlural(lower)) plural = found;
    from = m.index + word.length;
  }
  return plural ?? last;
}

export function isPlural(word: string): boolean {
  const w = word.toLowerCase();
  if (/^(?:people|persons|men|women|children|police|staff|personnel)$/.test(w)) return true;
  return w.length > 3 && /[^su']s$/.test(w) && !/(?:ous|ss|is)$/.test(w);
}
