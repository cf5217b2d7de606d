// A claim as a fact-checker sorts it: which of four piles it belongs to, and the
// source passage that decided it. Shared by the fact-check sheet, the Claims view and
// the hover, so they never disagree. Pure: claim reports in, plain data out.

import type { ClaimReport, Evidence, FindingCode } from "../model.js";

/** The four piles a fact-checker sorts claims into. */
export type VerdictGroup = "backed" | "unattributed" | "unsupported" | "contradicted";

/** The piles in the order a reader meets them, with their names for people. */
export const VERDICT_GROUPS: readonly { group: VerdictGroup; label: string; description: string }[] = [
  { group: "backed", label: "Backed and cited", description: "A source states it, and the draft cites that source." },
  {
    group: "unattributed",
    label: "Unattributed",
    description: "A source states it, but the draft does not cite that source (or cites another).",
  },
  { group: "unsupported", label: "Unsupported", description: "No source states it." },
  {
    group: "contradicted",
    label: "Contradicted",
    description: "A source states it otherwise: another value, other words, another speaker.",
  },
];

const GROUP_OF_CODE: Record<FindingCode, VerdictGroup> = {
  "figure-mismatch": "contradicted",
  "quote-mismatch": "contradicted",
  "quote-misattributed": "contradicted",
  "citation-mismatch": "unattributed",
  "citation-unknown": "unattributed",
  "figure-unsupported": "unsupported",
  "quote-unsupported": "unsupported",
  "figure-unattributed": "unattributed",
  "quote-unattributed": "unattributed",
};

function citedIds(report: ClaimReport): Set<string> {
  return new Set(report.claim.citations.flatMap((c) => c.sources));
}

/**
 * The pile a claim belongs to: its finding's, or, when it has none (it is fine, or the
 * project's rules turned its code off), what its evidence and citations say.
 */
export function verdictGroup(report: ClaimReport): VerdictGroup {
  if (report.finding) return GROUP_OF_CODE[report.finding.code];
  const backers = report.evidence.filter((e) => e.backs);
  if (backers.length === 0) return "unsupported";
  const cited = citedIds(report);
  return backers.some((e) => cited.has(e.source)) ? "backed" : "unattributed";
}

/**
 * The passage that decided the verdict: for a backed claim, the cited source's backing
 * sentence (else any backing one); for a contradicted one, the passage that states it
 * otherwise (the cited source's first); for an unsupported one, none.
 */
export function decidingEvidence(report: ClaimReport): Evidence | undefined {
  const group = verdictGroup(report);
  if (group === "unsupported") return undefined;
  const cited = citedIds(report);
  let wanted = report.evidence.filter((e) => e.backs === (group !== "contradicted"));
  // A misattributed quote is word for word in its source: the passage that names the speaker decides it.
  if (wanted.length === 0) wanted = report.evidence;
  return wanted.find((e) => cited.has(e.source)) ?? wanted[0];
}
