// The packaged extension: `npm run package` bundles the client and the server with
// esbuild and builds source-check.vsix with vsce. The .vsix must be small, hold the
// bundles, the bundled sources and the grammar and nothing of the development tree,
// and its server must run from where VS Code would unpack it, with no node_modules.

import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import {
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver/node";
import { DRAFTS, REPO, fileUri, withTimeout } from "../lsp/client.js";

const VSIX = resolve(REPO, "source-check.vsix");
// The English model (wink-eng-lite-web-model, about 1.3 MB compressed) and the WordNet
// table of nouns and verbs (about 0.6 MB) are most of it; the screenshots the README shows are 0.56 MB.
const MAX_BYTES = 3 * 1024 * 1024;

/** Every file under a folder, as forward-slashed paths relative to it. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else out.push(relative(dir, p).split("\\").join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/** Unpacks a zip with `unzip` if the machine has it, else with Python's zipfile. */
function unzipTo(zip: string, dir: string): void {
  const hasUnzip = spawnSync("sh", ["-c", "command -v unzip"], { encoding: "utf8" }).status === 0;
  if (hasUnzip) execFileSync("unzip", ["-q", "-o", zip, "-d", dir]);
  else execFileSync("python3", ["-m", "zipfile", "-e", zip, dir]);
}

describe("the .vsix package", function () {
  this.timeout(180000);
  let unpacked: string;
  let files: string[];

  before(function () {
    rmSync(VSIX, { force: true });
    execFileSync("npm", ["run", "package"], { cwd: REPO, stdio: "pipe", timeout: 120000 });
    unpacked = mkdtempSync(join(tmpdir(), "source-check-vsix-"));
    unzipTo(VSIX, unpacked);
    files = filesUnder(unpacked);
  });
  after(() => {
    if (unpacked) rmSync(unpacked, { recursive: true, force: true });
  });

  it("is built by `npm run package` and is under 3 MB", function () {
    assert.ok(existsSync(VSIX), `${VSIX} was not built`);
    const size = statSync(VSIX).size;
    const kib = `${(size / 1024).toFixed(1)} KiB`;
    this.test!.title = `is built by \`npm run package\` and is under 3 MB (${kib}, ${files.length} files)`;
    assert.ok(size < MAX_BYTES, `source-check.vsix is ${kib}`);
  });

  it("holds the bundles, the bundled sources, the grammar and the schema", () => {
    for (const f of [
      "extension/package.json",
      "extension/dist/extension.cjs",
      "extension/dist/server.cjs",
      "extension/server/sources/ctv-news.md",
      "extension/server/sources/naija-times.md",
      "extension/syntaxes/source-check.injection.json",
      "extension/schemas/source-check.schema.json",
    ]) {
      assert.ok(files.includes(f), `${f} is missing from the .vsix:\n${files.join("\n")}`);
    }
    const manifest = JSON.parse(readFileSync(join(unpacked, "extension/package.json"), "utf8")) as { main: string };
    assert.equal(resolve(unpacked, "extension", manifest.main), resolve(unpacked, "extension/dist/extension.cjs"));
  });

  it("holds exactly what the extension runs and shows: an unexpected file fails this test", () => {
    const expected = [
      "[Content_Types].xml",
      "extension.vsixmanifest",
      "extension/LICENSE.txt",
      "extension/changelog.md",
      "extension/dist/extension.cjs",
      "extension/dist/server.cjs",
      "extension/docs/icon.png",
      "extension/docs/vscode-claims.png",
      "extension/docs/vscode-palette.png",
      "extension/docs/vscode-problems.png",
      "extension/package.json",
      "extension/readme.md",
      "extension/schemas/source-check.schema.json",
      "extension/server/sources/ctv-news.md",
      "extension/server/sources/naija-times.md",
      "extension/syntaxes/source-check.injection.json",
    ];
    assert.deepEqual(files, [...expected].sort());
  });

  it("shows the writer's README, whose every picture is inside the package", () => {
    const readme = readFileSync(join(unpacked, "extension/readme.md"), "utf8");
    assert.match(readme, /## Commands/);
    assert.doesNotMatch(readme, /npm ci|npm run|CONTRIBUTING|benchmark/i, "no developers' content");
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 3);
    for (const src of images) {
      assert.doesNotMatch(src, /^[a-z]+:/i, `a picture from outside the package: ${src}`);
      assert.ok(files.includes(`extension/${src}`), `${src} is not in the .vsix`);
    }
    // And every picture in the package is one the README shows.
    for (const f of files.filter((x) => x.startsWith("extension/docs/") && x !== "extension/docs/icon.png"))
      assert.ok(images.includes(f.slice("extension/".length)), `${f} is shipped but not shown`);
    const manifest = JSON.parse(readFileSync(join(unpacked, "extension/package.json"), "utf8")) as {
      icon: string;
      bugs: { url: string };
      homepage: string;
      categories: string[];
    };
    assert.ok(files.includes(`extension/${manifest.icon}`), "the icon is in the package");
    assert.ok(manifest.bugs.url && manifest.homepage);
    assert.ok(manifest.categories.includes("Linters"));
  });

  it("holds nothing of the development tree", () => {
    const stray = files.filter(
      (f) =>
        /(?:^|\/)node_modules\//.test(f) ||
        /^extension\/(?:out|test|src|client|bin|bench|scripts|examples)\//.test(f) ||
        /^extension\/server\/src\//.test(f) ||
        /\.(?:ts|map)$/.test(f),
    );
    assert.deepEqual(stray, []);
  });

  it("runs its server from the unpacked .vsix and reports news-brief.md's figure mismatch on line 9", async () => {
    const server = join(unpacked, "extension/dist/server.cjs");
    const child: ChildProcess = spawn(process.execPath, [server, "--stdio"], { cwd: unpacked, stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    const connection: MessageConnection = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const logs: string[] = [];
    connection.onNotification("window/logMessage", (p: { message: string }) => {
      logs.push(p.message);
    });
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => null));
    const brief = resolve(DRAFTS, "news-brief.md");
    const uri = fileUri(brief);
    const published = new Promise<PublishDiagnosticsParams>((done) =>
      connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
        if (p.uri === uri) done(p);
      }),
    );
    connection.listen();
    try {
      const init = await withTimeout(
        connection.sendRequest<InitializeResult>("initialize", {
          processId: process.pid,
          rootUri: fileUri(unpacked),
          workspaceFolders: [{ uri: fileUri(unpacked), name: "unpacked" }],
          capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } } },
          initializationOptions: { debounceMs: 0 },
        }),
        10000,
        `initialize (stderr: ${stderr})`,
      );
      assert.ok(init.capabilities.textDocumentSync !== undefined);
      await connection.sendNotification("initialized", {});
      await connection.sendNotification("textDocument/didOpen", {
        textDocument: { uri, languageId: "markdown", version: 1, text: readFileSync(brief, "utf8") },
      });
      const { diagnostics } = await withTimeout(published, 10000, `diagnostics (stderr: ${stderr}; log: ${logs.join(" | ")})`);
      const mismatch = diagnostics.find((d) => d.code === "figure-mismatch");
      assert.ok(mismatch, `no figure-mismatch among ${diagnostics.map((d) => d.code).join(", ")}`);
      assert.equal(mismatch.range.start.line, 8);
      assert.equal(mismatch.message, "CTV News Toronto says 30 countries, not 35.");
      // The bundled articles were found inside the .vsix, not in the repository.
      const related = await withTimeout(
        connection.sendRequest<{ uri: string } | null>("textDocument/definition", {
          textDocument: { uri },
          position: mismatch.range.start,
        }),
        10000,
        "go to source",
      );
      assert.equal(related?.uri, fileUri(join(unpacked, "extension/server/sources/ctv-news.md")));
      await withTimeout(connection.sendRequest("shutdown"), 3000, "shutdown");
      await connection.sendNotification("exit");
      assert.equal(await withTimeout(exited, 3000, "exit"), 0);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});
