// What the CLI hands its output formats: one report per checked draft.

import type { Finding, Source, Span } from "../model.js";
import { LineIndex } from "../parsing/positions.js";
import type { SheetRow } from "../report/sheet.js";

/** A finding as the CLI reports it: after the config's rules, with the sentence it stands in. */
export interface ReportedFinding extends Finding {
  /** The sentence (or, failing that, the line) the finding stands in: what fingerprints hash. */
  context?: Span;
}

export interface FileReport {
  path: string;
  text: string;
  claims: number;
  findings: ReportedFinding[];
  /** The fact-check sheet's rows: one per claim, with its verdict and deciding source. */
  sheet: SheetRow[];
}

export interface RenderInput {
  reports: FileReport[];
  /** Every source that some draft was checked against, each once. */
  sources: Source[];
  /** The tool's version (package.json). */
  version: string;
  /** The folder relative paths are relative to. */
  cwd: string;
  /** What made the run fail (exit 2): unreadable drafts, broken sources and configs. */
  problems?: RunProblem[];
}

export interface RunProblem {
  path: string;
  message: string;
}

/** A finding's location, 1-based with an exclusive end column (ESLint's convention), in UTF-16 units. */
export function location(lines: LineIndex, span: { start: number; end: number }) {
  const s = lines.positionAt(span.start);
  const e = lines.positionAt(span.end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}
