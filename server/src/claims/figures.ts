// Where a figure is recognised. A figure is a number with what it counts or dates:
// digits with separators and magnitudes, spelled-out numbers, years, month–year and
// month–day dates, hedged numbers and ranges, compounds ("21-page"). It is found in
// plain prose (drafts and sources alike) and bound to its noun, so that "54
// countries" is never taken for "54 stations".

import type { Figure, FigureValue, Hedge, Span } from "../model.js";
import { digitsValue, monthNumber, NUMBER_WORD, scaleValue, SCALE_WORD, wordsValue } from "./numbers.js";
import { stem } from "../parsing/words.js";

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const DIGITS = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?!\d)|\d+(?:\.\d+)?`;
const WORDNUM = String.raw`(?:(?:a|an)\s+(?:hundred|thousand|million|billion|dozen)|(?:${NUMBER_WORD.source})(?:[\s-]+(?:hundred|thousand|million|billion)(?:\s+(?:and\s+)?(?:${NUMBER_WORD.source}))?)*)`;
const SCALE = String.raw`(?:[\s\u00a0]+(?:hundred|thousand|million|billion|trillion)\b|\s?(?:bn|mn|m|k)\b)`;

const HEDGES: [RegExp, Hedge][] = [
  [/(?:more|greater|higher) than$|over$|above$|upwards of$|in excess of$|just over$/i, "more-than"],
  [/at least$|no fewer than$|no less than$|a minimum of$/i, "at-least"],
  [/(?:fewer|less|lower) than$|under$|below$|just under$/i, "less-than"],
  [/up to$|at most$|as many as$|no more than$|a maximum of$/i, "at-most"],
  [/about$|around$|roughly$|approximately$|nearly$|almost$|some$|close to$|an estimated$|estimated$|about an?$|approx\.?$|circa$|c\.$|~$/i, "about"],
];

// One figure candidate: a date, or a number with its optional hedge, scale, unit and range.
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
    // A number: digits or words, with an optional scale, percent, and a range's second end.
    String.raw`(?<num>(?<cur>(?:US|C|A)?[$€£])?(?<![\p{L}\p{N}_@#/\\.,])(?<![\p{L}]-)(?:(?<dig>${DIGITS})|(?<word>\b${WORDNUM}\b))(?<scale>${SCALE})?(?<pct>\s?%|\s(?:percent|per cent)\b)?` +
      String.raw`(?:(?<rangeSep>\s?[-–]\s?|\s+to\s+|\s+and\s+)(?<dig2>${DIGITS})(?<scale2>${SCALE})?)?)`,
  ].join("|"),
  "giu",
);

const MAYBE_FIGURE = new RegExp(String.raw`\d|\b(?:${NUMBER_WORD.source}|a\s+(?:hundred|thousand|million|billion))\b`, "i");

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
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(slice); m; m = FIGURE.exec(slice)) {
    const g = m.groups ?? {};
    let start = sentence.start + m.index;
    let end = start + m[0].length;
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
      if (value.type === "count") {
        // Widen the figure over its hedge: "more than 50".
        const before = text.slice(sentence.start, start).replace(/\s+$/, "");
        const hedge = HEDGES.find(([re]) => re.test(before));
        if (hedge) {
          const words = hedgeLength(before, hedge[0]);
          start = sentence.start + before.length - words;
          value = { ...value, hedge: hedge[1] };
        }
      }
    }
    if (!value) continue;
    const figure: FoundFigure = {
      text: text.slice(start, end),
      span: { start, end },
      numberSpan,
      value,
      unit,
      sentence,
    };
    if (value.type === "count") {
      const bound = nounAfter(text, end, sentence.end);
      if (bound) {
        figure.noun = bound.noun;
        figure.nounSpan = bound.span;
      }
    }
    out.push(figure);
    FIGURE.lastIndex = end - sentence.start;
  }
  return out;
}

interface ReadNumber {
  value: FigureValue;
  unit?: string;
  length: number;
  numberLength: number;
}

function readNumber(g: Record<string, string | undefined>, slice: string, index: number, length: number): ReadNumber | undefined {
  const after = slice.slice(index + length);
  const before = slice.slice(0, index);
  let numberLength: number;
  let value: number;
  if (g.dig) {
    // A number glued to letters or a time of day is a name or a clock, not a figure ("CP24", "10:30", "21st").
    if (/^(?:st|nd|rd|th)\b/i.test(after) || /^[\p{L}_]/u.test(after) || /^:\d/.test(after) || /\d:$/.test(before)) return undefined;
    // Phone numbers and identifiers ("1-800-555-0199"), fractions and dates with slashes
    // ("24/7", "10/28"), times ("9 a.m."), and numbered labels ("No. 1", "p. 2").
    const year = /^(?:1[5-9]\d\d|20\d\d)$/.test(g.dig);
    const yearRange = year && (/^-(?:1[5-9]\d\d|20\d\d|\d\d)\b/.test(after) || /\b(?:1[5-9]\d\d|20\d\d)-$/.test(before));
    if (!yearRange && (/^-\d/.test(after) || /\d-$/.test(before))) return undefined;
    if (/^\/\d/.test(after) || /\d\/$/.test(before)) return undefined;
    if (/^\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|o’clock)/i.test(after)) return undefined;
    if (/\b(?:no|nos|p|pp|vol|ch|fig|art|sec|para)\.\s*$/i.test(before) || /\b(?:page|article|section|chapter|item)\s+$/i.test(before)) return undefined;
    value = digitsValue(g.dig);
    numberLength = (g.cur?.length ?? 0) + g.dig.length;
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
    numberLength = g.word.length;
  } else {
    return undefined;
  }
  if (g.scale) value *= scaleValue(g.scale.trim()) ?? 1;
  let upper: number | undefined;
  if (g.dig2 && g.dig && /^(1[5-9]\d\d|20\d\d)$/.test(g.dig) && !g.scale && (/^(1[5-9]\d\d|20\d\d)$/.test(g.dig2) || /^\d\d$/.test(g.dig2))) {
    // "2021 to 2022", "between 2021 and 2022": two years; "2021-22": one season, read as its first year.
    const alone = readNumber({ ...g, dig2: undefined, scale2: undefined, rangeSep: undefined }, slice, index, length - ((g.rangeSep?.length ?? 0) + g.dig2.length));
    if (alone && g.dig2.length === 2) alone.length = length;
    return alone;
  }
  if (g.dig2 && g.dig) {
    // "2021-22" and "10-year-old" are not ranges; "50 to 60", "50-60" are.
    upper = digitsValue(g.dig2) * (g.scale2 ? scaleValue(g.scale2.trim()) ?? 1 : g.scale ? scaleValue(g.scale.trim()) ?? 1 : 1);
    if (!(upper > value) || /^and$/i.test((g.rangeSep ?? "").trim()) && !/between\s*$/i.test(before)) {
      // Not a range: read the first number alone.
      const lengthAlone = length - ((g.rangeSep?.length ?? 0) + (g.dig2?.length ?? 0) + (g.scale2?.length ?? 0));
      return readNumber({ ...g, dig2: undefined, scale2: undefined, rangeSep: undefined }, slice, index, lengthAlone);
    }
  }
  let unit: string | undefined;
  if (g.pct) unit = "percent";
  else if (g.cur) unit = g.cur;
  // Compounds: "21-page", "10-year-old", "3-metre".
  const compound = /^-(\p{L}+)/u.exec(after);
  if (compound && !g.dig2) {
    unit = stem(compound[1]);
    length += compound[0].length;
  }
  // A bare four-digit number in the range of years, with no unit or scale, is a year.
  if (g.dig && /^(1[5-9]\d\d|20\d\d)$/.test(g.dig) && !g.scale && !g.pct && !g.cur && !unit && !g.dig2 && !isCountedBy(after)) {
    return { value: { type: "date", year: value }, length, numberLength };
  }
  return { value: { type: "count", value, hedge: "exact", upper }, unit, length, numberLength };
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
  let last: { noun: string; span: Span } | undefined;
  let plural: { noun: string; span: Span } | undefined;
  for (let count = 0, m = re.exec(text); m && m.index < to && count < 5; m = re.exec(text), count++) {
    const gap = text.slice(from, m.index);
    // Stop at punctuation that ends the phrase (quote marks and hyphens are inside it).
    if (/[,.;:!?()[\]]/.test(gap) || /\n/.test(gap)) break;
    const word = m[0];
    const lower = word.toLowerCase();
    if (PHRASE_END.has(lower) || /\d/.test(gap) || NUMBER_WORD.test(lower) && new RegExp(`^(?:${NUMBER_WORD.source})$`, "i").test(lower)) break;
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
