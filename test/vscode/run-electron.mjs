#!/usr/bin/env node
// `npm run test:electron`: runs the extension-host suite (test/vscode/suite) in VS
// Code desktop through @vscode/test-electron, which downloads VS Code (cached in
// .vscode-test/) and starts it with this repository as the extension under
// development. It needs to reach VS Code's download servers: where it cannot (as on
// this project's own machines, whose network reaches the package registries only),
// it says so in one line and exits 3, and `npm run test:vscode` runs the same suite
// in code-server instead. On a Linux machine with no display, run it under xvfb-run.
//
//   SOURCE_CHECK_VSCODE_VERSION=stable   which VS Code (default 1.100.3, code-server's)
//   SOURCE_CHECK_SERVER_PATH, SOURCE_CHECK_SUITE_GREP, SOURCE_CHECK_SUITE_BAIL as for
//   run-code-server.mjs.

import { downloadAndUnzipVSCode, runTests } from "@vscode/test-electron";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { buildSuite } from "./build-suite.mjs";
import { ROOT, closingLine, removeScratch, scratch } from "./code-server.mjs";

export const CANNOT_DOWNLOAD = 3;
const VERSION = process.env.SOURCE_CHECK_VSCODE_VERSION ?? "1.100.3";
const MARK = "[source-check-suite] ";
const SUMMARY = /^summary: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?/;

async function main() {
  for (const built of ["dist/extension.cjs", "out/server/src/lsp/server.js"]) {
    if (!existsSync(join(ROOT, built))) {
      console.error(`${built} is missing: run npm run build`);
      console.log("0 passed, 1 failed");
      return 2;
    }
  }
  let vscodeExecutablePath;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: VERSION, cachePath: join(ROOT, ".vscode-test") });
  } catch (e) {
    const reason = String(e?.message ?? e).split("\n")[0];
    console.error(`VS Code ${VERSION} cannot be downloaded here (${reason}); run the same suite in code-server with npm run test:vscode.`);
    return CANNOT_DOWNLOAD;
  }

  const entry = await buildSuite();
  const s = scratch("source-check-electron-");
  let summary;
  let pending = "";
  // The suite's lines arrive on VS Code's stdout marked; print them plain and keep the summary.
  const stdout = new Writable({
    write(chunk, _enc, done) {
      pending += chunk.toString();
      let nl;
      while ((nl = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const at = line.indexOf(MARK);
        const text = at >= 0 ? line.slice(at + MARK.length) : line;
        const m = at >= 0 ? SUMMARY.exec(text) : null;
        if (m) summary = { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) };
        else if (at >= 0 || process.env.SOURCE_CHECK_E2E_VERBOSE) process.stdout.write(`${text}\n`);
      }
      done();
    },
  });
  let code;
  try {
    code = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: entry,
      // A fresh profile each run (test-electron adds --disable-workspace-trust, --skip-welcome, …).
      launchArgs: [s.workspace, `--user-data-dir=${s.user}`, `--extensions-dir=${s.extensions}`],
      extensionTestsEnv: {
        SOURCE_CHECK_SUITE_GREP: process.env.SOURCE_CHECK_SUITE_GREP ?? "",
        SOURCE_CHECK_SUITE_BAIL: process.env.SOURCE_CHECK_SUITE_BAIL ?? "",
        ...(process.env.SOURCE_CHECK_SERVER_PATH ? { SOURCE_CHECK_SERVER_PATH: process.env.SOURCE_CHECK_SERVER_PATH } : {}),
      },
      stdout,
    });
  } catch (e) {
    // runTests rejects with "Test run failed with code N" when the suite fails.
    console.error(String(e?.message ?? e));
    code = 1;
  } finally {
    removeScratch(s);
  }
  return closingLine(summary, code);
}

process.exitCode = await main().catch((e) => {
  console.error(e?.stack ?? String(e));
  console.log("0 passed, 1 failed");
  return 1;
});
