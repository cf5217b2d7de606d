// The writer's own sources: a folder configured for the workspace backs figures,
// changes to it apply without a restart, broken files are reported on themselves,
// and nothing a source says can smuggle a link into a hover.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileChangeType, type Diagnostic, type Location } from "vscode-languageserver/node";
import { TestClient, delay, fileUri, hoverText, positionOf } from "./client.js";

const HERALD = `---
id: harbour-herald
title: Lighthouses of the coast [x](command:evil) <img src=x onerror=alert(1)>
publisher: Harbour Herald
date: 2024-05
---

The coast guard counted 17 lighthouses along the northern shore \\[y\\](command:evil2) last year.
`;

const FERRIES = `---
id: ferry-gazette
title: Ferries in numbers
publisher: Ferry Gazette
---

Keepers said 9 ferries ran daily from the harbour in summer.
`;

const DRAFT = "# Coast\n\nThe coast guard counted 17 lighthouses along the northern shore.\n\nKeepers said 9 ferries ran daily.\n";

const messageOf = (d: Diagnostic): string => (typeof d.message === "string" ? d.message : d.message.value);
const codesOf = (diagnostics: Diagnostic[]): string[] => diagnostics.map((d) => `${d.range.start.line}:${d.code}`);

describe("LSP workspace sources", function () {
  let folder: string;
  let drafts: string;
  let client: TestClient;

  before(async () => {
    const root = mkdtempSync(join(tmpdir(), "source-check-lsp-"));
    folder = join(root, "sources");
    drafts = join(root, "drafts");
    mkdirSync(folder);
    mkdirSync(drafts);
    writeFileSync(join(folder, "herald.md"), HERALD);
    writeFileSync(join(folder, "broken.md"), "Just an article without front matter.\n");
    client = await TestClient.start({ workspaceFolders: [root], initializationOptions: { sources: ["sources"], debounceMs: 0 } });
  });
  after(async () => {
    await client.shutdown();
    rmSync(join(folder, ".."), { recursive: true, force: true });
  });

  it("backs a figure with a source from the configured folder", async () => {
    const doc = client.open(join(drafts, "coast.md"), DRAFT);
    const diagnostics = await client.diagnosticsFor(doc);
    assert.deepEqual(codesOf(diagnostics), ["2:figure-unattributed", "4:figure-unsupported"]);
    assert.match(messageOf(diagnostics[0]), /backed by Harbour Herald/);
    const location = (await client.definition(doc.uri, diagnostics[0].range.start)) as Location | null;
    assert.equal(location?.uri, fileUri(join(folder, "herald.md")));
  });

  it("asks the client to watch the source folder", () => {
    const watch = client.registrations.find((r) => r.method === "workspace/didChangeWatchedFiles");
    assert.ok(watch, "no file watcher registered");
    const patterns = (watch.registerOptions as { watchers: { globPattern: unknown }[] }).watchers.map((w) => w.globPattern);
    assert.deepEqual(patterns, [{ baseUri: fileUri(folder), pattern: "**/*.{md,markdown,mdx}" }]);
  });

  it("reports a broken source on the source file itself", async () => {
    const problems = await client.diagnostics(fileUri(join(folder, "broken.md")));
    assert.equal(problems.diagnostics.length, 1);
    assert.match(messageOf(problems.diagnostics[0]), /no YAML front matter/);
    assert.equal(problems.diagnostics[0].source, "source-check");
  });

  it("escapes what a source says in hovers, so links, images and HTML in it are plain text", async () => {
    const doc = client.open(join(drafts, "coast-hover.md"), DRAFT);
    await client.diagnosticsFor(doc);
    const text = hoverText(await client.hover(doc.uri, positionOf(doc, 2, "17")));
    assert.match(text, /\*\*Harbour Herald\*\*/);
    assert.match(text, /\*\*17\*\*/);
    // A link-like run (a scheme, a host) is shown in a code span, where no renderer makes a link of it.
    assert.match(text, /`\[x\]\(command:evil\)`/);
    assert.match(text, /`\[y\]\(command:evil2\)`/);
    const outsideCode = text.replace(/(`+)[^`]*?\1/g, "");
    assert.doesNotMatch(outsideCode, /(^|[^\\])\[[^\]]*(^|[^\\])\]\(/, "an unescaped link");
    assert.doesNotMatch(text, /<img|<[a-z]/i, "raw HTML");
    assert.match(text, /&lt;img src=x onerror=alert\\\(1\\\)&gt;/);
  });

  it("does not check a document in the sources folder as a draft", async () => {
    const source = client.open(join(folder, "herald.md"), HERALD);
    const doc = client.open(join(drafts, "coast-after-source.md"), DRAFT);
    await client.diagnosticsFor(doc);
    await delay(50);
    assert.equal(client.published.filter((p) => p.uri === source.uri).length, 0);
    assert.equal(await client.hover(source.uri, { line: 7, character: 25 }), null);
    client.close(source.uri);
  });

  it("picks up a new, a changed and a deleted source without a restart", async () => {
    const doc = client.open(join(drafts, "coast-watch.md"), DRAFT);
    assert.deepEqual(codesOf(await client.diagnosticsFor(doc)), ["2:figure-unattributed", "4:figure-unsupported"]);

    const ferries = join(folder, "ferries.md");
    writeFileSync(ferries, FERRIES);
    client.watchedFilesChanged([{ uri: fileUri(ferries), type: FileChangeType.Created }]);
    const backed = await client.diagnostics(doc.uri, (p) => !codesOf(p.diagnostics).includes("4:figure-unsupported"));
    assert.deepEqual(codesOf(backed.diagnostics), ["2:figure-unattributed", "4:figure-unattributed"]);
    assert.match(messageOf(backed.diagnostics[1]), /Ferry Gazette/);

    // The broken source, mended, loses its diagnostic.
    const broken = join(folder, "broken.md");
    writeFileSync(broken, FERRIES.replace("ferry-gazette", "ferry-gazette-two"));
    client.watchedFilesChanged([{ uri: fileUri(broken), type: FileChangeType.Changed }]);
    await client.diagnostics(fileUri(broken), (p) => p.diagnostics.length === 0);

    unlinkSync(ferries);
    unlinkSync(broken);
    client.watchedFilesChanged([
      { uri: fileUri(ferries), type: FileChangeType.Deleted },
      { uri: fileUri(broken), type: FileChangeType.Deleted },
    ]);
    const unsupported = await client.diagnostics(doc.uri, (p) => codesOf(p.diagnostics).includes("4:figure-unsupported"));
    assert.deepEqual(codesOf(unsupported.diagnostics), ["2:figure-unattributed", "4:figure-unsupported"]);
  });

  it("reports a source whose id another source already uses", async () => {
    const twin = join(folder, "twin.md");
    writeFileSync(twin, HERALD);
    client.watchedFilesChanged([{ uri: fileUri(twin), type: FileChangeType.Created }]);
    const problems = await client.diagnostics(fileUri(twin), (p) => p.diagnostics.length > 0);
    assert.match(messageOf(problems.diagnostics[0]), /has id "harbour-herald", which .*herald\.md already uses/);
    unlinkSync(twin);
    client.watchedFilesChanged([{ uri: fileUri(twin), type: FileChangeType.Deleted }]);
    await client.diagnostics(fileUri(twin), (p) => p.diagnostics.length === 0);
  });
});

describe("LSP workspace sources without a client file watcher", function () {
  let root: string;
  let client: TestClient;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), "source-check-lsp-"));
    writeFileSync(join(root, "herald.md"), HERALD);
    // Settings through workspace/configuration, as VS Code sends them.
    client = await TestClient.start({
      workspaceFolders: [root],
      configuration: { sources: ["."], debounceMs: 0 },
      watchRegistration: false,
    });
  });
  after(async () => {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it("watches the folder itself and picks up a new source", async () => {
    const doc = client.open(join(tmpdir(), "coast-fswatch.md"), DRAFT);
    assert.deepEqual(codesOf(await client.diagnosticsFor(doc)), ["2:figure-unattributed", "4:figure-unsupported"]);
    assert.equal(client.registrations.filter((r) => r.method === "workspace/didChangeWatchedFiles").length, 0);
    writeFileSync(join(root, "ferries.md"), FERRIES);
    const backed = await client.diagnostics(doc.uri, (p) => !codesOf(p.diagnostics).includes("4:figure-unsupported"));
    assert.deepEqual(codesOf(backed.diagnostics), ["2:figure-unattributed", "4:figure-unattributed"]);
  });
});
