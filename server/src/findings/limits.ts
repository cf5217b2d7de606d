// What the checker will read, shared by the language server and the CLI (no LSP
// imports here). A draft that is too large, has a line too long, or is nested too
// deeply is refused with a reason instead of being checked; a check that overflows
// the stack or throws is caught and reported the same way. Refusals are never silent:
// the server shows one diagnostic on line 1, the CLI one stderr line and exit 2.

import { checking, type CheckOptions } from "./check.js";
import { CHECKERS } from "./registry.js";
import { drain, type Steps } from "../steps.js";
import type { Corpus } from "../corpus/corpus.js";
import type { CheckResult } from "../model.js";

/** The default `sourceCheck.maxFileSize` / `--max-file-size`: 1 MiB, some 150,000 words. */
export const DEFAULT_MAX_FILE_SIZE = 1_048_576;
/** The longest line the checker reads, in characters (a paragraph of some 15,000 words). */
export const MAX_LINE_LENGTH = 100_000;
/** The deepest nesting of blockquotes and list items the checker reads. */
export const MAX_NESTING = 100;
/**
 * The most emphasis marks (`*`, `_`) one line may hold. Markdown pairs them up by
 * searching back over the open ones, so thousands on a line cost the parser minutes;
 * no prose needs more than a few dozen.
 */
export const MAX_EMPHASIS_MARKS = 1_000;

export type RefusalReason = "too-large" | "line-too-long" | "too-deep" | "failed";

export interface Refusal {
  reason: RefusalReason;
  /** Why, as a predicate of the draft: "is 10,485,760 bytes, more than the limit of 1,048,576 bytes". */
  message: string;
  /** The error the checker threw, for a log. */
  cause?: unknown;
}

export type Checked = { result: CheckResult } | { refusal: Refusal };

export interface Limits {
  /** In bytes of UTF-8. */
  maxFileSize: number;
}

/** A whole number with thousands separators, locale-independent. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** The refusal for a size in bytes over the limit, if it is over. */
export function sizeRefusal(bytes: number, limits: Limits): Refusal | undefined {
  if (bytes <= limits.maxFileSize) return undefined;
  return {
    reason: "too-large",
    message: `is ${formatCount(bytes)} bytes, more than the limit of ${formatCount(limits.maxFileSize)} bytes`,
  };
}

/** Why a draft's text is not to be checked, if it is not: size, line length, nesting depth. */
export function refusalFor(text: string, limits: Limits): Refusal | undefined {
  // UTF-8 takes at most three bytes per UTF-16 unit: count bytes only when it could matter.
  if (text.length * 3 > limits.maxFileSize) {
    const size = sizeRefusal(Buffer.byteLength(text, "utf8"), limits);
    if (size) return size;
  }
  let line = 0;
  let start = 0;
  let marks = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 42 || c === 95) marks++;
    if (c !== 10 && c !== 13) continue;
    if (marks > MAX_EMPHASIS_MARKS) {
      return {
        reason: "too-deep",
        message: `has ${formatCount(marks)} emphasis marks (* or _) on line ${formatCount(line + 1)}, more than the limit of ${formatCount(MAX_EMPHASIS_MARKS)}`,
      };
    }
    marks = 0;
    const length = i - start;
    if (length > MAX_LINE_LENGTH) {
      return {
        reason: "line-too-long",
        message: `has a line of ${formatCount(length)} characters (line ${formatCount(line + 1)}), more than the limit of ${formatCount(MAX_LINE_LENGTH)}`,
      };
    }
    const depth = nestingOf(text, start, i);
    if (depth > MAX_NESTING) {
      return {
        reason: "too-deep",
        message: `nests blockquotes or lists ${formatCount(depth)} deep (line ${formatCount(line + 1)}), more than the limit of ${MAX_NESTING}`,
      };
    }
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    line++;
    start = i + 1;
  }
  return undefined;
}

/**
 * How deeply a line opens containers: its leading `>` and list markers, plus its
 * indentation before a list marker (two columns a level). An upper estimate: it is
 * only compared with a limit no real draft comes near.
 */
function nestingOf(text: string, start: number, end: number): number {
  let depth = 0;
  let indent = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      indent += c === 9 ? 4 : 1;
      i++;
      continue;
    }
    const next = i + 1 < end ? text.charCodeAt(i + 1) : 32;
    if (c === 62 /* > */) {
      depth++;
      i++;
    } else if ((c === 45 || c === 43 || c === 42) /* - + * */ && (next === 32 || next === 9)) {
      depth += 1 + (indent >> 1);
      i++;
    } else if (c >= 48 && c <= 57) {
      let j = i;
      while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const mark = j < end ? text.charCodeAt(j) : 0;
      const after = j + 1 < end ? text.charCodeAt(j + 1) : 32;
      if ((mark === 46 || mark === 41) && (after === 32 || after === 9)) {
        depth += 1 + (indent >> 1);
        i = j + 1;
      } else break;
    } else break;
    indent = 0;
  }
  return depth;
}

/**
 * Check a draft within the limits. Never throws: a refusal names the limit a draft is
 * over, or what went wrong in the checker (a stack overflow reads as nesting too deep).
 */
export function checkWithinLimits(text: string, corpus: Corpus, options: CheckOptions, limits: Limits): Checked {
  return drain(checkingWithinLimits(text, corpus, options, limits));
}

/** `checkWithinLimits` in steps (findings/check.ts `checking`): the language server runs it in slices. */
export function* checkingWithinLimits(text: string, corpus: Corpus, options: CheckOptions, limits: Limits): Steps<Checked> {
  const refusal = refusalFor(text, limits);
  if (refusal) return { refusal };
  yield;
  try {
    return { result: yield* checking(CHECKERS, text, corpus, options) };
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return { refusal: { reason: "too-deep", message: "is nested too deeply to check (the checker ran out of stack)", cause: e } };
    }
    return {
      refusal: { reason: "failed", message: `could not be checked: the checker failed (${(e as Error)?.message ?? String(e)})`, cause: e },
    };
  }
}
