// Text from sources (and drafts) reaches hovers and messages as text: a source that
// holds a command link, raw HTML, an image or any other Markdown renders as what it
// says. Hovers are plain MarkupContent, and the VS Code client never trusts them.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { TextDocument } from "vscode-languageserver-textdocument";
import { MarkupKind, type MarkupContent } from "vscode-languageserver/node";
import { check, Corpus, isSourceProblem, readSourceFile, type Source } from "../../server/src/index.js";
import { escapeMarkdown, hoverAt } from "../../server/src/lsp/hover.js";
import { toDiagnostic } from "../../server/src/lsp/diagnostics.js";

const EVIL = [
  "[x](command:workbench.action.terminal.new)",
  "[y](command:_workbench.downloadResource?%5B%22http%3A%2F%2Fevil%22%5D)",
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  "![pixel](https://evil.example/p.png)",
  '<a href="command:evil">click</a>',
  "[ref][1]\n\n[1]: command:evil",
  "`code` **bold** _em_ # heading | pipe ~~strike~~ &amp; &lt;b&gt;",
];

function source(id: string, title: string, body: string): Source {
  const read = readSourceFile(
    `/sources/${id}.md`,
    `---\nid: ${id}\ntitle: ${JSON.stringify(title)}\npublisher: ${JSON.stringify(`Evil ${title}`)}\nauthor: ${JSON.stringify(title)}\nurl: https://evil.example/${id}\n---\n\n${body}\n`,
  );
  assert.ok(!isSourceProblem(read), isSourceProblem(read) ? read.message : "");
  return read;
}

/** Whether Markdown, once rendered, could hold a link, an image, HTML or a command. */
function assertInert(markdown: string): void {
  // A code span's text is literal: no renderer makes a link, an image or HTML of it.
  markdown = markdown.replace(/(?<![`\\])(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, "");
  // Every [ ] ( ) < > ! and backtick that came from the text is escaped.
  assert.doesNotMatch(markdown, /(?<!\\)\[[^\]]*(?<!\\)\]\((?!\s)/, `a link: ${markdown}`);
  assert.doesNotMatch(markdown, /(?<!\\)<[a-z/!]/i, `raw HTML: ${markdown}`);
  assert.doesNotMatch(markdown, /(?<!\\)!\\?\[/, `an image: ${markdown}`);
  assert.doesNotMatch(markdown, /(?<!\\)\]\(\s*<?command:/, `a command link: ${markdown}`);
  assert.doesNotMatch(markdown, /^\s*\[[^\]]*\]:/m, `a link reference definition: ${markdown}`);
}

describe("security: source text in hovers and messages", () => {
  it("escapes every Markdown and HTML metacharacter", () => {
    for (const evil of EVIL) {
      const escaped = escapeMarkdown(evil);
      assertInert(escaped);
      // Undoing the escapes gives the text back.
      const plain = escaped.replace(/\\(.)/g, "$1").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
      assert.equal(plain, evil);
    }
  });

  it("renders sources that hold links, commands, HTML and images as text in claim and citation hovers", () => {
    const sources = EVIL.map((evil, i) =>
      source(`evil-${i}`, evil.replace(/\n/g, " "), `The harbour had 17 lighthouses ${evil} in the survey. Keepers counted 9 ferries.`),
    );
    const corpus = Corpus.of(sources);
    const text = `# Coast\n\nThe harbour had 17 lighthouses, officials said [@evil-0; @evil-2; @evil-4].\n\nKeepers counted 12 ferries [@evil-6].\n\nIt had 17 lighthouses [@evil-1][@evil-3][@evil-5][@evil-7].\n`;
    const result = check(text, corpus);
    const doc = TextDocument.create("file:///draft.md", "markdown", 1, text);
    let hovers = 0;
    for (let offset = 0; offset <= text.length; offset++) {
      const hover = hoverAt({ doc, result, corpus }, offset, corpus);
      if (!hover) continue;
      hovers++;
      const contents = hover.contents as MarkupContent;
      assert.equal(contents.kind, MarkupKind.Markdown);
      assert.ok(!("isTrusted" in contents), "a hover is never trusted");
      assertInert(contents.value);
    }
    assert.ok(hovers > 0);
    // The evidence reaches the hover at all (so the test is not vacuous).
    const at = text.indexOf("17");
    const card = (hoverAt({ doc, result, corpus }, at, corpus)!.contents as MarkupContent).value;
    assert.match(card, /command:workbench/);
    assert.match(card, /&lt;img src=x onerror=alert\\\(1\\\)&gt;/);
  });

  it("keeps diagnostics plain text (LSP diagnostics are never rendered as Markdown)", () => {
    const corpus = Corpus.of([source("evil-link", "[x](command:evil)", "The harbour had 17 lighthouses [x](command:evil).")]);
    const text = "The harbour had 12 lighthouses [@evil-link].\n";
    const doc = TextDocument.create("file:///draft.md", "markdown", 1, text);
    for (const f of check(text, corpus).findings) {
      const d = toDiagnostic(f, doc);
      assert.equal(typeof d.message, "string");
    }
  });

  it("the VS Code client never trusts hovers nor lets them carry HTML", () => {
    const client = readFileSync(resolve(process.cwd(), "client/src/extension.ts"), "utf8");
    assert.doesNotMatch(client, /isTrusted\s*[:=]\s*(true|\{)/, "isTrusted set");
    assert.doesNotMatch(client, /supportHtml\s*[:=]\s*true/, "supportHtml set");
    assert.doesNotMatch(client, /enabledCommands/, "commands enabled in Markdown");
    assert.match(client, /markdown:\s*\{\s*isTrusted:\s*false,\s*supportHtml:\s*false\s*\}/);
  });
});
