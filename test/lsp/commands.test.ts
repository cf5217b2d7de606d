// The server's commands over real stdio (workspace/executeCommand), as Neovim or Helix
// would call them: check every draft of a workspace (unopened ones get diagnostics;
// `ignore` and source folders are honoured; progress is reported), a draft's claims by
// verdict, its fact-check sheet, cite-all-unattributed, and what a file is.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TestClient, fileUri } from "./client.js";

const HERALD = `---
id: harbour-herald
title: Lighthouses of the coast
publisher: Harbour Herald
date: 2024-05
url: https://herald.example/lighthouses
---

The coast guard counted 17 lighthouses along the northern shore last year.

The ferry company said 9 ferries ran daily in the summer.
`;

const COMMANDS = {
  checkWorkspace: "sourceCheck.server.checkWorkspace",
  claims: "sourceCheck.server.claims",
  sheet: "sourceCheck.server.sheet",
  citeAllUnattributed: "sourceCheck.server.citeAllUnattributed",
  documentStatus: "sourceCheck.server.documentStatus",
};

interface ClaimItem {
  text: string;
  group: string;
  verdict: string;
  code?: string;
  range: { start: { line: number } };
  source?: { publisher: string; title: string; url?: string };
  sourceSentence?: string;
  sourceLocation?: { uri: string; range: { start: { line: number } } };
}

describe("LSP commands (workspace/executeCommand)", function () {
  this.timeout(60_000);
  let root: string;
  let client: TestClient | undefined;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "source-check-commands-"));
    mkdirSync(join(root, "my-sources"));
    mkdirSync(join(root, "drafts", "old"), { recursive: true });
    writeFileSync(join(root, "my-sources", "herald.md"), HERALD);
    writeFileSync(join(root, ".source-check.json"), JSON.stringify({ sources: ["my-sources"], bundled: false, ignore: ["drafts/old/**"] }));
    // Line 2: contradicted (17, not 18); line 4: backed, uncited.
    writeFileSync(
      join(root, "drafts", "coast.md"),
      "# Coast\n\nThe coast guard counted 18 lighthouses along the northern shore [@harbour-herald].\n\nThe ferry company said 9 ferries ran daily.\n",
    );
    writeFileSync(join(root, "drafts", "clean.md"), "# Ferries\n\nThe ferry company said 9 ferries ran daily [@harbour-herald].\n");
    writeFileSync(join(root, "drafts", "old", "ignored.md"), "# Old\n\nThe coast guard counted 99 lighthouses along the northern shore.\n");
  });

  afterEach(async () => {
    await client?.shutdown();
    client = undefined;
    rmSync(root, { recursive: true, force: true });
  });

  it("announces its commands", async () => {
    client = await TestClient.start({ workspaceFolders: [root] });
    const commands = (client.initializeResult!.capabilities.executeCommandProvider?.commands ?? []).sort();
    assert.deepEqual(commands, Object.values(COMMANDS).sort());
  });

  it("checks every draft of the workspace, publishing diagnostics for unopened ones, skipping ignored drafts and sources, with progress", async () => {
    client = await TestClient.start({ workspaceFolders: [root], workDoneProgress: true });
    const coast = fileUri(join(root, "drafts", "coast.md"));
    const published = client.diagnostics(coast, (p) => p.diagnostics.length > 0, 30_000);
    const result = await client.executeCommand<{ drafts: number; errors: number; warnings: number; files: { uri: string }[] }>(
      COMMANDS.checkWorkspace,
    );
    assert.equal(result.drafts, 2, "coast.md and clean.md; not the ignored draft, not the source");
    assert.equal(result.errors, 1);
    assert.equal(result.warnings, 1);
    assert.deepEqual(
      result.files.map((f) => f.uri),
      [coast],
    );
    const diagnostics = (await published).diagnostics;
    assert.deepEqual(
      diagnostics.map((d) => `${d.range.start.line}:${d.code}`),
      ["2:figure-mismatch", "4:figure-unattributed"],
    );
    const ignored = fileUri(join(root, "drafts", "old", "ignored.md"));
    assert.equal(client.published.filter((p) => p.uri === ignored || p.uri.includes("my-sources")).length, 0);
    const kinds = client.progress.map((p) => p.value.kind);
    assert.equal(kinds[0], "begin");
    assert.equal(kinds.at(-1), "end");
    assert.ok(kinds.filter((k) => k === "report").length >= 3, `a report per Markdown file: ${kinds.join(" ")}`);
  });

  it("reports progress on the client's token when the request carries one", async () => {
    client = await TestClient.start({ workspaceFolders: [root] });
    await client.executeCommand(COMMANDS.checkWorkspace, [], "my-token");
    assert.ok(client.progress.length >= 2);
    assert.ok(client.progress.every((p) => p.token === "my-token"));
  });

  it("lists a draft's claims by verdict, each with its source, the source's sentence and where it is", async () => {
    client = await TestClient.start({ workspaceFolders: [root] });
    const path = join(root, "drafts", "coast.md");
    const doc = client.open(
      path,
      "# Coast\n\nThe coast guard counted 18 lighthouses along the northern shore [@harbour-herald].\n\nThe ferry company said 9 ferries ran daily.\n\nKeepers saw 40 seals.\n",
    );
    await client.diagnosticsFor(doc);
    const r = await client.executeCommand<{ groups: { group: string; label: string }[]; claims: ClaimItem[] }>(COMMANDS.claims, [doc.uri]);
    assert.deepEqual(
      r.groups.map((g) => g.group),
      ["backed", "unattributed", "unsupported", "contradicted"],
    );
    assert.deepEqual(
      r.claims.map((c) => [c.text, c.group, c.range.start.line]),
      [
        ["18", "contradicted", 2],
        ["9", "unattributed", 4],
        ["40", "unsupported", 6],
      ],
    );
    const eighteen = r.claims[0];
    assert.equal(eighteen.source?.publisher, "Harbour Herald");
    assert.equal(eighteen.source?.url, "https://herald.example/lighthouses");
    assert.match(eighteen.sourceSentence ?? "", /17 lighthouses/);
    assert.equal(eighteen.sourceLocation?.uri, fileUri(join(root, "my-sources", "herald.md")));
    assert.equal(eighteen.sourceLocation?.range.start.line, 8, "the source's sentence, line 9 of the file");
    assert.equal(r.claims[2].source, undefined);
    // Unopened drafts are read from disk.
    const clean = await client.executeCommand<{ claims: ClaimItem[] }>(COMMANDS.claims, [fileUri(join(root, "drafts", "clean.md"))]);
    assert.deepEqual(
      clean.claims.map((c) => [c.text, c.group]),
      [["9", "backed"]],
    );
  });

  it("makes the draft's fact-check sheet as CSV and as HTML", async () => {
    client = await TestClient.start({ workspaceFolders: [root] });
    const uri = fileUri(join(root, "drafts", "coast.md"));
    const csv = await client.executeCommand<{ format: string; content: string; rows: number }>(COMMANDS.sheet, [uri, "csv"]);
    assert.equal(csv.rows, 2);
    const lines = csv.content.split("\r\n").filter(Boolean);
    assert.equal(lines.length, 3);
    assert.match(
      lines[1],
      /^"drafts\/coast\.md","3","18","figure",.*"Contradicted","figure-mismatch","Harbour Herald","Lighthouses of the coast","2024-05"/,
    );
    const html = await client.executeCommand<{ content: string }>(COMMANDS.sheet, [uri, "html"]);
    assert.match(html.content, /<title>Fact-check sheet: drafts\/coast\.md<\/title>/);
    assert.equal((html.content.match(/<tr id=/g) ?? []).length, 2);
  });

  it("cites every unattributed claim in one edit, applied through the client", async () => {
    client = await TestClient.start({ workspaceFolders: [root] });
    const path = join(root, "drafts", "two.md");
    const doc = client.open(
      path,
      "# Coast\n\nThe coast guard counted 17 lighthouses along the northern shore.\n\nThe ferry company said 9 ferries ran daily.\n",
    );
    const before = await client.diagnosticsFor(doc);
    assert.deepEqual(
      before.map((d) => d.code),
      ["figure-unattributed", "figure-unattributed"],
    );
    const r = await client.executeCommand<{ cited: number; applied: boolean }>(COMMANDS.citeAllUnattributed, [doc.uri]);
    assert.equal(r.cited, 2);
    assert.equal(r.applied, true);
    const text = client.document(doc.uri).getText();
    assert.equal((text.match(/\[\^harbour-herald\]:/g) ?? []).length, 1, `one footnote definition:\n${text}`);
    assert.equal((text.match(/\[\^harbour-herald\](?!:)/g) ?? []).length, 2, `two references:\n${text}`);
    const after = await client.diagnostics(doc.uri, (p) => p.version === client!.document(doc.uri).version);
    assert.deepEqual(after.diagnostics, []);
  });

  it("says what a file is: a draft with its counts, or a source with how many drafts cite it", async () => {
    client = await TestClient.start({ workspaceFolders: [root] });
    const draft = await client.executeCommand<{ kind: string; errors: number; warnings: number; infos: number; claims: number }>(
      COMMANDS.documentStatus,
      [fileUri(join(root, "drafts", "coast.md"))],
    );
    assert.deepEqual(draft, { kind: "draft", errors: 1, warnings: 1, infos: 0, claims: 2 });
    const source = await client.executeCommand<{ kind: string; publisher: string; citedBy: number; drafts: number }>(
      COMMANDS.documentStatus,
      [fileUri(join(root, "my-sources", "herald.md"))],
    );
    assert.deepEqual(source, { kind: "source", id: "harbour-herald", publisher: "Harbour Herald", citedBy: 2, drafts: 2 });
    const ignored = await client.executeCommand<{ kind: string; reason: string }>(COMMANDS.documentStatus, [
      fileUri(join(root, "drafts", "old", "ignored.md")),
    ]);
    assert.equal(ignored.kind, "not-checked");
    assert.match(ignored.reason, /ignored/);
  });
});
