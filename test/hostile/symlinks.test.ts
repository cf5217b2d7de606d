// Issue 14, item 3: symlinked files escaped. The config's source folder was resolved,
// its files were not: `sources/s.md -> /elsewhere/secret.md` was read, and its text
// shown in hovers, related information and the JSON/SARIF evidence; a symlinked
// sub-folder that appeared while the server watched was followed. Now each file's
// real path must lie inside the folder's real path, in the CLI and the server.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileChangeType } from "vscode-languageserver/node";
import { BIN } from "../cli/helpers.js";
import { TestClient, delay, fileUri } from "../lsp/client.js";

const source = (id: string, sentence: string) => `---\nid: ${id}\ntitle: T\npublisher: Wire\n---\n\n${sentence}\n`;
const SECRET = "The vault holds 91 gold bars.";

describe("hostile sources: item 3, links out of a source folder", function () {
  this.timeout(60_000);
  let dir: string;
  let sources: string;
  let elsewhere: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "source-check-links-"));
    sources = join(dir, "project", "sources");
    elsewhere = join(dir, "elsewhere");
    mkdirSync(join(sources, "real"), { recursive: true });
    mkdirSync(join(elsewhere, "dir"), { recursive: true });
    writeFileSync(join(elsewhere, "secret.md"), source("secret", SECRET));
    writeFileSync(join(elsewhere, "dir", "other.md"), source("other", SECRET));
    writeFileSync(join(sources, "real", "harbour.md"), source("harbour", "The harbour had 17 lighthouses."));
    symlinkSync(join(elsewhere, "secret.md"), join(sources, "s.md"));
    // A link that stays inside the folder is fine (it is the same source twice, so its id is taken).
    symlinkSync(join(sources, "real", "harbour.md"), join(sources, "twin.md"));
    writeFileSync(join(dir, "project", "draft.md"), "The vault holds 12 gold bars [@secret]. The harbour had 12 lighthouses [@harbour].\n");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("the CLI refuses a link out of the folder, naming the file, and shows none of its text", () => {
    const r = spawnSync(process.execPath, [BIN, "--no-config", "--no-bundled", "--sources", "sources", "--format", "json", "draft.md"], {
      cwd: join(dir, "project"),
      encoding: "utf8",
      timeout: 30_000,
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(
      r.stderr,
      /source-check: sources\/s\.md: source is a link to .*elsewhere\/secret\.md, outside the source folder .*sources; not read\n/,
    );
    assert.match(r.stderr, /sources\/twin\.md: source has id "harbour", which .*real\/harbour\.md already uses/);
    assert.doesNotMatch(r.stdout, /vault holds 91|gold bars\./);
    const out = JSON.parse(r.stdout) as { files: { findings: { code: string }[] }[] };
    assert.ok(out.files[0].findings.some((f) => f.code === "figure-mismatch"));
    assert.ok(!out.files[0].findings.some((f) => JSON.stringify(f).includes("91")));
  });

  it("the server refuses it too, and does not follow a linked sub-folder that appears while it watches", async () => {
    const client = await TestClient.start({
      initializationOptions: { debounceMs: 0, includeBundledSources: false, sources: [sources] },
      workspaceFolders: [join(dir, "project")],
    });
    try {
      const problem = await client.diagnostics(fileUri(join(sources, "s.md")), (p) => p.diagnostics.length > 0, 10_000);
      assert.match(String(problem.diagnostics[0].message), /it is a link to .*elsewhere\/secret\.md, outside the source folder/);
      symlinkSync(join(elsewhere, "dir"), join(sources, "linked"));
      symlinkSync(join(elsewhere, "dir"), join(sources, "linked.md"));
      client.watchedFilesChanged([
        { uri: fileUri(join(sources, "linked")), type: FileChangeType.Created },
        { uri: fileUri(join(sources, "linked.md")), type: FileChangeType.Created },
        { uri: fileUri(join(sources, "linked", "other.md")), type: FileChangeType.Created },
      ]);
      await delay(500);
      const doc = client.open(
        join(dir, "project", "draft2.md"),
        "The vault holds 12 gold bars [@other]. The vault holds 12 gold bars [@secret].\n",
      );
      const diagnostics = await client.diagnosticsFor(doc, 20_000);
      assert.doesNotMatch(JSON.stringify(diagnostics), /91/);
      const unknown = diagnostics.filter((d) => /No source has the id/.test(String(d.message)));
      assert.equal(unknown.length, 2, JSON.stringify(diagnostics));
      const linked = await client.diagnostics(fileUri(join(sources, "linked", "other.md")), (p) => p.diagnostics.length > 0, 10_000);
      assert.match(String(linked.diagnostics[0].message), /outside the source folder/);
    } finally {
      await client.shutdown();
    }
  });
});
