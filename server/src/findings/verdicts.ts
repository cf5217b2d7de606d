// The judgements every kind of claim shares: which sources a claim cites, what a
// source is called in a message, and the verdict on a claim that nothing contradicts
// (unsupported, unattributed, cited to the wrong source, or fine).

import type { Claim, Evidence, FindingCode } from "../model.js";
import type { Verdict } from "./checker.js";
import type { DraftContext } from "./context.js";

/** The known sources a claim's citations name, each once. */
export function citedSources(claim: Claim): string[] {
  return unique(claim.citations.flatMap((c) => c.sources));
}

/** What a verdict reads of a claim's citations: each one's kind and the sources it names, in order (a verdict kept for a re-check is given again only while this is the same). */
export function citationsKey(claim: Claim): string {
  return claim.citations.map((c) => `${c.kind}\u0002${c.sources.join("\u0002")}`).join("\u0001");
}

/** A source as a message names it: its publisher. */
export function publisherOf(id: string, ctx: DraftContext): string {
  return ctx.corpus.source(id)?.publisher ?? id;
}

export interface BackedWording {
  unsupported: string;
  nounPhrase: string;
  unattributedCode: FindingCode;
  unsupportedCode: FindingCode;
}

/** The verdict on a claim that nothing contradicts: unsupported, unattributed, cited to the wrong source, or fine. */
export function judgeBacked(claim: Claim, evidence: Evidence[], backers: string[], ctx: DraftContext, w: BackedWording): Verdict {
  const cited = citedSources(claim);
  const unknownOnly =
    claim.citations.length > 0 && cited.length === 0 && claim.citations.every((c) => c.kind === "pandoc" || c.kind === "footnote");
  if (backers.length === 0) {
    if (unknownOnly) return { evidence, backers, fine: "No source backs it; its only citation names no known source." };
    return { evidence, backers, finding: { code: w.unsupportedCode, message: w.unsupported } };
  }
  const names = backers.map((id) => publisherOf(id, ctx));
  if (cited.some((id) => backers.includes(id))) return { evidence, backers, fine: `Backed by ${list(names)}, and cited.` };
  if (unknownOnly) return { evidence, backers, fine: `Backed by ${list(names)}; its citation names no known source.` };
  if (cited.length > 0) {
    const citedNames = cited.map((id) => publisherOf(id, ctx));
    return {
      evidence,
      backers,
      finding: { code: "citation-mismatch", message: `${list(citedNames)} does not back ${w.nounPhrase}; ${list(names)} does.` },
    };
  }
  return {
    evidence,
    backers,
    finding: {
      code: w.unattributedCode,
      message: `${w.nounPhrase.charAt(0).toUpperCase()}${w.nounPhrase.slice(1)} is backed by ${list(names)} but not attributed.`,
    },
  };
}

export function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Names for a message: all of a few, or the first three "and other sources". */
export function list(names: string[]): string {
  const u = unique(names);
  if (u.length > 4) return `${u.slice(0, 3).join(", ")} and other sources`;
  return u.length <= 1 ? (u[0] ?? "") : `${u.slice(0, -1).join(", ")} and ${u[u.length - 1]}`;
}
