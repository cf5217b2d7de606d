// Sentences in prose: the one segmenter that figures, quotes and citations share. A
// citation covers the sentence it stands in, a quote's speaker is looked for in its
// sentence, and a figure is bound to its sentence's words, so where a sentence ends
// matters. News copy puts abbreviations ("Coun. Mira Osei", "Aug. 6", "U.S.",
// "No. 5"), initials ("J. R. Okafor"), decimals, closing quote marks and footnote
// references after a full stop; a line break inside a paragraph is not an end
// (writers hard-wrap).
//
// Why not the tagger's splitter (parsing/nlp.ts) or Intl.Segmenter: measured on the
// titles newsrooms abbreviate, wink-nlp splits after "Coun.", "Supt.", "Insp." and
// "Maj." (its tokenizer knows a fixed few: Dr., Gov., Sen., Rep., St., Mt., Ave.,
// months), and ICU's segmenter in Node splits after every one of them, "Dr." and "Mr."
// included. Both would also cost a pass over every source. So the abbreviations are
// known here, by kind, from the style books' lists:
// - a known abbreviation or an initial ends a sentence only when the next word is a
//   capitalised closed-class word ("… on Main St. The house …", "… in the U.S. It …"),
//   never before a name or a number ("St. Clair", "U.S. Senate", "Aug. 6");
// - "No.", "p.", "vol." abbreviate only before a number ("said no. Then …" ends);
// - "e.g.", "i.e.", "vs." never end one.

import type { Span } from "../model.js";

// By kind, lowercase, without their dots.
const TITLES =
  // people's titles, civil, military, police, religious, academic, legal
  "mr mrs ms mx messrs mmes dr drs prof profs rev revs fr msgr hon gov govs lt sen sens rep reps pres supt supts insp " +
  "coun couns cllr ald det dets sgt sgts cpl cpls pvt pte cst const constab gen gens col cols maj capt capts cmdr comdr " +
  "cmdt adm brig lieut sgt-maj atty attys asst assoc amb sup dep supr comm commr commrs sr jr esq";
const PLACES =
  // streets and places, and the style books' short names of states and provinces
  "st sts ave aves blvd rd rds hwy hwys mt mts ft pt pl ct cres dist twp co cty " +
  "ala ariz ark calif cal colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nebr nev " +
  "okla ore pa penn penna tenn tex vt va wash wis wisc wyo alta ont que sask nfld man";
const MONTHS_AND_DAYS = "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun";
const ORGANISATIONS = "inc corp co cos ltd llc plc bros assn dept depts univ intl natl govt";
const OTHERS = "approx est etc al ca cf misc min max sq vs viz a.m p.m";
const NEVER_END = new Set(["e.g", "i.e", "vs", "viz", "cf"]);

const ABBREVIATIONS = new Set([TITLES, PLACES, MONTHS_AND_DAYS, ORGANISATIONS, OTHERS].join(" ").split(" "));

// These abbreviate only before a number: "No. 5", "p. 2"; "Beijing said no." ends.
const NUMBERED = new Set(["no", "nos", "p", "pp", "vol", "vols", "fig", "figs", "ch", "art", "para", "sec"]);

// Closed-class words that begin sentences and are never part of a name: after an
// abbreviation, one of these capitalised says a new sentence has begun.
const STARTERS = new Set(
  (
    "the a an this that these those it its he she they we i you his her their our my your there here " +
    "and but or so yet nor then when while if as after before since although though because once " +
    "in on at by for from with without to of into over under during about against " +
    "what who which where why how some many most all each every both no not another other such " +
    "meanwhile however still also instead later earlier now today yesterday"
  ).split(" "),
);

const OTHERS_SET = new Set(OTHERS.split(" "));

const TRAILING_CITATION = /^(?:\r\n|\s)?\[(\^[^\]\s]+|@[^\]]*)\]/;

const CLOSERS = new Set(["”", "’", '"', "'", ")", "]", "»", "*", "_"]);
const OPENERS = /[\p{Lu}\p{N}“‘"'([«*_#\-–—]/u;

/**
 * The longest sentence, in characters. News sentences run to a few hundred; a longer
 * run with no full stop (a column of figures one per line, a pasted table, one long
 * line of numbers) is cut into pieces of at most this length, at a line break where
 * there is one, else at a space. Each figure reads its sentence around it, so this
 * bound keeps a check's cost linear in the draft, not in the square of its longest
 * sentence.
 */
export const MAX_SENTENCE_LENGTH = 1_000;

export function sentences(text: string): Span[] {
  const out: Span[] = [];
  const push = (span: Span): void => {
    for (const piece of capped(text, span)) out.push(piece);
  };
  let start = skipSpace(text, 0);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== "." && c !== "!" && c !== "?" && c !== "…") continue;
    if (c === "." && isAbbreviationOrDecimal(text, i)) continue;
    let end = i + 1;
    while (end < text.length && (CLOSERS.has(text[end]) || text[end] === "." || text[end] === "!" || text[end] === "?")) end++;
    // Footnote references and Pandoc citations that follow the full stop belong to its sentence.
    // A line break counts as one space, whether it is "\n" or "\r\n".
    for (let m = TRAILING_CITATION.exec(text.slice(end)); m; m = TRAILING_CITATION.exec(text.slice(end))) end += m[0].length;
    if (end < text.length && !/\s/.test(text[end])) continue;
    const next = skipSpace(text, end);
    if (next < text.length && !OPENERS.test(text[next])) continue;
    // "…" inside a sentence marks an omission; it ends one only before a capital.
    if (c === "…" && next < text.length && !/[\p{Lu}“"]/u.test(text[next])) continue;
    if (end > start) push({ start, end });
    start = next;
    i = next - 1;
  }
  const tail = trimEnd(text, text.length);
  if (tail > start) push({ start, end: tail });
  return out;
}

/** A sentence cut into pieces of at most MAX_SENTENCE_LENGTH characters: at the last line break within the bound, else the last space, else at the bound. */
function capped(text: string, span: Span): Span[] {
  if (span.end - span.start <= MAX_SENTENCE_LENGTH) return [span];
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > MAX_SENTENCE_LENGTH) {
    const bound = start + MAX_SENTENCE_LENGTH;
    let cut = lastOf(text, start, bound, (c) => c === "\n");
    if (cut <= start) cut = lastOf(text, start, bound, (c) => /\s/.test(c));
    if (cut <= start) cut = bound;
    const end = trimEnd(text, cut);
    if (end > start) pieces.push({ start, end });
    start = skipSpace(text, cut);
  }
  if (span.end > start) pieces.push({ start, end: span.end });
  return pieces;
}

/** The last offset in (start, bound] whose character passes `test`, else `start`: a walk back that never leaves the window. */
function lastOf(text: string, start: number, bound: number, test: (c: string) => boolean): number {
  for (let i = bound; i > start; i--) if (test(text[i])) return i;
  return start;
}

function isAbbreviationOrDecimal(text: string, dot: number): boolean {
  if (/\d/.test(text[dot - 1] ?? "") && /\d/.test(text[dot + 1] ?? "")) return true;
  let from = dot;
  while (from > 0 && /[\p{L}.]/u.test(text[from - 1])) from--;
  const written = text.slice(from, dot);
  const word = written.toLowerCase();
  if (!word) return false;
  const after = text.slice(dot + 1, dot + 40);
  // "No. 5", "p. 2": these abbreviate only before a number; "said no." ends a sentence.
  if (NUMBERED.has(word)) return /^\s*\d/.test(after);
  if (NEVER_END.has(word)) return true;
  const capitalised = /^\p{Lu}/u.test(written);
  const known = OTHERS_SET.has(word) || (capitalised && ABBREVIATIONS.has(word));
  // Initials and dotted short forms: "J. Smith", "J.R. Okafor", "U.S.", "B.C."
  const initials = capitalised && /^(?:\p{L}\.)*\p{L}$/u.test(word) && word.replace(/\./g, "").length <= 3;
  // A capitalised word with no vowel is written short ("Sgt.", "Bldg.", "Cpl."): no English word or name is.
  const unvoiced = capitalised && word.length <= 4 && !/[aeiouy.]/.test(word);
  if (!known && !initials && !unvoiced) return false;
  // A known abbreviation ends its sentence only where a new one plainly begins.
  return !startsSentence(after);
}

/** Whether the full stop at `dot` belongs to an abbreviation or an initial ("Coun.", "J."), not to a sentence's end. */
export function isAbbreviationDot(text: string, dot: number): boolean {
  return text[dot] === "." && isAbbreviationOrDecimal(text, dot);
}

/** Whether text after a full stop opens with a capitalised closed-class word ("The", "It", "But"). */
function startsSentence(after: string): boolean {
  const m = /^[\s”’"')\]*_]*[“‘"'(]?(\p{Lu}\p{Ll}*)(?![\p{L}.])/u.exec(after);
  return m !== null && STARTERS.has(m[1].toLowerCase());
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

function trimEnd(text: string, i: number): number {
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

/** The sentence that holds an offset. */
export function sentenceAt(spans: Span[], offset: number): Span | undefined {
  return spans.find((s) => offset >= s.start && offset < s.end) ?? spans.find((s) => offset === s.end);
}
