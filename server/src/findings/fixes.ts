// Quick fixes, as plain edits on the draft's text. Every fix touches only the bytes
// it must: a number, a citation key, or an insertion; a footnote definition it adds
// goes at the end of the draft in the draft's own line endings.

import type { Citation, Claim, Figure, Fix, Source, TextEdit } from "../model.js";
import type { Corpus } from "../corpus/corpus.js";
import { lineBreakOf } from "../parsing/positions.js";
import { sourcesNamedIn } from "../claims/citations.js";
import type { Verdict } from "./checker.js";
import type { CitationStyle, DraftContext } from "./context.js";
import { citedSources } from "./verdicts.js";

export type { CitationStyle } from "./context.js";

/**
 * The fixes for a verdict of `judgeBacked`: for a citation to the wrong source, swap
 * it (Pandoc key, footnote) and offer to cite a backing source; for a backed claim
 * not attributed, cite a backing source; for an unsupported one, nothing.
 */
export function backedFixes(claim: Claim, verdict: Verdict, ctx: DraftContext): Fix[] {
  const backers = verdict.backers;
  if (!verdict.finding || backers.length === 0) return [];
  if (verdict.finding.code === "citation-mismatch") {
    const wrong = claim.citations.find((c) => c.sources.length > 0 && c.kind !== "publisher") ?? claim.citations.find((c) => c.sources.length > 0)!;
    return [...swapFixes(wrong, backers[0], ctx), ...citeFixes(claim, backers, ctx, wrong.kind !== "pandoc" && wrong.kind !== "footnote")];
  }
  return citeFixes(claim, backers, ctx, true);
}

/** The preferred fix for a wrong Pandoc key or footnote reference: that citation, in this sentence, swapped for the backing source. */
function swapFixes(wrong: Citation, backer: string, ctx: DraftContext): Fix[] {
  if (wrong.kind === "pandoc") return [replaceCitationKeyFix(wrong, backer, ctx.corpus, true)];
  const source = ctx.corpus.source(backer);
  if (wrong.kind === "footnote" && source) return [replaceFootnoteFix(wrong, source, ctx, true)];
  return [];
}

/**
 * Put the source's value back. A hedged figure is replaced whole ("fewer than 40" →
 * "54"); where the claim cites sources but not this one, the fix cites it too, so
 * the corrected figure is not left cited to a source that does not state it.
 */
export function replaceFigureFix(claim: Claim, figure: Figure, sourceNumber: string, sourceId: string, ctx: DraftContext): Fix {
  const text = ctx.doc.text;
  const source = ctx.corpus.source(sourceId)!;
  const publisher = source.publisher;
  const hedged = figure.value.type === "count" && figure.value.hedge !== "exact";
  const span = hedged ? { start: figure.span.start, end: figure.numberSpan.end } : figure.numberSpan;
  const current = text.slice(span.start, span.end);
  let replacement = sourceNumber;
  if (/^\p{Lu}/u.test(current) && /^\p{Ll}/u.test(replacement)) replacement = replacement[0].toUpperCase() + replacement.slice(1);
  if (/^\p{Ll}/u.test(current) && /^\p{Lu}/u.test(replacement) && !/^\p{Lu}{2}/u.test(replacement)) replacement = replacement[0].toLowerCase() + replacement.slice(1);
  const edits: TextEdit[] = [{ span, newText: replacement }];
  const cited = citedSources(claim);
  if (cited.length > 0 && !cited.includes(sourceId)) edits.push(...citeEdits(claim, source, ctx.options.citationStyle ?? "footnote", ctx));
  return {
    title: `Replace with ${replacement} (${publisher})${edits.length > 1 ? " and cite it" : ""}`,
    edits,
    preferred: true,
  };
}

export function replaceCitationKeyFix(citation: Citation, id: string, corpus: Corpus, preferred: boolean): Fix {
  // The key itself, where the citation found it: not a longer key it begins
  // ("@naija-times" in "@naija-timesn"), nor the characters around it.
  const keySpan = citation.keySpan ?? { start: citation.span.start + 2, end: citation.span.start + 2 + citation.key.length };
  const source = corpus.source(id);
  return {
    title: `Change [@${citation.key}] to [@${id}]${source ? ` (${source.publisher})` : ""}`,
    edits: [{ span: keySpan, newText: id }],
    preferred,
  };
}

/** One fix per backing source: cite it in the configured style. */
export function citeFixes(claim: Claim, backers: string[], ctx: DraftContext, preferFirst: boolean): Fix[] {
  const style = ctx.options.citationStyle ?? "footnote";
  // A few sources to choose from, not one fix for every outlet that backs the claim.
  return backers.slice(0, 3).flatMap((id, i) => {
    const source = ctx.corpus.source(id);
    if (!source) return [];
    const edits = citeEdits(claim, source, style, ctx);
    return [{ title: `Cite ${source.publisher} (${styleName(style, source)})`, edits, preferred: preferFirst && i === 0 && backers.length === 1 }];
  });
}

function styleName(style: CitationStyle, source: Source): string {
  if (style === "link" && source.url) return "link";
  return style === "pandoc" ? `[@${source.id}]` : "footnote";
}

/** The edits that cite a source for a claim, at the end of the claim's sentence. */
export function citeEdits(claim: Claim, source: Source, style: CitationStyle, ctx: DraftContext): TextEdit[] {
  const text = ctx.doc.text;
  const sentence = ctx.sentenceAt.get(claim.sentence.start)!;
  // In a table, cite in the claim's own cell; elsewhere at the end of its sentence.
  const end = sentence.block.kind === "cell" ? trimEnd(text, sentence.block.span.end) : sentence.span.end;
  const beforeStop = /[.!?]$/.test(text.slice(sentence.span.start, end)) ? end - 1 : end;
  if (style === "pandoc") return [{ span: { start: beforeStop, end: beforeStop }, newText: ` [@${source.id}]` }];
  if (style === "link" && source.url) return [linkEdit(text, sentence.span.start, end, ` ([${escapeLinkText(source.publisher)}](${source.url}))`)];
  const { label, definition } = footnoteFor(source, ctx);
  return [{ span: { start: end, end }, newText: `[^${label}]` }, ...definition];
}

/**
 * "Swap a wrong footnote for the right one": this one reference (`[^2]`) becomes a
 * reference to the backing source. The definition of `[^2]` is never touched, as
 * other sentences may cite it.
 */
export function replaceFootnoteFix(citation: Citation, source: Source, ctx: DraftContext, preferred: boolean): Fix {
  const { label, definition } = footnoteFor(source, ctx);
  return {
    title: `Change [^${citation.key}] to [^${label}] (${source.publisher})`,
    edits: [{ span: citation.span, newText: `[^${label}]` }, ...definition],
    preferred,
  };
}

/** The footnote label citing a source: the draft's definition that names it, or a new one added at the end of the draft. */
function footnoteFor(source: Source, ctx: DraftContext): { label: string; definition: TextEdit[] } {
  for (const [label, def] of ctx.doc.footnoteDefinitions) {
    if (sourcesNamedIn(def.text, ctx.corpus).includes(source.id)) return { label, definition: [] };
  }
  const text = ctx.doc.text;
  let label = source.id;
  for (let n = 2; ctx.doc.footnoteDefinitions.has(label); n++) label = `${source.id}-${n}`;
  const nl = lineBreakOf(text);
  const tail = text.endsWith("\n") ? (/(\r?\n){2}$/.test(text) ? "" : nl) : nl + nl;
  return { label, definition: [{ span: { start: text.length, end: text.length }, newText: `${tail}${footnoteDefinition(label, source)}${nl}` }] };
}

/**
 * A link goes inside its sentence, which ends at its full stop (a footnote or Pandoc
 * citation after the stop still belongs to it; a link does not): before the stop and
 * any citation after it, and where the stop stands inside closing quote marks, the
 * stop moves out after the link (“…seriously.” → “…seriously” (link).), so the
 * quote's words are untouched.
 */
function linkEdit(text: string, start: number, end: number, link: string): TextEdit {
  let body = end;
  for (let m = TRAILING_CITATION.exec(text.slice(start, body)); m; m = TRAILING_CITATION.exec(text.slice(start, body))) body -= m[0].length;
  const stop = /([.!?…]+)([”’"')\]»*_]*)$/.exec(text.slice(start, body));
  if (!stop) return { span: { start: body, end: body }, newText: link };
  const at = body - stop[0].length;
  if (!stop[2]) return { span: { start: at, end: at }, newText: link };
  return { span: { start: at, end: body }, newText: `${stop[2]}${link}${stop[1]}` };
}

const TRAILING_CITATION = /\s?\[(?:\^[^\]\s]+|@[^\]]*)\]$/;

export function footnoteDefinition(label: string, source: Source): string {
  const parts = [escapeMarkdown(source.publisher), `*${escapeMarkdown(source.title)}*`];
  if (source.date) parts.push(source.date);
  if (source.url) parts.push(`<${source.url}>`);
  return `[^${label}]: ${parts.join(", ")}.`;
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /[\s|]/.test(text[end - 1])) end--;
  return end;
}

/** Source metadata is text, never markup: a title cannot become a link, an image or HTML in the draft. */
function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_{}[\]()<>#!|~])/g, "\\$1");
}

function escapeLinkText(s: string): string {
  return s.replace(/([[\]\\])/g, "\\$1");
}
