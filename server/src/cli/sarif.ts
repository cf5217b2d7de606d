// `--format sarif`: a SARIF 2.1.0 log for code scanning (GitHub, Azure DevOps, the
// VS Code SARIF viewer). One run; one rule per finding code; one result per finding.
// Result fingerprints hash what the finding is about — its code, its claim and the
// sentence it stands in — never its line, so a finding keeps its identity when the
// text above it changes.

import { createHash } from "node:crypto";
import { isAbsolute, relative, sep, win32 } from "node:path";
import { pathToFileURL } from "node:url";
import type { Severity, Source, Span } from "../model.js";
import { CODES, docsUrl } from "../findings/codes.js";
import { LineIndex } from "../parsing/positions.js";
import type { FileReport, RenderInput, ReportedFinding } from "./report.js";

export const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
export const INFORMATION_URI = "https://github.com/source-check/source-check";
/** The key of our fingerprint in `partialFingerprints`; bump the version if the hash changes. */
export const FINGERPRINT_KEY = "sourceCheckClaim/v1";
const SRCROOT = "%SRCROOT%";

export function sarifLevel(severity: Severity): "error" | "warning" | "note" {
  return severity === "info" ? "note" : severity;
}

/** "FigureMismatch" for "figure-mismatch": SARIF's human-readable rule name. */
function ruleName(code: string): string {
  return code.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** A path as given (forward slashes, relative stays relative under %SRCROOT%) as a SARIF artifact location. */
export function artifactLocation(path: string): ArtifactLocation {
  if (isAbsolute(path) || win32.isAbsolute(path)) return { uri: pathToFileURL(path).href };
  const segments = path
    .replace(/\\/g, "/")
    .split("/")
    .filter((s, i) => !(s === "." && i === 0) && s !== "");
  return { uri: segments.map(encodeSegment).join("/"), uriBaseId: SRCROOT };
}

function encodeSegment(s: string): string {
  return encodeURIComponent(s).replace(/%(40|2B|2C|3B|3D|24|26)/g, (m) => decodeURIComponent(m));
}

function region(lines: LineIndex, span: Span, text?: string) {
  const s = lines.positionAt(span.start);
  const e = lines.positionAt(span.end);
  return {
    startLine: s.line + 1,
    startColumn: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    ...(text !== undefined ? { snippet: { text } } : {}),
  };
}

/** Whitespace folded, so that re-wrapping a sentence keeps its fingerprint. */
function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Fingerprints for a file's findings, in order: a hash of the code, the claim and the
 * sentence it stands in, with a counter for findings that would otherwise be equal.
 */
export function fingerprints(report: FileReport): string[] {
  const lines = new LineIndex(report.text);
  const seen = new Map<string, number>();
  return report.findings.map((f) => {
    const context = f.context ?? lineSpan(lines, f.span);
    const hash = createHash("sha256")
      .update([f.code, f.claim.kind, normalise(f.claim.text), normalise(report.text.slice(context.start, context.end))].join("\u0000"))
      .digest("hex")
      .slice(0, 32);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  });
}

function lineSpan(lines: LineIndex, span: Span): Span {
  const first = lines.positionAt(span.start).line;
  const last = lines.positionAt(span.end).line;
  return { start: lines.lineStart(first), end: lines.lineEnd(last) };
}

/** A source's path for a related location: relative to the working folder when inside it. */
function sourcePath(source: Source, cwd: string): string | undefined {
  if (source.bundled) return undefined; // outside the project: nothing a code-scanning view can open
  if (!isAbsolute(source.path)) return source.path;
  const rel = relative(cwd, source.path);
  return rel.startsWith("..") || isAbsolute(rel) ? source.path : rel.split(sep).join("/");
}

export function renderSarif(input: RenderInput): string {
  const { reports, sources, version, cwd, problems = [] } = input;
  const ruleIndex = new Map(CODES.map((c, i) => [c.code, i]));
  const byId = new Map(sources.map((s) => [s.id, s]));
  const sourceLines = new Map<string, LineIndex>();
  const linesOf = (source: Source): LineIndex => {
    let l = sourceLines.get(source.path);
    if (!l) sourceLines.set(source.path, (l = new LineIndex(source.text)));
    return l;
  };
  let relativeUsed = false;
  const locate = (path: string): ArtifactLocation => {
    const loc = artifactLocation(path);
    if (loc.uriBaseId) relativeUsed = true;
    return loc;
  };

  const results = reports.flatMap((report) => {
    const lines = new LineIndex(report.text);
    const prints = fingerprints(report);
    return report.findings.map((f: ReportedFinding, i) => {
      const artifact = locate(report.path);
      const related = f.evidence.flatMap((e, j) => {
        const source = byId.get(e.source);
        const path = source && sourcePath(source, cwd);
        if (!source || !path) return [];
        return [
          {
            id: j + 1,
            message: { text: `${source.publisher}: ${e.excerpt}` },
            physicalLocation: { artifactLocation: locate(path), region: region(linesOf(source), e.span) },
          },
        ];
      });
      return {
        ruleId: f.code,
        ruleIndex: ruleIndex.get(f.code)!,
        level: sarifLevel(f.severity),
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifact,
              region: region(lines, f.span, report.text.slice(f.span.start, f.span.end)),
            },
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: prints[i] },
        ...(related.length ? { relatedLocations: related } : {}),
        ...(f.fixes.length
          ? {
              fixes: f.fixes.map((x) => ({
                description: { text: x.title },
                artifactChanges: [
                  {
                    artifactLocation: artifact,
                    replacements: x.edits.map((edit) => ({
                      deletedRegion: region(lines, edit.span),
                      insertedContent: { text: edit.newText },
                    })),
                  },
                ],
              })),
            }
          : {}),
        properties: {
          claim: { kind: f.claim.kind, text: f.claim.text },
          evidence: f.evidence.map((e) => ({ source: e.source, excerpt: e.excerpt })),
        },
      };
    });
  });

  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "source-check",
            version,
            semanticVersion: /^\d+\.\d+\.\d+/.test(version) ? version : undefined,
            informationUri: INFORMATION_URI,
            rules: CODES.map((c) => ({
              id: c.code,
              name: ruleName(c.code),
              shortDescription: { text: c.title },
              fullDescription: { text: c.description },
              helpUri: docsUrl(c.code),
              help: { text: `${c.description} See ${docsUrl(c.code)}` },
              defaultConfiguration: { level: sarifLevel(c.severity) },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: problems.length === 0,
            ...(problems.length
              ? {
                  toolExecutionNotifications: problems.map((p) => ({
                    level: "error",
                    message: { text: `${p.path}: ${p.message}` },
                    locations: [{ physicalLocation: { artifactLocation: locate(p.path) } }],
                  })),
                }
              : {}),
          },
        ],
        ...(relativeUsed ? { originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd).href.replace(/\/?$/, "/") } } } : {}),
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
