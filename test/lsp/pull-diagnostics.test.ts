// Pull diagnostics (LSP 3.17) over a real stdio connection: a client that announces
// `textDocument.diagnostic` pulls each draft's diagnostics and the workspace's, and is
// pushed none; one that does not is pushed them, as before. A burst of keystrokes is
// checked once, pulled or pushed.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  CancellationTokenSource,
  DocumentDiagnosticReportKind,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type FullDocumentDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from "vscode-languageserver/node";
import { DRAFTS, TestClient, delay, fileUri, positionOf, withTimeout } from "./client.js";
import type { TextDocument } from "vscode-languageserver-textdocument";

const BRIEF = readFileSync(resolve(DRAFTS, "news-brief.md"), "utf8");
const CLEAN = "# Notes\n\nNothing here states a figure or a quote.\n";

const full = (r: DocumentDiagnosticReport): Diagnostic[] => {
  assert.equal(r.kind, DocumentDiagnosticReportKind.Full, `expected a full report, got ${JSON.stringify(r)}`);
  return (r as FullDocumentDiagnosticReport).items;
};
const codes = (items: Diagnostic[]): string[] => items.map((d) => `${d.range.start.line}:${String(d.code)}`);

describe("LSP pull diagnostics (textDocument/diagnostic, workspace/diagnostic)", function () {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), "source-check-pull-"));
    mkdirSync(join(root, "drafts"));
    mkdirSync(join(root, "skipped"));
    writeFileSync(join(root, "drafts", "brief.md"), BRIEF);
    writeFileSync(join(root, "drafts", "clean.md"), CLEAN);
    writeFileSync(join(root, "skipped", "brief.md"), BRIEF);
    writeFileSync(join(root, ".source-check.json"), JSON.stringify({ ignore: ["skipped/**"] }));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it("offers pull diagnostics, for the workspace too, only to a client that announces them", async () => {
    const pulling = await TestClient.start({ workspaceFolders: [root], pull: true });
    const pushed = await TestClient.start({ workspaceFolders: [root] });
    try {
      assert.deepEqual(pulling.initializeResult!.capabilities.diagnosticProvider, {
        identifier: "source-check",
        interFileDependencies: false,
        workspaceDiagnostics: true,
      });
      assert.equal(pushed.initializeResult!.capabilities.diagnosticProvider, undefined);
    } finally {
      await pulling.shutdown();
      await pushed.shutdown();
    }
  });

  describe("a pulling client", () => {
    let client: TestClient;
    before(async () => {
      // Every workspace pull walks the workspace (by default at most one walk in 10 s).
      client = await TestClient.start({
        workspaceFolders: [root],
        pull: true,
        initializationOptions: { debounceMs: 0, workspaceDiagnosticsIntervalMs: 0 },
      });
    });
    after(() => client.shutdown());

    it("pulls an open draft's findings, is pushed none, and is told “unchanged” until it changes", async () => {
      let doc = client.open(join(root, "drafts", "open.md"), BRIEF);
      const first = await client.pull(doc.uri);
      const items = full(first);
      const mismatch = items.find((d) => d.code === "figure-mismatch");
      assert.ok(mismatch, codes(items).join(", "));
      assert.equal(doc.getText(mismatch.range), "35");
      assert.equal(mismatch.message, "CTV News Toronto says 30 countries, not 35.");
      assert.equal(mismatch.relatedInformation, undefined, "the evidence is the hover's");
      assert.ok(first.resultId);

      assert.deepEqual(await client.pull(doc.uri, first.resultId), {
        kind: DocumentDiagnosticReportKind.Unchanged,
        resultId: first.resultId,
      });

      const at = positionOf(doc, 8, "35");
      doc = client.change(doc.uri, [{ range: { start: at, end: { line: 8, character: at.character + 2 } }, text: "30" }]);
      const after = full(await client.pull(doc.uri, first.resultId));
      assert.ok(!after.some((d) => d.code === "figure-mismatch"), codes(after).join(", "));
      assert.ok(after.some((d) => d.code === "figure-unattributed"));
      assert.deepEqual(
        client.published.filter((p) => p.uri === doc.uri),
        [],
        "a pulling client is pushed no draft diagnostics",
      );
      assert.equal((await client.stats()).pushes, 0);
    });

    it("pulls a draft that is not open from disk", async () => {
      const items = full(await client.pull(fileUri(join(root, "drafts", "brief.md"))));
      assert.ok(items.some((d) => d.code === "figure-mismatch" && d.range.start.line === 8));
    });

    it("pulls every draft of the workspace, leaves the ignored out, and re-reads only what changed", async () => {
      const report = await client.pullWorkspace();
      const byUri = new Map(report.items.map((i) => [i.uri, i]));
      const brief = byUri.get(fileUri(join(root, "drafts", "brief.md")));
      const clean = byUri.get(fileUri(join(root, "drafts", "clean.md")));
      const skipped = byUri.get(fileUri(join(root, "skipped", "brief.md")));
      assert.ok(brief && clean && skipped, [...byUri.keys()].join(", "));
      assert.equal(brief.version, null);
      assert.ok(full(brief).some((d) => d.code === "figure-mismatch"));
      assert.deepEqual(full(clean), []);
      assert.deepEqual(full(skipped), [], "a draft the config ignores has no findings");

      const again = await client.pullWorkspace(report.items.map((i) => ({ uri: i.uri, value: i.resultId! })));
      const unchanged = again.items.filter((i) => i.kind === DocumentDiagnosticReportKind.Unchanged).map((i) => i.uri);
      assert.ok(unchanged.includes(brief.uri) && unchanged.includes(clean.uri), JSON.stringify(again.items));

      // A draft rewritten on disk is read again; the others stay unchanged.
      await delay(20);
      writeFileSync(join(root, "drafts", "clean.md"), BRIEF.replace("35 countries", "31 countries"));
      const third = await client.pullWorkspace(again.items.map((i) => ({ uri: i.uri, value: i.resultId! })));
      const rewritten = third.items.find((i) => i.uri === clean.uri) as WorkspaceDocumentDiagnosticReport;
      assert.ok(full(rewritten).some((d) => d.code === "figure-mismatch" && /not 31/.test(String(d.message))));
      assert.equal(third.items.find((i) => i.uri === brief.uri)?.kind, DocumentDiagnosticReportKind.Unchanged);
      writeFileSync(join(root, "drafts", "clean.md"), CLEAN);
    });

    it("asks the client to pull again when the settings change", async () => {
      const before = client.refreshes;
      client.changeConfiguration({ sourceCheck: { debounceMs: 0, citationStyle: "pandoc" } });
      await withTimeout(
        (async () => {
          while (client.refreshes === before) await delay(20);
        })(),
        10000,
        "workspace/diagnostic/refresh",
      );
    });
  });

  it("holds a workspace pull that comes before the interval, and answers it at once when the settings change", async () => {
    const client = await TestClient.start({
      workspaceFolders: [root],
      pull: true,
      initializationOptions: { debounceMs: 0, workspaceDiagnosticsIntervalMs: 60_000 },
    });
    try {
      const first = await client.pullWorkspace();
      assert.ok(first.items.length >= 3);
      const second = client.pullWorkspace(first.items.map((i) => ({ uri: i.uri, value: i.resultId! })));
      const early = await Promise.race([second.then(() => "answered"), delay(1000).then(() => "held")]);
      assert.equal(early, "held", "a second walk within the interval");
      client.changeConfiguration({ sourceCheck: { debounceMs: 0, citationStyle: "pandoc" } });
      const answer = await withTimeout(second, 15000, "the held workspace pull");
      const brief = answer.items.find((i) => i.uri === fileUri(join(root, "drafts", "brief.md")));
      assert.ok(brief && full(brief).some((d) => d.code === "figure-mismatch"), "new settings: a full report");
    } finally {
      await client.shutdown();
    }
  });

  describe("a burst of keystrokes", () => {
    it("is checked once when pulled: each pull the client cancels is answered at once, the last one after the pause", async () => {
      const client = await TestClient.start({ workspaceFolders: [root], pull: true, initializationOptions: { debounceMs: 300 } });
      try {
        let doc = client.open(join(root, "drafts", "burst-pull.md"), BRIEF);
        full(await client.pull(doc.uri));
        const before = await client.stats();
        // As VS Code does: a pull after every change, the previous one cancelled.
        let source: CancellationTokenSource | undefined;
        const pulls: Promise<DocumentDiagnosticReport | Error>[] = [];
        const end = lineEnd(doc, 9);
        for (let i = 0; i < 20; i++) {
          doc = client.change(doc.uri, [{ range: { start: end, end }, text: "x" }]);
          end.character++;
          source?.cancel();
          source = new CancellationTokenSource();
          pulls.push(client.pull(doc.uri, undefined, source.token).catch((e: Error) => e));
        }
        const answers = await withTimeout(Promise.all(pulls), 15000, "the pulls");
        const last = answers.at(-1)!;
        assert.ok(!(last instanceof Error), String(last));
        assert.ok(full(last).some((d) => d.code === "figure-mismatch"));
        assert.equal(
          answers.slice(0, -1).filter((a) => !(a instanceof Error)).length,
          0,
          "every cancelled pull was answered with a cancellation",
        );
        const after = await client.stats();
        assert.equal(after.checks - before.checks, 1, "one check for twenty keystrokes");
        assert.ok(after.checkMs > before.checkMs, "the check's time is counted, though it ran in slices");
      } finally {
        await client.shutdown();
      }
    });

    it("is checked and pushed once when the client does not pull", async () => {
      const client = await TestClient.start({ workspaceFolders: [root], initializationOptions: { debounceMs: 300 } });
      try {
        let doc = client.open(join(root, "drafts", "burst-push.md"), BRIEF);
        await client.diagnosticsFor(doc, 15000);
        const before = await client.stats();
        const end = lineEnd(doc, 9);
        for (let i = 0; i < 20; i++) {
          doc = client.change(doc.uri, [{ range: { start: end, end }, text: "x" }]);
          end.character++;
        }
        const diagnostics = await client.diagnosticsFor(doc, 15000);
        assert.ok(diagnostics.some((d) => d.code === "figure-mismatch"));
        const after = await client.stats();
        assert.equal(after.checks - before.checks, 1, "one check for twenty keystrokes");
        assert.ok(after.checkMs > before.checkMs, "the check's time is counted, though it ran in slices");
        assert.equal(after.pushes - before.pushes, 1, "one publish for twenty keystrokes");
        assert.deepEqual(
          client.published.filter((p) => p.uri === doc.uri).map((p) => p.version),
          [1, doc.version],
          "no version in between was published",
        );
      } finally {
        await client.shutdown();
      }
    });
  });
});

/** Where a line's text ends, past trailing blanks: a place to type at. */
function lineEnd(doc: TextDocument, line: number): { line: number; character: number } {
  return { line, character: doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).trimEnd().length };
}
