// Quick fixes as VS Code's lightbulb offers them: asked for with
// vscode.executeCodeActionProvider, applied with workspace.applyEdit, and then the
// draft's text and its diagnostics are what a writer expects.

import assert from "node:assert/strict";
import * as vscode from "vscode";
import { codeOf, describe as show, openCopy, quickFixes, waitForDiagnostics } from "./helpers.js";

describe("Source Check in VS Code: quick fixes", () => {
  it("cites CTV News Toronto for the unattributed “Three” with a footnote, and the warning goes", async () => {
    const { document: doc } = await openCopy("draft.md", "cite");
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === "figure-unattributed"), "the figure-unattributed");
    const finding = ds.find((d) => codeOf(d) === "figure-unattributed")!;
    // The lightbulb's list comes without edits: the server makes the one picked (codeAction/resolve).
    const offered = await quickFixes(doc.uri, finding, 0);
    assert.ok(offered.length >= 2, offered.map((a) => a.title).join(" | "));
    assert.deepEqual(
      offered.filter((a) => a.edit !== undefined).map((a) => a.title),
      [],
      "offered with their edits",
    );
    const fixes = await quickFixes(doc.uri, finding);
    const cite = fixes.find((a) => a.title === "Cite CTV News Toronto (footnote)");
    assert.ok(cite, `no "Cite CTV News Toronto (footnote)" among ${fixes.map((a) => a.title).join(" | ")}`);
    assert.equal(cite.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(cite.edit, "the fix carries its edit");
    assert.equal(await vscode.workspace.applyEdit(cite.edit), true);

    const text = doc.getText();
    assert.match(doc.lineAt(10).text, /Three of them are in the Toronto area, according to the group\.\[\^ctv-news\]$/);
    assert.match(
      text,
      /\n\[\^ctv-news\]: CTV News Toronto, \*RCMP investigating reports of Chinese 'police stations' operating in Ontario\*, 2022-10\.\n$/,
    );
    const after = await waitForDiagnostics(
      doc.uri,
      (d) => d.length > 0 && !d.some((x) => codeOf(x) === "figure-unattributed"),
      "the warning to go",
    );
    assert.deepEqual(after.map(show).sort(), [
      "14:figure-mismatch:error",
      "16:figure-unsupported:warning",
      "20:quote-mismatch:error",
      "22:citation-unknown:error",
    ]);
  });

  it("puts the source's date back for the mismatched “Dec. 15” (the preferred fix)", async () => {
    const { document: doc } = await openCopy("draft.md", "date");
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === "figure-mismatch"), "the figure-mismatch");
    const finding = ds.find((d) => codeOf(d) === "figure-mismatch")!;
    const fixes = await quickFixes(doc.uri, finding);
    const replace = fixes.find((a) => a.title.startsWith("Replace with Dec. 1"));
    assert.ok(replace, `no "Replace with Dec. 1" among ${fixes.map((a) => a.title).join(" | ")}`);
    assert.equal(replace.isPreferred, true);
    assert.equal(await vscode.workspace.applyEdit(replace.edit!), true);
    assert.match(doc.lineAt(14).text, /comes into effect on Dec\. 1 \[@ctv-news\]\.$/);
    const after = await waitForDiagnostics(
      doc.uri,
      (d) => d.length > 0 && !d.some((x) => codeOf(x) === "figure-mismatch"),
      "the error to go",
    );
    assert.equal(after.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length, 2);
  });

  it("restores the source's wording in an altered quote", async () => {
    const { document: doc } = await openCopy("draft.md", "quote");
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === "quote-mismatch"), "the quote-mismatch");
    const finding = ds.find((d) => codeOf(d) === "quote-mismatch")!;
    const fixes = await quickFixes(doc.uri, finding);
    const restore = fixes.find((a) => /source's wording/.test(a.title));
    assert.ok(restore, `no "Use the source's wording" among ${fixes.map((a) => a.title).join(" | ")}`);
    assert.equal(await vscode.workspace.applyEdit(restore.edit!), true);
    assert.match(doc.lineAt(20).text, /“local volunteers, and not Chinese police officers”/);
    await waitForDiagnostics(doc.uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === "quote-mismatch"), "the quote error to go");
  });
});
