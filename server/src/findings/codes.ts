// The finding codes of the contract (docs/findings.md), in precedence order:
// where several apply to one claim, the first listed wins.

// This list is the one place a code is defined: `FindingCode` is derived from it,
// and the config schema, the SARIF rules and the docs are checked against it.

export type Severity = "error" | "warning" | "info";

export interface CodeInfo {
  code: FindingCode;
  severity: Severity;
  /** A short name, for rule lists (SARIF's shortDescription). */
  title: string;
  /** What it means and what to do, for documentation and SARIF's fullDescription. */
  description: string;
}

export const DOCS_BASE = "https://github.com/source-check/source-check/blob/main/README.md";

export const CODES = [
  {
    code: "figure-mismatch",
    severity: "error",
    title: "Figure does not match the source",
    description:
      "A source states this quantity for the same thing with another value. Put the source's value back, or cite a source that states yours.",
  },
  {
    code: "quote-mismatch",
    severity: "error",
    title: "Quote differs from the source",
    description:
      "The quote is close to a source passage but altered: words changed, added, dropped without an ellipsis, or reordered. Use the source's wording, or mark omissions with … and insertions with [brackets].",
  },
  {
    code: "quote-misattributed",
    severity: "error",
    title: "Quote given to the wrong speaker",
    description: "The quote is verbatim in a source, but the draft gives it to another speaker than the source does.",
  },
  {
    code: "citation-unknown",
    severity: "error",
    title: "Citation names no known source",
    description:
      "The citation's key, or its footnote's definition, matches no source in the corpus. Fix the key, or add the source to a sources folder.",
  },
  {
    code: "citation-mismatch",
    severity: "error",
    title: "Cited source does not back the claim",
    description: "The claim is cited, but the cited source does not back it. Another source may: cite that one.",
  },
  {
    code: "figure-unsupported",
    severity: "warning",
    title: "No source states this figure",
    description:
      "No source states this figure for this thing. A number that merely appears in a source about something else does not back it.",
  },
  {
    code: "quote-unsupported",
    severity: "warning",
    title: "No source contains this quote",
    description: "No source contains the quote or anything close to it.",
  },
  {
    code: "figure-unattributed",
    severity: "warning",
    title: "Figure is backed but not cited",
    description: "A source backs the figure, but its sentence carries no citation and does not name the source's publisher.",
  },
  {
    code: "quote-unattributed",
    severity: "warning",
    title: "Quote is backed but not cited",
    description: "A source backs the quote, but its sentence carries no citation and does not name the source's publisher.",
  },
] as const satisfies readonly (Omit<CodeInfo, "code"> & { code: string })[];

/** One of the codes above. */
export type FindingCode = (typeof CODES)[number]["code"];

const BY_CODE = new Map<FindingCode, CodeInfo>(CODES.map((c) => [c.code, c]));

export function codeInfo(code: FindingCode): CodeInfo {
  return BY_CODE.get(code)!;
}

export function docsUrl(code: FindingCode): string {
  return `${DOCS_BASE}#${code}`;
}

export function precedence(code: FindingCode): number {
  return CODES.findIndex((c) => c.code === code);
}
