// Issue 14, items 5 and 9: fixes write only what the writer would. A source's front
// matter put a tracking image, a javascript: link, a new paragraph (then flagged as a
// claim) and a list item into the draft through the footnote fix; the link style wrote
// the URL raw; "5.4 million" → "Replace with 54" gave "54 million"; a draft ending in an
// unclosed fence or <!-- got its definition inside it; [@ctv-news&amp;] became
// [@ctv-newsamp;].

import assert from "node:assert/strict";
import { check, Corpus, isSourceProblem, readSourceFile, type CitationStyle, type Fix, type Source } from "../../server/src/index.js";
import { parseMarkdown } from "../../server/src/parsing/markdown.js";

function source(fields: Record<string, string>, body = "The harbour had 54 lighthouses in 2020, the survey found."): Source {
  const yaml = Object.entries({ id: "wire", title: "Harbour survey", publisher: "Coast Wire", ...fields })
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join("\n");
  const read = readSourceFile("/sources/wire.md", `---\n${yaml}\n---\n\n${body}\n`);
  assert.ok(!isSourceProblem(read), isSourceProblem(read) ? read.message : "");
  return read;
}

function apply(text: string, fix: Fix): string {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.span.start - a.span.start))
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

function citeFix(text: string, corpus: Corpus, citationStyle: CitationStyle = "footnote"): Fix {
  const result = check(text, corpus, { citationStyle });
  const fix = result.findings.flatMap((f) => f.fixes).find((x) => x.title.startsWith("Cite "));
  assert.ok(fix, JSON.stringify(result.findings.map((f) => [f.code, f.fixes.map((x) => x.title)])));
  return fix;
}

/** What the edits add: the new text only. */
const added = (fix: Fix): string => fix.edits.map((e) => e.newText).join("");

const DRAFT = "# Coast\n\nThe harbour had 54 lighthouses in 2020.\n";

describe("hostile sources: items 5 and 9, fixes write only what the writer would", () => {
  it("writes no image, no link, no HTML, no new paragraph and no list item from a source's title and publisher", () => {
    const corpus = Corpus.of([
      source({
        title:
          "Survey ![t](https://track.example/p.png) <img src=x> [x](javascript:alert(1))\n\nThe RCMP confirmed 99 stations.\n\n- a list item &amp; &lt;b&gt;",
        publisher: "Coast\nWire\r\n# heading",
        url: "https://coast.example/survey",
      }),
    ]);
    const fix = citeFix(DRAFT, corpus);
    assert.doesNotMatch(fix.title, /[\r\n]/);
    const after = apply(DRAFT, fix);
    const definition = added(fix)
      .trim()
      .split(/\r?\n/)
      .filter((l) => l.trim() !== "");
    assert.equal(definition.length, 2, `one reference and one definition line: ${JSON.stringify(added(fix))}`);
    const parsed = parseMarkdown(after);
    // The definition is one footnote and nothing else: no heading, list, image or link was added.
    assert.equal(parsed.footnoteDefinitions.size, 1);
    const blocks = parsed.blocks.map((b) => b.kind);
    assert.deepEqual(
      blocks,
      parseMarkdown(DRAFT).blocks.map((b) => b.kind),
    );
    assert.ok(parsed.blocks.every((b) => b.links.length === 0));
    // Re-checking finds no new claim ("99 stations") and the claim is now cited.
    const recheck = check(after, corpus);
    assert.deepEqual(
      recheck.claims.map((c) => c.claim.text),
      ["54", "2020"],
    );
    assert.ok(!recheck.findings.some((f) => f.code === "figure-unattributed" && f.claim.text === "54"), JSON.stringify(recheck.findings));
  });

  it("writes a URL only when it is http(s) without spaces or angle brackets; parentheses are percent-encoded", () => {
    const url = (u: string, style: CitationStyle) => added(citeFix(DRAFT, Corpus.of([source({ url: u })]), style));
    for (const style of ["footnote", "link"] as const) {
      for (const bad of [
        "javascript:alert(1)",
        "https://coast.example/a b",
        "https://coast.example/>![x](https://t.example/p.png)<",
        "data:text/html,<b>x</b>",
        "command:workbench.action.terminal.new",
        "file:///etc/passwd",
      ]) {
        const text = url(bad, style);
        assert.doesNotMatch(text, /javascript|data:|command:|file:|t\.example|coast\.example/, `${style} ${bad}: ${text}`);
      }
      assert.match(url("https://coast.example/a_(b)", style), /https:\/\/coast\.example\/a_%28b%29/);
    }
    // A refused URL in the link style falls back to a footnote.
    assert.match(url("javascript:alert(1)", "link"), /\[\^wire\]/);
    assert.match(url("https://coast.example/survey", "link"), /\(\[Coast Wire\]\(https:\/\/coast\.example\/survey\)\)/);
  });

  it("never appends a footnote definition inside an unclosed fence or HTML comment", () => {
    const corpus = Corpus.of([source({ url: "https://coast.example/survey" })]);
    for (const tail of ["```js\nconst x = 1;\n", "~~~~\ncode\n~~~\n", "<!-- a note the writer left open\nstill open\n"]) {
      const text = `${DRAFT}\n${tail}`;
      const after = apply(text, citeFix(text, corpus));
      const parsed = parseMarkdown(after);
      assert.equal(parsed.footnoteDefinitions.size, 1, `no definition outside the open block:\n${after}`);
      assert.ok(after.endsWith(tail), `the open block is left as it was:\n${after}`);
      assert.ok(!check(after, corpus).findings.some((f) => f.code === "figure-unattributed" && f.claim.text === "54"));
    }
  });

  it("swaps a key written with an entity whole: [@ctv-news&amp;] → [@ctv-news]", () => {
    const text = "China runs 54 police stations in 30 countries [@ctv-news&amp;].\n";
    const result = check(
      text,
      Corpus.of([
        readSourceFile(
          "/s/ctv-news.md",
          "---\nid: ctv-news\ntitle: T\npublisher: CTV News Toronto\n---\n\nChina runs 54 police stations in 30 countries.\n",
        ) as Source,
      ]),
    );
    const fix = result.findings.flatMap((f) => f.fixes).find((x) => /^Change \[@/.test(x.title));
    assert.ok(fix, JSON.stringify(result.findings.map((f) => [f.code, f.fixes.map((x) => x.title)])));
    assert.equal(apply(text, fix), "China runs 54 police stations in 30 countries [@ctv-news].\n");
  });

  it("replaces a figure with its scale word: “5.4 million” → the source's “54”, and “54 million” → “5.4 million”", () => {
    for (const [draft, body, expected] of [
      [
        "The harbour had 5.4 million lighthouses in 2020 [@wire].\n",
        "The harbour had 54 lighthouses in 2020, the survey found.",
        "The harbour had 54 lighthouses in 2020 [@wire].\n",
      ],
      [
        "The harbour had 54 million lighthouses in 2020 [@wire].\n",
        "The harbour had 5.4 million lighthouses in 2020, the survey found.",
        "The harbour had 5.4 million lighthouses in 2020 [@wire].\n",
      ],
      [
        "The harbour had 5.4m lighthouses in 2020 [@wire].\n",
        "The harbour had 54 lighthouses in 2020, the survey found.",
        "The harbour had 54 lighthouses in 2020 [@wire].\n",
      ],
    ]) {
      const corpus = Corpus.of([source({}, body)]);
      const fix = check(draft, corpus)
        .findings.flatMap((f) => f.fixes)
        .find((x) => x.title.startsWith("Replace with"));
      assert.ok(fix, draft);
      const after = apply(draft, fix);
      assert.equal(after, expected);
      assert.ok(!check(after, corpus).findings.some((f) => f.code === "figure-mismatch"));
    }
  });
});
