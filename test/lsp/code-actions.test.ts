// Quick fixes as a writer applies them: the edit goes into the draft, the draft is
// re-checked, and the finding is gone.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { CodeActionKind } from "vscode-languageserver/node";
import { DRAFTS, TestClient } from "./client.js";

const BRIEF = resolve(DRAFTS, "news-brief.md");
const briefText = (): string => readFileSync(BRIEF, "utf8");

describe("LSP code actions", function () {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ initializationOptions: { debounceMs: 0 } });
  });
  after(() => client.shutdown());

  it("offers “Replace with 30” as the preferred fix for 35 countries, and applying it removes the finding", async () => {
    let doc = client.open(resolve(DRAFTS, "news-brief.fix.md"), briefText());
    const mismatch = (await client.diagnosticsFor(doc)).find((d) => d.code === "figure-mismatch")!;
    const actions = await client.codeActions(doc.uri, mismatch.range, [mismatch]);
    const replace = actions.find((a) => a.title.startsWith("Replace with 30"));
    assert.ok(replace, `no "Replace with 30" among ${actions.map((a) => a.title).join(" | ")}`);
    assert.equal(replace.kind, CodeActionKind.QuickFix);
    assert.equal(replace.isPreferred, true);
    assert.deepEqual(replace.diagnostics, [mismatch]);

    doc = client.applyEdit(doc.uri, replace.edit!);
    assert.match(doc.getText(), /opened 54 such stations in 30 countries \[@ctv-news\]/);
    const after = await client.diagnosticsFor(doc);
    assert.equal(after.filter((d) => d.code === "figure-mismatch").length, 0);
  });

  it("offers to disable the check for the line, with a comment above it in the draft's indentation and line endings", async () => {
    const crlf = "# Brief\r\n\r\n- Three of them are in the Toronto area.\r\n";
    let doc = client.open(resolve(DRAFTS, "disable.md"), crlf);
    const finding = (await client.diagnosticsFor(doc)).find((d) => d.code === "figure-unattributed")!;
    assert.ok(finding);
    const actions = await client.codeActions(doc.uri, finding.range, [finding]);
    const disable = actions.find((a) => a.title.startsWith("Disable source-check for this line"))!;
    assert.ok(disable);
    doc = client.applyEdit(doc.uri, disable.edit!);
    assert.equal(
      doc.getText(),
      "# Brief\r\n\r\n<!-- source-check-disable-next-line figure-unattributed -->\r\n- Three of them are in the Toronto area.\r\n",
    );
    assert.deepEqual(await client.diagnosticsFor(doc), []);
  });

  it("fixes all unattributed figures at once, adding each source's footnote definition once", async () => {
    const draft = [
      "# Stations",
      "",
      "China has opened 54 so-called police stations around the world.",
      "Three of them are in the Toronto area.",
      "The country passed its law in 1989, a journalist said.",
      "",
    ].join("\n");
    let doc = client.open(resolve(DRAFTS, "fix-all.md"), draft);
    const before = await client.diagnosticsFor(doc);
    assert.ok(before.filter((d) => d.code === "figure-unattributed").length >= 2, before.map((d) => d.code).join(", "));
    const actions = await client.codeActions(
      doc.uri,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      [],
      [CodeActionKind.SourceFixAll],
    );
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, "source.fixAll.sourceCheck");
    doc = client.applyEdit(doc.uri, actions[0].edit!);
    const text = doc.getText();
    const definitions: string[] = text.match(/^\[\^[^\]]+\]:/gm) ?? [];
    assert.equal(new Set(definitions).size, definitions.length, `a definition is repeated:\n${text}`);
    assert.ok(definitions.includes("[^ctv-news]:"), text);
    const after = await client.diagnosticsFor(doc);
    assert.deepEqual(
      after.filter((d) => /unattributed/.test(String(d.code))),
      [],
      text,
    );
  });

  it("offers only the fix-all action when asked for source actions, and only quick fixes when asked for those", async () => {
    const doc = client.open(resolve(DRAFTS, "news-brief.kinds.md"), briefText());
    const diagnostics = await client.diagnosticsFor(doc);
    const three = diagnostics.find((d) => d.code === "figure-unattributed")!;
    const quick = await client.codeActions(doc.uri, three.range, [three], [CodeActionKind.QuickFix]);
    assert.ok(quick.length >= 2);
    assert.ok(quick.every((a) => a.kind === CodeActionKind.QuickFix));
    assert.ok(quick.some((a) => a.title.startsWith("Cite CTV News Toronto")));
    const heading = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const none = await client.codeActions(doc.uri, heading, [], [CodeActionKind.QuickFix]);
    assert.deepEqual(none, []);
  });
});
