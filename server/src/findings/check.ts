// The checker: a draft's text and a corpus in, claims and findings out. Pure: no
// file system, no editor, no terminal. The server, the CLI and the client are
// adapters around this one function, so they can never disagree about a draft.
//
// It walks the registry of claim kinds: each checker finds its claims, judges each,
// and proposes fixes; this file makes one report per claim, at most one finding per
// claim, and adds the findings on citations themselves.

import type { CheckResult, Claim, ClaimReport, Finding, Fix, Span } from "../model.js";
import type { Corpus } from "../corpus/corpus.js";
import type { ClaimChecker } from "./checker.js";
import { unknownCitations } from "./citations.js";
import { codeInfo, precedence } from "./codes.js";
import { readingDraft, type CheckOptions, type DraftContext } from "./context.js";
import { drain, type Steps } from "../steps.js";
import { CHECKERS } from "./registry.js";
import { applySuppressions } from "./suppressions.js";

export type { CheckOptions, DraftContext } from "./context.js";

export function check(text: string, corpus: Corpus, options: CheckOptions = {}): CheckResult {
  return drain(checking(CHECKERS, text, corpus, options));
}

/** `check` with a given set of claim kinds (the registry's, unless a test brings its own). */
export function checkWith(checkers: readonly ClaimChecker[], text: string, corpus: Corpus, options: CheckOptions = {}): CheckResult {
  return drain(checking(checkers, text, corpus, options));
}

/**
 * `check` in steps: it yields between chunks parsed, blocks read and claims judged, so
 * the language server can answer other requests while a long draft is checked.
 */
export function* checking(checkers: readonly ClaimChecker[], text: string, corpus: Corpus, options: CheckOptions = {}): Steps<CheckResult> {
  const ctx = yield* readingDraft(text, corpus, options);
  const found = checkers.map((checker) => ({ checker, claims: checker.find(ctx) }));
  yield;
  // A claim inside another kind's claim is that claim's words, not a claim of its
  // own: a figure inside a quote is checked word for word with the quote.
  const covered = found.map(({ checker, claims }) => coverage(claims.flatMap((c) => checker.covers?.(c) ?? [])));
  const within = (claim: Claim, i: number): boolean => covered.some((spans, j) => j !== i && spans(claim.span));

  const reports: ClaimReport[] = [];
  for (const [i, { checker, claims }] of found.entries()) {
    for (const claim of claims) {
      if (within(claim, i)) continue;
      reports.push(report(checker, claim, ctx));
      yield;
    }
  }
  reports.sort((a, b) => a.claim.span.start - b.claim.span.start);

  const findings: Finding[] = [];
  for (const r of reports) if (r.finding) findings.push(r.finding);
  findings.push(...unknownCitations(ctx));
  findings.sort((a, b) => a.span.start - b.span.start || precedence(a.code) - precedence(b.code));
  return { claims: reports, findings: applySuppressions(text, findings), citations: ctx.citations };
}

/**
 * Whether a span lies inside one of these spans, in log time: the spans sorted by
 * start, each with the furthest end of those up to it (a draft of thousands of quotes
 * and figures would otherwise compare every pair).
 */
function coverage(spans: Span[]): (span: Span) => boolean {
  if (spans.length === 0) return () => false;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const reach: number[] = [];
  for (const [k, s] of sorted.entries()) reach.push(Math.max(s.end, k > 0 ? reach[k - 1] : -Infinity));
  return (span) => {
    // The last span starting at or before this one's start.
    let lo = 0;
    let hi = sorted.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].start <= span.start) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return at >= 0 && reach[at] >= span.end;
  };
}

/**
 * One claim judged: its verdict for people, and its finding with the checker's fixes.
 * The fixes are made when first read (a quick fix asked for, the CLI's JSON), not with
 * every check: an editor re-checks at every pause in typing and shows the fixes of one
 * finding at a time. They are made from this check's context, so they are what they
 * would have been.
 */
function report(checker: ClaimChecker, claim: Claim, ctx: DraftContext): ClaimReport {
  const verdict = checker.judge(claim, ctx);
  const { evidence } = verdict;
  if (!verdict.finding) return { claim, evidence, verdict: verdict.fine ?? "Backed and cited." };
  const { code, message } = verdict.finding;
  const finding = {
    code,
    severity: codeInfo(code).severity,
    span: claim.span,
    message,
    claim: { kind: claim.kind, text: claim.text },
    evidence,
  } as Finding;
  let fixes: Fix[] | undefined;
  Object.defineProperty(finding, "fixes", {
    enumerable: true,
    configurable: true,
    get: () => (fixes ??= checker.fixes(claim, verdict, ctx)),
    set: (value: Fix[]) => (fixes = value),
  });
  return { claim, evidence, verdict: message, finding };
}
