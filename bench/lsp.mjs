// The language server, driven as an editor drives it: spawned over stdio with a
// minimal JSON-RPC client, a draft opened, then (a) single one-character edits, each
// timed to the publishDiagnostics for its version, and (b) a burst of keystrokes
// about 10 ms apart, timed from the last keystroke to the diagnostics for the last
// version. Every publish is weighed (its JSON in bytes), and the example draft
// (examples/draft.md) is opened too, for the size of its publish. Anything that goes
// wrong yields { skipped: reason }, never a throw.

import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { median, msSince, now } from "./measure.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** A promise that rejects after `ms`, without keeping the process alive. */
const deadline = (ms, message) => new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref());

/** Line and character (UTF-16) of an offset. */
function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

export async function benchLsp({
  root,
  workDir,
  draft,
  nodeArgs = [],
  debounceMs = 50,
  edits = 9,
  keystrokes = 200,
  intervalMs = 10,
  timeoutMs = 60_000,
}) {
  const bin = join(root, "bin/source-check-server.js");
  if (!existsSync(bin)) return { skipped: "bin/source-check-server.js does not exist (yet)" };
  let jsonrpc;
  try {
    jsonrpc = await import("vscode-jsonrpc/node");
  } catch (e) {
    return { skipped: `vscode-jsonrpc/node cannot be loaded (${e.message})` };
  }

  const child = spawn(process.execPath, [...nodeArgs, bin, "--stdio"], { cwd: workDir, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-2000)));
  let exited = null;
  const exitedPromise = new Promise((resolve) => child.on("exit", (code, signal) => resolve((exited = { code, signal }))));
  child.on("error", (e) => (exited = { error: e.message }));

  const connection = jsonrpc.createMessageConnection(
    new jsonrpc.StreamMessageReader(child.stdout),
    new jsonrpc.StreamMessageWriter(child.stdin),
  );
  const settings = { debounceMs };
  const uri = pathToFileURL(join(workDir, "lsp-draft.md")).href;
  const exampleUri = pathToFileURL(join(workDir, "example-draft.md")).href;
  /** Every publishDiagnostics for the draft: version, arrival, count, bytes. */
  const published = [];
  /** The example draft's publishes, weighed. */
  const examplePublished = [];
  let waiter;
  let exampleWaiter;
  const bytes = (p) => Buffer.byteLength(JSON.stringify(p));
  connection.onNotification("textDocument/publishDiagnostics", (p) => {
    if (p.uri === exampleUri) {
      examplePublished.push({ count: p.diagnostics.length, bytes: bytes(p) });
      exampleWaiter?.();
      return;
    }
    if (p.uri !== uri) return;
    published.push({ version: p.version, at: now(), count: p.diagnostics.length, bytes: bytes(p) });
    waiter?.();
  });
  connection.onNotification(() => {});
  connection.onRequest("workspace/configuration", (p) => p.items.map((item) => (item.section === "sourceCheck" ? settings : null)));
  connection.onRequest(() => null);
  connection.onError(() => {});
  connection.listen();

  /** The first publish, at or after index `from`, that matches; rejects on timeout or server exit. */
  const waitFor = (from, match) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`no diagnostics within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        if (exited) return done(new Error(`the server exited (${JSON.stringify(exited)}): ${stderr.trim().split("\n").pop() ?? ""}`));
        for (let i = from; i < published.length; i++) if (match(published[i])) return done(null, published[i]);
      };
      const done = (err, value) => {
        clearTimeout(timer);
        waiter = undefined;
        err ? reject(err) : resolve(value);
      };
      waiter = check;
      exitedPromise.then(check);
      check();
    });

  let text = draft;
  let version = 1;
  // Edits go at the end of a paragraph in the middle of the draft.
  let at = text.indexOf("\n\n", text.length >> 1);
  if (at < 0) at = text.length;
  const typed = " and the stations were noted";
  let typedIndex = 0;
  const type = () => {
    const ch = typed[typedIndex++ % typed.length];
    const pos = positionAt(text, at);
    text = text.slice(0, at) + ch + text.slice(at);
    at++;
    version++;
    connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: pos, end: pos }, text: ch }],
    });
    return version;
  };
  const sameVersion = (v) => (p) => p.version === v || p.version === undefined;
  /** The server's own counters (sourceCheck/stats), or undefined where it has none. */
  const stats = () =>
    Promise.race([connection.sendRequest("sourceCheck/stats"), deadline(5000, "no stats")])
      .catch(() => undefined)
      .then((s) => s ?? undefined);

  try {
    let t = now();
    await Promise.race([
      connection.sendRequest("initialize", {
        processId: process.pid,
        rootUri: pathToFileURL(workDir).href,
        workspaceFolders: [{ uri: pathToFileURL(workDir).href, name: "bench" }],
        capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
        initializationOptions: settings,
      }),
      deadline(timeoutMs, "no answer to initialize"),
      exitedPromise.then(() => Promise.reject(new Error(`the server exited: ${stderr.trim().split("\n").pop() ?? ""}`))),
    ]);
    const initializeMs = msSince(t);
    connection.sendNotification("initialized", {});

    t = now();
    connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version, text } });
    const opened = await waitFor(0, sameVersion(1));
    const openMs = Number(opened.at - t) / 1e6;
    const versioned = opened.version !== undefined;
    await sleep(200);

    // The example draft's publish: what an editor receives for examples/draft.md.
    let example;
    const exampleText = existsSync(join(root, "examples/draft.md")) ? readFileSync(join(root, "examples/draft.md"), "utf8") : undefined;
    if (exampleText !== undefined) {
      const got = new Promise((resolve) => {
        exampleWaiter = () => examplePublished.length > 0 && resolve(examplePublished[0]);
      });
      connection.sendNotification("textDocument/didOpen", {
        textDocument: { uri: exampleUri, languageId: "markdown", version: 1, text: exampleText },
      });
      example = await Promise.race([got, deadline(timeoutMs, "no diagnostics for the example draft")]);
      connection.sendNotification("textDocument/didClose", { textDocument: { uri: exampleUri } });
      await sleep(100);
    }
    const checksBefore = await stats();

    // (a) One character, then wait for its diagnostics; a pause between edits.
    const single = [];
    for (let i = 0; i < edits; i++) {
      const from = published.length;
      const start = now();
      const v = type();
      const p = await waitFor(from, sameVersion(v));
      single.push(Number(p.at - start) / 1e6);
      await sleep(debounceMs + 100);
    }

    const checksMid = await stats();
    // (b) A burst of keystrokes, each scheduled on a fixed grid from the start.
    const from = published.length;
    const burstStart = now();
    let last = 0;
    let lastAt = burstStart;
    for (let i = 0; i < keystrokes; i++) {
      const due = burstStart + BigInt(Math.round(i * intervalMs * 1e6));
      const wait = Number(due - now()) / 1e6;
      if (wait > 0) await sleep(wait);
      lastAt = now();
      last = type();
    }
    const burstMs = Number(lastAt - burstStart) / 1e6;
    const final = await waitFor(from, (p) => p.version === last || (p.version === undefined && p.at > lastAt));
    const publishesDuringBurst = published.slice(from).filter((p) => p.at <= lastAt).length;
    const checksAfter = await stats();

    return {
      debounceMs,
      versioned,
      initializeMs,
      openMs,
      singleMs: median(single),
      singleMin: Math.min(...single),
      singleRuns: single.length,
      keystrokes,
      intervalMs,
      burstMs,
      afterLastMs: Number(final.at - lastAt) / 1e6,
      publishesDuringBurst,
      diagnostics: final.count,
      publishBytes: final.bytes,
      example,
      // Checks the server ran for the single edits and the burst (from its sourceCheck/stats, where it answers).
      checksForEdits: checksBefore && checksMid ? checksMid.checks - checksBefore.checks : undefined,
      checksForBurst: checksMid && checksAfter ? checksAfter.checks - checksMid.checks : undefined,
      // The server's own time in check() per single edit: edit → diagnostics less the debounce less this is the protocol's share.
      // The server's own edit → push (its clock, from the change's arrival to the push), per single edit.
      serverEditToPushMs:
        checksBefore?.editToPush && checksMid?.editToPush
          ? (checksMid.editToPush.totalMs - checksBefore.editToPush.totalMs) /
            Math.max(1, checksMid.editToPush.count - checksBefore.editToPush.count)
          : undefined,
      checkMsPerEdit:
        checksBefore?.checkMs !== undefined && checksMid
          ? (checksMid.checkMs - checksBefore.checkMs) / Math.max(1, checksMid.checks - checksBefore.checks)
          : undefined,
    };
  } catch (e) {
    return { skipped: `the server did not answer as expected: ${e.message}` };
  } finally {
    try {
      if (!exited) {
        await Promise.race([connection.sendRequest("shutdown"), deadline(2000, "no answer to shutdown")]).catch(() => undefined);
        connection.sendNotification("exit");
      }
    } catch {
      // already gone
    }
    await Promise.race([exitedPromise, deadline(2000, "")]).catch(() => undefined);
    if (!exited) child.kill();
    connection.dispose();
  }
}
