// code-server and Chromium for the real-editor tests (the extension-host suite in
// run-code-server.mjs, the UI run in test/e2e/ui-run.mjs). code-server is installed
// outside the repository by test/e2e/install-code-server.sh; Chromium is Debian's,
// driven by playwright-core. Everything started here runs on 127.0.0.1 only and is
// ended by stop(): code-server in its own process group (setsid), so the whole
// group goes, extension host and language server included.

import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const INSTALL_DIR = process.env.SOURCE_CHECK_E2E_DIR ?? "/opt/source-check-e2e";
export const CODE_SERVER = join(INSTALL_DIR, "node_modules/code-server/out/node/entry.js");
export const CHROMIUM = process.env.SOURCE_CHECK_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The drafts the tests open: the repository's example and the public news brief. */
export const DRAFTS = {
  "draft.md": join(ROOT, "examples/draft.md"),
  "news-brief.md": resolve(ROOT, "test/eval/public/drafts/news-brief.md"),
};

/** Says what is missing, in one line each, or nothing when all is there. */
export function missingPrerequisites({ needBuild = true } = {}) {
  const missing = [];
  if (!existsSync(CODE_SERVER)) missing.push(`code-server is not installed at ${INSTALL_DIR}: run test/e2e/install-code-server.sh`);
  if (!existsSync(CHROMIUM)) missing.push(`Chromium is not at ${CHROMIUM}: run test/e2e/install-code-server.sh (apt-get install chromium)`);
  if (needBuild && !existsSync(join(ROOT, "dist/extension.cjs"))) missing.push("dist/extension.cjs is missing: run npm run build");
  if (needBuild && !existsSync(join(ROOT, "out/server/src/lsp/server.js")))
    missing.push("out/server/src/lsp/server.js is missing: run npm run build");
  for (const [name, path] of Object.entries(DRAFTS)) if (!existsSync(path)) missing.push(`${name} is missing: ${path}`);
  return missing;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/**
 * A scratch folder for one run: user data, extensions, config, logs, and a workspace
 * holding copies of the drafts. Removed by stop().
 */
export function scratch(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const workspace = join(dir, "workspace");
  mkdirSync(workspace, { recursive: true });
  for (const [name, path] of Object.entries(DRAFTS)) copyFileSync(path, join(workspace, name));
  const user = join(dir, "user");
  mkdirSync(join(user, "User"), { recursive: true });
  // Quiet first start: no welcome page, no trust prompt, no update or telemetry calls.
  writeFileSync(
    join(user, "User/settings.json"),
    JSON.stringify(
      {
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": false,
        "workbench.enableExperiments": false,
        "security.workspace.trust.enabled": false,
        "telemetry.telemetryLevel": "off",
        "update.mode": "none",
        "extensions.autoCheckUpdates": false,
        "extensions.autoUpdate": false,
        "extensions.ignoreRecommendations": true,
        "git.enabled": false,
        "editor.hover.delay": 150,
        "workbench.reduceMotion": "on",
        "chat.disableAIFeatures": true,
      },
      null,
      2,
    ),
  );
  mkdirSync(join(dir, "ext"), { recursive: true });
  writeFileSync(join(dir, "config.yaml"), "auth: none\n");
  return { dir, workspace, user, extensions: join(dir, "ext") };
}

function codeServerArgs(s, more) {
  return [
    CODE_SERVER,
    "--auth",
    "none",
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    "--user-data-dir",
    s.user,
    "--extensions-dir",
    s.extensions,
    "--config",
    join(s.dir, "config.yaml"),
    ...more,
  ];
}

/** `code-server --install-extension file.vsix` into the scratch extensions folder. */
export function installVsix(s, vsix) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, codeServerArgs(s, ["--install-extension", vsix]), {
      env: { ...process.env, XDG_DATA_HOME: join(s.dir, "data") },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    const timer = setTimeout(() => killGroup(child.pid), 120_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      killGroup(child.pid);
      if (code === 0) done(out.trim());
      else fail(new Error(`code-server --install-extension ${vsix} exited ${code}:\n${out}`));
    });
  });
}

/** Ends a process group (ours were started detached, so their pid is the group id). */
export function killGroup(pid, signal = "SIGKILL") {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts code-server on 127.0.0.1 on a free port, in its own process group, and
 * waits for /healthz. `env` is added to its environment (the extension host and
 * the language server inherit it).
 */
export async function startCodeServer(s, { env = {}, folder = s.workspace } = {}) {
  const port = await freePort();
  const log = join(s.dir, "code-server.log");
  const fd = openSync(log, "a");
  const child = spawn(process.execPath, codeServerArgs(s, ["--bind-addr", `127.0.0.1:${port}`, folder]), {
    env: { ...process.env, XDG_DATA_HOME: join(s.dir, "data"), ...env },
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  const pid = child.pid;
  let exited = null;
  child.on("exit", (code, signal) => (exited = signal ?? code));
  const stopSync = () => killGroup(pid);
  process.once("exit", stopSync);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before answering /healthz:\n${readFileSync(log, "utf8")}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopSync();
      throw new Error(`code-server did not answer ${base}/healthz within 60 s:\n${readFileSync(log, "utf8")}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    base,
    log,
    pid,
    async stop() {
      process.removeListener("exit", stopSync);
      killGroup(pid, "SIGTERM");
      const until = Date.now() + 5_000;
      while (exited === null && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      killGroup(pid, "SIGKILL");
    },
  };
}

/** Debian's Chromium through playwright-core, headless, with no network of its own. */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export function removeScratch(s) {
  rmSync(s.dir, { recursive: true, force: true });
}

/**
 * Prints the closing line CI reads ("N passed, N failed") for a suite's summary and
 * returns the exit code: never 0 without a summary of a passing run.
 */
export function closingLine(summary, code) {
  if (!summary) {
    console.log("0 passed, 1 failed");
    return code === 0 ? 1 : code;
  }
  console.log(`${summary.passed} passed, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ""}`);
  return code;
}
