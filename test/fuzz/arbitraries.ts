// Drafts for property tests: the real drafts mutated (characters inserted, deleted
// and duplicated, with a bias to what the checker reads: quote marks, brackets,
// digits, line breaks, Markdown markers and awkward Unicode), and Markdown made up
// from the pieces news drafts are made of.

import fc from "fast-check";
import { seedDrafts } from "./invariants.js";

/** What a mutation inserts: one piece at a time. */
export const PIECES: readonly string[] = [
  // quote marks and brackets
  "“",
  "”",
  "‘",
  "’",
  '"',
  "'",
  "«",
  "»",
  "[",
  "]",
  "(",
  ")",
  "<",
  ">",
  "{",
  "}",
  // digits and number punctuation
  "0",
  "1",
  "3",
  "4",
  "5",
  "9",
  "54",
  "30",
  ",",
  ".",
  "-",
  "–",
  "%",
  "$",
  // line breaks
  "\n",
  "\r\n",
  "\r",
  "\n\n",
  "\r\n\r\n",
  // Markdown
  "> ",
  "- ",
  "1. ",
  "# ",
  "|",
  "`",
  "```\n",
  "*",
  "_",
  "~",
  "^",
  "@",
  "[^1]",
  "[@ctv-news]",
  "[@nope]",
  "\\",
  "&amp;",
  "<!--",
  "-->",
  "---\n",
  // awkward Unicode: zero-width and direction marks, BOM, NUL, lone and paired surrogates, other digits
  "\u200B",
  "\u200C",
  "\u200D",
  "\u200E",
  "\u200F",
  "\u202E",
  "\u2066",
  "\uFEFF",
  "\u0000",
  "\uD800",
  "\uDC00",
  "😀",
  "５",
  "٣",
  "۴",
  "\u00A0",
  "\t",
];

/** Words and phrases news drafts are made of, for made-up Markdown. */
export const TOKENS: readonly string[] = [
  "The ",
  "RCMP ",
  "said ",
  "says ",
  "police ",
  "stations ",
  "countries ",
  "Toronto ",
  "China ",
  "in ",
  "of ",
  "a ",
  "total ",
  "at least ",
  "more than ",
  "about ",
  "fewer than ",
  "nearly ",
  "54 ",
  "30 ",
  "35 ",
  "three ",
  "230,000 ",
  "1,000 ",
  "21-page ",
  "April 2021 ",
  "2022 ",
  "report ",
  "“",
  "”",
  '"',
  "‘",
  "’",
  "'",
  ". ",
  ", ",
  "; ",
  ": ",
  "? ",
  "! ",
  "CTV News Toronto ",
  "Naija Times ",
  "Safeguard Defenders ",
  "[@ctv-news]",
  "[@naija-times]",
  "[@unknown]",
  "[@ctv-news; @naija-times]",
  "[^1]",
  "[^2]",
  "\n\n[^1]: CTV News Toronto\n",
  "\n\n[^2]: nothing\n",
  "[CTV](https://www.ctvnews.ca/)",
  "<https://example.com>",
  "`54`",
  "**",
  "*",
  "_",
  "\n",
  "\r\n",
  "\n\n",
  "> ",
  "- ",
  "1. ",
  "## ",
  "\n| a | b |\n| --- | --- |\n| 54 stations | [@ctv-news] |\n",
  "\n```\n54 stations\n```\n",
  "<!-- source-check-disable-next-line -->\n",
  "<!-- source-check-disable -->",
  "<!-- source-check-enable -->",
  "<b>",
  "</b>",
  "![54](x.png)",
  "---\ntitle: x\n---\n",
  "\u200B",
  "\uFEFF",
  "\uD800",
  "５４ ",
  "٣٠ ",
  "5\u200B4 ",
  "\u202E54\u202C ",
];

type Mutation =
  | { kind: "insert"; at: number; piece: number }
  | { kind: "delete" | "duplicate"; at: number; length: number }
  | { kind: "crlf" }
  | { kind: "cr" };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), piece: fc.nat({ max: PIECES.length - 1 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }) },
  { weight: 1, arbitrary: fc.constantFrom<Mutation>({ kind: "crlf" }, { kind: "cr" }) },
);

function mutate(text: string, m: Mutation): string {
  if (m.kind === "crlf") return text.replace(/\r?\n/g, "\r\n");
  if (m.kind === "cr") return text.replace(/\r?\n/g, "\r");
  if (m.kind === "insert") {
    const at = text.length === 0 ? 0 : m.at % (text.length + 1);
    return text.slice(0, at) + PIECES[m.piece] + text.slice(at);
  }
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  if (m.kind === "delete") return text.slice(0, at) + text.slice(at + m.length);
  return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
}

let seeds: { name: string; text: string }[] | undefined;

/** A real draft with 1 to 12 mutations. */
export function mutatedDraft(): fc.Arbitrary<string> {
  seeds ??= seedDrafts();
  const all = seeds;
  return fc
    .record({ seed: fc.nat({ max: all.length - 1 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 12 }) })
    .map(({ seed, mutations }) => mutations.reduce(mutate, all[seed].text));
}

/** Markdown made up of draft-like pieces, up to some 150 of them. */
export function madeUpDraft(): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...TOKENS), { maxLength: 150 }).map((parts) => parts.join(""));
}

/** Any string at all, Unicode and lone surrogates included. */
export function anyText(): fc.Arbitrary<string> {
  return fc.string({
    unit: fc.oneof(fc.constantFrom(...PIECES), fc.constantFrom(...TOKENS), fc.string({ unit: "binary", maxLength: 3 })),
    maxLength: 200,
  });
}

export interface FuzzTarget {
  name: string;
  arbitrary: () => fc.Arbitrary<string>;
  /** Of every 100 cases, how many come from this target. */
  share: number;
}

export const TARGETS: readonly FuzzTarget[] = [
  { name: "mutated-draft", arbitrary: mutatedDraft, share: 60 },
  { name: "made-up-markdown", arbitrary: madeUpDraft, share: 30 },
  { name: "any-text", arbitrary: anyText, share: 10 },
];
