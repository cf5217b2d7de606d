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
    const wrong =
      claim.citations.find((c) => c.sources.length > 0 && c.kind !== "publisher") ?? claim.citations.find((c) => c.sources.length > 0)!;
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
export function replaceFigureFix(
  claim: Claim,
  figure: Figure,
  sourceNumber: string,
  sourceId: string,
  ctx: DraftContext,
  wholeFigure = false,
): Fix {
  const text = ctx.doc.text;
  const source = ctx.corpus.source(sourceId)!;
  const publisher = source.publisher;
  const hedged = figure.value.type === "count" && figure.value.hedge !== "exact";
  // A scale word after the number is part of what is replaced ("5.4 million" → "54", not "54 million").
  const numberEnd = withScale(text, figure.numberSpan.end);
  const span = wholeFigure
    ? figure.span
    : hedged
      ? { start: figure.span.start, end: numberEnd }
      : { start: figure.numberSpan.start, end: numberEnd };
  const current = text.slice(span.start, span.end);
  let replacement = sourceNumber;
  if (/^\p{Lu}/u.test(current) && /^\p{Ll}/u.test(replacement)) replacement = replacement[0].toUpperCase() + replacement.slice(1);
  if (/^\p{Ll}/u.test(current) && /^\p{Lu}/u.test(replacement) && !/^\p{Lu}{2}/u.test(replacement))
    replacement = replacement[0].toLowerCase() + replacement.slice(1);
  const edits: TextEdit[] = [{ span, newText: replacement }];
  const cited = citedSources(claim);
  if (cited.length > 0 && !cited.includes(sourceId)) edits.push(...citeEdits(claim, source, ctx.options.citationStyle ?? "footnote", ctx));
  return {
    title: `Replace with ${oneLine(replacement)} (${oneLine(publisher)})${edits.length > 1 ? " and cite it" : ""}`,
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
    title: `Change [@${oneLine(citation.key)}] to [@${id}]${source ? ` (${oneLine(source.publisher)})` : ""}`,
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
    return [
      {
        title: `Cite ${oneLine(source.publisher)} (${styleName(style, source)})`,
        edits,
        preferred: preferFirst && i === 0 && backers.length === 1,
      },
    ];
  });
}

function styleName(style: CitationStyle, source: Source): string {
  if (style === "link" && linkableUrl(source.url)) return "link";
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
  const url = linkableUrl(source.url);
  // A URL that cannot be written safely is not linked: the source is cited in a footnote instead.
  if (style === "link" && url)
    return [linkEdit(text, sentence.span.start, end, ` ([${escapeMarkdown(oneLine(source.publisher))}](${url}))`)];
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
    title: `Change [^${oneLine(citation.key)}] to [^${label}] (${oneLine(source.publisher)})`,
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
  // Never inside a code fence or an HTML comment left open at the end: before it, then.
  const open = openBlockAtEnd(text);
  if (open !== undefined) {
    const blank = open === 0 || /(?:^|\n)[ \t]*\r?\n$/.test(text.slice(0, open)) ? "" : nl;
    return { label, definition: [{ span: { start: open, end: open }, newText: `${blank}${footnoteDefinition(label, source)}${nl}${nl}` }] };
  }
  const tail = text.endsWith("\n") ? (/(\r?\n){2}$/.test(text) ? "" : nl) : nl + nl;
  return {
    label,
    definition: [{ span: { start: text.length, end: text.length }, newText: `${tail}${footnoteDefinition(label, source)}${nl}` }],
  };
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
  const parts = [escapeMarkdown(oneLine(source.publisher)), `*${escapeMarkdown(oneLine(source.title))}*`];
  if (source.date) parts.push(escapeMarkdown(oneLine(source.date)));
  const url = linkableUrl(source.url);
  if (url) parts.push(`<${url}>`);
  return `[^${label}]: ${parts.join(", ")}.`;
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /[\s|]/.test(text[end - 1])) end--;
  return end;
}

/** Source metadata is text, never markup: a title cannot become a link, an image, an entity or HTML in the draft. */
function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_{}[\]()<>#!|~&^$])/g, "\\$1");
}

/** Text on one line: line breaks (a new paragraph, a list item) and control characters become single spaces. */
// eslint-disable-next-line no-control-regex -- control characters are what is removed
const BREAKS = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
export function oneLine(s: string): string {
  return s.replace(BREAKS, " ").trim();
}

/**
 * A source's URL as a fix may write it, or undefined when it cannot be written safely:
 * only http(s), nothing that ends an autolink or a link destination (spaces, angle
 * brackets, control characters); parentheses and backslashes percent-encoded.
 */
export function linkableUrl(url: string | undefined): string | undefined {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (!url || /[\s<>\u0000-\u001f\u007f-\u009f]/.test(url)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  return parsed.href.replace(/[()\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Where a scale word after a number ends ("5.4 million", "5.4m", "3bn"), or the number's end. */
export function withScale(text: string, end: number): number {
  const m = /^(?:[ \u00a0-](?:hundred|thousand|million|billion|trillion)\b|(?:bn|mn|m|k)\b)/i.exec(text.slice(end, end + 12));
  return m ? end + m[0].length : end;
}

/** The last text `openBlockAtEnd` read, and its answer: every footnote fix of one check asks about the same draft. */
let openBlockMemo: { text: string; at: number | undefined } | undefined;

/**
 * Where a fenced code block or an HTML comment that is still open at the end of the
 * text starts (the start of its line), or undefined. Read once per draft text, not
 * once per fix (a draft of thousands of uncited figures asks thousands of times).
 */
function openBlockAtEnd(text: string): number | undefined {
  if (openBlockMemo?.text !== text) openBlockMemo = { text, at: readOpenBlockAtEnd(text) };
  return openBlockMemo.at;
}

function readOpenBlockAtEnd(text: string): number | undefined {
  let fence: { char: string; length: number; start: number } | undefined;
  let comment: number | undefined;
  // Lines end in "\n", "\r\n" or a lone "\r" (CommonMark's three line endings).
  for (const m of text.matchAll(/([^\r\n]*)(\r\n|\r|\n|$)/g)) {
    if (m[0] === "" && m.index === text.length && m.index > 0) break;
    const line = m[1];
    const at = m.index;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
    } else if (comment !== undefined) {
      if (line.includes("-->")) comment = undefined;
    } else {
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (open && !(open[1][0] === "`" && line.slice(open[0].length).includes("`")))
        fence = { char: open[1][0], length: open[1].length, start: at };
      else if (/^ {0,3}<!--/.test(line) && !line.slice(line.indexOf("<!--") + 4).includes("-->")) comment = at;
    }
  }
  return fence?.start ?? comment;
}
