// Hover cards: a claim's verdict and what each source says about it; a citation's
// source. Where the client shows a diagnostic's message in the hover over its range
// (VS Code does, above every hover card), a claim with a finding has its verdict said
// once, by the diagnostic, and the card starts with the passage that decided it. Every piece of text from a draft or a source is escaped, so a source that
// holds a link, an image or raw HTML shows it as plain text. The card is plain
// MarkupContent: never trusted, no command links.

import { MarkupKind, type Hover } from "vscode-languageserver/node";
import type { Citation, ClaimReport, Corpus, Evidence, Finding, Source, Span } from "../index.js";
import { rangeIn } from "./convert.js";
import { decidingEvidence } from "../report/claims.js";
import type { DraftResult } from "./documents.js";

/** Text as Markdown that renders as exactly that text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => {
    if (c === "&") return "&amp;";
    if (c === "<") return "&lt;";
    if (c === ">") return "&gt;";
    return `\\${c}`;
  });
}

/**
 * A run of text a renderer could make a link of: a scheme ("https:", "mailto:",
 * "command:"), "www.", "//host", an address (a@b) or a host name with a path or a
 * top-level domain ("evil.com/x"). Renderers autolink bare URLs and some drop the
 * escapes from the link they make, so escaping alone is not enough.
 */
const LINKISH = /[a-z][a-z0-9+.-]*:\S|www\.|\/\/|@|[a-z0-9-]\.[a-z]{2,}/i;

/**
 * One line of text from a draft or a source, as Markdown that renders as that text
 * and is never a link: line breaks become spaces (they would start new blocks), and
 * each whitespace-separated run that looks like a URL, an address or a host is put in
 * a code span, inside which no renderer looks for links; the rest is escaped.
 */
export function inline(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .split(/( )/)
    .map((run) => (run !== " " && LINKISH.test(run) ? codeSpan(run) : escapeMarkdown(run)))
    .join("");
}

/** Text as a code span: its fence is longer than any run of backticks inside it. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

export interface HoverOptions {
  /** The client shows a diagnostic's message in the hover over its range: the card leaves a finding's verdict to it. */
  diagnosticsInHover?: boolean;
}

export function hoverAt({ doc, result }: DraftResult, offset: number, corpus: Corpus, options: HoverOptions = {}): Hover | null {
  const contains = (span: Span): boolean => span.start <= offset && offset <= span.end;
  const narrowest = <T extends { span: Span }>(items: T[]): T | undefined =>
    items.filter((i) => contains(i.span)).sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start))[0];

  const report = narrowest(result.claims.map((r) => ({ span: r.claim.span, report: r })));
  if (report) {
    const card = claimCard(report.report, corpus, options.diagnosticsInHover === true && report.report.finding !== undefined);
    return { contents: { kind: MarkupKind.Markdown, value: card }, range: rangeIn(doc, report.span) };
  }
  // A citation of several keys ([@a; @b]) is one span per key: the key under the cursor wins.
  const citation =
    narrowest(result.citations.filter((c) => c.keySpan && contains(c.keySpan)).map((c) => ({ ...c, span: c.keySpan! }))) ??
    narrowest(result.citations);
  if (citation) {
    const finding = result.findings.find((f) => f.code === "citation-unknown" && f.span.start === citation.span.start);
    return { contents: { kind: MarkupKind.Markdown, value: citationCard(citation, finding, corpus) }, range: rangeIn(doc, citation.span) };
  }
  return null;
}

function claimCard(report: ClaimReport, corpus: Corpus, verdictShownAbove = false): string {
  const blocks: string[] = [];
  const code = report.finding ? ` \`${report.finding.code}\`` : "";
  if (!verdictShownAbove) blocks.push(`**${inline(report.verdict)}**${code}`);
  const bySource = new Map<string, Evidence[]>();
  for (const e of report.evidence) bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
  if (bySource.size === 0) {
    blocks.push("No source speaks to it.");
    return blocks.join("\n\n");
  }
  // The answer first: the source whose passage decided the verdict, in full; the other
  // sources that speak to it after, one short line each.
  const decider = decidingEvidence(report)?.source;
  const ids = [...bySource.keys()].sort((a, b) => Number(b === decider) - Number(a === decider));
  ids.forEach((id, i) => {
    const source = corpus.source(id);
    const all = bySource.get(id)!;
    // A source that backs the claim is shown backing it, not with the other figures of its sentence.
    const evidence = all.some((e) => e.backs) ? all.filter((e) => e.backs) : all;
    const name = source ? sourceLine(source) : `**${inline(id)}**`;
    if (i === 0) {
      if (blocks.length > 0) blocks.push("---");
      blocks.push(name);
      for (const e of evidence) {
        blocks.push(`${inline(stance(e, report.claim.kind))}:`);
        blocks.push(`> ${markedExcerpt(e)}`);
        if (e.changes?.some((c) => c.op !== "same")) blocks.push(`The draft's changes: ${changesLine(e.changes)}`);
      }
      return;
    }
    if (i === 1) blocks.push("---", "Also:");
    const e = evidence[0];
    blocks.push(`${name}: ${inline(stance(e, report.claim.kind)).replace(/^./, (c) => c.toLowerCase())}: ${markedExcerpt(e)}`);
  });
  return blocks.join("\n\n");
}

function stance(e: Evidence, kind: ClaimReport["claim"]["kind"]): string {
  if (kind === "quote") {
    const words = e.backs ? "Has these words" : "Has words close to these";
    return e.speaker ? `${words}, from ${e.speaker}` : words;
  }
  if (e.backs) return "Backs it";
  return e.value ? `States ${e.value}` : "States another value";
}

/** The source's sentence with the figure or quote in bold. */
function markedExcerpt(e: Evidence): string {
  const { excerpt, mark } = e;
  if (!mark || mark.end <= mark.start || mark.end > excerpt.length) return inline(excerpt.trim());
  const marked = inline(excerpt.slice(mark.start, mark.end).trim());
  const before = inline(excerpt.slice(0, mark.start).trimStart());
  const after = inline(excerpt.slice(mark.end).trimEnd());
  return `${before}**${marked}**${after}`;
}

/** A quote's changes against the source: dropped words struck through, added words in bold. */
function changesLine(changes: NonNullable<Evidence["changes"]>): string {
  return changes
    .map((c) => (c.op === "same" ? inline(c.text) : c.op === "dropped" ? `~~${inline(c.text)}~~` : `**${inline(c.text)}**`))
    .join(" ");
}

function sourceLine(source: Source): string {
  const parts = [`**${inline(source.publisher)}**`, `*${inline(source.title)}*`];
  if (source.date) parts.push(inline(source.date));
  return parts.join(" · ");
}

function citationCard(citation: Citation, finding: Finding | undefined, corpus: Corpus): string {
  const blocks: string[] = [];
  if (finding) blocks.push(`**${inline(finding.message)}** \`${finding.code}\``);
  for (const id of citation.sources) {
    const source = corpus.source(id);
    if (!source) continue;
    const lines = [sourceLine(source)];
    if (source.author) lines.push(`By ${inline(source.author)}`);
    // The URL as text: a link from a source is never made clickable.
    if (source.url) lines.push(inline(source.url));
    lines.push(`\`${source.id}\``);
    blocks.push(lines.join("  \n"));
  }
  if (blocks.length === 0) blocks.push(`${inline(citation.text)} names no known source.`);
  return blocks.join("\n\n---\n\n");
}
