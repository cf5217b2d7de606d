// A citation that names no known source is a finding of its own, whatever claims it
// covers: a Pandoc key that is no source's id, a footnote whose definition names no
// source or that has no definition.

import type { Finding } from "../model.js";
import { nearestId } from "../claims/citations.js";
import { codeInfo, type FindingCode } from "./codes.js";
import type { DraftContext } from "./context.js";
import { replaceCitationKeyFix } from "./fixes.js";

/** The codes this check gives. */
export const CITATION_CODES: readonly FindingCode[] = ["citation-unknown"];

export function unknownCitations(ctx: DraftContext): Finding[] {
  const ids = ctx.corpus.sources.map((s) => s.id);
  const out: Finding[] = [];
  for (const c of ctx.citations) {
    if (c.sources.length > 0 || c.kind === "publisher" || c.kind === "link") continue;
    let message: string;
    const fixes: Finding["fixes"] = [];
    if (c.kind === "pandoc") {
      const near = nearestId(c.key, ids);
      message = `No source has the id “${c.key}”.${near ? ` Did you mean “${near}”?` : ""}`;
      if (near) fixes.push(replaceCitationKeyFix(c, near, ctx.corpus, true));
    } else if (c.definition) {
      message = `Footnote [^${c.key}] names no known source.`;
    } else {
      message = `Footnote [^${c.key}] has no definition, so it names no source.`;
    }
    out.push({
      code: "citation-unknown",
      severity: codeInfo("citation-unknown").severity,
      span: c.span,
      message,
      claim: { kind: "citation", text: c.text },
      evidence: [],
      fixes,
    });
  }
  // One finding per citation, even where [@a; @b] names two unknown keys at one span.
  return out.filter(
    (f, i) => out.findIndex((g) => g.span.start === f.span.start && g.span.end === f.span.end && g.message === f.message) === i,
  );
}
