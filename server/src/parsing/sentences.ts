// Sentences in prose. A citation covers the sentence it stands in, and a figure is
// bound to its sentence's words, so where a sentence ends matters. News copy puts
// abbreviations ("Dec. 1", "U.S.", "Mr."), decimals, closing quote marks and
// footnote references after the full stop; a line break inside a paragraph is not an
// end (writers hard-wrap).

import type { Span } from "../model.js";

const ABBREVIATIONS = new Set(
  (
    "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr prof st sr jr gen gov sen rep rev lt col sgt capt " +
    "no nos vol p pp ch fig inc ltd co corp dept est approx vs etc e.g i.e u.s u.k u.n a.m p.m"
  ).split(" "),
);

const NUMBERED = new Set(["no", "nos", "p", "pp", "vol", "fig", "ch"]);

const TRAILING_CITATION = /^(?:\r\n|\s)?\[(\^[^\]\s]+|@[^\]]*)\]/;

const CLOSERS = new Set(["”", "’", '"', "'", ")", "]", "»", "*", "_"]);
const OPENERS = /[\p{Lu}\p{N}“‘"'([«*_#\-–—]/u;

export function sentences(text: string): Span[] {
  const out: Span[] = [];
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
    if (end > start) out.push({ start, end });
    start = next;
    i = next - 1;
  }
  const tail = trimEnd(text, text.length);
  if (tail > start) out.push({ start, end: tail });
  return out;
}

function isAbbreviationOrDecimal(text: string, dot: number): boolean {
  if (/\d/.test(text[dot - 1] ?? "") && /\d/.test(text[dot + 1] ?? "")) return true;
  let from = dot;
  while (from > 0 && /[\p{L}.]/u.test(text[from - 1])) from--;
  const word = text.slice(from, dot).toLowerCase();
  // "No. 5", "p. 2": these abbreviate only before a number; "said no." ends a sentence.
  if (NUMBERED.has(word)) return /^\s*\d/.test(text.slice(dot + 1));
  if (ABBREVIATIONS.has(word)) return true;
  // Initials: "J. Smith", "U.S."
  return /^(\p{L}\.)*\p{L}$/u.test(word) && word.length <= 3 && /\p{Lu}/u.test(text[from] ?? "");
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
