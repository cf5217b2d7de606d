// Findings as LSP diagnostics, and broken sources as diagnostics on their own files.
// Only mapping here: the checker decides what is wrong, this decides how it looks.
//
// A diagnostic carries its message, range, code and severity, and nothing else of the
// evidence: the passages a source gives are the hover's (hover.ts) and the go-to-source's
// (definition.ts), fetched when the writer asks. So a publish costs what its findings'
// messages cost, not every passage of every source (at 10k words, 246 KB became a
// fraction of it), and VS Code's hover, which puts a diagnostic's related information
// above every hover card, shows one line of the problem and then our card.

import { readRegularFile } from "../node/read-file.js";
import { DiagnosticSeverity, type Connection, type Diagnostic } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { docsUrl, type Finding, type Severity, type SourceProblem } from "../index.js";
import { fileUri, rangeIn, rangeInText } from "./convert.js";

export const DIAGNOSTIC_SOURCE = "source-check";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What a diagnostic carries for code actions: the finding's place in the draft version it came from. */
export interface DiagnosticData {
  version: number;
  span: { start: number; end: number };
}

export function toDiagnostic(finding: Finding, doc: TextDocument): Diagnostic {
  const data: DiagnosticData = { version: doc.version, span: finding.span };
  return {
    range: rangeIn(doc, finding.span),
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.code,
    codeDescription: { href: docsUrl(finding.code) },
    message: finding.message,
    data,
  };
}

/** Whether a diagnostic the client sends back is one of ours for this finding. */
export function isDiagnosticOf(diagnostic: Diagnostic, finding: Finding, doc: TextDocument): boolean {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code !== finding.code) return false;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (data?.span && data.version === doc.version) return data.span.start === finding.span.start && data.span.end === finding.span.end;
  const range = rangeIn(doc, finding.span);
  return (
    diagnostic.range.start.line === range.start.line &&
    diagnostic.range.start.character === range.start.character &&
    diagnostic.range.end.line === range.end.line &&
    diagnostic.range.end.character === range.end.character
  );
}

/** The most bytes of a broken source read to place its problems (more is at the start). */
const PROBLEM_FILE_LIMIT = 64 * 1_048_576;

/**
 * Publishes each broken source's problems on the source file itself, and clears the
 * files that were broken before and are not now. Returns the URIs now carrying problems.
 */
export function publishSourceProblems(
  connection: Connection,
  problems: ReadonlyMap<string, SourceProblem[]>,
  before: ReadonlySet<string>,
): Set<string> {
  const now = new Set<string>();
  for (const [path, list] of problems) {
    const uri = fileUri(path);
    now.add(uri);
    // Only a regular file is read (a FIFO would block the server), and only as far as the
    // limit: a folder, a special file, a file gone or too large has its problem at the start.
    const read = readRegularFile(path, PROBLEM_FILE_LIMIT);
    const text = "bytes" in read && read.bytes.length <= PROBLEM_FILE_LIMIT ? read.bytes.toString("utf8") : undefined;
    const diagnostics: Diagnostic[] = list.map((problem) => ({
      range:
        text !== undefined && problem.span
          ? rangeInText(text, problem.span)
          : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Error,
      source: DIAGNOSTIC_SOURCE,
      message: `This source cannot be used: it ${problem.message.replace(/\.$/, "")}.`,
    }));
    void connection.sendDiagnostics({ uri, diagnostics });
  }
  for (const uri of before) if (!now.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  return now;
}
