// Does a source passage hold a draft's quote, word for word, nearly, or not at all?
//
// A quote is compared on its words, never on its punctuation: quote marks,
// apostrophe style, dashes, line breaks, capitals and closing punctuation are how a
// writer sets words down, not what was said. Journalistic conventions are honoured:
// - "…" or "..." marks an omission: the pieces must stand in the passage in order,
//   anything may be skipped between them;
// - "[text]" is an editorial insertion or substitution: it may stand for nothing,
//   for one to six words of the source ("[the mayor] said" for "he said"), or for the
//   source's own parenthetical; inside a word it changes letters ("[t]his" is "this");
// - a source's own short parenthetical ("The (force) takes", "station (is) here") is
//   the source's editorial substitution: it matches its own words, one to three
//   words of the draft, a bracket, or nothing;
// - any contiguous part of a passage is a partial quote and is verbatim.
//
// The alignment is a fitting alignment (the whole quote against any stretch of the
// passage), O(quote × passage): free to start and end anywhere in the passage,
// unit cost for a changed or added word, and an affine cost for dropped words (a
// run of dropped words is one omission without an ellipsis, so it counts once and a
// little more per word). The quote is "altered" when that cost is small against its
// length and most of its content words are matched; otherwise "none".

import type { Span } from "../model.js";
import { fold, FUNCTION_WORDS, stem, words } from "../parsing/words.js";
import { Memo } from "../memo.js";

export type DiffOp = { op: "same" | "added" | "dropped"; text: string };

export interface QuoteAlignment {
  kind: "verbatim" | "altered" | "none";
  /** The matched passage in `passage` (offsets into passage). */
  span?: Span;
  /** Word-level diff from the passage (source) to the quote (draft). */
  diff: DiffOp[];
  /** 0..1 similarity. */
  similarity: number;
}

// Costs of one edit. A dropped run costs DROP_OPEN for its first word and
// DROP_EXTEND for each further word.
const CHANGE = 1;
const ADD = 1;
// Wildcards cost next to nothing: just enough that a literal match wins a tie. A
// source's parenthetical standing in for quote words hides those words, so it costs
// a little more, per word hidden.
const WILDCARD = 0.01;
const STAND_IN = 0.05;
// A little under a changed word, so "dropped “very”" is preferred to "added “seriously”".
const DROP_OPEN = 0.9;
const DROP_EXTEND = 0.1;

// Thresholds for "altered": at most 40% of the quote edited, and at least 60% of its
// content words found in place. Quotes of function words only must be nearer still.
const MIN_SIMILARITY = 0.6;
const MIN_CONTENT_SHARE = 0.6;
const MIN_SIMILARITY_NO_CONTENT = 0.85;
// A quote with few content words may miss one of them ("a few miles from me" for "a
// few kilometres from me") and still be an altered quote, if it is otherwise this near.
const MIN_SIMILARITY_ONE_MISSING = 0.8;

// How far an editorial bracket or a source's parenthetical may reach.
const BRACKET_MAX_SOURCE_WORDS = 6;
const PAREN_MAX_WORDS = 3;
// How long an attribution between a split quote's pieces may be ("said Coun. Mira Osei, who chairs the committee").
const SPLIT_MAX_SOURCE_WORDS = 12;

/**
 * The words of a text as quotes are compared: lowercased, curly apostrophes made
 * straight, hyphens and dashes taken as spaces (so "anti–China", "anti-China" and
 * "state backed"/"state-backed" meet), punctuation dropped. Every comparison of
 * quoted words goes through this one function.
 */
export function quoteWords(text: string): { key: string; start: number; end: number; text: string }[] {
  // Same-length replacements keep offsets valid.
  const plain = text.replace(/[‐‑‒–—―-]/g, " ").replace(/[’‘`´]/g, "'");
  return words(plain).map((w) => ({ key: fold(w.text), start: w.start, end: w.end, text: text.slice(w.start, w.end) }));
}

// ---------------------------------------------------------------------------
// Tokens

type QuoteToken =
  | { kind: "word"; key: string; text: string; content: boolean }
  | { kind: "gap" } // an ellipsis
  | { kind: "split" } // where a split quote's pieces meet
  | { kind: "bracket"; text: string }; // [editorial text]

type PassageToken =
  | { kind: "word"; key: string; text: string; start: number; end: number }
  | { kind: "paren"; keys: string[]; text: string; start: number; end: number }; // the source's own (short parenthetical)

function isContent(key: string): boolean {
  return !FUNCTION_WORDS.has(stem(key));
}

function quoteTokens(written: string): QuoteToken[] {
  const out: QuoteToken[] = [];
  // A bracket inside a word changes its letters, not its words: "[t]his" is "this",
  // "[W]e" is "We", "walk[s]" is "walks"; a bracket standing alone is an insertion.
  const quote = written.replace(
    /\[(\p{L}{1,4})\](?=\p{L})|(?<=\p{L})\[(\p{L}{1,4})\]/gu,
    (_m, a: string | undefined, b: string | undefined) => a ?? b ?? "",
  );
  // Brackets and ellipses split the quote; the stretches between are words.
  const marks = /\[[^\]]*\]|…|\.\s?\.\s?\.|\u2063/g;
  let at = 0;
  const pushWords = (from: number, to: number) => {
    for (const w of quoteWords(quote.slice(from, to))) out.push({ kind: "word", key: w.key, text: w.text, content: isContent(w.key) });
  };
  for (let m = marks.exec(quote); m; m = marks.exec(quote)) {
    pushWords(at, m.index);
    if (m[0].startsWith("[")) out.push({ kind: "bracket", text: m[0] });
    else if (m[0] === "\u2063") out.push({ kind: "split" });
    else if (out.length === 0 || out[out.length - 1].kind !== "gap") out.push({ kind: "gap" });
    at = m.index + m[0].length;
  }
  pushWords(at, quote.length);
  // An ellipsis at either end omits nothing a fitting alignment does not already skip.
  while (out.length > 0 && (out[0].kind === "gap" || out[0].kind === "split")) out.shift();
  while (out.length > 0 && (out[out.length - 1].kind === "gap" || out[out.length - 1].kind === "split")) out.pop();
  return out;
}

function passageTokens(passage: string): PassageToken[] {
  const out: PassageToken[] = [];
  const parens = /\(([^()]*)\)/g;
  let at = 0;
  const pushWords = (from: number, to: number) => {
    for (const w of quoteWords(passage.slice(from, to)))
      out.push({ kind: "word", key: w.key, text: w.text, start: from + w.start, end: from + w.end });
  };
  for (let m = parens.exec(passage); m; m = parens.exec(passage)) {
    const inner = quoteWords(m[1]);
    // Only a short parenthetical is an editorial substitution; a longer one is just text.
    if (inner.length === 0 || inner.length > PAREN_MAX_WORDS) continue;
    pushWords(at, m.index);
    out.push({ kind: "paren", keys: inner.map((w) => w.key), text: m[0], start: m.index, end: m.index + m[0].length });
    at = m.index + m[0].length;
  }
  pushWords(at, passage.length);
  return out;
}

// ---------------------------------------------------------------------------
// Alignment

// Moves, for the traceback.
const enum Move {
  None,
  Same,
  Change,
  Add, // a quote word with no source word
  Drop, // a source word left out of the quote
  ParenSkip, // a source parenthetical left out (no cost)
  ParenFor, // a source parenthetical standing for k quote words
  Bracket, // an editorial bracket standing for k source tokens
  Gap, // an ellipsis skipping source tokens back to column `arg`
  Split, // a split quote's junction skipping the source's own attribution, `arg` tokens
}

// A source paragraph is aligned against every quote of every draft, and a draft's
// quote against many paragraphs: tokenise each text once.
const quoteCache = new Memo<string, ReturnType<typeof quoteTokens>>(50_000);
const passageCache = new Memo<string, ReturnType<typeof passageTokens>>(50_000);

interface Grid {
  A: Float64Array;
  B: Float64Array;
  moveA: Uint8Array;
  argA: Int32Array;
  fromBA: Uint8Array;
  fromBB: Uint8Array;
}
let grid: Grid | undefined;

/** The alignment's tables, of at least `cells` cells: allocated when a larger one is needed, not for every alignment (a check makes thousands). */
function scratch(cells: number): Grid {
  if (!grid || grid.A.length < cells) {
    const n = Math.max(cells, 2 * (grid?.A.length ?? 0), 4096);
    grid = {
      A: new Float64Array(n),
      B: new Float64Array(n),
      moveA: new Uint8Array(n),
      argA: new Int32Array(n),
      fromBA: new Uint8Array(n),
      fromBB: new Uint8Array(n),
    };
  }
  return grid;
}

/** A passage's word keys and its count of parentheticals, made once per tokenised passage (a paragraph is tried against every quote). */
function passageKeysOf(p: PassageToken[]): { keys: Set<string>; parens: number } {
  let made = passageKeys.get(p);
  if (!made) {
    const keys = new Set<string>();
    let parens = 0;
    for (const t of p) {
      if (t.kind === "word") keys.add(t.key);
      else {
        parens++;
        for (const k of t.keys) keys.add(k);
      }
    }
    passageKeys.set(p, (made = { keys, parens }));
  }
  return made;
}

const passageKeys = new WeakMap<PassageToken[], { keys: Set<string>; parens: number }>();

/** Align a draft's quote against one source passage (a paragraph). */
export function alignQuote(quote: string, passage: string): QuoteAlignment {
  const q = quoteCache.get(quote, quoteTokens);
  const p = passageCache.get(passage, passageTokens);
  const quoteWordCount = q.filter((t) => t.kind === "word").length;
  const none: QuoteAlignment = { kind: "none", diff: [], similarity: 0 };
  if (quoteWordCount === 0 || p.length === 0) return none;

  // Quick rejection: too few of the quote's content words are in the passage at all
  // (a parenthetical may stand for up to three missing ones).
  const { keys: passageKeys, parens } = passageKeysOf(p);
  const contentWords = q.filter((t): t is Extract<QuoteToken, { kind: "word" }> => t.kind === "word" && t.content);
  const parenAllowance = parens * PAREN_MAX_WORDS;
  const present = contentWords.filter((t) => passageKeys.has(t.key)).length;
  const needed = Math.min(MIN_CONTENT_SHARE * contentWords.length, contentWords.length - 1);
  if (contentWords.length > 0 && present + parenAllowance < needed) return none;

  const m = q.length;
  const n = p.length;
  const W = n + 1;
  // A: best cost at (i, j) whose last move is not a drop; B: whose last move is a drop.
  // Views of buffers kept between alignments (one runs at a time), set as new ones would be.
  const cells = (m + 1) * W;
  const tables = scratch(cells);
  const A = tables.A.subarray(0, cells).fill(Infinity);
  const B = tables.B.subarray(0, cells).fill(Infinity);
  const moveA = tables.moveA.subarray(0, cells).fill(0);
  const argA = tables.argA.subarray(0, cells).fill(0); // k for ParenFor/Bracket, column for Gap
  const fromBA = tables.fromBA.subarray(0, cells).fill(0); // whether A's move came from state B
  const fromBB = tables.fromBB.subarray(0, cells).fill(0); // whether B's drop extended a drop
  const best = (i: number, j: number) => Math.min(A[i * W + j], B[i * W + j]);
  const bestIsB = (i: number, j: number) => (B[i * W + j] < A[i * W + j] ? 1 : 0);

  for (let j = 0; j <= n; j++) A[j] = 0; // free start anywhere in the passage

  let cell = 0;
  const set = (cost: number, move: Move, arg: number, fromB: number) => {
    if (cost < A[cell]) {
      A[cell] = cost;
      moveA[cell] = move;
      argA[cell] = arg;
      fromBA[cell] = fromB;
    }
  };
  for (let i = 1; i <= m; i++) {
    const qt = q[i - 1];
    // For an ellipsis: the best of the row above up to each column.
    let prefixBest = Infinity;
    let prefixCol = 0;
    for (let j = 0; j <= n; j++) {
      cell = i * W + j;
      if (qt.kind === "gap") {
        if (best(i - 1, j) < prefixBest) {
          prefixBest = best(i - 1, j);
          prefixCol = j;
        }
        set(prefixBest, Move.Gap, prefixCol, bestIsB(i - 1, prefixCol));
      } else if (qt.kind === "split") {
        // “…,” Holt said, “…”: the source may carry its own attribution where the draft's pieces meet.
        for (let k = 0; k <= Math.min(j, SPLIT_MAX_SOURCE_WORDS); k++)
          set(best(i - 1, j - k) + WILDCARD * k, Move.Split, k, bestIsB(i - 1, j - k));
      } else if (qt.kind === "bracket") {
        // An insertion (k = 0) or a substitution for up to six source tokens.
        for (let k = 0; k <= Math.min(j, BRACKET_MAX_SOURCE_WORDS); k++)
          set(best(i - 1, j - k) + WILDCARD * k, Move.Bracket, k, bestIsB(i - 1, j - k));
      } else {
        if (j > 0) {
          const pt = p[j - 1];
          if (pt.kind === "word") {
            const same = pt.key === qt.key;
            set(best(i - 1, j - 1) + (same ? 0 : CHANGE), same ? Move.Same : Move.Change, 0, bestIsB(i - 1, j - 1));
          } else {
            // The source's parenthetical: its own words, or a stand-in for one to three quote words.
            for (let k = 1; k <= PAREN_MAX_WORDS && i - k >= 0; k++) {
              if (q[i - k].kind !== "word") break;
              const own = pt.keys.join(" ") === (q.slice(i - k, i) as { key: string }[]).map((t) => t.key).join(" ");
              set(best(i - k, j - 1) + (own ? 0 : STAND_IN * k), Move.ParenFor, k, bestIsB(i - k, j - 1));
            }
          }
        }
        set(best(i - 1, j) + ADD, Move.Add, 0, bestIsB(i - 1, j));
      }
      if (j > 0) {
        const pt = p[j - 1];
        if (pt.kind === "paren") {
          set(best(i, j - 1) + WILDCARD, Move.ParenSkip, 0, bestIsB(i, j - 1));
        } else {
          const open = A[i * W + j - 1] + DROP_OPEN;
          const extend = B[i * W + j - 1] + DROP_EXTEND;
          B[cell] = Math.min(open, extend);
          fromBB[cell] = extend < open ? 1 : 0;
        }
      }
    }
  }

  // The best end column; ties go to the earliest, shortest match.
  let endJ = 0;
  for (let j = 1; j <= n; j++) if (best(m, j) < best(m, endJ)) endJ = j;
  const cost = best(m, endJ);

  // Traceback, collecting the diff from the end.
  const ops: DiffOp[] = [];
  let matched = 0;
  let matchedContent = 0;
  let i = m;
  let j = endJ;
  let state = bestIsB(m, endJ);
  while (i > 0) {
    const cell = i * W + j;
    if (state === 1) {
      const pt = p[j - 1] as Extract<PassageToken, { kind: "word" }>;
      ops.push({ op: "dropped", text: pt.text });
      state = fromBB[cell] ? 1 : 0;
      j--;
      continue;
    }
    const move = moveA[cell] as Move;
    const fromB = fromBA[cell];
    const qt = q[i - 1];
    switch (move) {
      case Move.Same:
        ops.push({ op: "same", text: (qt as { text: string }).text });
        matched++;
        if ((qt as { content: boolean }).content) matchedContent++;
        i--;
        j--;
        break;
      case Move.Change:
        ops.push({ op: "added", text: (qt as { text: string }).text });
        ops.push({ op: "dropped", text: (p[j - 1] as { text: string }).text });
        i--;
        j--;
        break;
      case Move.Add:
        ops.push({ op: "added", text: (qt as { text: string }).text });
        i--;
        break;
      case Move.ParenSkip:
        j--;
        break;
      case Move.ParenFor: {
        const k = argA[cell];
        const standIn = q.slice(i - k, i) as Extract<QuoteToken, { kind: "word" }>[];
        ops.push({ op: "same", text: standIn.map((t) => t.text).join(" ") });
        // Only the parenthetical's own words are evidence of the source's wording;
        // a stand-in is allowed, but proves nothing.
        const paren = p[j - 1] as Extract<PassageToken, { kind: "paren" }>;
        if (paren.keys.join(" ") === standIn.map((t) => t.key).join(" ")) {
          matched += k;
          matchedContent += standIn.filter((t) => t.content).length;
        }
        i -= k;
        j--;
        break;
      }
      case Move.Bracket:
        ops.push({ op: "same", text: (qt as { text: string }).text });
        i--;
        j -= argA[cell];
        break;
      case Move.Split:
        i--;
        j -= argA[cell];
        break;
      case Move.Gap:
        ops.push({ op: "same", text: "…" });
        i--;
        j = argA[cell];
        break;
      default:
        throw new Error("quote alignment: broken traceback");
    }
    state = fromB;
  }
  const firstJ = j;
  ops.reverse();

  const diff = mergeOps(ops);
  const span = spanOf(p, firstJ, endJ);
  // Wildcards (brackets, ellipses, a source's parentheticals) cost nothing, so a
  // quote they could absorb whole would match anything: most of its content words
  // must stand in the passage as written.
  const contentShare = contentWords.length > 0 ? matchedContent / contentWords.length : 1;
  const literal = contentWords.length > 0 ? contentShare >= MIN_CONTENT_SHARE : matched >= Math.min(2, quoteWordCount);
  if (cost < CHANGE / 2 && literal) return { kind: "verbatim", span, diff, similarity: 1 };
  // How near: the share of the quote left unedited; but when too few of its content
  // words are found, no more than their share, so a quote of common words scores low.
  const editSimilarity = Math.max(0, 1 - cost / quoteWordCount);
  const contentOk =
    contentWords.length === 0 ||
    contentShare >= MIN_CONTENT_SHARE ||
    (contentWords.length - matchedContent <= 1 && editSimilarity >= MIN_SIMILARITY_ONE_MISSING);
  const similarity = contentOk ? editSimilarity : Math.min(editSimilarity, contentShare);

  const close = matched >= 2 && (contentWords.length > 0 ? similarity >= MIN_SIMILARITY : similarity >= MIN_SIMILARITY_NO_CONTENT);
  if (close) return { kind: "altered", span, diff, similarity };

  // Reordered clauses cost much in an alignment but are still an altered quote: most
  // of the quote's word pairs stand in the passage, only not in this order.
  const reordered = reorderShare(q, p);
  if (quoteWordCount >= 6 && reordered >= 0.75 && present >= MIN_CONTENT_SHARE * contentWords.length)
    return { kind: "altered", span, diff, similarity: Math.max(similarity, MIN_SIMILARITY) };
  return { kind: "none", diff: [], similarity };
}

/** The passage stretch covered by tokens firstJ..endJ-1. */
function spanOf(p: PassageToken[], firstJ: number, endJ: number): Span | undefined {
  if (endJ <= firstJ) return undefined;
  return { start: p[firstJ].start, end: p[endJ - 1].end };
}

/** The share of the quote's adjacent word pairs that stand adjacent in the passage. */
function reorderShare(q: QuoteToken[], p: PassageToken[]): number {
  const pairs = new Set<string>();
  for (let j = 1; j < p.length; j++) {
    const a = p[j - 1];
    const b = p[j];
    if (a.kind === "word" && b.kind === "word") pairs.add(a.key + " " + b.key);
  }
  let total = 0;
  let found = 0;
  for (let i = 1; i < q.length; i++) {
    const a = q[i - 1];
    const b = q[i];
    if (a.kind !== "word" || b.kind !== "word") continue;
    total++;
    if (pairs.has(a.key + " " + b.key)) found++;
  }
  return total > 0 ? found / total : 0;
}

/** Joins runs of the same op; a change is written dropped-then-added. */
function mergeOps(ops: DiffOp[]): DiffOp[] {
  // Within a run of changes, put the source's words before the draft's.
  const ordered: DiffOp[] = [];
  for (let k = 0; k < ops.length;) {
    if (ops[k].op === "same") {
      ordered.push(ops[k++]);
      continue;
    }
    const run: DiffOp[] = [];
    while (k < ops.length && ops[k].op !== "same") run.push(ops[k++]);
    ordered.push(...run.filter((o) => o.op === "dropped"), ...run.filter((o) => o.op === "added"));
  }
  const out: DiffOp[] = [];
  for (const o of ordered) {
    const last = out[out.length - 1];
    if (last && last.op === o.op) last.text += " " + o.text;
    else out.push({ ...o });
  }
  return out;
}

/**
 * A short human diff for messages: `“security” → “safety”`, `dropped “currently”`,
 * `added “else”`; at most three changes, then "and N more". Empty when nothing changed.
 */
export function describeDiff(diff: DiffOp[]): string {
  const changes: string[] = [];
  for (let k = 0; k < diff.length; k++) {
    const o = diff[k];
    if (o.op === "same") continue;
    const next = diff[k + 1];
    if (o.op === "dropped" && next?.op === "added") {
      changes.push(`“${o.text}” → “${next.text}”`);
      k++;
    } else changes.push(`${o.op} “${o.text}”`);
  }
  if (changes.length <= 3) return changes.join(", ");
  return `${changes.slice(0, 3).join(", ")} and ${changes.length - 3} more`;
}
