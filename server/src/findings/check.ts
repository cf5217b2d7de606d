// The checker: a draft's text and a corpus in, claims and findings out. Pure: no
// file system, no editor, no terminal. The server, the CLI and the client are
// adapters around this one function, so they can never disagree about a draft.
//
// It walks the registry of claim kinds: each checker finds its claims, judges each,
// and proposes fixes; this file makes one report per claim, at most one finding per
// claim, and adds the findings on citations themselves.

import type { CheckResult, Claim, ClaimReport, Finding, Fix } from "../model.js";
import type { Corpus } from "../corpus/corpus.js";
import type { ClaimChecker } from "./checker.js";
import { unknownCitations } from "./citations.js";
import { codeInfo, precedence } from "./codes.js";
import { readDraft, type CheckOptions, type DraftContext } from "./context.js";
import { CHECKERS } from "./registry.js";
import { applySuppressions } from "./suppressions.js";

export type { CheckOptions, DraftContext } from "./context.js";

export function check(text: string, corpus: Corpus, options: CheckOptions = {}): CheckResult {
  return checkWith(CHECKERS, text, corpus, options);
}

/** `check` with a given set of claim kinds (the registry's, unless a test brings its own). */
export function checkWith(checkers: readonly ClaimChecker[], text: string, corpus: Corpus, options: CheckOptions = {}): CheckResult {
  const ctx = readDraft(text, corpus, options);
  const found = checkers.map((checker) => ({ checker, claims: checker.find(ctx) }));
  // A claim inside another kind's claim is that claim's words, not a claim of its
  // own: a figure inside a quote is checked word for word with the quote.
  const covered = found.map(({ checker, claims }) => claims.flatMap((c) => checker.covers?.(c) ?? []));
  const within = (claim: Claim, i: number): boolean =>
    covered.some((spans, j) => j !== i && spans.some((p) => claim.span.start >= p.start && claim.span.end <= p.end));

  const reports: ClaimReport[] = [];
  found.forEach(({ checker, claims }, i) => {
    for (const claim of claims) if (!within(claim, i)) reports.push(report(checker, claim, ctx));
  });
  reports.sort((a, b) => a.claim.span.start - b.claim.span.start);

  const findings: Finding[] = [];
  for (const r of reports) if (r.finding) findings.push(r.finding);
  findings.push(...unknownCitations(ctx));
  findings.sort((a, b) => a.span.start - b.span.start || precedence(a.code) - precedence(b.code));
  return { claims: reports, findings: applySuppressions(text, findings), citations: ctx.citations };
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
