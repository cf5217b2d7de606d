// Opening a draft: the extension activates, starts the server, and the draft's
// findings arrive as VS Code diagnostics with the checker's codes, ranges,
// severities and messages.

import assert from "node:assert/strict";
import * as vscode from "vscode";
import { EXTENSION_ID, codeOf, describe as show, hoverMarkdown, openCopy, ours, waitForDiagnostics, workspaceRoot } from "./helpers.js";

/** examples/draft.md's findings: 0-based line, code, severity, the text the range covers, the message. */
const EXPECTED = [
  [10, "figure-unattributed", vscode.DiagnosticSeverity.Warning, "Three", "“Three” is backed by CTV News Toronto but not attributed."],
  [14, "figure-mismatch", vscode.DiagnosticSeverity.Error, "Dec. 15", "CTV News Toronto says Dec. 1, not Dec. 15."],
  [16, "figure-unsupported", vscode.DiagnosticSeverity.Warning, "14", "No source states “14 complaints”."],
  [
    20,
    "quote-mismatch",
    vscode.DiagnosticSeverity.Error,
    "“local volunteers, not Chinese police officers”",
    "Differs from Naija Times: dropped “and”.",
  ],
  [22, "citation-unknown", vscode.DiagnosticSeverity.Error, "[@toronto-star]", "No source has the id “toronto-star”."],
] as const;

describe("Source Check in VS Code: diagnostics", () => {
  it("activates on a Markdown draft", async () => {
    const editor = await openCopy("draft.md", "activate");
    assert.equal(editor.document.languageId, "markdown");
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in this VS Code`);
    await waitForDiagnostics(editor.document.uri, (ds) => ds.length > 0, "any diagnostic");
    assert.equal(extension.isActive, true);
  });

  it("shows examples/draft.md's five findings with their codes, ranges, severities and messages", async () => {
    const { document: doc } = await openCopy("draft.md", "diagnostics");
    const ds = await waitForDiagnostics(doc.uri, (d) => d.length >= EXPECTED.length, `${EXPECTED.length} diagnostics`);
    const seen = [...ds]
      .sort((a, b) => a.range.start.line - b.range.start.line)
      .map((d) => [
        d.range.start.line,
        codeOf(d),
        d.severity,
        doc.getText(d.range),
        typeof d.message === "string" ? d.message : String(d.message),
      ]);
    assert.deepEqual(
      seen,
      EXPECTED.map((e) => [...e]),
    );
    for (const d of ds) {
      assert.equal(d.range.start.line, d.range.end.line, `${show(d)} spans lines`);
      const code = d.code as { value: string; target: vscode.Uri };
      assert.match(code.target.toString(), new RegExp(`#${code.value}$`), `${show(d)}'s code links to the README's table`);
    }
  });

  it("shows the public news brief's mismatched figure, 35 countries, as an error", async () => {
    const { document: doc } = await openCopy("news-brief.md", "diagnostics");
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === "figure-mismatch"), "a figure-mismatch");
    const mismatch = ds.find((d) => codeOf(d) === "figure-mismatch")!;
    assert.equal(doc.getText(mismatch.range), "35");
    assert.equal(mismatch.range.start.line, 8);
    assert.equal(mismatch.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(mismatch.message, "CTV News Toronto says 30 countries, not 35.");
  });

  it("re-checks as the writer types: correcting the date removes its error", async () => {
    const editor = await openCopy("draft.md", "typing");
    const doc = editor.document;
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === "figure-mismatch"), "the figure-mismatch");
    const mismatch = ds.find((d) => codeOf(d) === "figure-mismatch")!;
    await editor.edit((b) => b.replace(mismatch.range, "Dec. 1"));
    const after = await waitForDiagnostics(
      doc.uri,
      (d) => !d.some((x) => codeOf(x) === "figure-mismatch") && d.length > 0,
      "the figure-mismatch to go",
    );
    assert.deepEqual(after.map(show).sort(), [
      "10:figure-unattributed:warning",
      "16:figure-unsupported:warning",
      "20:quote-mismatch:error",
      "22:citation-unknown:error",
    ]);
  });

  it("gives each finding one diagnostic with no passages in it: the hover under the squiggle is one line, then our card", async () => {
    const { document: doc } = await openCopy("draft.md", "lean");
    const ds = await waitForDiagnostics(doc.uri, (d) => d.length >= EXPECTED.length, `${EXPECTED.length} diagnostics`);
    // VS Code's hover shows a diagnostic's related information above every other hover
    // card; with none, the problem is one line and the passages are our card's.
    for (const d of ds) assert.deepEqual(d.relatedInformation ?? [], [], `${show(d)} carries related information`);
    // Pulled and pushed at once, each would show twice.
    const keys = ds.map((d) => `${show(d)}:${d.range.start.character}`);
    assert.equal(new Set(keys).size, keys.length, `a finding shown twice: ${keys.join(", ")}`);
    const mismatch = ds.find((d) => codeOf(d) === "figure-mismatch")!;
    const hovers =
      (await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, mismatch.range.start)) ?? [];
    assert.match(hoverMarkdown(hovers), /\*\*Dec\\?\. 1\*\*/, "the passage is in our hover card");
  });

  it("puts the findings of a draft nobody opened in the Problems panel without a command (workspace diagnostics), once", async () => {
    const root = workspaceRoot();
    const brief = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, "news-brief.md"));
    const unopened = vscode.Uri.joinPath(root, "pulled", "brief-pulled.md");
    await vscode.workspace.fs.writeFile(unopened, brief);
    const mismatches = (ds: vscode.Diagnostic[]): number => ds.filter((x) => show(x) === "8:figure-mismatch:error").length;
    const ds = await waitForDiagnostics(unopened, (d) => mismatches(d) > 0, "the unopened brief's figure-mismatch", 60_000);
    assert.equal(
      vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()),
      false,
      "nobody opened it",
    );
    assert.equal(mismatches(ds), 1, ds.map(show).join(", "));
    // Check All on top of it, then opening it, leave one diagnostic per finding.
    await vscode.commands.executeCommand("sourceCheck.checkWorkspace");
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(mismatches(ours(unopened)), 1, ours(unopened).map(show).join(", "));
    const doc = await vscode.workspace.openTextDocument(unopened);
    await vscode.window.showTextDocument(doc);
    await new Promise((r) => setTimeout(r, 3000));
    const after = await waitForDiagnostics(unopened, (d) => mismatches(d) > 0, "the opened brief's figure-mismatch");
    assert.equal(mismatches(after), 1, after.map(show).join(", "));
  });
});
