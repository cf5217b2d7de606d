// Completing citation keys and going from a claim to its source.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Location } from "vscode-languageserver/node";
import { BUNDLED_SOURCES, DRAFTS, TestClient, fileUri, positionOf } from "./client.js";

const BRIEF = resolve(DRAFTS, "news-brief.md");

describe("LSP completion and go to source", function () {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ initializationOptions: { debounceMs: 0 } });
  });
  after(() => client.shutdown());

  it("lists the source ids after [@, with their publishers", async () => {
    const doc = client.open(resolve(DRAFTS, "complete.md"), "China has opened 54 stations [@");
    const items = await client.completion(doc.uri, { line: 0, character: 31 });
    const ids = items.map((i) => i.label);
    assert.ok(ids.includes("ctv-news") && ids.includes("naija-times"), ids.join(", "));
    const ctv = items.find((i) => i.label === "ctv-news")!;
    assert.equal(ctv.detail, "CTV News Toronto");
    assert.deepEqual(ctv.textEdit, { range: { start: { line: 0, character: 31 }, end: { line: 0, character: 31 } }, newText: "ctv-news" });
  });

  it("replaces a partly typed key, also in a citation group", async () => {
    const doc = client.open(resolve(DRAFTS, "complete2.md"), "Stations [@ctv-news; @nai");
    const items = await client.completion(doc.uri, { line: 0, character: 25 });
    const naija = items.find((i) => i.label === "naija-times")!;
    assert.deepEqual(naija.textEdit, {
      range: { start: { line: 0, character: 22 }, end: { line: 0, character: 25 } },
      newText: "naija-times",
    });
  });

  it("lists the draft's footnote labels and the source ids after [^", async () => {
    const text = "China has opened 54 stations.[^\n\n[^1]: CTV News Toronto.\n";
    const doc = client.open(resolve(DRAFTS, "complete3.md"), text);
    const items = await client.completion(doc.uri, { line: 0, character: 31 });
    const labels = items.map((i) => i.label);
    assert.deepEqual(labels.slice(0, 1), ["1"]);
    assert.ok(labels.includes("ctv-news") && labels.includes("naija-times"), labels.join(", "));
    const naija = items.find((i) => i.label === "naija-times")!;
    assert.match(naija.additionalTextEdits?.[0].newText ?? "", /^\n\[\^naija-times\]: Naija Times, \*CANADA/);
  });

  it("offers nothing elsewhere", async () => {
    const doc = client.open(resolve(DRAFTS, "complete4.md"), "China has opened 54 stations.");
    assert.deepEqual(await client.completion(doc.uri, { line: 0, character: 10 }), []);
  });

  it("goes from a backed figure to the source sentence that backs it, and from [@id] to the source", async () => {
    const doc = client.open(BRIEF, readFileSync(BRIEF, "utf8"));
    await client.diagnosticsFor(doc);
    const ctvPath = resolve(BUNDLED_SOURCES, "ctv-news.md");
    const ctvLines = readFileSync(ctvPath, "utf8").split(/\r?\n/);

    const fromFigure = (await client.definition(doc.uri, positionOf(doc, 8, "54"))) as Location;
    assert.equal(fromFigure.uri, fileUri(ctvPath));
    const { start, end } = fromFigure.range;
    assert.match(ctvLines[start.line].slice(start.character, end.character), /opened a total of 54/);

    const fromCitation = (await client.definition(doc.uri, positionOf(doc, 8, "@ctv-news"))) as Location;
    assert.deepEqual(fromCitation, { uri: fileUri(ctvPath), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });

    assert.equal(await client.definition(doc.uri, positionOf(doc, 8, "rights")), null);
  });
});
