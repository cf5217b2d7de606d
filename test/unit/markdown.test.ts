// The prose model (parsing/markdown.ts), sentences (parsing/sentences.ts) and
// positions (parsing/positions.ts): where a claim's characters are in the Markdown,
// where its sentence ends, and what line and column an editor shows for it.

import { strict as assert } from "node:assert";
import { OPAQUE, parseMarkdown, toMarkdownSpan, type Block } from "../../server/src/parsing/markdown.js";
import { sentences } from "../../server/src/parsing/sentences.js";
import { LineIndex, lineBreakOf } from "../../server/src/parsing/positions.js";

function blocks(markdown: string): Block[] {
  return parseMarkdown(markdown).blocks;
}

/** The Markdown a stretch of prose came from. */
function sourceOf(markdown: string, block: Block, needle: string): string {
  const at = block.prose.text.indexOf(needle);
  assert.ok(at >= 0, `${JSON.stringify(needle)} is not in the prose ${JSON.stringify(block.prose.text)}`);
  const span = toMarkdownSpan(block.prose, { start: at, end: at + needle.length });
  return markdown.slice(span.start, span.end);
}

/** Every prose character that is written verbatim maps onto that very character of the Markdown. */
function assertVerbatimMapping(markdown: string, block: Block): void {
  const { text, offsets } = block.prose;
  assert.equal(offsets.length, text.length + 1, "one offset per character, plus one for the end");
  for (let i = 0; i < text.length; i++) {
    if (text[i] === OPAQUE) continue;
    assert.equal(
      markdown[offsets[i]],
      text[i],
      `prose[${i}] ${JSON.stringify(text[i])} maps to ${JSON.stringify(markdown[offsets[i]])} at ${offsets[i]}`,
    );
  }
  for (let i = 1; i < text.length; i++) assert.ok(offsets[i] > offsets[i - 1], `offsets rise at ${i}`);
}

function sentenceTexts(text: string): string[] {
  return sentences(text).map((s) => text.slice(s.start, s.end));
}

describe("markdown: prose mapped to the Markdown", () => {
  it("drops emphasis marks and maps each character to its own", () => {
    const md = "China opened *54* **police** ***stations*** in _30_ __countries__.";
    const [b] = blocks(md);
    assert.equal(b.prose.text, "China opened 54 police stations in 30 countries.");
    assertVerbatimMapping(md, b);
    assert.equal(sourceOf(md, b, "54"), "54");
    assert.equal(sourceOf(md, b, "30 countries"), "30_ __countries");
  });

  it("keeps a link's text as prose, not its address, and records the link", () => {
    const md = 'See [the 21-page report](https://example.com/r/54 "Report 30") today.';
    const [b] = blocks(md);
    assert.equal(b.prose.text, "See the 21-page report today.");
    assertVerbatimMapping(md, b);
    assert.equal(b.links.length, 1);
    assert.equal(b.links[0].url, "https://example.com/r/54");
    assert.equal(md.slice(b.links[0].span.start, b.links[0].span.end), '[the 21-page report](https://example.com/r/54 "Report 30")');
    assert.equal(b.prose.text.slice(b.links[0].prose.start, b.links[0].prose.end), "the 21-page report");
  });

  it("maps escaped characters to the character after the backslash", () => {
    const md = "A \\*starred\\* claim of 54\\% and \\[brackets\\].";
    const [b] = blocks(md);
    assert.equal(b.prose.text, "A *starred* claim of 54% and [brackets].");
    assertVerbatimMapping(md, b);
    assert.equal(sourceOf(md, b, "54%"), "54\\%");
  });

  it("maps an entity to the span of the whole entity", () => {
    const md = "AT&amp;T paid &#49;2 dollars &copy; 2022.";
    const [b] = blocks(md);
    assert.equal(b.prose.text, "AT&T paid 12 dollars © 2022.");
    assert.equal(sourceOf(md, b, "AT&T"), "AT&amp;T");
    assert.equal(sourceOf(md, b, "12"), "&#49;2");
    assert.equal(sourceOf(md, b, "©"), "&copy;");
    assert.equal(sourceOf(md, b, "2022"), "2022");
  });

  it("maps prose across a CRLF soft line break", () => {
    const md = "China opened 54\r\nstations in 30 countries.\r\n\r\nNext paragraph.\r\n";
    const bs = blocks(md);
    assert.equal(bs.length, 2);
    assertVerbatimMapping(md, bs[0]);
    assert.equal(sourceOf(md, bs[0], "30 countries"), "30 countries");
    assert.equal(sourceOf(md, bs[1], "Next paragraph."), "Next paragraph.");
    const lf = blocks(md.replace(/\r\n/g, "\n"));
    assert.equal(lf[0].prose.text.replace(/\n/g, "\r\n"), bs[0].prose.text);
  });

  it("maps headings, list items, block quotes and table cells", () => {
    const md = "# 54 stations\n\n- item with 30 countries\n\n> quoted 3 stations\n\n| a | b |\n| - | - |\n| x | 21 |\n";
    const bs = blocks(md);
    assert.deepEqual(
      bs.map((b) => [b.kind, b.prose.text]),
      [
        ["heading", "54 stations"],
        ["paragraph", "item with 30 countries"],
        ["paragraph", "quoted 3 stations"],
        ["cell", "a"],
        ["cell", "b"],
        ["cell", "x"],
        ["cell", "21"],
      ],
    );
    for (const b of bs) assertVerbatimMapping(md, b);
    assert.equal(bs[5].row, bs[6].row);
    assert.notEqual(bs[3].row, bs[5].row);
    assert.deepEqual([bs[5].column, bs[6].column], [0, 1]);
  });

  it("turns inline code, inline HTML and images into one opaque character each", () => {
    const md = "Run `check 54` with <b>bold</b> and ![chart 30](c.png) now.";
    const [b] = blocks(md);
    assert.equal(b.prose.text, `Run ${OPAQUE} with ${OPAQUE}bold${OPAQUE} and ${OPAQUE} now.`);
    assert.ok(!/\d/.test(b.prose.text));
  });

  it("leaves code blocks, HTML blocks, comments, front matter and thematic breaks out of the prose", () => {
    const md = [
      "---",
      "title: 54 stations",
      "---",
      "",
      "Kept one.",
      "",
      "```js",
      "const stations = 54;",
      "```",
      "",
      "    indented 30 countries",
      "",
      "<!-- a comment with 35 countries -->",
      "",
      "<div>",
      "html 12",
      "</div>",
      "",
      "***",
      "",
      "Kept two.",
    ].join("\n");
    const doc = parseMarkdown(md);
    assert.deepEqual(
      doc.blocks.map((b) => b.prose.text),
      ["Kept one.", "Kept two."],
    );
    assert.ok(doc.frontMatter);
    assert.equal(doc.frontMatter.value, "title: 54 stations");
    assert.equal(md.slice(doc.frontMatter.span.start, doc.frontMatter.span.end), "---\ntitle: 54 stations\n---");
  });

  it("keeps footnote definitions aside, and footnote references in the prose with their spans", () => {
    const md = "China opened 54 stations.[^ctv] More later.\n\n[^ctv]: CTV News Toronto, *21 pages*.\n";
    const doc = parseMarkdown(md);
    assert.deepEqual(
      doc.blocks.map((b) => b.prose.text),
      ["China opened 54 stations.[^ctv] More later."],
    );
    const def = doc.footnoteDefinitions.get("ctv");
    assert.ok(def);
    assert.equal(def.text, "CTV News Toronto, 21 pages.");
    assert.equal(md.slice(def.span.start, def.span.end), "[^ctv]: CTV News Toronto, *21 pages*.");
    const [ref] = doc.blocks[0].footnotes;
    assert.equal(ref.label, "ctv");
    assert.equal(md.slice(ref.span.start, ref.span.end), "[^ctv]");
  });
});

describe("sentences", () => {
  it("splits on full stops, question and exclamation marks", () => {
    assert.deepEqual(sentenceTexts("China denies it. Is it true? Yes!  Police act."), [
      "China denies it.",
      "Is it true?",
      "Yes!",
      "Police act.",
    ]);
  });

  it("does not end a sentence at an abbreviation (Dec. 1, U.S., Mr., Sept.)", () => {
    assert.deepEqual(sentenceTexts("The law takes effect on Dec. 1 in the U.S. and Canada. Mr. Smith agreed. It began in Sept. 2022."), [
      "The law takes effect on Dec. 1 in the U.S. and Canada.",
      "Mr. Smith agreed.",
      "It began in Sept. 2022.",
    ]);
  });

  // "no" is in the abbreviation list for "No. 5"; as a word before a full stop it ends the sentence,
  // or a citation in the next sentence would cover this one.
  it("ends a sentence at the word 'no' followed by a stop", () => {
    assert.deepEqual(sentenceTexts("Canada said no. China denies it."), ["Canada said no.", "China denies it."]);
  });

  it("does not end a sentence at 'No.' before a number", () => {
    assert.deepEqual(sentenceTexts("It is filed as No. 5 in the list. Then more."), ["It is filed as No. 5 in the list.", "Then more."]);
  });

  it("does not end a sentence at a decimal point", () => {
    assert.deepEqual(sentenceTexts("It cost 2.3 million dollars. Then 1.5 more."), ["It cost 2.3 million dollars.", "Then 1.5 more."]);
  });

  it("does not end a sentence at an initial", () => {
    assert.deepEqual(sentenceTexts("J. Smith said so. Others agreed."), ["J. Smith said so.", "Others agreed."]);
  });

  it("keeps a closing quote mark after the stop in its sentence", () => {
    assert.deepEqual(sentenceTexts("He said, “It is false.” Then he left."), ["He said, “It is false.”", "Then he left."]);
    assert.deepEqual(sentenceTexts('He said, "It is false." Then he left.'), ['He said, "It is false."', "Then he left."]);
    assert.deepEqual(sentenceTexts("He said, ‘It is false.’ Then he left."), ["He said, ‘It is false.’", "Then he left."]);
  });

  it("keeps a footnote reference or citation after the stop with its sentence", () => {
    assert.deepEqual(sentenceTexts("China opened 54 stations.[^1] Canada probes them."), [
      "China opened 54 stations.[^1]",
      "Canada probes them.",
    ]);
    assert.deepEqual(sentenceTexts("China opened 54 stations. [^1] Canada probes them."), [
      "China opened 54 stations. [^1]",
      "Canada probes them.",
    ]);
    assert.deepEqual(sentenceTexts("China opened 54 stations.[@ctv-news] Canada probes them."), [
      "China opened 54 stations.[@ctv-news]",
      "Canada probes them.",
    ]);
  });

  it("does not end a sentence at a soft line break", () => {
    assert.deepEqual(sentenceTexts("China opened 54\nstations in 30\r\ncountries. Canada probes."), [
      "China opened 54\nstations in 30\r\ncountries.",
      "Canada probes.",
    ]);
  });

  it("does not end a sentence at an ellipsis inside it", () => {
    assert.deepEqual(sentenceTexts("The RCMP takes threats … very seriously. Then more."), [
      "The RCMP takes threats … very seriously.",
      "Then more.",
    ]);
  });

  it("does not end a sentence before a lowercase word", () => {
    assert.deepEqual(sentenceTexts("It is set at approx. five stations. Done."), ["It is set at approx. five stations.", "Done."]);
  });

  it("gives the text without a final stop as one sentence, trimmed", () => {
    assert.deepEqual(sentenceTexts("  Stations worldwide: 54  "), ["Stations worldwide: 54"]);
    assert.deepEqual(sentences(""), []);
  });

  it("maps a sentence back to the Markdown through emphasis and a link", () => {
    const md = "*China* opened [54 stations](https://x.test). **Canada** probes.";
    const [b] = blocks(md);
    const spans = sentences(b.prose.text).map((s) => toMarkdownSpan(b.prose, s));
    assert.deepEqual(
      spans.map((s) => md.slice(s.start, s.end)),
      ["China* opened [54 stations](https://x.test).", "Canada** probes."],
    );
  });
});

describe("positions: LineIndex", () => {
  it("counts lines and columns with LF", () => {
    const text = "ab\ncd\n\nef";
    const li = new LineIndex(text);
    assert.equal(li.lineCount, 4);
    assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(li.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(li.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(li.positionAt(6), { line: 2, character: 0 });
    assert.deepEqual(li.positionAt(8), { line: 3, character: 1 });
    assert.deepEqual(li.positionAt(text.length), { line: 3, character: 2 });
  });

  it("treats CRLF as one line break", () => {
    const text = "ab\r\ncd\r\n";
    const li = new LineIndex(text);
    assert.equal(li.lineCount, 3);
    assert.deepEqual(li.positionAt(4), { line: 1, character: 0 });
    assert.equal(li.lineEnd(0), 2);
    assert.equal(li.lineEnd(1), 6);
    assert.equal(li.offsetAt({ line: 1, character: 1 }), 5);
    // A column past the line's end stops before its line break.
    assert.equal(li.offsetAt({ line: 0, character: 99 }), 2);
  });

  it("treats a lone CR as a line break", () => {
    const li = new LineIndex("ab\rcd\re");
    assert.equal(li.lineCount, 3);
    assert.deepEqual(li.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(li.positionAt(6), { line: 2, character: 0 });
    assert.equal(li.lineEnd(0), 2);
  });

  it("gives the same positions for LF, CRLF and CR versions of a text, line by line", () => {
    const lines = ["China opened 54 stations.", "", "In 30 countries, said CTV."];
    const needles = ["54", "30", "CTV"];
    const results = ["\n", "\r\n", "\r"].map((eol) => {
      const text = lines.join(eol);
      const li = new LineIndex(text);
      return needles.map((n) => li.positionAt(text.indexOf(n)));
    });
    assert.deepEqual(results[1], results[0]);
    assert.deepEqual(results[2], results[0]);
  });

  it("counts columns in UTF-16 code units, so an emoji is two", () => {
    const text = "😀 54 stations\n“é” 30";
    const li = new LineIndex(text);
    assert.deepEqual(li.positionAt(text.indexOf("54")), { line: 0, character: 3 });
    assert.deepEqual(li.positionAt(text.indexOf("30")), { line: 1, character: 4 });
    assert.equal(li.offsetAt({ line: 0, character: 3 }), text.indexOf("54"));
  });

  it("round-trips every offset", () => {
    const text = "a\r\nb😀c\rd\n\ne";
    const li = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const p = li.positionAt(offset);
      const back = li.offsetAt(p);
      // Offsets inside a CRLF pair map to the line's end.
      if (text[offset - 1] === "\r" && text[offset] === "\n") assert.equal(back, offset - 1);
      else assert.equal(back, offset, `offset ${offset} → ${JSON.stringify(p)} → ${back}`);
    }
  });

  it("clamps out-of-range offsets and positions", () => {
    const li = new LineIndex("ab\ncd");
    assert.deepEqual(li.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(li.positionAt(99), { line: 1, character: 2 });
    assert.equal(li.offsetAt({ line: 9, character: 0 }), 5);
    assert.equal(li.offsetAt({ line: -1, character: 3 }), 0);
    assert.equal(li.lineStart(1), 3);
  });

  it("finds the draft's own line break", () => {
    assert.equal(lineBreakOf("a\r\nb"), "\r\n");
    assert.equal(lineBreakOf("a\nb"), "\n");
    assert.equal(lineBreakOf("no break"), "\n");
  });
});
