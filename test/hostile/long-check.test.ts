// A long check must not take the server hostage (issue 14, item 2). Over a real stdio
// connection, a draft that takes the server seconds to check (some 20,000 figures in
// 2,000 paragraphs, well inside the 1 MiB limit) is opened, and while its check runs:
// - other requests are answered before the check ends (its diagnostics come after);
// - a closed stdin, a parent process that has gone (the client gave no process id, and
//   stdin stays open), and SIGTERM each end the server before the check would have
//   published anything.
// Event order and relative time, not wall-clock: "answered before the long draft's
// diagnostics"; "gone without publishing them, in less than half the time the same
// check takes on this machine now" (measured first, in a server of its own). Every
// wait has a generous deadline for a loaded machine.

import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  type Hover,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver/node";
import { REPO, SERVER, delay, fileUri, withTimeout } from "../lsp/client.js";

/** A draft of `paragraphs` paragraphs of ten figures each, one a line: seconds of checking, in small parse chunks. */
function longDraft(paragraphs: number): string {
  const things = ["stations", "countries", "officers", "people", "cases", "homes", "jobs", "schools"];
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const lines: string[] = [];
    for (let i = 0; i < 10; i++) lines.push(`${((p * 10 + i) % 997) + 2} ${things[(p + i) % things.length]}`);
    out.push(lines.join("\n"));
  }
  return out.join("\n\n") + "\n";
}

const SMALL = "The RCMP says it is investigating reports of 54 police stations in 30 countries.\n";

interface Server {
  child: ChildProcess;
  connection: MessageConnection;
  /** Every message's kind in the order it arrived: "diagnostics <file>" or "answer <label>". */
  events: string[];
  exited: Promise<number | null>;
  stderr: () => string;
}

/**
 * A server over stdio, initialized on a scratch folder. `through` spawns it from a
 * wrapper process instead (which prints the server's pid on stderr), so that the
 * wrapper can be killed as a client would die.
 */
async function startServer(folder: string, { through = false, processId = null as number | null } = {}): Promise<Server & { pid: number }> {
  const child = through
    ? spawn(
        process.execPath,
        [
          "-e",
          `const c = require("node:child_process").spawn(process.execPath, [${JSON.stringify(SERVER)}, "--stdio"], { stdio: "inherit" });` +
            `process.stderr.write("server pid " + c.pid + "\\n"); setInterval(() => {}, 1 << 30);`,
        ],
        { cwd: REPO, stdio: ["pipe", "pipe", "pipe"] },
      )
    : spawn(process.execPath, [SERVER, "--stdio"], { cwd: REPO, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  let pid = through ? 0 : child.pid!;
  const gotPid = new Promise<void>((done) => {
    if (!through) return done();
    child.stderr!.on("data", (d: Buffer) => {
      const m = /server pid (\d+)/.exec((stderr += d.toString()));
      if (m) {
        pid = Number(m[1]);
        done();
      }
    });
  });
  if (!through) child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const events: string[] = [];
  connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
    events.push(`diagnostics ${p.uri.split("/").pop()} ${p.diagnostics.length}`);
  });
  connection.onRequest("client/registerCapability", () => null);
  connection.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => null));
  // A closed pipe is what these tests make happen: not an error of the test.
  connection.onError(() => undefined);
  child.stdin!.on("error", () => undefined);
  connection.listen();
  await withTimeout(gotPid, 20_000, "the wrapper's server pid");
  await withTimeout(
    connection.sendRequest("initialize", {
      processId,
      rootUri: fileUri(folder),
      workspaceFolders: [{ uri: fileUri(folder), name: "long" }],
      capabilities: {},
      initializationOptions: { debounceMs: 0 },
    }),
    20_000,
    `initialize (stderr: ${stderr})`,
  );
  void connection.sendNotification("initialized", {});
  return { child, connection, events, exited, stderr: () => stderr, pid };
}

function open(server: Server, path: string, text: string): string {
  const uri = fileUri(path);
  void server.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text } });
  return uri;
}

async function until(what: string, test: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms / 1000} s for ${what}`);
    await delay(20);
  }
}

/** Whether a process runs: it exists and is not a zombie waiting for its new parent to reap it. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return true;
  }
}

describe("a long check does not hold the server (issue 14, item 2)", function () {
  this.timeout(180_000);
  const draftText = longDraft(2_000);
  let folder: string;
  const servers: (Server & { pid: number })[] = [];
  /** How long the long draft's check takes here, from its opening to its diagnostics, in ms. */
  let checkMs = 0;
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), "source-check-long-"));
    // As the tests below do: the server warmed up on the small draft first.
    const server = await startServer(folder);
    servers.push(server);
    open(server, join(folder, "small.md"), SMALL);
    await until("the small draft's diagnostics", () => server.events.some((e) => e.startsWith("diagnostics small.md")));
    const opened = performance.now();
    open(server, join(folder, "long.md"), draftText);
    await until("the long draft's diagnostics", () => server.events.some((e) => e.startsWith("diagnostics long.md")), 150_000);
    checkMs = performance.now() - opened;
    console.log(
      `      the long draft (${draftText.length.toLocaleString("en")} characters) takes ${(checkMs / 1000).toFixed(1)} s to check here`,
    );
    await server.connection.sendRequest("shutdown");
    void server.connection.sendNotification("exit");
    await withTimeout(server.exited, 20_000, "the reference server's exit");
  });

  /** The server gone mid-check without publishing the long draft's diagnostics, in under half the time its check takes. */
  function assertGoneEarly(server: Server, goneMs: number, how: string): void {
    assert.ok(
      !server.events.some((e) => e.startsWith("diagnostics long.md")),
      `the server finished the long check before noticing ${how}: ${server.events.join(", ")}`,
    );
    assert.ok(
      goneMs < checkMs / 2,
      `the server took ${(goneMs / 1000).toFixed(1)} s to exit after ${how}, while the whole check takes ${(checkMs / 1000).toFixed(1)} s: it finished the check first`,
    );
  }
  after(() => {
    for (const s of servers) {
      if (running(s.pid)) process.kill(s.pid, "SIGKILL");
      if (s.child.exitCode === null) s.child.kill("SIGKILL");
    }
    rmSync(folder, { recursive: true, force: true });
  });

  /** A server with a small draft checked, then the long draft opened and its check under way. */
  async function serverMidCheck(options: { through?: boolean } = {}): Promise<Server & { pid: number }> {
    const server = await startServer(folder, options);
    servers.push(server);
    open(server, join(folder, "small.md"), SMALL);
    await until("the small draft's diagnostics", () => server.events.some((e) => e.startsWith("diagnostics small.md")));
    open(server, join(folder, "long.md"), draftText);
    // The check starts at once (a just-opened draft is not debounced) and runs for seconds.
    await delay(300);
    assert.ok(!server.events.some((e) => e.startsWith("diagnostics long.md")), "the long draft was checked at once: make it longer");
    return server;
  }

  it("answers other requests while it checks a long draft, and publishes the draft's diagnostics after", async () => {
    const server = await serverMidCheck();
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const sent = performance.now();
      const hover = await withTimeout(
        server.connection.sendRequest<Hover | null>("textDocument/hover", {
          textDocument: { uri: fileUri(join(folder, "small.md")) },
          position: { line: 0, character: 46 },
        }),
        120_000,
        "a hover during the long check",
      );
      latencies.push(performance.now() - sent);
      server.events.push(`answer hover ${i}`);
      assert.ok(hover && JSON.stringify(hover).includes("54"), "the hover on the small draft speaks of its figure");
    }
    await until("the long draft's diagnostics", () => server.events.some((e) => e.startsWith("diagnostics long.md")), 150_000);
    const order = server.events.filter((e) => !e.startsWith("diagnostics small.md"));
    const firstDiagnostics = order.findIndex((e) => e.startsWith("diagnostics long.md"));
    assert.deepEqual(
      order.slice(0, firstDiagnostics),
      [0, 1, 2, 3, 4].map((i) => `answer hover ${i}`),
      `every hover is answered before the long check ends: ${order.join(", ")}`,
    );
    assert.ok(Number(order[firstDiagnostics].split(" ")[2]) > 0, "the long draft gets its findings");
    console.log(`      hovers during the long check answered in ${latencies.map((ms) => ms.toFixed(0)).join(", ")} ms`);
    await server.connection.sendRequest("shutdown");
    void server.connection.sendNotification("exit");
    await withTimeout(server.exited, 20_000, "the server's exit");
  });

  it("exits mid-check when its stdin closes, without finishing the check", async () => {
    const server = await serverMidCheck();
    const closed = performance.now();
    server.child.stdin!.end();
    const code = await withTimeout(server.exited, 150_000, "the server's exit after stdin closed");
    assert.notEqual(code, null, "the server exited on its own, not by a signal");
    assertGoneEarly(server, performance.now() - closed, "its stdin closed");
  });

  it("exits mid-check when SIGTERM comes, without finishing the check", async () => {
    const server = await serverMidCheck();
    const sent = performance.now();
    server.child.kill("SIGTERM");
    await withTimeout(server.exited, 150_000, "the server's exit after SIGTERM");
    assertGoneEarly(server, performance.now() - sent, "SIGTERM");
  });

  it("exits mid-check when its parent process dies, though the client gave no process id and stdin stays open", async () => {
    const server = await serverMidCheck({ through: true });
    assert.ok(running(server.pid), "the server runs");
    // The wrapper dies as a crashed editor would; the test still holds the server's stdin and stdout.
    const killed = performance.now();
    server.child.kill("SIGKILL");
    await until("the orphaned server's exit", () => !running(server.pid), 150_000);
    assertGoneEarly(server, performance.now() - killed, "its parent died");
  });
});
