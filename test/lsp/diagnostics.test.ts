// What a writer sees in the Problems panel: findings as diagnostics, kept current
// as they type, over a real stdio connection to the server.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DiagnosticSeverity, type Diagnostic, type Location } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { check } from "../../server/src/index.js";
import { loadCorpus } from "../../server/src/node/sources.js";
import { BUNDLED_SOURCES, DRAFTS, TestClient, delay, fileUri, hoverText, positionOf } from "./client.js";

const BRIEF = resolve(DRAFTS, "news-brief.md");
const briefText = (): string => readFileSync(BRIEF, "utf8");
const textOf = (doc: TextDocument, d: Diagnostic): string => doc.getText(d.range);

describe("LSP diagnostics", function () {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ initializationOptions: { debounceMs: 0 } });
  });
  after(() => client.shutdown());

  it("reports “35 countries” in news-brief.md as a figure-mismatch error that points at CTV News", async () => {
    const doc = client.open(BRIEF, briefText());
    const diagnostics = await client.diagnosticsFor(doc);
    const mismatch = diagnostics.find((d) => d.code === "figure-mismatch");
    assert.ok(mismatch, `no figure-mismatch among ${diagnostics.map((d) => d.code).join(", ")}`);
    assert.equal(mismatch.range.start.line, 8);
    assert.equal(textOf(doc, mismatch), "35");
    assert.equal(mismatch.severity, DiagnosticSeverity.Error);
    assert.equal(mismatch.source, "source-check");
    assert.equal(mismatch.message, "CTV News Toronto says 30 countries, not 35.");
    assert.match(mismatch.codeDescription!.href, /#figure-mismatch$/);

    // The diagnostic carries no evidence: the passage is the hover's and go to source's, asked for when wanted.
    assert.equal(mismatch.relatedInformation, undefined);
    const hover = hoverText(await client.hover(doc.uri, mismatch.range.start));
    assert.match(hover, /in \*\*30\*\* countries/);
    const to = (await client.definition(doc.uri, mismatch.range.start)) as Location;
    assert.equal(to.uri, fileUri(resolve(BUNDLED_SOURCES, "ctv-news.md")));
    // The range is the source sentence in the source file's own lines and columns.
    const sourceText = readFileSync(resolve(BUNDLED_SOURCES, "ctv-news.md"), "utf8").split(/\r?\n/);
    const { start, end } = to.range;
    assert.equal(start.line, end.line);
    assert.match(sourceText[start.line].slice(start.character, end.character), /^As part of this effort.*30 countries.*Toronto Area\.$/);
  });

  it("gives each of the checker's findings one diagnostic, as the CLI reports them", async () => {
    const doc = client.open(resolve(DRAFTS, "news-brief.all.md"), briefText());
    const diagnostics = await client.diagnosticsFor(doc);
    const { findings } = check(briefText(), loadCorpus({}).corpus);
    const severity = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };
    assert.deepEqual(
      diagnostics.map((d) => [d.code, doc.offsetAt(d.range.start), doc.offsetAt(d.range.end), d.severity, d.message]),
      findings.map((f) => [f.code, f.span.start, f.span.end, severity[f.severity], f.message]),
    );
    assert.ok(diagnostics.some((d) => d.code === "figure-unattributed" && d.severity === DiagnosticSeverity.Warning));
  });

  it("clears the mismatch when an incremental edit changes 35 to 30", async () => {
    let doc = client.open(resolve(DRAFTS, "news-brief.edit.md"), briefText());
    assert.ok((await client.diagnosticsFor(doc)).some((d) => d.code === "figure-mismatch"));
    const at = positionOf(doc, 8, "35");
    doc = client.change(doc.uri, [{ range: { start: at, end: { line: 8, character: at.character + 2 } }, text: "30" }]);
    const after = await client.diagnosticsFor(doc);
    assert.equal(after.filter((d) => d.code === "figure-mismatch").length, 0);
    assert.ok(
      after.some((d) => d.code === "figure-unattributed"),
      "the other findings stay",
    );
  });

  it("clears a draft's diagnostics when it is closed", async () => {
    const doc = client.open(resolve(DRAFTS, "news-brief.close.md"), briefText());
    assert.notEqual((await client.diagnosticsFor(doc)).length, 0);
    client.close(doc.uri);
    const cleared = await client.diagnostics(doc.uri, (p) => p.diagnostics.length === 0);
    assert.deepEqual(cleared.diagnostics, []);
  });

  it("does not check a file that is not Markdown", async () => {
    const other = client.open(resolve(DRAFTS, "notes.txt"), "China has opened 54 stations in 35 countries.", "plaintext");
    const draft = client.open(resolve(DRAFTS, "news-brief.after-txt.md"), briefText());
    await client.diagnosticsFor(draft);
    await delay(50);
    assert.equal(client.published.filter((p) => p.uri === other.uri).length, 0);
  });
});

describe("LSP diagnostics while typing", function () {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ initializationOptions: { debounceMs: 120 } });
  });
  after(() => client.shutdown());

  it("publishes only the latest version's diagnostics after several rapid edits", async () => {
    let doc = client.open(resolve(DRAFTS, "news-brief.rapid.md"), briefText());
    await client.diagnosticsFor(doc);
    const before = client.published.length;
    // Type "35" → "3", "31", "3", "30", with no pause: one check, of the last version.
    const at = positionOf(doc, 8, "35");
    const pos = (c: number) => ({ line: 8, character: at.character + c });
    doc = client.change(doc.uri, [{ range: { start: pos(1), end: pos(2) }, text: "" }]);
    doc = client.change(doc.uri, [{ range: { start: pos(1), end: pos(1) }, text: "1" }]);
    doc = client.change(doc.uri, [{ range: { start: pos(1), end: pos(2) }, text: "" }]);
    doc = client.change(doc.uri, [{ range: { start: pos(1), end: pos(1) }, text: "0" }]);
    assert.equal(doc.getText({ start: at, end: pos(2) }), "30");
    const latest = await client.diagnosticsFor(doc);
    assert.equal(latest.filter((d) => d.code === "figure-mismatch").length, 0);
    await delay(250);
    const after = client.published.slice(before).filter((p) => p.uri === doc.uri);
    assert.deepEqual(
      after.map((p) => p.version),
      [doc.version],
    );
  });

  it("re-checks open drafts with the new settings on didChangeConfiguration", async () => {
    const doc = client.open(resolve(DRAFTS, "news-brief.settings.md"), briefText());
    assert.notEqual((await client.diagnosticsFor(doc)).length, 0);
    client.changeConfiguration({ sourceCheck: { enable: false, debounceMs: 0 } });
    await client.diagnostics(doc.uri, (p) => p.diagnostics.length === 0);
    client.changeConfiguration({ sourceCheck: { enable: true, debounceMs: 0 } });
    const back = await client.diagnostics(doc.uri, (p) => p.diagnostics.length > 0);
    assert.ok(back.diagnostics.some((d) => d.code === "figure-mismatch"));
  });
});
