// The fact-check sheet: what a newsroom's fact-checker hands the editor. One row per
// claim of a draft: the draft's words, the verdict, the source that decided it
// (publisher, title, date, URL) and that source's sentence, and an empty column for
// the checker's initials. Rendered as CSV (RFC 4180, safe to open in a spreadsheet) or
// as a standalone printable HTML page. Pure: a check result and its sources in, text out.

import { createHash } from "node:crypto";
import type { CheckResult, ClaimKind, FindingCode, Severity, Source, Span } from "../model.js";
import { LineIndex } from "../parsing/positions.js";
import { decidingEvidence, VERDICT_GROUPS, verdictGroup, type VerdictGroup } from "./claims.js";

export interface SheetSource {
  id: string;
  publisher: string;
  title: string;
  date?: string;
  url?: string;
}

export interface SheetRow {
  /** 1-based, in the draft's order. */
  number: number;
  kind: ClaimKind;
  /** The draft's words. */
  claim: string;
  span: Span;
  /** 1-based line of the claim in the draft. */
  line: number;
  group: VerdictGroup;
  /** The verdict for people ("Backed by CTV News Toronto, and cited."). */
  verdict: string;
  code?: FindingCode;
  severity?: Severity;
  source?: SheetSource;
  /** The source's sentence that decided the verdict. */
  sourceSentence?: string;
  /** Where the figure or quote stands in `sourceSentence`. */
  sourceMark?: Span;
  /** Where that sentence stands in the source file's text. */
  sourceSpan?: Span;
  /** For the checker to fill in. */
  checkedBy: "";
}

/** What the sheet needs of a corpus: a source by id. */
export interface SourceLookup {
  source(id: string): Source | undefined;
}

/** One row per claim of a checked draft, in the draft's order. */
export function sheetRows(text: string, result: CheckResult, sources: SourceLookup): SheetRow[] {
  const lines = new LineIndex(text);
  return result.claims.map((report, i) => {
    const evidence = decidingEvidence(report);
    const s = evidence ? sources.source(evidence.source) : undefined;
    const row: SheetRow = {
      number: i + 1,
      kind: report.claim.kind,
      claim: report.claim.text,
      span: report.claim.span,
      line: lines.positionAt(report.claim.span.start).line + 1,
      group: verdictGroup(report),
      verdict: report.verdict,
      checkedBy: "",
    };
    if (report.finding) {
      row.code = report.finding.code;
      row.severity = report.finding.severity;
    }
    if (evidence) {
      row.source = s
        ? { id: s.id, publisher: s.publisher, title: s.title, ...(s.date ? { date: s.date } : {}), ...(s.url ? { url: s.url } : {}) }
        : { id: evidence.source, publisher: evidence.source, title: "" };
      row.sourceSentence = oneLine(evidence.excerpt);
      row.sourceSpan = evidence.span;
      const { mark } = evidence;
      if (mark && mark.start < mark.end && mark.end <= evidence.excerpt.length) {
        // The mark's offsets as they fall in the sentence once its white space is collapsed and trimmed.
        const lead = evidence.excerpt.length - evidence.excerpt.trimStart().length;
        const at = (offset: number): number =>
          Math.max(0, evidence.excerpt.slice(lead, Math.max(lead, offset)).replace(/\s+/g, " ").length);
        const span = { start: at(mark.start), end: at(mark.end) };
        if (span.start < span.end && span.end <= row.sourceSentence.length) row.sourceMark = span;
      }
    }
    return row;
  });
}

export function groupLabel(group: VerdictGroup): string {
  return VERDICT_GROUPS.find((g) => g.group === group)!.label;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A draft's sheet: where it is (as shown to people), its text and its rows. */
export interface DraftSheet {
  path: string;
  text: string;
  rows: SheetRow[];
}

// ---- CSV ----

export const CSV_HEADER = [
  "Draft",
  "Line",
  "Claim",
  "Kind",
  "Verdict",
  "Pile",
  "Finding",
  "Publisher",
  "Title",
  "Date",
  "URL",
  "Source's sentence",
  "Checked by",
] as const;

/**
 * One CSV cell: quoted (RFC 4180: a double quote doubled), and a cell a spreadsheet
 * would read as a formula (it starts with = + - @, a tab or a carriage return) gets a
 * leading apostrophe, so it shows as the text it is (OWASP's advice for CSV injection).
 */
export function csvCell(value: string | number | undefined): string {
  let s = value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** The sheets as CSV: a header, then a row per claim; CRLF line ends (RFC 4180). */
export function renderSheetCsv(sheets: DraftSheet[]): string {
  const lines = [CSV_HEADER.map(csvCell).join(",")];
  for (const sheet of sheets) {
    for (const r of sheet.rows) {
      lines.push(
        [
          sheet.path,
          r.line,
          oneLine(r.claim),
          r.kind,
          oneLine(r.verdict),
          groupLabel(r.group),
          r.code,
          r.source?.publisher,
          r.source?.title,
          r.source?.date,
          r.source?.url,
          r.sourceSentence,
          r.checkedBy,
        ]
          .map(csvCell)
          .join(","),
      );
    }
  }
  return lines.join("\r\n") + "\r\n";
}

// ---- HTML ----

/** Text as HTML that shows exactly that text, in an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const STYLE = `
:root { color-scheme: light; --backed: #d7f0dc; --unattributed: #fff0c2; --unsupported: #e4e4e4; --contradicted: #fbd3d0; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: #1b1b1b; margin: 2rem auto; max-width: 60rem; padding: 0 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #999; }
.meta, .legend { font: 13px/1.4 system-ui, sans-serif; color: #444; }
.legend span { display: inline-block; padding: 0 .4em; margin-right: .6em; border-radius: 3px; }
.draft { white-space: pre-wrap; overflow-wrap: break-word; border: 1px solid #ccc; padding: 1rem; background: #fcfcfa; }
mark { border-radius: 3px; padding: 0 .1em; color: inherit; }
mark sup { font: bold 10px system-ui, sans-serif; margin-left: .15em; }
.backed { background: var(--backed); } .unattributed { background: var(--unattributed); }
.unsupported { background: var(--unsupported); } .contradicted { background: var(--contradicted); }
table { border-collapse: collapse; width: 100%; font: 13px/1.4 system-ui, sans-serif; }
th, td { border: 1px solid #aaa; padding: .35rem .45rem; vertical-align: top; text-align: left; overflow-wrap: break-word; }
col.claim { width: 17%; } col.verdict { width: 19%; } col.source { width: 18%; } col.sentence { width: 32%; } col.checked { width: 8%; }
blockquote b { font-style: normal; }
th { background: #eee; }
td.n { white-space: nowrap; }
td.verdict b { display: block; }
td.source .url { color: #333; font-size: 12px; }
td.checked { min-width: 5rem; }
blockquote { margin: 0; font-style: italic; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } mark, .legend span, th { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
`;

/** The CSP's hash of the one style sheet: the page may run nothing and load nothing. */
function styleHash(): string {
  return `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;
}

export interface HtmlOptions {
  /** The page's title; "Fact-check sheet" by default. */
  title?: string;
  /** A line under the title (e.g. when and by which version the sheet was made). */
  generated?: string;
}

/**
 * The sheets as one standalone, printable page: each draft's text with its claims
 * highlighted by pile and numbered, then its table. No scripts, nothing remote, every
 * piece of draft or source text escaped; a CSP that allows only the page's own style.
 */
export function renderSheetHtml(sheets: DraftSheet[], options: HtmlOptions = {}): string {
  const title = options.title ?? "Fact-check sheet";
  const csp = `default-src 'none'; style-src ${styleHash()}; img-src 'none'; form-action 'none'; base-uri 'none'`;
  const out: string[] = [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    // The policy is ours, not the draft's: it holds single quotes and nothing to escape.
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeHtml(title)}</h1>`,
  ];
  if (options.generated) out.push(`<p class="meta">${escapeHtml(options.generated)}</p>`);
  out.push(`<p class="legend">${VERDICT_GROUPS.map((g) => `<span class="${g.group}">${escapeHtml(g.label)}</span>`).join("")}</p>`);
  sheets.forEach((sheet, d) => {
    const id = (n: number): string => `d${d + 1}-c${n}`;
    out.push(`<h2>${escapeHtml(sheet.path)}</h2>`);
    const counts = VERDICT_GROUPS.map((g) => [g.label, sheet.rows.filter((r) => r.group === g.group).length] as const).filter(
      ([, n]) => n > 0,
    );
    out.push(
      `<p class="meta">${sheet.rows.length} claim${sheet.rows.length === 1 ? "" : "s"}${counts.length ? ": " : ""}${counts.map(([l, n]) => `${n} ${escapeHtml(l.toLowerCase())}`).join(", ")}</p>`,
    );
    out.push(`<div class="draft">${highlighted(sheet.text, sheet.rows, id)}</div>`);
    out.push(
      "<table>",
      '<colgroup><col><col><col class="claim"><col class="verdict"><col class="source"><col class="sentence"><col class="checked"></colgroup>',
      "<thead><tr><th>#</th><th>Line</th><th>Claim</th><th>Verdict</th><th>Source</th><th>Source's sentence</th><th>Checked by</th></tr></thead>",
      "<tbody>",
    );
    for (const r of sheet.rows) {
      const source = r.source
        ? [
            `<b>${escapeHtml(r.source.publisher)}</b>`,
            r.source.title ? `<i>${escapeHtml(r.source.title)}</i>` : "",
            r.source.date ? escapeHtml(r.source.date) : "",
            // The URL as text, never a link: a source's URL is the source's word, not ours.
            r.source.url ? `<span class="url">${escapeHtml(r.source.url)}</span>` : "",
          ]
            .filter(Boolean)
            .join("<br>")
        : "—";
      out.push(
        `<tr id="${id(r.number)}"><td class="n">${r.number}</td><td class="n">${r.line}</td>` +
          `<td class="${r.group}">${escapeHtml(oneLine(r.claim))}</td>` +
          `<td class="verdict"><b>${escapeHtml(groupLabel(r.group))}</b>${escapeHtml(oneLine(r.verdict))}</td>` +
          `<td class="source">${source}</td>` +
          `<td>${r.sourceSentence ? `<blockquote>${markedSentence(r)}</blockquote>` : "—"}</td>` +
          `<td class="checked"></td></tr>`,
      );
    }
    out.push("</tbody>", "</table>");
  });
  out.push("</body>", "</html>", "");
  return out.join("\n");
}

/** The source's sentence, escaped, with the figure or quote in bold. */
function markedSentence(r: SheetRow): string {
  const text = r.sourceSentence ?? "";
  const m = r.sourceMark;
  if (!m) return escapeHtml(text);
  return `${escapeHtml(text.slice(0, m.start))}<b>${escapeHtml(text.slice(m.start, m.end))}</b>${escapeHtml(text.slice(m.end))}`;
}

/** The draft's text, escaped, with each claim marked by its pile and numbered (nested or overlapping claims: the first wins). */
function highlighted(text: string, rows: SheetRow[], id: (n: number) => string): string {
  const parts: string[] = [];
  let at = 0;
  for (const r of [...rows].sort((a, b) => a.span.start - b.span.start)) {
    if (r.span.start < at) continue;
    parts.push(escapeHtml(text.slice(at, r.span.start)));
    parts.push(
      `<mark class="${r.group}" title="${escapeHtml(`${groupLabel(r.group)}: ${oneLine(r.verdict)}`)}">${escapeHtml(text.slice(r.span.start, r.span.end))}<sup><a href="#${id(r.number)}">${r.number}</a></sup></mark>`,
    );
    at = r.span.end;
  }
  parts.push(escapeHtml(text.slice(at)));
  return parts.join("");
}
