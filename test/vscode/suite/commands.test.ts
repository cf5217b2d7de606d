// The commands a writer runs from the palette, each run as VS Code runs it
// (vscode.commands.executeCommand) and judged by what it yields: diagnostics for a
// draft nobody opened, the Claims view's items, the fact-check sheet's rows, the
// citations added, a server that comes back after a restart.

import assert from "node:assert/strict";
import * as vscode from "vscode";
import { codeOf, describe as show, openCopy, ours, waitForDiagnostics, workspaceRoot } from "./helpers.js";

interface ClaimsResult {
  claims: {
    text: string;
    group: string;
    verdict: string;
    range: { start: { line: number } };
    source?: { publisher: string };
    sourceSentence?: string;
    sourceLocation?: { uri: string };
  }[];
}

describe("Source Check in VS Code: commands", function () {
  this.timeout(120_000);

  it("puts its six commands in the palette, under Source Check:", async () => {
    // Commands exist once the extension runs: a Markdown draft activates it.
    await openCopy("draft.md", "palette");
    await vscode.extensions.getExtension("source-check.source-check")!.activate();
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of ["checkWorkspace", "showClaims", "exportSheet", "citeAllUnattributed", "restartServer", "showOutput"])
      assert.ok(all.has(`sourceCheck.${c}`), `sourceCheck.${c}`);
    const pkg = vscode.extensions.getExtension("source-check.source-check")!.packageJSON as {
      contributes: { commands: { command: string; category: string; title: string }[] };
    };
    const titles = pkg.contributes.commands.filter((c) => c.category === "Source Check").map((c) => c.title);
    assert.ok(titles.includes("Check All Drafts in the Workspace"));
  });

  it("Check All Drafts puts an unopened draft's findings in the Problems panel", async () => {
    const root = workspaceRoot();
    const brief = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, "news-brief.md"));
    const unopened = vscode.Uri.joinPath(root, "unopened", "brief-never-opened.md");
    await vscode.workspace.fs.writeFile(unopened, brief);
    assert.equal(
      vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()),
      false,
      "nobody opened it",
    );
    assert.deepEqual(ours(unopened), []);
    const result = (await vscode.commands.executeCommand("sourceCheck.checkWorkspace")) as { drafts: number; errors: number } | null;
    assert.ok(result, "the command answered");
    assert.ok(result.drafts >= 3, `drafts checked: ${result.drafts}`);
    const ds = await waitForDiagnostics(
      unopened,
      (d) => d.some((x) => codeOf(x) === "figure-mismatch"),
      "the unopened brief's figure-mismatch",
    );
    assert.ok(
      ds.some((d) => show(d) === "8:figure-mismatch:error"),
      ds.map(show).join(", "),
    );
    assert.equal(
      vscode.workspace.textDocuments.some(
        (d) => d.uri.toString() === unopened.toString() && !d.isClosed && vscode.window.visibleTextEditors.some((e) => e.document === d),
      ),
      false,
      "still not shown",
    );
  });

  it("Show Claims lists the example draft's claims by verdict, with their sources", async () => {
    const { document: doc } = await openCopy("draft.md", "claims");
    await waitForDiagnostics(doc.uri, (d) => d.length >= 5, "the draft's findings");
    const r = (await vscode.commands.executeCommand("sourceCheck.showClaims")) as ClaimsResult | undefined;
    assert.ok(r, "the view has the draft's claims");
    const byGroup = (g: string): string[] => r.claims.filter((c) => c.group === g).map((c) => c.text);
    assert.deepEqual(byGroup("backed"), [
      "54",
      "30",
      "230,000",
      "April 2021",
      "July 2022",
      "21-page",
      "The RCMP takes threats to the security of individuals living in Canada very seriously,",
    ]);
    assert.deepEqual(byGroup("unattributed"), ["Three"]);
    assert.deepEqual(byGroup("unsupported"), ["14"]);
    assert.deepEqual(byGroup("contradicted"), ["Dec. 15", "local volunteers, not Chinese police officers"]);
    const dec15 = r.claims.find((c) => c.text === "Dec. 15")!;
    assert.equal(dec15.range.start.line, 14);
    assert.equal(dec15.source?.publisher, "CTV News Toronto");
    assert.match(dec15.sourceSentence ?? "", /Dec\. 1\b/);
    assert.ok(dec15.sourceLocation?.uri, "a passage to open");
    // It follows edits: a line added above moves the claim down.
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), "\n"));
    const moved = await waitForValue(async () => {
      const again = (await vscode.commands.executeCommand("sourceCheck.showClaims")) as ClaimsResult | undefined;
      const d = again?.claims.find((c) => c.text === "Dec. 15");
      return d && d.range.start.line === 15 ? d : undefined;
    });
    assert.equal(moved.range.start.line, 15);
  });

  it("Export Fact-Check Sheet writes a row per claim", async () => {
    const { document: doc } = await openCopy("draft.md", "sheet");
    await waitForDiagnostics(doc.uri, (d) => d.length >= 5, "the draft's findings");
    const target = vscode.Uri.joinPath(workspaceRoot(), "sheets", "draft.csv");
    const r = (await vscode.commands.executeCommand("sourceCheck.exportSheet", doc.uri, "csv", target)) as { rows: number } | undefined;
    assert.equal(r?.rows, 11);
    const csv = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    const lines = csv.split("\r\n").filter(Boolean);
    assert.equal(lines.length, 12, "a header and 11 rows");
    assert.ok(
      lines.some((l) =>
        /"Dec\. 15","figure","CTV News Toronto says Dec\. 1, not Dec\. 15\.","Contradicted","figure-mismatch","CTV News Toronto"/.test(l),
      ),
      csv,
    );
    const html = vscode.Uri.joinPath(workspaceRoot(), "sheets", "draft.html");
    await vscode.commands.executeCommand("sourceCheck.exportSheet", doc.uri, "html", html);
    const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(html));
    assert.equal((page.match(/<tr id=/g) ?? []).length, 11);
  });

  it("Cite All Unattributed cites the backing source of every unattributed claim", async () => {
    const { document: doc } = await openCopy("draft.md", "cite-all");
    await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === "figure-unattributed"), "the unattributed Three");
    const r = (await vscode.commands.executeCommand("sourceCheck.citeAllUnattributed")) as { cited: number; applied: boolean } | null;
    assert.equal(r?.cited, 1);
    assert.equal(r?.applied, true);
    await waitForDiagnostics(doc.uri, (d) => d.length > 0 && !d.some((x) => codeOf(x) === "figure-unattributed"), "no unattributed figure");
    assert.match(doc.getText(), /\[\^ctv-news\]:/);
  });

  it("Restart Server brings the server back, and it checks again", async () => {
    const ok = await vscode.commands.executeCommand("sourceCheck.restartServer");
    assert.equal(ok, true);
    const { document: doc } = await openCopy("news-brief.md", "after-restart");
    const ds = await waitForDiagnostics(
      doc.uri,
      (d) => d.some((x) => codeOf(x) === "figure-mismatch"),
      "the brief's figure-mismatch after the restart",
    );
    assert.ok(ds.some((d) => show(d) === "8:figure-mismatch:error"));
  });
});

async function waitForValue<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 200));
  }
}
