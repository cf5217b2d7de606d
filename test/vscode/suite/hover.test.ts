// Hovering a claim in VS Code shows the evidence the server found: the verdict, the
// source by name, and the source's own sentence with its figure in bold.

import assert from "node:assert/strict";
import * as vscode from "vscode";
import { codeOf, hoverMarkdown, openCopy, positionOf, waitForDiagnostics } from "./helpers.js";

async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, position)) ?? [];
}

/** Our hover among any others (the built-in Markdown extension may add its own). */
function ourHover(hovers: vscode.Hover[]): string {
  return hoverMarkdown(hovers.filter((h) => /CTV News Toronto|Naija Times|source|cited|attributed/i.test(hoverMarkdown([h]))));
}

describe("Source Check in VS Code: hovers", () => {
  it("shows a mismatched figure's evidence: CTV News Toronto's sentence with 30 in bold", async () => {
    const { document: doc } = await openCopy("news-brief.md", "hover");
    await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === "figure-mismatch"), "the figure-mismatch");
    const at = positionOf(doc, 8, "35");
    const hovers = await hoverAt(doc.uri, at.translate(0, 1));
    const text = ourHover(hovers);
    assert.match(text, /CTV News Toronto says 30 countries, not 35/);
    assert.match(text, /\*\*CTV News Toronto\*\*/);
    assert.match(text, /> As part of this effort, Safeguard Defenders said China has opened a total of .* in \*\*30\*\* countries/);
    const ours = hovers.find((h) => /not 35/.test(hoverMarkdown([h])))!;
    assert.ok(ours.range, "the hover has a range");
    assert.equal(doc.getText(ours.range), "35");
    const content = ours.contents[0] as vscode.MarkdownString;
    assert.equal(content.isTrusted, false, "hovers quote the sources: never trusted");
  });

  it("shows the date the source gives for a mismatched date in examples/draft.md", async () => {
    const { document: doc } = await openCopy("draft.md", "hover");
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, "diagnostics");
    const text = ourHover(await hoverAt(doc.uri, positionOf(doc, 14, "Dec. 15").translate(0, 1)));
    assert.match(text, /CTV News Toronto says Dec\\?\. 1, not Dec\\?\. 15/);
    assert.match(text, /\*\*Dec\\?\. 1\*\*/);
  });

  it("shows an unattributed figure's verdict and code", async () => {
    const { document: doc } = await openCopy("draft.md", "hover-three");
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, "diagnostics");
    const text = ourHover(await hoverAt(doc.uri, positionOf(doc, 10, "Three").translate(0, 1)));
    assert.match(text, /is backed by CTV News Toronto but not attributed/);
    assert.match(text, /`figure-unattributed`/);
  });

  it("shows a citation's source: publisher and title", async () => {
    const { document: doc } = await openCopy("draft.md", "hover-citation");
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, "diagnostics");
    const text = hoverMarkdown(await hoverAt(doc.uri, positionOf(doc, 12, "@ctv-news").translate(0, 2)));
    assert.match(text, /\*\*CTV News Toronto\*\* · \*RCMP investigating reports of Chinese 'police stations' operating in Ontario\*/);
  });
});
