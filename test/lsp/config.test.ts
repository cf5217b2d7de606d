// The project config file `.source-check.json` in the editor: the server reads it as
// the CLI does (rules, source folders, ignore globs), reports a broken one on its own
// file, re-reads it when it changes, and never disagrees with the CLI about a draft.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DiagnosticSeverity, FileChangeType, type Diagnostic, type Location } from "vscode-languageserver/node";
import { REPO, TestClient, delay, fileUri } from "./client.js";

const HERALD = `---
id: harbour-herald
title: Lighthouses of the coast
publisher: Harbour Herald
date: 2024-05
---

The coast guard counted 17 lighthouses along the northern shore last year.
`;

/** Line 2: a figure the source contradicts (17, not 18); line 4: a figure no source has. */
const MISMATCHED = "# Coast\n\nThe coast guard counted 18 lighthouses along the northern shore.\n\nKeepers said 9 ferries ran daily.\n";
/** Line 2: a figure the source backs, uncited. */
const BACKED = "# Coast\n\nThe coast guard counted 17 lighthouses along the northern shore.\n\nKeepers said 9 ferries ran daily.\n";

const SEVERITY: Record<number, string> = {
  [DiagnosticSeverity.Error]: "error",
  [DiagnosticSeverity.Warning]: "warning",
  [DiagnosticSeverity.Information]: "info",
};

const messageOf = (d: Diagnostic): string => (typeof d.message === "string" ? d.message : d.message.value);
const codesOf = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => `${d.range.start.line}:${d.code}`);
const withSeverity = (diagnostics: Diagnostic[]): string[] =>
  diagnostics.map((d) => `${d.range.start.line}:${d.code}:${SEVERITY[d.severity!]}`);

/** What the CLI reports for a draft, in the same shape (0-based lines). */
function cliFindings(draft: string): string[] {
  const r = spawnSync(process.execPath, [resolve(REPO, "bin/source-check.js"), "--format", "json", draft], { cwd: REPO, encoding: "utf8" });
  if (r.error) throw r.error;
  const report = JSON.parse(r.stdout) as { files: { findings: { line: number; code: string; severity: string }[] }[] };
  assert.equal(report.files.length, 1, `the CLI checked ${report.files.length} files: ${r.stderr}`);
  return report.files[0].findings.map((f) => `${f.line - 1}:${f.code}:${f.severity}`);
}

describe("LSP project config (.source-check.json)", function () {
  let root: string;
  let client: TestClient;

  /** A project folder: its config (an object, or raw text), the shared source folder, and a draft. */
  function project(name: string, config: unknown, draft = MISMATCHED): { dir: string; config: string; draft: string } {
    const dir = join(root, name);
    mkdirSync(join(dir, "my-sources"), { recursive: true });
    mkdirSync(join(dir, "drafts"), { recursive: true });
    writeFileSync(join(dir, "my-sources", "herald.md"), HERALD);
    const configPath = join(dir, ".source-check.json");
    if (config !== undefined) writeFileSync(configPath, typeof config === "string" ? config : JSON.stringify(config, null, 2));
    const draftPath = join(dir, "drafts", "coast.md");
    writeFileSync(draftPath, draft);
    return { dir, config: configPath, draft: draftPath };
  }

  async function serverDiagnostics(draftPath: string, text: string): Promise<Diagnostic[]> {
    const doc = client.open(draftPath, text);
    return client.diagnosticsFor(doc);
  }

  before(async () => {
    root = mkdtempSync(join(tmpdir(), "source-check-lsp-config-"));
    client = await TestClient.start({ workspaceFolders: [root], initializationOptions: { debounceMs: 0 } });
  });
  after(async () => {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it("backs a figure with a source from the config's `sources` folder", async () => {
    const without = project("no-config", undefined, BACKED);
    assert.deepEqual(codesOf(await serverDiagnostics(without.draft, BACKED)), ["2:figure-unsupported", "4:figure-unsupported"]);

    const p = project("sources", { sources: ["my-sources"] }, BACKED);
    const diagnostics = await serverDiagnostics(p.draft, BACKED);
    assert.deepEqual(codesOf(diagnostics), ["2:figure-unattributed", "4:figure-unsupported"]);
    assert.match(messageOf(diagnostics[0]), /Harbour Herald/);
    // Go to source leads to the config's source (diagnostics carry no evidence; the editor asks for it).
    const uri = fileUri(p.draft);
    const location = (await client.definition(uri, diagnostics[0].range.start)) as Location | null;
    assert.equal(location?.uri, fileUri(join(p.dir, "my-sources", "herald.md")));
  });

  it('turns a code off with `rules: {code: "off"}`', async () => {
    const base = project("rules-base", { sources: ["my-sources"] });
    assert.deepEqual(withSeverity(await serverDiagnostics(base.draft, MISMATCHED)), [
      "2:figure-mismatch:error",
      "4:figure-unsupported:warning",
    ]);

    const p = project("rules-off", { sources: ["my-sources"], rules: { "figure-unsupported": "off" } });
    assert.deepEqual(withSeverity(await serverDiagnostics(p.draft, MISMATCHED)), ["2:figure-mismatch:error"]);
  });

  it('changes a code\'s severity with `rules: {code: "warning"}`', async () => {
    const p = project("rules-warning", { sources: ["my-sources"], rules: { "figure-mismatch": "warning" } });
    const diagnostics = await serverDiagnostics(p.draft, MISMATCHED);
    assert.deepEqual(withSeverity(diagnostics), ["2:figure-mismatch:warning", "4:figure-unsupported:warning"]);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Warning);
  });

  it("skips a draft its config's `ignore` matches", async () => {
    const p = project("ignore", { sources: ["my-sources"], ignore: ["drafts/*.notes.md"] });
    const ignored = client.open(join(p.dir, "drafts", "coast.notes.md"), MISMATCHED);
    assert.equal(codesOf(await serverDiagnostics(p.draft, MISMATCHED)).length, 2);
    await delay(100);
    assert.ok(
      client.published.filter((d) => d.uri === ignored.uri).every((d) => d.diagnostics.length === 0),
      "an ignored draft got diagnostics",
    );
  });

  it("reports a broken config on the config file, and checks its drafts with the defaults", async () => {
    const p = project("broken", `{ "sources": ["my-sources"], "rules": { "figure-mismatch": "warn" } }`);
    const diagnostics = await serverDiagnostics(p.draft, MISMATCHED);
    // Defaults: no config sources, so neither figure is found.
    assert.deepEqual(codesOf(diagnostics), ["2:figure-unsupported", "4:figure-unsupported"]);
    const problems = await client.diagnostics(fileUri(p.config), (d) => d.diagnostics.length > 0);
    assert.equal(problems.diagnostics.length, 1);
    assert.equal(problems.diagnostics[0].severity, DiagnosticSeverity.Error);
    assert.equal(problems.diagnostics[0].source, "source-check");
    assert.match(
      messageOf(problems.diagnostics[0]),
      /"rules\.figure-mismatch" must be "off", "error", "warning" or "info", not "warn" \(did you mean "warning"\?\)/,
    );

    const json = project("broken-json", `{ "sources": ["my-sources"], }`);
    await serverDiagnostics(json.draft, MISMATCHED);
    const jsonProblem = await client.diagnostics(fileUri(json.config), (d) => d.diagnostics.length > 0);
    assert.match(messageOf(jsonProblem.diagnostics[0]), /is not valid JSON \(line 1, column \d+/);
  });

  it("refuses source folders outside the config's folder, as the CLI does without --allow-outside-sources", async () => {
    const p = project("escape", { sources: ["../sources/my-sources"] });
    assert.deepEqual(codesOf(await serverDiagnostics(p.draft, MISMATCHED)), ["2:figure-unsupported", "4:figure-unsupported"]);
    const problems = await client.diagnostics(fileUri(p.config), (d) => d.diagnostics.length > 0);
    assert.match(messageOf(problems.diagnostics[0]), /"sources\[0\]" "\.\.\/sources\/my-sources" leads outside the config file's folder/);
  });

  it("watches config files and re-reads one when it changes", async () => {
    const watchers = client.registrations
      .filter((r) => r.method === "workspace/didChangeWatchedFiles")
      .flatMap((r) => (r.registerOptions as { watchers: { globPattern: unknown }[] }).watchers.map((w) => w.globPattern));
    assert.ok(watchers.includes("**/.source-check.json"), `watchers: ${JSON.stringify(watchers)}`);

    const p = project("changing", "{ not json");
    const doc = client.open(p.draft, MISMATCHED);
    assert.deepEqual(codesOf(await client.diagnosticsFor(doc)), ["2:figure-unsupported", "4:figure-unsupported"]);
    await client.diagnostics(fileUri(p.config), (d) => d.diagnostics.length > 0);

    // Mended: the config's diagnostic clears and its sources and rules apply.
    writeFileSync(p.config, JSON.stringify({ sources: ["my-sources"], rules: { "figure-unsupported": "off" } }));
    client.watchedFilesChanged([{ uri: fileUri(p.config), type: FileChangeType.Changed }]);
    await client.diagnostics(fileUri(p.config), (d) => d.diagnostics.length === 0);
    const mended = await client.diagnostics(doc.uri, (d) => codesOf(d.diagnostics).join() === "2:figure-mismatch");
    assert.deepEqual(withSeverity(mended.diagnostics), ["2:figure-mismatch:error"]);

    // Deleted: the draft falls back to the defaults.
    rmSync(p.config);
    client.watchedFilesChanged([{ uri: fileUri(p.config), type: FileChangeType.Deleted }]);
    const fallback = await client.diagnostics(
      doc.uri,
      (d) => codesOf(d.diagnostics).join() === "2:figure-unsupported,4:figure-unsupported",
    );
    assert.equal(fallback.diagnostics.length, 2);

    // Created again.
    writeFileSync(p.config, JSON.stringify({ sources: ["my-sources"], rules: { "figure-mismatch": "info" } }));
    client.watchedFilesChanged([{ uri: fileUri(p.config), type: FileChangeType.Created }]);
    const created = await client.diagnostics(doc.uri, (d) => codesOf(d.diagnostics).includes("2:figure-mismatch"));
    assert.deepEqual(withSeverity(created.diagnostics), ["2:figure-mismatch:info", "4:figure-unsupported:warning"]);
    client.close(doc.uri);
  });

  it("agrees with the CLI on every draft: same codes, lines and severities", async () => {
    const cases: [string, unknown, string][] = [
      ["parity-none", undefined, MISMATCHED],
      ["parity-sources", { sources: ["my-sources"] }, MISMATCHED],
      ["parity-backed", { sources: ["my-sources"] }, BACKED],
      ["parity-off", { sources: ["my-sources"], rules: { "figure-unsupported": "off" } }, MISMATCHED],
      ["parity-warning", { sources: ["my-sources"], rules: { "figure-mismatch": "warning", "figure-unattributed": "error" } }, BACKED],
      ["parity-no-bundled", { sources: ["my-sources"], bundled: false, citationStyle: "pandoc" }, BACKED],
      ["parity-broken", `{ "rules": { "figure-unsupported": "warn" } }`, MISMATCHED],
    ];
    for (const [name, config, text] of cases) {
      const p = project(name, config, text);
      const server = withSeverity(await serverDiagnostics(p.draft, text));
      assert.deepEqual(server, cliFindings(p.draft), `${name}: the server and the CLI disagree`);
      assert.ok(server.length > 0, `${name}: no findings to compare`);
    }
  });
});
