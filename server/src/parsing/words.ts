// Words as the checker compares them: one tokeniser, one stemmer and one list of
// function words for the whole pipeline, so a draft and a source are read alike.

import { Memo } from "../memo.js";

export interface Word {
  /** The word as written. */
  text: string;
  /** Lowercased, folded and stemmed, for comparison. */
  stem: string;
  start: number;
  end: number;
}

// Letters (any script), digits and the joiners inside words: apostrophes, hyphens,
// decimal points and thousands separators between digits.
const WORD = /[\p{L}\p{N}]+(?:(?:[.,](?=\p{N})|['’-](?=[\p{L}\p{N}]))[\p{L}\p{N}]+)*/gu;

export function words(text: string, from = 0, to = text.length): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = from;
  for (let m = WORD.exec(text); m && m.index < to; m = WORD.exec(text)) {
    const end = Math.min(m.index + m[0].length, to);
    const raw = text.slice(m.index, end);
    out.push({ text: raw, stem: stem(raw), start: m.index, end });
  }
  return out;
}

/** Lowercase, with curly apostrophes and dashes made plain. */
export function fold(text: string): string {
  // NFKC is costly and most news text is ASCII, which it leaves as it is.
  const normal = /[\u0080-\uffff]/.test(text) ? text.normalize("NFKC") : text;
  return normal
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[‐‑‒–—―]/g, "-");
}

const IRREGULAR: Record<string, string> = {
  people: "person",
  persons: "person",
  men: "man",
  women: "woman",
  children: "child",
  countries: "country",
  authorities: "authority",
  activities: "activity",
  says: "say",
  said: "say",
  told: "tell",
  has: "have",
  had: "have",
  was: "be",
  were: "be",
  is: "be",
  are: "be",
  been: "be",
  police: "police",
  news: "news",
  series: "series",
};

/** A light English stemmer: enough to make "stations"/"station" and "returned"/"return" meet. */
export function stem(word: string): string {
  return stems.get(word, stemUncached);
}

// Stemming is pure and words repeat: remember each word's stem.
const stems = new Memo<string, string>(100_000);

function stemUncached(word: string): string {
  let w = fold(word).replace(/'s$/, "");
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (/^\d/.test(w)) return w;
  if (w.length > 4 && w.endsWith("ies")) w = w.slice(0, -3) + "y";
  else if (w.length > 4 && /(sses|xes|ches|shes)$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, w.endsWith("ied") ? -3 : -2) + (w.endsWith("ied") ? "y" : "");
  if (w.length > 4 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

/** Words that carry no subject matter: they never make two sentences about the same thing. */
export const FUNCTION_WORDS = new Set(
  (
    "a an the and or but nor so yet of in on at to for from by with without into onto upon about over under " +
    "between among through during before after since until than as that this these those there here it its " +
    "they them their he him his she her we us our you your i me my who whom whose which what when where why how " +
    "be have do does did done not no all any some each every more most less least many much few such same other " +
    "also just only very too then now still even ever both either neither own one ones per via across around " +
    "say tell add according note claim state will would can could may might must shall should " +
    "if while because although though however meanwhile including include up out off down again further once " +
    "total number amount several s t"
  )
    .split(" ")
    .map((w) => stem(w)),
);

const MONTH_WORDS = new Set(
  "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec"
    .split(" ")
    .map((w) => stem(w)),
);

const NUMBER_WORDS = new Set(
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion dozen"
    .split(" ")
    .map((w) => stem(w)),
);

/** The subject-matter words of a stretch of text, as stems: no function words, numbers or months. */
export function contentStems(text: string, from = 0, to = text.length): Set<string> {
  const out = new Set<string>();
  for (const w of words(text, from, to)) {
    if (/^\d/.test(w.stem) || FUNCTION_WORDS.has(w.stem) || NUMBER_WORDS.has(w.stem) || MONTH_WORDS.has(w.stem) || w.stem.length < 2)
      continue;
    out.add(w.stem);
    // "small-business" shares its words with "small businesses".
    if (w.text.includes("-"))
      for (const part of w.text.split("-")) if (part.length > 2 && !FUNCTION_WORDS.has(stem(part))) out.add(stem(part));
  }
  return out;
}
