// Opening a draft: the extension activates, starts the server, and the draft's
// findings arrive as VS Code diagnostics with the checker's codes, ranges,
// severities and messages.

import assert from "node:assert/strict";
import * as vscode from "vscode";
import { EXTENSION_ID, codeOf, describe as show, openCopy, waitForDiagnostics } from "./helpers.js";

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
});
