// What a writer sees when hovering a figure or a citation: the verdict and each
// source's own sentence, with the figure in bold.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { MarkupKind, type MarkupContent } from "vscode-languageserver/node";
import { check } from "../../server/src/index.js";
import { loadCorpus } from "../../server/src/node/sources.js";
import { DRAFTS, TestClient, hoverText, positionOf } from "./client.js";

/** Hover Markdown with its escapes undone, to compare with the checker's plain text. */
const plain = (markdown: string): string =>
  markdown
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

const BRIEF = resolve(DRAFTS, "news-brief.md");

describe("LSP hover", function () {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ initializationOptions: { debounceMs: 0 } });
  });
  after(() => client.shutdown());

  it("shows a mismatched figure's verdict and the CTV News sentence with its figure in bold", async () => {
    const doc = client.open(BRIEF, readFileSync(BRIEF, "utf8"));
    const hover = await client.hover(doc.uri, positionOf(doc, 8, "35"));
    assert.ok(hover, "no hover");
    assert.equal((hover.contents as MarkupContent).kind, MarkupKind.Markdown);
    const text = hoverText(hover);
    assert.match(text, /CTV News Toronto says 30 countries, not 35/);
    assert.match(text, /\*\*CTV News Toronto\*\*/);
    assert.match(text, /States 30 countries/);
    // The source's sentence, with the source's figure marked.
    assert.match(text, /> As part of this effort, Safeguard Defenders said China has opened a total of .* in \*\*30\*\* countries/);
    assert.deepEqual(hover.range, { start: positionOf(doc, 8, "35"), end: { line: 8, character: positionOf(doc, 8, "35").character + 2 } });
  });

  it("shows an altered quote's source passage, its speaker, and the draft's changes marked", async () => {
    const doc = client.open(resolve(DRAFTS, "news-brief.quote.md"), readFileSync(BRIEF, "utf8"));
    const text = hoverText(await client.hover(doc.uri, positionOf(doc, 11, "takes threats")));
    // The draft cites Naija Times: its passage is the one compared.
    assert.match(text, /Differs from Naija Times: “security” → “safety”/);
    assert.match(text, /Has words close to these, from the Royal Canadian Mounted Police/);
    // The source's word struck through, the draft's in bold.
    assert.match(text, /The draft's changes: .*~~security~~ \*\*safety\*\*/);
  });

  it("shows a verdict for a backed and cited figure that has no finding", async () => {
    const doc = client.open(resolve(DRAFTS, "news-brief.hover.md"), readFileSync(BRIEF, "utf8"));
    const text = hoverText(await client.hover(doc.uri, positionOf(doc, 8, "54")));
    assert.match(text, /\*\*Backed by CTV News Toronto and Naija Times, and cited\\\.\*\*/);
    assert.doesNotMatch(text, /States three/);
    assert.match(text, /Backs it/);
    assert.match(text, /\*\*54\*\*/);
    assert.match(text, /\*\*Naija Times\*\*/);
  });

  it("shows an unattributed figure's verdict", async () => {
    const doc = client.open(resolve(DRAFTS, "news-brief.hover2.md"), readFileSync(BRIEF, "utf8"));
    const text = hoverText(await client.hover(doc.uri, positionOf(doc, 9, "Three")));
    assert.match(text, /is backed by CTV News Toronto but not attributed/);
    assert.match(text, /`figure-unattributed`/);
  });

  it("shows a citation's source", async () => {
    const doc = client.open(resolve(DRAFTS, "news-brief.hover3.md"), readFileSync(BRIEF, "utf8"));
    const text = hoverText(await client.hover(doc.uri, positionOf(doc, 8, "@ctv-news")));
    assert.match(text, /\*\*CTV News Toronto\*\* · \*RCMP investigating reports of Chinese 'police stations' operating in Ontario\*/);
    const unknown = hoverText(await client.hover(doc.uri, positionOf(doc, 21, "@globe-and-mail")));
    assert.match(unknown, /No source has the id “globe\\-and\\-mail”/);
  });

  it("shows each claim's verdict, as the checker gives it, for figures and quotes alike", async () => {
    const text = readFileSync(BRIEF, "utf8");
    const doc = client.open(resolve(DRAFTS, "news-brief.verdicts.md"), text);
    const { claims } = check(text, loadCorpus({}).corpus);
    assert.ok(claims.length > 0);
    for (const report of claims) {
      const hover = await client.hover(doc.uri, doc.positionAt(report.claim.span.start + 1));
      assert.ok(plain(hoverText(hover)).startsWith(`**${report.verdict}**`), `${report.claim.text}: ${hoverText(hover)}`);
    }
  });

  it("shows nothing away from claims and citations", async () => {
    const doc = client.open(resolve(DRAFTS, "news-brief.hover4.md"), readFileSync(BRIEF, "utf8"));
    assert.equal(await client.hover(doc.uri, positionOf(doc, 8, "rights")), null);
  });

  it("leaves a finding's verdict to the diagnostic for a client that shows diagnostics in the hover, and leads with the passage", async () => {
    const vscodeLike = await TestClient.start({ initializationOptions: { debounceMs: 0, diagnosticsInHover: true } });
    try {
      const doc = vscodeLike.open(resolve(DRAFTS, "news-brief.in-hover.md"), readFileSync(BRIEF, "utf8"));
      const diagnostics = await vscodeLike.diagnosticsFor(doc);
      const mismatch = diagnostics.find((d) => d.code === "figure-mismatch")!;
      const card = hoverText(await vscodeLike.hover(doc.uri, mismatch.range.start));
      assert.doesNotMatch(plain(card), /says 30 countries, not 35/, "the verdict is said twice");
      assert.match(card, /^\*\*CTV News Toronto\*\* · /, `the card does not lead with the source: ${card}`);
      assert.match(card, /in \*\*30\*\* countries/);
      // A claim with no finding has no diagnostic to say its verdict: the card says it.
      const fine = await vscodeLike.hover(doc.uri, positionOf(doc, 8, "54"));
      const ordinary = await client.hover(
        client.open(resolve(DRAFTS, "news-brief.not-in-hover.md"), readFileSync(BRIEF, "utf8")).uri,
        positionOf(doc, 8, "54"),
      );
      assert.equal(hoverText(fine), hoverText(ordinary));
      assert.match(hoverText(fine), /^\*\*/);
    } finally {
      await vscodeLike.shutdown();
    }
  });
});
