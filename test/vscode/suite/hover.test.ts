// Hovering a claim in VS Code shows the evidence the server found: the verdict once
// (VS Code puts the diagnostic's message at the top of the hover, so our card does not
// repeat it), then the source by name and its own sentence with its figure in bold.

import assert from "node:assert/strict";
import * as vscode from "vscode";
import { codeOf, hoverMarkdown, openCopy, ours as diagnosticsOf, positionOf, waitForDiagnostics } from "./helpers.js";

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
    // The verdict is the diagnostic's line, above the card; the card leads with the source.
    assert.ok(diagnosticsOf(doc.uri).some((d) => d.message === "CTV News Toronto says 30 countries, not 35."));
    assert.doesNotMatch(text, /not 35/, "the verdict said twice");
    assert.match(text, /^\*\*CTV News Toronto\*\*/);
    assert.match(text, /> As part of this effort, Safeguard Defenders said China has opened a total of .* in \*\*30\*\* countries/);
    const ours = hovers.find((h) => /in \*\*30\*\* countries/.test(hoverMarkdown([h])))!;
    assert.ok(ours.range, "the hover has a range");
    assert.equal(doc.getText(ours.range), "35");
    const content = ours.contents[0] as vscode.MarkdownString;
    assert.equal(content.isTrusted, false, "hovers quote the sources: never trusted");
  });

  it("shows the date the source gives for a mismatched date in examples/draft.md", async () => {
    const { document: doc } = await openCopy("draft.md", "hover");
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, "diagnostics");
    const text = ourHover(await hoverAt(doc.uri, positionOf(doc, 14, "Dec. 15").translate(0, 1)));
    assert.ok(diagnosticsOf(doc.uri).some((d) => d.message === "CTV News Toronto says Dec. 1, not Dec. 15."));
    assert.match(text, /^\*\*CTV News Toronto\*\*/);
    assert.match(text, /\*\*Dec\\?\. 1\*\*/);
  });

  it("shows an unattributed figure's backing passage; its verdict and code are the diagnostic's", async () => {
    const { document: doc } = await openCopy("draft.md", "hover-three");
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, "diagnostics");
    const three = diagnosticsOf(doc.uri).find((d) => codeOf(d) === "figure-unattributed")!;
    assert.match(three.message, /is backed by CTV News Toronto but not attributed/);
    const text = ourHover(await hoverAt(doc.uri, positionOf(doc, 10, "Three").translate(0, 1)));
    assert.doesNotMatch(text, /not attributed/, "the verdict said twice");
    assert.match(text, /^\*\*CTV News Toronto\*\*/);
    assert.match(text, /Backs it:/);
  });

  it("says the verdict of a claim with no finding in the card: no diagnostic says it", async () => {
    const { document: doc } = await openCopy("draft.md", "hover-fine");
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, "diagnostics");
    const text = ourHover(await hoverAt(doc.uri, positionOf(doc, 10, "54").translate(0, 1)));
    assert.match(text, /^\*\*Backed by CTV News Toronto and Naija Times, and cited/);
  });

  it("shows a citation's source: publisher and title", async () => {
    const { document: doc } = await openCopy("draft.md", "hover-citation");
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, "diagnostics");
    const text = hoverMarkdown(await hoverAt(doc.uri, positionOf(doc, 12, "@ctv-news").translate(0, 2)));
    assert.match(text, /\*\*CTV News Toronto\*\* · \*RCMP investigating reports of Chinese 'police stations' operating in Ontario\*/);
  });
});
