// Settings reach the server: the citation style changes the fix a writer is offered,
// and turning Source Check off clears a draft's diagnostics (and on brings them back).

import assert from "node:assert/strict";
import * as vscode from "vscode";
import { codeOf, openCopy, quickFixes, setSetting, waitFor, waitForDiagnostics } from "./helpers.js";

describe("Source Check in VS Code: settings", () => {
  afterEach(async () => {
    await setSetting("citationStyle", undefined);
    await setSetting("enable", undefined);
  });

  it("sourceCheck.citationStyle = pandoc: the fix cites [@ctv-news] instead of a footnote", async () => {
    const { document: doc } = await openCopy("draft.md", "style");
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === "figure-unattributed"), "the figure-unattributed");
    const finding = ds.find((d) => codeOf(d) === "figure-unattributed")!;
    assert.ok((await quickFixes(doc.uri, finding)).some((a) => a.title === "Cite CTV News Toronto (footnote)"));

    await setSetting("citationStyle", "pandoc");
    const pandoc = await waitFor(
      async () => {
        const current = (
          await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === "figure-unattributed"), "the figure-unattributed")
        ).find((d) => codeOf(d) === "figure-unattributed")!;
        // The settings change re-checks the draft: a code action asked for meanwhile may be
        // cancelled (its check was overtaken), as VS Code cancels a stale lightbulb. Ask again.
        const fixes = await quickFixes(doc.uri, current).catch((e: Error) => {
          if (/Canceled/.test(e.message)) return [];
          throw e;
        });
        return fixes.find((a) => a.title === "Cite CTV News Toronto ([@ctv-news])");
      },
      () => "the pandoc-style fix",
    );
    assert.equal(await vscode.workspace.applyEdit(pandoc.edit!), true);
    assert.match(doc.lineAt(10).text, /Three of them are in the Toronto area, according to the group \[@ctv-news\]\.$/);
    assert.doesNotMatch(doc.getText(), /\[\^ctv-news\]/);
  });

  it("sourceCheck.enable = false clears the draft's diagnostics; true brings them back", async () => {
    const { document: doc } = await openCopy("draft.md", "enable");
    await waitForDiagnostics(doc.uri, (d) => d.length === 5, "five diagnostics");
    await setSetting("enable", false);
    await waitForDiagnostics(doc.uri, (d) => d.length === 0, "no diagnostics once disabled");
    await setSetting("enable", true);
    await waitForDiagnostics(doc.uri, (d) => d.length === 5, "five diagnostics again");
  });
});
