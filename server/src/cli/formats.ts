// The CLI's renderings of findings. Each format is a function of the reports; the
// JSON one is the contract in docs/findings.md.

import { LineIndex } from "../parsing/positions.js";
import { location, type RenderInput } from "./report.js";
import { renderSarif } from "./sarif.js";
import { renderGithub } from "./github.js";
import { printable } from "./terminal.js";
import { renderSheetCsv, renderSheetHtml, type DraftSheet } from "../report/sheet.js";

export { location, type FileReport, type RenderInput, type ReportedFinding } from "./report.js";

export type Format = "stylish" | "json" | "sarif" | "github" | "csv" | "html";

export function renderJson({ reports, sources }: RenderInput): string {
  const doc = {
    version: 1,
    sources: sources.map((s) => ({ id: s.id, title: s.title, publisher: s.publisher })),
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
          claim: { kind: f.claim.kind, text: f.claim.text },
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
  let infos = 0;
  for (const r of reports) {
    if (r.findings.length === 0) continue;
    const lines = new LineIndex(r.text);
    out.push("", printable(r.path));
    const rows = r.findings.map((f) => {
      const l = location(lines, f.span);
      if (f.severity === "error") errors++;
      else if (f.severity === "warning") warnings++;
      else infos++;
      return [`${l.line}:${l.column}`, f.severity, printable(f.message.replace(/\s+/g, " ")), f.code];
    });
    const w0 = Math.max(...rows.map((x) => x[0].length));
    const w1 = Math.max(...rows.map((x) => x[1].length));
    const w2 = Math.max(...rows.map((x) => x[2].length));
    for (const [pos, sev, msg, code] of rows) out.push(`  ${pos.padEnd(w0)}  ${sev.padEnd(w1)}  ${msg.padEnd(w2)}  ${code}`);
  }
  const total = errors + warnings + infos;
  if (total === 0) return "";
  const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  const parts = [count(errors, "error"), count(warnings, "warning")];
  if (infos > 0) parts.push(`${infos} info`);
  out.push("", `✖ ${count(total, "problem")} (${parts.join(", ")})`, "");
  return out.join("\n");
}

function sheets({ reports }: RenderInput): DraftSheet[] {
  return reports.map((r) => ({ path: r.path, text: r.text, rows: r.sheet }));
}

/** The fact-check sheet as CSV: one row per claim of every draft. */
export function renderCsv(input: RenderInput): string {
  return renderSheetCsv(sheets(input));
}

/** The fact-check sheet as one printable page. */
export function renderHtml(input: RenderInput): string {
  const title = input.reports.length === 1 ? `Fact-check sheet: ${input.reports[0].path}` : "Fact-check sheet";
  return renderSheetHtml(sheets(input), {
    title,
    generated: `Made by source-check ${input.version}. Highlights mark each claim by its verdict; the last column is for the checker's initials.`,
  });
}

export const FORMATS: Record<Format, (input: RenderInput) => string> = {
  stylish: renderStylish,
  json: renderJson,
  sarif: renderSarif,
  github: renderGithub,
  csv: renderCsv,
  html: renderHtml,
};
