// The checker's plain data. Everything here is serialisable and free of LSP
// connections, VS Code and the terminal: adapters turn it into their own medium.
// Offsets are UTF-16 code-unit indices into the text they belong to (JavaScript
// string indices); `parsing/positions.ts` maps them to lines and columns.

// The codes are defined by their one list, in findings/codes.ts (a file that imports nothing).
import type { FindingCode, Severity } from "./findings/codes.js";
export type { FindingCode, Severity };

export interface Span {
  start: number;
  end: number;
}

/**
 * How a figure is hedged in the text that states it. "nearly" ("nearly", "almost",
 * "just under") allows the writer's rounding from one step below only.
 */
export type Hedge = "exact" | "about" | "nearly" | "more-than" | "at-least" | "less-than" | "at-most";

/**
 * A quantity read fully: its value in the canonical unit of its `Figure.unit` ("$1.42
 * billion" is 1.42e9 dollars; "15.5 km" is 15,500 metres; "150 basis points" is 1.5
 * percentage points), with how precisely it was written, so that equal things compare
 * equal at the writer's precision and different things never do.
 */
export interface CountValue {
  type: "count";
  value: number;
  hedge: Hedge;
  /** A range's upper end ("1% to 3%", "six to 11 months"); both ends must be backed. */
  upper?: number;
  /** The place of the last digit as written, in the canonical unit ("2.3 million": 100,000; "230,000": 1). */
  step?: number;
  /** Written with a magnitude word ("$1.42 billion", "2.8 million"): the writer rounded to `step`. */
  scaled?: boolean;
  /** A vague quantity ("dozens", "hundreds"): any value from `value` to `upper` is it. */
  vague?: boolean;
  /** The hedge word may be a preposition ("spread over twelve provinces"): the bare number reads too. */
  orExact?: boolean;
}

/** What a figure's value is: a quantity, a point in time, a score or a time of day. */
export type FigureValue =
  | CountValue
  | { type: "date"; year?: number; month?: number; day?: number }
  /** A score or tally read as one figure ("38-12", "a 7-2 vote"). */
  | { type: "score"; a: number; b: number }
  /** A time of day, in minutes after midnight, with its zone's offset from UTC in minutes when the text names one. */
  | { type: "time"; minutes: number; zone?: number };

export type FigureType = FigureValue["type"];

/** A figure as it stands in a sentence, in a draft or in a source. */
export interface Figure {
  /** The figure's words as written ("more than 50", "21-page", "April 2021"). */
  text: string;
  span: Span;
  /** The span of the number itself, which a fix replaces ("35" in "35 countries"). */
  numberSpan: Span;
  value: FigureValue;
  /**
   * The unit the value is in, canonical ("percent", "percentage-point", "$", "US$", "€",
   * "m", "m2", "m/s", "kg", "age", "times"), or the noun joined to the number by a
   * hyphen ("page" in "21-page"), if any. `claims/quantities.ts` says which units are one.
   */
  unit?: string;
  /** The preposition right before the figure, lowercase ("by" in "cut by 1.5%", "at" in "stands at 4.25%"), if any. */
  preposition?: string;
  /** What the figure counts, as a lowercase singular noun ("station", "country"), if known. */
  noun?: string;
  /** The sentence the figure stands in. */
  sentence: Span;
}

export interface Quote {
  /** The quoted words without their quote marks; the pieces of a split quote are joined by a space. */
  text: string;
  /** The span from the opening to the closing quote mark (of the last piece, for a split quote). */
  span: Span;
  /** The spans of the quoted words of each piece, without quote marks. */
  pieces: Span[];
  sentence: Span;
  /** Who the text says spoke the words, as written ("RCMP spokesperson Camille Boily-Lavoie"), if anyone. */
  speaker?: string;
}

export type CitationKind = "pandoc" | "footnote" | "link" | "publisher";

export interface Citation {
  kind: CitationKind;
  /** The citation as written: "[@ctv-news]", "[^2]", the link, or the publisher's name. */
  text: string;
  span: Span;
  /** The key as written ("ctv-news" for [@ctv-news], "2" for [^2], the URL of a link). */
  key: string;
  /** The sources it names (empty when it names none). */
  sources: string[];
  /** For Pandoc citations: where the key itself stands. */
  keySpan?: Span;
  /** For footnotes: the span of the footnote's definition, if the draft has one. */
  definition?: Span;
}

/**
 * What each kind of claim carries besides the common fields: a figure claim its
 * figure, a quote claim its quote. A new kind of claim adds itself here from its own
 * file, by declaration merging (`declare module "../../model.js" { interface
 * ClaimPayloads { date: { date: DateValue } } }`), so this file need not change.
 */
export interface ClaimPayloads {
  figure: { figure: Figure };
  quote: { quote: Quote };
}

export type ClaimKind = keyof ClaimPayloads;

/** What every claim has, whatever its kind. */
export interface ClaimBase<K extends ClaimKind = ClaimKind> {
  kind: K;
  text: string;
  span: Span;
  sentence: Span;
  /** Citations that cover this claim (its sentence's, or its table row's). */
  citations: Citation[];
}

/** Every payload field of any kind, for marking the other kinds' fields absent. */
type PayloadField = { [K in ClaimKind]: keyof ClaimPayloads[K] }[ClaimKind];

/**
 * One kind of claim: the common fields, its own payload, and the other kinds'
 * payload fields absent, so `claim.figure` reads as `Figure | undefined` on any claim
 * and `claim.kind === "figure"` narrows it to a `Figure`.
 */
export type ClaimOf<K extends ClaimKind> = ClaimBase<K> &
  ClaimPayloads[K] & { [F in Exclude<PayloadField, keyof ClaimPayloads[K]>]?: undefined };

/** A claim: a discriminated union on `kind`. */
export type Claim = { [K in ClaimKind]: ClaimOf<K> }[ClaimKind];
export type FigureClaim = ClaimOf<"figure">;
export type QuoteClaim = ClaimOf<"quote">;

/** A passage of a source that speaks to a claim. */
export interface Evidence {
  source: string;
  /** The source's sentence, as plain text. */
  excerpt: string;
  /** Where the figure or quote stands within `excerpt`. */
  mark?: Span;
  /** Where `excerpt` stands in the source file's text. */
  span: Span;
  /** Whether this passage backs the claim (false: it states another value or wording). */
  backs: boolean;
  /** The source's value for a figure ("30 countries"), when it differs. */
  value?: string;
  /** Who the source says spoke a quote. */
  speaker?: string;
  /** For a quote close to this passage: the words the draft kept, dropped and added, from the source's side. */
  changes?: { op: "same" | "added" | "dropped"; text: string }[];
}

export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix that is clearly right, where one is. */
  preferred?: boolean;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  span: Span;
  message: string;
  claim: { kind: ClaimKind | "citation"; text: string };
  evidence: Evidence[];
  fixes: Fix[];
}

/** One claim with its verdict, for hovers: the finding it got, if any, and its evidence. */
export interface ClaimReport {
  claim: Claim;
  finding?: Finding;
  evidence: Evidence[];
  /** A one-line verdict for people ("Backed by CTV News Toronto and Naija Times, and cited."). */
  verdict: string;
}

export interface CheckResult {
  claims: ClaimReport[];
  findings: Finding[];
  citations: Citation[];
}

export interface SourceMeta {
  id: string;
  title: string;
  publisher: string;
  date?: string;
  url?: string;
  author?: string;
}

export interface Source extends SourceMeta {
  /** Where the source came from: a file path, as given. */
  path: string;
  /** The whole file's text. */
  text: string;
  /** Where the article's body starts in `text` (after the front matter). */
  bodyStart: number;
  bundled: boolean;
}

/** A source file that could not be used, and why. */
export interface SourceProblem {
  path: string;
  message: string;
  /** Where in the file the problem is, if it is at one place. */
  span?: Span;
}
