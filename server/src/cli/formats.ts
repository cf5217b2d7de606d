// The CLI's renderings of findings. Each format is a function of the reports; the
// JSON one is the contract in shared/spec/findings.md.

import type { Finding } from "../model.js";
import type { Corpus } from "../corpus/corpus.js";
import { LineIndex } from "../parsing/positions.js";

export interface FileReport {
  path: string;
  text: string;
  claims: number;
  findings: Finding[];
}

export interface RenderInput {
  reports: FileReport[];
  corpus: Corpus;
}

export type Format = "stylish" | "json" | "sarif" | "github";

/** A finding's location, 1-based with an exclusive end column (ESLint's convention), in UTF-16 units. */
export function location(lines: LineIndex, span: { start: number; end: number }) {
  const s = lines.positionAt(span.start);
  const e = lines.positionAt(span.end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

export function renderJson({ reports, corpus }: RenderInput): string {
  const doc = {
    version: 1,
    sources: corpus.sources.map((s) => ({ id: s.id, title: s.title, publisher: s.publisher })),
    files: reports.map((r) => {
      const lines = new LineIndex(r.text);
      return {
        path: r.path,
        claims: r.claims,
        findings: r.findings.map((f) => ({
          code: f.code,
          severity: f.severity,
          ...location(lines, f.span),
          message: f.message,
          claim: f.claim,
          evidence: f.evidence.map((e) => ({ source: e.source, excerpt: e.excerpt })),
          fixes: f.fixes.map((x) => ({
            title: x.title,
            edits: x.edits.map((edit) => ({ ...location(lines, edit.span), newText: edit.newText })),
          })),
        })),
      };
    }),
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

export function renderStylish({ reports }: RenderInput): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const r of reports) {
    if (r.findings.length === 0) continue;
    const lines = new LineIndex(r.text);
    out.push("", r.path);
    const rows = r.findings.map((f) => {
      const l = location(lines, f.span);
      if (f.severity === "error") errors++;
      else if (f.severity === "warning") warnings++;
      return [`${l.line}:${l.column}`, f.severity, f.message.replace(/\s+/g, " "), f.code];
    });
    const w0 = Math.max(...rows.map((x) => x[0].length));
    const w1 = Math.max(...rows.map((x) => x[1].length));
    const w2 = Math.max(...rows.map((x) => x[2].length));
    for (const [pos, sev, msg, code] of rows) out.push(`  ${pos.padEnd(w0)}  ${sev.padEnd(w1)}  ${msg.padEnd(w2)}  ${code}`);
  }
  const total = errors + warnings;
  if (total === 0) return "";
  out.push("", `✖ ${total} problem${total === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"})`, "");
  return out.join("\n");
}

export const FORMATS: Record<Format, (input: RenderInput) => string> = {
  stylish: renderStylish,
  json: renderJson,
  sarif: renderJson,
  github: renderJson,
};
