// What must hold for any text at all, hostile or not: the checker returns (it never
// throws) within a time bound; every position it gives lies inside the text; the
// same text gives the same result; CRLF, LF and a leading BOM give the same findings
// at mapped places; and every fix, and fix-all applied twice, is safe. Shared by the
// property tests (fuzz.test.ts), the CI fuzz run (run.ts) and the regression fixtures.

import { parseMarkdown } from "../../server/src/parsing/markdown.js";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { CodeActionKind, type CodeAction, type TextEdit as LspTextEdit } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { check, type CheckResult, type Corpus, type Finding, type Span } from "../../server/src/index.js";
import { loadCorpus } from "../../server/src/node/sources.js";
import { codeActions, FIX_ALL_KIND } from "../../server/src/lsp/code-actions.js";

export const REPO = process.cwd();
export const REGRESSIONS = resolve(REPO, "test/regressions");

let loaded: Corpus | undefined;
export function corpus(): Corpus {
  return (loaded ??= loadCorpus().corpus);
}

/** The drafts mutations start from: the public evaluation drafts, every fixture case, the example. */
export function seedDrafts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const evalDir = resolve(REPO, "test/eval/public/drafts");
  for (const f of readdirSync(evalDir).sort()) out.push({ name: `eval/${f}`, text: readFileSync(join(evalDir, f), "utf8") });
  const cases = resolve(REPO, "test/cases");
  for (const c of readdirSync(cases).sort()) {
    const p = join(cases, c, "draft.md");
    if (existsSync(p)) out.push({ name: `cases/${c}`, text: readFileSync(p, "utf8") });
  }
  out.push({ name: "example", text: readFileSync(resolve(REPO, "examples/draft.md"), "utf8") });
  return out;
}

/**
 * Bugs in the checker that fuzzing found and that are not fixed yet, each with the
 * fixture that shows it (test/regressions/known-*.md, pending in `npm test`). A case
 * that only hits one of these is counted, not failed, so the fuzz stage stays useful
 * for new bugs. Delete an entry when its bug is fixed: its fixture then runs as a test.
 */
export const KNOWN_BUGS = {} as const;
export type KnownBug = keyof typeof KNOWN_BUGS;

/** Known bugs hit since the last reset, with how often. */
export const knownBugHits = new Map<KnownBug, number>();

/** How long one check of a fuzzed draft (a few kilobytes) may take: far above the usual few milliseconds. */
export const CHECK_TIME_BOUND_MS = 5000;

export function timedCheck(text: string): CheckResult {
  const start = performance.now();
  let result: CheckResult;
  try {
    result = check(text, corpus());
  } catch (e) {
    assert.fail(`check() threw ${(e as Error)?.stack ?? String(e)}`);
  }
  const took = performance.now() - start;
  assert.ok(took < CHECK_TIME_BOUND_MS, `check() took ${took.toFixed(0)} ms, more than ${CHECK_TIME_BOUND_MS} ms`);
  return result;
}

function inside(span: Span, length: number, what: string): void {
  assert.ok(
    Number.isInteger(span.start) && Number.isInteger(span.end) && 0 <= span.start && span.start <= span.end && span.end <= length,
    `${what} span ${span.start}..${span.end} is not inside 0..${length}`,
  );
}

/** Every span of a result, the draft's and the sources', lies inside its text. */
export function assertPositionsInside(text: string, result: CheckResult): void {
  const n = text.length;
  for (const r of result.claims) {
    inside(r.claim.span, n, `claim “${r.claim.text}”`);
    inside(r.claim.sentence, n, `sentence of “${r.claim.text}”`);
    if (r.claim.figure) inside(r.claim.figure.numberSpan, n, "figure number");
    if (r.claim.quote) for (const p of r.claim.quote.pieces) inside(p, n, "quote piece");
  }
  for (const c of result.citations) {
    inside(c.span, n, `citation ${c.text}`);
    if (c.definition) inside(c.definition, n, `definition of ${c.text}`);
  }
  for (const f of result.findings) {
    inside(f.span, n, `${f.code} finding`);
    for (const e of f.evidence) {
      const source = corpus().source(e.source);
      assert.ok(source, `evidence from unknown source ${e.source}`);
      inside(e.span, source.text.length, `evidence from ${e.source}`);
      if (e.mark) inside(e.mark, e.excerpt.length, `mark in evidence from ${e.source}`);
    }
    for (const fix of f.fixes) for (const edit of fix.edits) inside(edit.span, n, `edit of “${fix.title}”`);
  }
}

/** Findings as comparable records, with offsets mapped by `map` (the identity by default). */
function comparable(result: CheckResult, map: (offset: number) => number = (o) => o): string[] {
  const norm = (s: string): string => s.replace(/\r\n?/g, "\n");
  return result.findings.map((f) => `${map(f.span.start)}-${map(f.span.end)} ${f.code} ${norm(f.claim.text)} :: ${norm(f.message)}`);
}

/** Offsets in `text` mapped to offsets in `text` with every "\r\n" made "\n". */
function crlfToLf(text: string): (offset: number) => number {
  const removedBefore: number[] = new Array(text.length + 1);
  let removed = 0;
  for (let i = 0; i <= text.length; i++) {
    removedBefore[i] = removed;
    if (text[i] === "\r" && text[i + 1] === "\n") removed++;
  }
  return (o) => o - removedBefore[o];
}

/** Runs every invariant on one text; throws an AssertionError naming the first that fails. */
export function assertInvariants(text: string, options: { fixes?: number } = {}): void {
  const result = timedCheck(text);
  assertPositionsInside(text, result);

  // The same input, the same findings (caches must not change an answer).
  const again = timedCheck(text);
  assert.deepEqual(comparable(again), comparable(result), "the same text gave different findings the second time");

  // LF and CRLF: the same findings at the same places once line breaks are mapped.
  const lf = text.replace(/\r\n/g, "\n");
  const crlf = lf.replace(/\n/g, "\r\n");
  if (crlf !== lf) {
    const fromLf = timedCheck(lf);
    const fromCrlf = timedCheck(crlf);
    assertPositionsInside(crlf, fromCrlf);
    const same = (): void =>
      assert.deepEqual(comparable(fromCrlf, crlfToLf(crlf)), comparable(fromLf), "CRLF and LF gave different findings");
    same();
  }

  // A leading BOM: the same findings, one code unit later.
  if (!text.startsWith("\uFEFF")) {
    const withBom = timedCheck(`\uFEFF${text}`);
    assertPositionsInside(`\uFEFF${text}`, withBom);
    assert.deepEqual(
      comparable(withBom, (o) => o - 1),
      comparable(result),
      "a leading BOM changed the findings",
    );
  }

  assertFixesSafe(text, result, options.fixes ?? Infinity);
  assertFixAllIdempotent(text, result);
}

/** Applies a fix's edits; asserts they are inside the text and do not overlap. */
export function applyEdits(text: string, edits: { span: Span; newText: string }[], what: string): string {
  // A stable sort: insertions at one place keep their order.
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (const e of sorted) inside(e.span, text.length, `edit of ${what}`);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    // Insertions at one place apply in the order given (as LSP says); nothing else may touch.
    assert.ok(a.span.end <= b.span.start, `${what}: edits overlap`);
  }
  let out = "";
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}

/** Every byte outside a fix's edits is in the fixed text, in order. */
function assertOutsideUnchanged(text: string, fixed: string, edits: { span: Span; newText: string }[], what: string): void {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  let from = 0;
  let shift = 0;
  for (const e of sorted) {
    const piece = text.slice(from, e.span.start);
    assert.equal(fixed.slice(from + shift, e.span.start + shift), piece, `${what}: text before an edit changed`);
    shift += e.newText.length - (e.span.end - e.span.start);
    from = e.span.end;
  }
  assert.equal(fixed.slice(from + shift), text.slice(from), `${what}: text after the last edit changed`);
}

const sameClaim = (a: Finding, b: Finding): boolean => a.code === b.code && a.claim.text === b.claim.text;

/** Each fix (up to `limit` of them): edits apart, every byte outside them kept, its finding gone. */
export function assertFixesSafe(text: string, result: CheckResult, limit: number): void {
  let tried = 0;
  for (const finding of result.findings) {
    for (const fix of finding.fixes) {
      if (tried++ >= limit) return;
      const what = `“${fix.title}” on ${finding.code} “${finding.claim.text}”`;
      const fixed = applyEdits(text, fix.edits, what);
      assertOutsideUnchanged(text, fixed, fix.edits, what);
      const after = timedCheck(fixed);
      const before = result.findings.filter((f) => sameClaim(f, finding)).length;
      const left = after.findings.filter((f) => sameClaim(f, finding)).length;
      const gone = (): void => assert.ok(left < before, `${what}: the finding is still there after the fix\n--- fixed text ---\n${fixed}`);
      gone();
      // Never inside inline code, an HTML tag or an image.
      // The parser's own account of where inline code, HTML and images stand.
      const opaque = parseMarkdown(text).blocks.flatMap((b) =>
        [...(b.prose.opaqueEnds ?? [])].map(([i, end]) => ({
          start: b.prose.offsets[i] + (b.prose.base ?? 0),
          end: end + (b.prose.base ?? 0),
        })),
      );
      const inside = fix.edits.some((e) => opaque.some((o) => e.span.start > o.start && e.span.start < o.end));
      assert.ok(!inside, `${what}: inserted inside inline code, HTML or an image\n--- fixed text ---\n${fixed}`);
    }
  }
}

/** The fix-all code action of a text, as the server computes it, or undefined when none is offered. */
export function fixAll(text: string, result = timedCheck(text)): CodeAction | undefined {
  const doc = TextDocument.create("file:///fuzz/draft.md", "markdown", 1, text);
  const actions = codeActions(
    { doc, result, corpus: corpus() },
    {
      textDocument: { uri: doc.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: [FIX_ALL_KIND] },
    },
    { documentChanges: false },
  );
  assert.ok(
    actions.every((a) => a.kind === FIX_ALL_KIND || a.kind?.startsWith(`${CodeActionKind.SourceFixAll}.`)),
    "fix-all returned other kinds",
  );
  return actions[0];
}

function applyAction(text: string, action: CodeAction): string {
  const edits: LspTextEdit[] = action.edit?.changes?.["file:///fuzz/draft.md"] ?? [];
  const doc = TextDocument.create("file:///fuzz/draft.md", "markdown", 1, text);
  const spans = edits.map((e) => ({ span: { start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end) }, newText: e.newText }));
  const fixed = applyEdits(text, spans, action.title);
  assertOutsideUnchanged(text, fixed, spans, action.title);
  return fixed;
}

/** Fix-all once fixes what it fixes; applied again, it changes nothing. */
export function assertFixAllIdempotent(text: string, result: CheckResult): void {
  const first = fixAll(text, result);
  if (!first) return;
  const once = applyAction(text, first);
  const second = fixAll(once);
  if (!second) return;
  const twice = applyAction(once, second);
  const unchanged = (): void =>
    assert.equal(twice, once, `fix-all applied a second time changed the text\n--- after the first ---\n${once}`);
  unchanged();
}

/**
 * A regression fixture's text. Its first line, a `<!-- fuzz: … -->` comment naming
 * where it came from, is not part of it; with `json` in that comment the rest is a
 * JSON string (for texts UTF-8 cannot hold, such as lone surrogates).
 */
export function regressionText(file: string): string {
  const raw = readFileSync(file, "utf8");
  const m = /^<!-- fuzz:([^\n]*)-->\n/.exec(raw);
  if (!m) return raw;
  const body = raw.slice(m[0].length);
  return /\bjson\b/.test(m[1]) ? (JSON.parse(body) as string) : body;
}

/** A regression fixture's file content for a failing text. */
export function regressionFile(text: string, about: string): string {
  const exact = Buffer.from(text, "utf8").toString("utf8") === text;
  return exact ? `<!-- fuzz: ${about} -->\n${text}` : `<!-- fuzz: ${about} json -->\n${JSON.stringify(text)}\n`;
}
