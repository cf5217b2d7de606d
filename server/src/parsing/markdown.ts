// Markdown → prose. A draft (or a source) is parsed once with unified and
// remark-parse (plus GFM for tables and footnotes, and front matter), and every
// block that a reader reads as prose becomes a `Prose`: its plain text, with each
// character mapped back to its offset in the Markdown. Code, HTML, front matter,
// URLs and footnote definitions never become prose, so nothing in them can be taken
// for a claim; footnote definitions are kept aside to resolve citations.

import { unified, type Processor } from "unified";
import remarkParse from "remark-parse";
import remarkFrontmatter from "remark-frontmatter";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import type { Root, RootContent, PhrasingContent, Nodes } from "mdast";
import type { Span } from "../model.js";
import { Memo } from "../memo.js";
import { drain, type Steps } from "../steps.js";

/** Stands in the prose for inline code, HTML and images: no word, no number, no quote. */
export const OPAQUE = "\uFFFC";

/** A character reference, where it starts (sticky). */
const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;

const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

export interface Prose {
  text: string;
  /** offsets[i] is where prose character i stands in the Markdown; one extra entry for the end (4 bytes each: a corpus holds one per character). */
  offsets: Int32Array;
  /** Where the node an OPAQUE character, or an entity stands for ends, by its prose index: a span ending on it ends after the node. */
  opaqueEnds?: Map<number, number>;
  /** Added to every offset above: where the chunk the prose was parsed in starts. */
  base?: number;
}

/** A prose's offsets moved by `by` characters, as when a chunk or a BOM stands before it. */
export function shiftProse(prose: Prose, by: number): Prose {
  // The arrays are shared with the cached parse: only the base moves.
  return { ...prose, base: (prose.base ?? 0) + by };
}

export interface InlineLink {
  url: string;
  /** The link's span in the Markdown. */
  span: Span;
  /** Where the link's text stands in the prose. */
  prose: Span;
}

export interface InlineFootnote {
  label: string;
  span: Span;
  prose: Span;
}

export interface Block {
  kind: "paragraph" | "heading" | "cell";
  prose: Prose;
  links: InlineLink[];
  footnotes: InlineFootnote[];
  /** For table cells: the row they stand in (shared by the row's cells) and their column. */
  row?: number;
  column?: number;
  /** The block's span in the Markdown. */
  span: Span;
}

export interface FootnoteDefinition {
  label: string;
  /** The definition's text, as plain prose. */
  text: string;
  span: Span;
}

export interface ParsedMarkdown {
  text: string;
  blocks: Block[];
  footnoteDefinitions: Map<string, FootnoteDefinition>;
  /** Where YAML front matter stands, if there is any. */
  frontMatter?: { value: string; span: Span };
}

/**
 * GFM's footnotes and tables, the two GFM constructs a draft's claims and citations
 * live in. Autolink literals, strikethrough and task lists are left out: they cost
 * as much as the rest of the parse together, and bare URLs are masked in prose anyway.
 * Each is left out too where the text cannot hold one: a table needs a "|", a footnote
 * "[^". The table construct is tried at every line of every paragraph, and costs a
 * third of a parse of prose that has none; without it the tree is the same.
 */
function gfmParts(tables: boolean, footnotes: boolean) {
  return function (this: Processor): void {
    const data = this.data();
    (data.micromarkExtensions ??= []).push(...(footnotes ? [gfmFootnote()] : []), ...(tables ? [gfmTable()] : []));
    (data.fromMarkdownExtensions ??= []).push(
      ...(footnotes ? [gfmFootnoteFromMarkdown()] : []),
      ...(tables ? [gfmTableFromMarkdown()] : []),
    );
  };
}

/** The parser for a text, built once for each pair of constructs it may hold. */
const processors = new Map<number, Processor>();
function processorFor(text: string): Processor {
  const tables = text.includes("|");
  const footnotes = text.includes("[^");
  const key = (tables ? 1 : 0) + (footnotes ? 2 : 0);
  let p = processors.get(key);
  if (!p)
    processors.set(
      key,
      (p = unified().use(remarkParse).use(gfmParts(tables, footnotes)).use(remarkFrontmatter, ["yaml"]) as unknown as Processor),
    );
  return p;
}

/**
 * Parse a draft. The text is cut into chunks at blank lines where Markdown lets one
 * block end and the next begin (never inside a fence, an HTML comment or front
 * matter, never before an indented continuation), and each chunk's parse is cached
 * by its text: after an edit, only the chunk that changed is parsed again.
 */
export function parseMarkdown(text: string, options: { cache?: boolean; plain?: boolean } = {}): ParsedMarkdown {
  return drain(parsingMarkdown(text, options));
}

/** `parseMarkdown` in steps: it yields after each chunk, so a long draft's parse can pause between chunks. */
export function* parsingMarkdown(text: string, options: { cache?: boolean; plain?: boolean } = {}): Steps<ParsedMarkdown> {
  // A byte order mark is no part of the Markdown, and micromark misplaces some nodes
  // after one: parse what follows it, and move every offset one code unit on.
  if (text.charCodeAt(0) === 0xfeff) return shiftedByBom(yield* parsingMarkdown(text.slice(1), options), text);
  if (options.plain) {
    const plain = plainMarkdown(text);
    if (plain) return plain;
  }
  const out: ParsedMarkdown = { text, blocks: [], footnoteDefinitions: new Map() };
  let rows = 0;
  // A draft in chunks that an edit leaves alone, each cached. A source is parsed whole,
  // once, unless it is long: then in the same chunks, uncached, since micromark's cost
  // grows faster than the text it parses at once (its edit maps: a 16 MB source parsed
  // whole cost the square of its size).
  const whole = !options.cache && text.length <= WHOLE_PARSE_LIMIT;
  for (const chunk of whole ? [{ start: 0, end: text.length }] : chunks(text)) {
    const source = text.slice(chunk.start, chunk.end);
    const key = `${chunk.start === 0 ? "F" : "B"}${source}`;
    const parsed = options.cache ? chunkCache.get(key, () => parseChunk(source)) : parseChunk(source);
    const rowIds = new Map<number, number>();
    for (const b of parsed.blocks) {
      const block = shiftBlock(b, chunk.start);
      if (b.row !== undefined) {
        if (!rowIds.has(b.row)) rowIds.set(b.row, rows++);
        block.row = rowIds.get(b.row);
      }
      out.blocks.push(block);
    }
    for (const [label, def] of parsed.footnoteDefinitions) {
      if (!out.footnoteDefinitions.has(label)) out.footnoteDefinitions.set(label, { ...def, span: shiftSpan(def.span, chunk.start) });
    }
    if (parsed.frontMatter && chunk.start === 0) out.frontMatter = parsed.frontMatter;
    yield;
  }
  // A reference parsed apart from its definition stays text: make it a reference again.
  if (out.footnoteDefinitions.size > 0) {
    for (const block of out.blocks) {
      for (const m of block.prose.text.matchAll(/\[\^([^\]\s]+)\](?!:)/g)) {
        const label = m[1].toLowerCase();
        if (!out.footnoteDefinitions.has(label) || block.footnotes.some((f) => f.prose.start === m.index)) continue;
        const prose = { start: m.index, end: m.index + m[0].length };
        block.footnotes.push({ label, span: toMarkdownSpan(block.prose, prose), prose });
      }
      block.footnotes.sort((a, b) => a.prose.start - b.prose.start);
    }
  }
  return out;
}

/**
 * A text that is front matter, plain paragraphs and ATX headings with no inline syntax
 * at all (as most captured articles are) read without the parser: the same blocks the
 * parser would give (a test holds the two to that), at a fraction of the cost. Any
 * other text gives undefined, and is parsed.
 */
export function plainMarkdown(text: string): ParsedMarkdown | undefined {
  const out: ParsedMarkdown = { text, blocks: [], footnoteDefinitions: new Map() };
  let at = 0;
  const fm = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (fm) {
    out.frontMatter = { value: fm[1], span: { start: 0, end: fm[0].replace(/\n$/, "").length } };
    at = fm[0].length;
  }
  if (text.includes("\r") || PLAIN_UNSAFE.test(text.slice(at))) return undefined;
  for (const m of text.slice(at).matchAll(/[^\n]+(?:\n[^\n]+)*/g)) {
    const start = at + m.index;
    const lines = m[0].split("\n");
    const heading = /^(#{1,6}) (\S.*)$/.exec(lines[0]);
    if (heading) {
      if (lines.length > 1 || heading[2].includes("#") || /\s$/.test(heading[2])) return undefined;
      const textStart = start + heading[1].length + 1;
      out.blocks.push(plainBlock("heading", heading[2], textStart, { start, end: start + lines[0].length }));
      continue;
    }
    if (lines.some((l) => !PLAIN_LINE.test(l))) return undefined;
    out.blocks.push(plainBlock("paragraph", m[0], start, { start, end: start + m[0].length }));
  }
  return out;
}

// Anything that could be Markdown syntax inside a line: emphasis, code, links, HTML,
// entities, escapes, tables, strikethrough, autolinks.
const PLAIN_UNSAFE = /[*_`[\]<>&\\|~]|https?:|www\./;
// A line that starts no block construct (list, quote, code, thematic break, setext
// underline, ordered list) and has no edge white space.
const PLAIN_LINE = /^(?![-+=#>]|\d{1,9}[.)](?:\s|$))\S(?:.*\S)?$/;

function plainBlock(kind: Block["kind"], value: string, start: number, span: Span): Block {
  const offsets = new Int32Array(value.length + 1);
  for (let i = 0; i <= value.length; i++) offsets[i] = start + i;
  return { kind, prose: { text: value, offsets }, links: [], footnotes: [], span };
}

// A chunk's parse holds its text again in its blocks' prose, four bytes of offsets per
// character and the blocks: some 24 bytes a character of the chunk, with its key.
/** The longest text parsed in one piece when no cache is asked for (a source): longer ones go in chunks. */
const WHOLE_PARSE_LIMIT = 250_000;

const chunkCache = new Memo<string, ParsedMarkdown>(20_000, { maxBytes: 24 * 1024 * 1024, bytesOf: (key) => 24 * key.length });

/** Where a text can be cut into independently parsed chunks. */
export function chunks(text: string): Span[] {
  const out: Span[] = [];
  const lineRe = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  let start = 0;
  let fence: string | undefined;
  let inComment = false;
  let inFrontMatter = /^(?:\uFEFF)?---[ \t]*\r?\n/.test(text);
  let sawBlank = false;
  let first = true;
  for (let m = lineRe.exec(text); m && m[0].length > 0; m = lineRe.exec(text)) {
    const line = m[0].replace(/[\r\n]+$/, "");
    const at = m.index;
    if (inFrontMatter) {
      if (!first && /^(?:---|\.\.\.)[ \t]*$/.test(line)) inFrontMatter = false;
      first = false;
      continue;
    }
    first = false;
    const blank = /^[ \t]*$/.test(line);
    if (!fence && !inComment && sawBlank && !blank && !/^[ \t]/.test(line) && at > start) {
      out.push({ start, end: at });
      start = at;
    }
    if (blank) {
      sawBlank = !fence && !inComment;
      continue;
    }
    sawBlank = false;
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && /^ {0,3}[`~]+[ \t]*$/.test(line)) fence = undefined;
    } else if (fenceMark) {
      fence = fenceMark;
    } else {
      const open = line.lastIndexOf("<!--");
      const close = line.lastIndexOf("-->");
      if (inComment) inComment = close < 0 || open > close;
      else if (open >= 0 && close < open) inComment = true;
    }
  }
  if (start < text.length || out.length === 0) out.push({ start, end: text.length });
  return grouped(out);
}

/**
 * Neighbouring chunks joined up to about CHUNK_SIZE characters: each parse has a
 * fixed cost, so a parse per paragraph would cost more than it saves.
 */
const CHUNK_SIZE = 6000;

function grouped(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && last.start > 0 && last.end - last.start + (s.end - s.start) <= CHUNK_SIZE) last.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

function parseChunk(text: string): ParsedMarkdown {
  const tree = processorFor(text).parse(text) as Root;
  const out: ParsedMarkdown = { text, blocks: [], footnoteDefinitions: new Map() };
  let rows = 0;

  const visitBlocks = (nodes: RootContent[]): void => {
    for (const node of nodes) {
      switch (node.type) {
        case "yaml":
          out.frontMatter = { value: node.value, span: spanOf(node) };
          break;
        case "paragraph":
        case "heading":
          out.blocks.push(proseBlock(text, node.type, node.children, spanOf(node)));
          break;
        case "list":
        case "listItem":
        case "blockquote":
          visitBlocks(node.children as RootContent[]);
          break;
        case "table":
          for (const row of node.children) {
            const rowId = rows++;
            row.children.forEach((cell, column) => {
              const block = proseBlock(text, "cell", cell.children, spanOf(cell));
              block.row = rowId;
              block.column = column;
              out.blocks.push(block);
            });
          }
          break;
        case "footnoteDefinition": {
          const inner = node.children.flatMap((c) =>
            "children" in c ? [proseBlock(text, "paragraph", c.children as PhrasingContent[], spanOf(c))] : [],
          );
          const label = (node.label ?? node.identifier).toLowerCase();
          out.footnoteDefinitions.set(label, {
            label,
            text: inner.map((b) => b.prose.text).join(" "),
            span: spanOf(node),
          });
          break;
        }
        default:
          // code, html, thematicBreak, definition: never prose.
          break;
      }
    }
  };
  visitBlocks(tree.children);
  return out;
}

function spanOf(node: Nodes): Span {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

function proseBlock(text: string, kind: Block["kind"], children: PhrasingContent[], span: Span): Block {
  const block: Block = { kind, prose: { text: "", offsets: new Int32Array(0) }, links: [], footnotes: [], span };
  const chars: string[] = [];
  const offsets: number[] = [];

  const opaqueEnds = new Map<number, number>();
  const pushMapped = (value: string, start: number, end: number): void => {
    // Where the node's value is its Markdown verbatim, map character by character;
    // where escapes or entities changed it, find each character in order.
    const source = text.slice(start, end);
    if (source === value) {
      for (let i = 0; i < value.length; i++) {
        // Zero-width and direction marks are invisible: "5\u200b4" reads as the 54 it shows.
        if (INVISIBLE.test(value[i])) continue;
        chars.push(value[i]);
        offsets.push(start + i);
      }
      return;
    }
    let at = 0;
    for (let i = 0; i < value.length; i++) {
      // An entity (&amp; &#8212;) stands for one character: a span ending on that
      // character ends after all of it.
      ENTITY.lastIndex = at;
      const m = ENTITY.exec(source);
      if (m && !value.startsWith(m[0], i)) {
        opaqueEnds.set(chars.length, start + at + m[0].length);
        chars.push(value[i]);
        offsets.push(start + at);
        at += m[0].length;
        continue;
      }
      const found = source.indexOf(value[i], at);
      const offset = found >= 0 ? found : Math.min(at, source.length);
      chars.push(value[i]);
      offsets.push(start + offset);
      if (found >= 0) at = found + 1;
    }
  };
  const pushOpaque = (start: number, end: number): void => {
    opaqueEnds.set(chars.length, end);
    chars.push(OPAQUE);
    offsets.push(start);
  };

  const visit = (nodes: PhrasingContent[]): void => {
    for (const node of nodes) {
      const s = spanOf(node);
      switch (node.type) {
        case "text":
          pushMapped(node.value, s.start, s.end);
          break;
        case "emphasis":
        case "strong":
        case "delete":
          visit(node.children);
          break;
        case "link":
        case "linkReference": {
          const from = chars.length;
          visit(node.children);
          if (node.type === "link") block.links.push({ url: node.url, span: s, prose: { start: from, end: chars.length } });
          break;
        }
        case "footnoteReference": {
          const from = chars.length;
          pushMapped(text.slice(s.start, s.end), s.start, s.end);
          block.footnotes.push({
            label: (node.label ?? node.identifier).toLowerCase(),
            span: s,
            prose: { start: from, end: chars.length },
          });
          break;
        }
        case "break":
          chars.push("\n");
          offsets.push(s.start);
          break;
        default:
          // inlineCode, html, image, imageReference: opaque.
          pushOpaque(s.start, s.end);
          break;
      }
    }
  };
  visit(children);
  offsets.push(offsets.length > 0 ? offsets[offsets.length - 1] + 1 : span.start);
  block.prose = { text: chars.join(""), offsets: Int32Array.from(offsets), opaqueEnds: opaqueEnds.size ? opaqueEnds : undefined };
  return block;
}

/** A span in a block's prose, as a span of the Markdown. */
export function toMarkdownSpan(prose: Prose, span: Span): Span {
  const base = prose.base ?? 0;
  const start = prose.offsets[Math.min(span.start, prose.offsets.length - 1)] + base;
  const end = span.end > span.start ? (prose.opaqueEnds?.get(span.end - 1) ?? prose.offsets[span.end - 1] + 1) + base : start;
  return { start, end };
}

/** A parse of the text after a leading BOM, with its offsets in the text with the BOM. */
function shiftedByBom(parsed: ParsedMarkdown, text: string): ParsedMarkdown {
  return {
    text,
    blocks: parsed.blocks.map((b) => shiftBlock(b, 1)),
    footnoteDefinitions: new Map([...parsed.footnoteDefinitions].map(([label, d]) => [label, { ...d, span: shiftSpan(d.span, 1) }])),
    frontMatter: parsed.frontMatter && { ...parsed.frontMatter, span: shiftSpan(parsed.frontMatter.span, 1) },
  };
}

/** A block parsed where its text started `by` characters later: every span moved on. */
function shiftBlock(b: Block, by: number): Block {
  return {
    ...b,
    prose: shiftProse(b.prose, by),
    links: b.links.map((l) => ({ ...l, span: shiftSpan(l.span, by) })),
    footnotes: b.footnotes.map((f) => ({ ...f, span: shiftSpan(f.span, by) })),
    span: shiftSpan(b.span, by),
  };
}

function shiftSpan(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}
