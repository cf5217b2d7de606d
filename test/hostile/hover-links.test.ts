// Issue 14, item 7: no URL from a source is ever a link in a hover. Escaping is not
// enough: renderers autolink bare URLs ("https://…", "www.…", "name@host.tld",
// "host.com/path"), and VS Code's renderer (marked) drops the backslash escapes from
// such a link's target, so "https://login\.evil\-wire\.example/reset" became a working
// link. The hovers are rendered here with the renderers clients use (marked, as VS Code
// does, and markdown-it with linkify) and the HTML must hold no link and no image.

import assert from "node:assert/strict";
import MarkdownIt from "markdown-it";
import { Marked } from "marked";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { MarkupContent } from "vscode-languageserver/node";
import { check, Corpus, isSourceProblem, readSourceFile, type Source } from "../../server/src/index.js";
import { hoverAt } from "../../server/src/lsp/hover.js";
import { completions } from "../../server/src/lsp/completion.js";

const URLS = [
  "https://login.evil-wire.example/reset",
  "https://login\\.evil\\-wire\\.example/reset",
  "HTTPS://EVIL.EXAMPLE/x",
  "http://evil.com",
  "ftp://evil.com/file",
  "www.evil.com/reset",
  "evil.com/reset?a=1&b=2",
  "reset@evil.com",
  "mailto:reset@evil.com",
  "//evil.com/protocol-relative",
  "<https://evil.com/angle>",
  "javascript:alert(1)",
  "command:workbench.action.terminal.new",
  "https://evil.com/a_b*c`d`e(f)[g]",
];

const renderers: Array<[string, (md: string) => string]> = [
  ["marked (VS Code's hover renderer)", (md) => new Marked({ gfm: true, breaks: false }).parse(md, { async: false }) as string],
  ["markdown-it with linkify", (md) => new MarkdownIt({ linkify: true, html: false }).render(md)],
];

function source(id: string, url: string): Source {
  const yaml = (s: string) => JSON.stringify(s);
  const read = readSourceFile(
    `/sources/${id}.md`,
    `---\nid: ${id}\ntitle: ${yaml(`Reset at ${url}`)}\npublisher: ${yaml(`Wire ${url}`)}\nauthor: ${yaml(url)}\nurl: ${yaml(url)}\n---\n\nThe harbour had 17 lighthouses, see ${url} for the survey. Keepers counted 9 ferries at ${url}.\n`,
  );
  assert.ok(!isSourceProblem(read), isSourceProblem(read) ? read.message : "");
  return read;
}

describe("hostile sources: item 7, no source URL is a link in a hover", () => {
  const sources = URLS.map((url, i) => source(`wire-${i}`, url));
  const corpus = Corpus.of(sources);
  const ids = sources.map((s) => `@${s.id}`).join("; ");
  const text = `# Coast\n\nThe harbour had 17 lighthouses [${ids}].\n\nKeepers counted 12 ferries [${ids}].\n\nSee [${ids}].\n`;
  const result = check(text, corpus);
  const doc = TextDocument.create("file:///draft.md", "markdown", 1, text);
  const cards = new Set<string>();
  for (let offset = 0; offset <= text.length; offset++) {
    const hover = hoverAt({ doc, result, corpus }, offset, corpus);
    if (hover) cards.add((hover.contents as MarkupContent).value);
  }
  // A completion's documentation is Markdown too.
  const open = TextDocument.create("file:///open.md", "markdown", 1, "See [@wire");
  for (const item of completions(open, { textDocument: { uri: open.uri }, position: { line: 0, character: 10 } }, corpus)) {
    if (item.documentation) cards.add((item.documentation as MarkupContent).value);
  }

  it("shows the cards at all, with each source's URL in them", () => {
    assert.ok(cards.size >= URLS.length + 3, `${cards.size} cards`);
    const all = [...cards].join("\n");
    for (const [name, render] of renderers) {
      const html = render(all)
        .replace(/&amp;/g, "&")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'");
      // The URL reaches the reader as text (so the test is not vacuous).
      assert.ok(html.includes("login.evil-wire.example/reset"), `${name}: the URL is not shown`);
      assert.ok(html.includes("reset@evil.com"), `${name}: the address is not shown`);
    }
  });

  for (const [name, render] of renderers) {
    it(`renders no link and no image with ${name}`, () => {
      for (const card of cards) {
        const html = render(card);
        assert.doesNotMatch(html, /<a[\s>]/i, `a link in:\n${card}\n→\n${html}`);
        assert.doesNotMatch(html, /<img[\s>]/i, `an image in:\n${card}\n→\n${html}`);
      }
    });
  }
});
