// Go to source: from a claim to the passage of the first source that backs it, and
// from a citation to the start of the source it names.

import type { Location } from "vscode-languageserver/node";
import type { Corpus, Span } from "../index.js";
import { rangeInSource, sourceUri } from "./convert.js";
import type { DraftResult } from "./documents.js";

export function definitionAt({ result }: DraftResult, offset: number, corpus: Corpus): Location | null {
  const contains = (span: Span): boolean => span.start <= offset && offset <= span.end;

  const report = result.claims.find((r) => contains(r.claim.span));
  if (report) {
    const evidence = report.evidence.find((e) => e.backs) ?? report.evidence[0];
    const source = evidence && corpus.source(evidence.source);
    if (evidence && source) return { uri: sourceUri(source), range: rangeInSource(source, evidence.span) };
  }

  const citation = result.citations.find((c) => contains(c.span));
  const source = citation?.sources.map((id) => corpus.source(id)).find((s) => s !== undefined);
  if (source) {
    const start = { line: 0, character: 0 };
    return { uri: sourceUri(source), range: { start, end: start } };
  }
  return null;
}
