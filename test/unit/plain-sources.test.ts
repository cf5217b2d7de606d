// Sources that are plain paragraphs and headings are read without the parser; they
// must read exactly as the parser reads them, and anything else must go to the parser.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseMarkdown, plainMarkdown, type ParsedMarkdown } from "../../server/src/parsing/markdown.js";
import { pathToFileURL } from "node:url";

function shape(doc: ParsedMarkdown): unknown {
  return {
    frontMatter: doc.frontMatter,
    blocks: doc.blocks.map((b) => ({ kind: b.kind, text: b.prose.text, offsets: Array.from(b.prose.offsets), span: b.span })),
    footnotes: [...doc.footnoteDefinitions.keys()],
  };
}

describe("plain sources, read without the parser", () => {
  const bundled = ["server/sources/ctv-news.md", "server/sources/naija-times.md"].map((f) =>
    readFileSync(resolve(process.cwd(), f), "utf8"),
  );

  it("reads the bundled articles and 200 generated ones exactly as the parser does", async () => {
    // The benchmark's generator makes perturbed copies of the bundled articles.
    const { generateSourceText } = (await import(pathToFileURL(resolve(process.cwd(), "bench/generate.mjs")).href)) as {
      generateSourceText: (n: number, seed: number) => string;
    };
    const texts = [...bundled, ...Array.from({ length: 200 }, (_, i) => generateSourceText(i, 11))];
    for (const text of texts) {
      const plain = plainMarkdown(text);
      assert.ok(plain, `not read as plain: ${text.slice(0, 120)}`);
      assert.deepEqual(shape(plain), shape(parseMarkdown(text)));
    }
  });

  it("reads headings, soft line breaks and front matter as the parser does", () => {
    const text =
      "---\nid: x\ntitle: T\npublisher: P\n---\n\n# A title\n\nOne line,\nand the next.\n\n## A subhead\n\nThe last “quoted” words (here).\n";
    const plain = plainMarkdown(text);
    assert.ok(plain);
    assert.deepEqual(shape(plain), shape(parseMarkdown(text)));
  });

  for (const [what, text] of [
    ["emphasis", "Some *emphasis* here."],
    ["a link", "A [link](https://example.com) here."],
    ["inline code", "Some `code` here."],
    ["HTML", "Some <b>bold</b> here."],
    ["an entity", "Fish &amp; chips."],
    ["a bullet list", "- one\n- two"],
    ["an ordered list", "1. one\n2. two"],
    ["a block quote", "> quoted"],
    ["indented code", "    code"],
    ["a setext heading", "Title\n====="],
    ["a thematic break", "Text.\n\n---\n\nMore."],
    ["a closed ATX heading", "## Title ##"],
    ["trailing white space (a hard break)", "Line one  \nline two."],
    ["CRLF line endings", "Line one.\r\n\r\nLine two."],
    ["a table", "| a | b |\n| - | - |\n| 1 | 2 |"],
    ["a bare URL", "See https://example.com today."],
  ] as const) {
    it(`leaves ${what} to the parser`, () => {
      assert.equal(plainMarkdown(text), undefined);
    });
  }
});
