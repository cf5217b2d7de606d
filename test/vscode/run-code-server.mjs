#!/usr/bin/env node
// `npm run test:vscode`: runs the extension-host suite (test/vscode/suite) inside
// code-server, VS Code's own workbench in headless Chromium with a Node extension
// host, the way @vscode/test-web does it: the page is opened with a `payload` that
// names the extension under development (this repository, built) and the tests; the
// workbench calls window.codeAutomationExit(code) when they end. The suite's output
// is printed, the last line is "N passed, N failed", and the exit code is the suite's.
//
//   SOURCE_CHECK_SERVER_PATH=/nonexistent npm run test:vscode   must fail (the client
//                           then finds no server, so no diagnostic ever arrives)
//   SOURCE_CHECK_SUITE_GREP=hover npm run test:vscode           runs matching tests only
//   SOURCE_CHECK_SUITE_BAIL=1                                    stops at the first failure
//   SOURCE_CHECK_E2E_TIMEOUT=300                                 seconds before giving up

import { format } from "node:util";
import { buildSuite } from "./build-suite.mjs";
import { ROOT, closingLine, launchChromium, missingPrerequisites, removeScratch, scratch, startCodeServer } from "./code-server.mjs";

const TIMEOUT_MS = Number(process.env.SOURCE_CHECK_E2E_TIMEOUT ?? 300) * 1000;
const MARK = "[source-check-suite] ";
const SUMMARY = /^summary: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?/;

async function main() {
  const missing = missingPrerequisites();
  if (missing.length) {
    for (const m of missing) console.error(m);
    console.log("0 passed, 1 failed");
    return 2;
  }
  const started = Date.now();
  const entry = await buildSuite();
  const s = scratch("source-check-vscode-");
  let server;
  let browser;
  let summary;
  try {
    // The extension host inherits code-server's environment: these reach the suite
    // and the client (SOURCE_CHECK_SERVER_PATH).
    const env = {
      SOURCE_CHECK_SUITE_GREP: process.env.SOURCE_CHECK_SUITE_GREP ?? "",
      SOURCE_CHECK_SUITE_BAIL: process.env.SOURCE_CHECK_SUITE_BAIL ?? "",
    };
    server = await startCodeServer(s, { env });
    const authority = `127.0.0.1:${server.port}`;
    const payload = [
      ["extensionDevelopmentPath", `vscode-remote://${authority}${ROOT}`],
      ["extensionTestsPath", `vscode-remote://${authority}${entry}`],
    ];
    const url = `${server.base}/?folder=${encodeURIComponent(s.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    console.log(`code-server ${server.base} (pid ${server.pid}), extension ${ROOT}, workspace ${s.workspace}`);

    browser = await launchChromium();
    const page = await browser.newPage();
    let finish;
    const exited = new Promise((done) => (finish = done));
    // The extension host's console reaches the workbench log, and through it
    // codeAutomationLog; the suite marks its own lines.
    const verbose = Boolean(process.env.SOURCE_CHECK_E2E_VERBOSE);
    page.on("console", (msg) => verbose && console.log(`[page] ${msg.text()}`));
    await page.exposeFunction("codeAutomationLog", (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      const at = text.indexOf(MARK);
      if (at >= 0) {
        const line = text.slice(at + MARK.length);
        const m = SUMMARY.exec(line);
        if (m) summary = { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) };
        else console.log(line);
      } else if (verbose || /Source Check|source-check/.test(text)) console.log(`[${type}] ${text}`);
    });
    await page.exposeFunction("codeAutomationExit", (code) => finish(code));
    await page.goto(url);
    let timer;
    const timeout = new Promise((done) => (timer = setTimeout(() => done("timeout"), TIMEOUT_MS)));
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (code === "timeout") {
      console.error(`the extension-host suite did not finish within ${TIMEOUT_MS / 1000} s`);
      return closingLine(summary, 1);
    }
    console.log(`extension-host suite exited ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return closingLine(summary, code);
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (process.env.SOURCE_CHECK_E2E_KEEP) console.log(`kept ${s.dir}`);
    else removeScratch(s);
  }
}

process.exitCode = await main().catch((e) => {
  console.error(e?.stack ?? String(e));
  console.log("0 passed, 1 failed");
  return 1;
});
