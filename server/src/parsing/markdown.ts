// Markdown → prose. A draft (or a source) is parsed once with unified and
// remark-parse (plus GFM for tables and footnotes, and front matter), and every
// block that a reader reads as prose becomes a `Prose`: its plain text, with each
// character mapped back to its offset in the Markdown. Code, HTML, front matter,
// URLs and footnote definitions never become prose, so nothing in them can be taken
// for a claim; footnote definitions are kept aside to resolve citations.

import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkFrontmatter from "remark-frontmatter";
import type { Root, RootContent, PhrasingContent, Nodes } from "mdast";
import type { Span } from "../model.js";

/** Stands in the prose for inline code, HTML and images: no word, no number, no quote. */
export const OPAQUE = "\uFFFC";

export interface Prose {
  text: string;
  /** offsets[i] is where prose character i stands in the Markdown; one extra entry for the end. */
  offsets: number[];
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

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ["yaml"]);

export function parseMarkdown(text: string): ParsedMarkdown {
  const tree = processor.parse(text) as Root;
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
          const inner = node.children.flatMap((c) => ("children" in c ? [proseBlock(text, "paragraph", c.children as PhrasingContent[], spanOf(c))] : []));
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
  const block: Block = { kind, prose: { text: "", offsets: [] }, links: [], footnotes: [], span };
  const chars: string[] = [];
  const offsets: number[] = [];

  const pushMapped = (value: string, start: number, end: number): void => {
    // Where the node's value is its Markdown verbatim, map character by character;
    // where escapes or entities changed it, find each character in order.
    const source = text.slice(start, end);
    if (source === value) {
      for (let i = 0; i < value.length; i++) {
        chars.push(value[i]);
        offsets.push(start + i);
      }
      return;
    }
    let at = 0;
    for (let i = 0; i < value.length; i++) {
      const found = source.indexOf(value[i], at);
      const offset = found >= 0 ? found : Math.min(at, source.length);
      chars.push(value[i]);
      offsets.push(start + offset);
      if (found >= 0) at = found + 1;
    }
  };
  const pushOpaque = (start: number): void => {
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
          block.footnotes.push({ label: (node.label ?? node.identifier).toLowerCase(), span: s, prose: { start: from, end: chars.length } });
          break;
        }
        case "break":
          chars.push("\n");
          offsets.push(s.start);
          break;
        default:
          // inlineCode, html, image, imageReference: opaque.
          pushOpaque(s.start);
          break;
      }
    }
  };
  visit(children);
  offsets.push(offsets.length > 0 ? offsets[offsets.length - 1] + 1 : span.start);
  block.prose = { text: chars.join(""), offsets };
  return block;
}

/** A span in a block's prose, as a span of the Markdown. */
export function toMarkdownSpan(prose: Prose, span: Span): Span {
  const start = prose.offsets[Math.min(span.start, prose.offsets.length - 1)];
  const end = span.end > span.start ? prose.offsets[span.end - 1] + 1 : start;
  return { start, end };
}
