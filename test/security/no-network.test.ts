// Nothing opens a network connection: check(), the CLI and the language server run in
// child processes with a preload (net-guard.ts) that records and refuses every socket,
// connection, name look-up and fetch; afterwards its log must be empty. A control
// shows the guard does catch a connection.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from "vscode-languageserver/node";

const ROOT = process.cwd();
const GUARD = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "net-guard.js")).href;
const INDEX = pathToFileURL(resolve(ROOT, "out/server/src/index.js")).href;
const SOURCES = pathToFileURL(resolve(ROOT, "out/server/src/node/sources.js")).href;
const DRAFTS = resolve(ROOT, "test/eval/public/drafts");
const EXAMPLE = resolve(ROOT, "examples/draft.md");

describe("security: no network", function () {
  this.timeout(60_000);
  let dir: string;
  let log: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "source-check-net-"));
    log = join(dir, "attempts.log");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const attempts = (): string => (existsSync(log) ? readFileSync(log, "utf8") : "");
  const node = (args: string[]) =>
    spawnSync(process.execPath, ["--import", GUARD, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NET_GUARD_LOG: log } });

  it("the guard catches a connection, a look-up and a fetch (control)", () => {
    const r = node([
      "--input-type=module",
      "-e",
      `import net from "node:net"; import dns from "node:dns";
       for (const f of [() => net.connect(80, "127.0.0.1"), () => new net.Socket().connect(80, "127.0.0.1"), () => dns.lookup("example.com", () => {}), () => fetch("http://example.com")])
         try { f(); } catch {}`,
    ]);
    assert.equal(r.status, 0, r.stderr);
    const lines = attempts().trim().split("\n");
    assert.equal(lines.length, 4, attempts());
    assert.match(attempts(), /net\.connect/);
    assert.match(attempts(), /dns\.lookup/);
    assert.match(attempts(), /fetch/);
  });

  it("check() on every public draft and the example", () => {
    const r = node([
      "--input-type=module",
      "-e",
      `import { readFileSync, readdirSync, existsSync } from "node:fs";
       const { check } = await import(${JSON.stringify(INDEX)});
       const { loadCorpus } = await import(${JSON.stringify(SOURCES)});
       const { corpus } = loadCorpus();
       const files = [${JSON.stringify(EXAMPLE)}, ...readdirSync(${JSON.stringify(DRAFTS)}).map((f) => ${JSON.stringify(DRAFTS)} + "/" + f)];
       let n = 0;
       for (const f of files) n += check(readFileSync(f, "utf8"), corpus).findings.length;
       console.log(n);`,
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(Number(r.stdout) > 0, "no findings: nothing was checked");
    assert.equal(attempts(), "");
  });

  it("the CLI in every format", () => {
    for (const format of ["stylish", "json", "sarif", "github"]) {
      const r = node([resolve(ROOT, "bin/source-check.js"), "--format", format, EXAMPLE, DRAFTS]);
      assert.equal(r.status, 1, `${format}: ${r.stderr}`);
      assert.ok(r.stdout.length > 0);
    }
    assert.equal(attempts(), "");
  });

  it("the language server: open, diagnostics, hover, code actions, completion, shutdown", async () => {
    const child = spawn(process.execPath, ["--import", GUARD, resolve(ROOT, "bin/source-check-server.js"), "--stdio"], {
      cwd: ROOT,
      env: { ...process.env, NET_GUARD_LOG: log },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const published = new Promise<unknown[]>((done) =>
      connection.onNotification("textDocument/publishDiagnostics", (p: { diagnostics: unknown[] }) => done(p.diagnostics)),
    );
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => null));
    connection.listen();
    try {
      const uri = pathToFileURL(EXAMPLE).href;
      await connection.sendRequest("initialize", {
        processId: process.pid,
        rootUri: pathToFileURL(ROOT).href,
        capabilities: {},
        initializationOptions: { debounceMs: 0 },
      });
      await connection.sendNotification("initialized", {});
      await connection.sendNotification("textDocument/didOpen", {
        textDocument: { uri, languageId: "markdown", version: 1, text: readFileSync(EXAMPLE, "utf8") },
      });
      const diagnostics = await published;
      assert.ok(diagnostics.length > 0);
      const range = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
      for (let line = 0; line < 20; line++)
        await connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line, character: 10 } });
      await connection.sendRequest("textDocument/codeAction", { textDocument: { uri }, range, context: { diagnostics } });
      await connection.sendRequest("textDocument/completion", { textDocument: { uri }, position: { line: 2, character: 1 } });
      await connection.sendRequest("textDocument/definition", { textDocument: { uri }, position: { line: 2, character: 10 } });
      await connection.sendRequest("shutdown");
      await connection.sendNotification("exit");
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
    assert.equal(attempts(), "");
  });
});
