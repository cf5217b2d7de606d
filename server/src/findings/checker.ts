// The one shape of a kind of claim. A checker finds its claims in a draft, judges
// each against the corpus, and proposes the fixes for its verdict; `check()` walks
// the registry (`registry.ts`) and does the rest: one report per claim, one finding
// at most per claim, findings sorted and suppressions applied.

import type { Claim, ClaimKind, Evidence, FindingCode, Fix, Span } from "../model.js";
import type { DraftContext } from "./context.js";

/** A checker's judgement on one claim, before its fixes. */
export interface Verdict {
  evidence: Evidence[];
  /** What is wrong, if anything. */
  finding?: { code: FindingCode; message: string };
  /** The one-line verdict for people when nothing is wrong ("Backed by CTV News Toronto, and cited."). */
  fine?: string;
  /** The sources that back the claim, in the order a fix should offer them. */
  backers: string[];
}

export interface ClaimChecker<C extends Claim = Claim, V extends Verdict = Verdict> {
  readonly kind: ClaimKind & C["kind"];
  /** Every code `judge` may give; each is in `codes.ts`. */
  readonly codes: readonly FindingCode[];
  /** The claims of this kind in the draft. */
  find(ctx: DraftContext): C[];
  /**
   * The spans whose words belong to this claim: a claim of another kind inside one is
   * not a claim of its own (a figure inside a quote is the quote's words).
   */
  covers?(claim: C): Span[];
  judge(claim: C, ctx: DraftContext): V;
  /** The fixes for a verdict with a finding; none for a fine claim. */
  fixes(claim: C, verdict: V, ctx: DraftContext): Fix[];
}
