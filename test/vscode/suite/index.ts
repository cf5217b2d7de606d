// The extension-host suite's entry point: VS Code (desktop through
// @vscode/test-electron, or code-server in a browser) loads the bundled form of this
// file (out/vscode-suite/index.cjs, built by test/vscode/build-suite.mjs) inside its
// extension host and calls run(). Mocha is driven by hand: the `describe`/`it`
// globals are put in place, then each bundled test file is required, then the run.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { format } from "node:util";
import Mocha from "mocha";

/**
 * Every line the reporter prints starts with this, so a launcher can pick the suite's
 * output out of the workbench's log (code-server forwards the extension host's
 * console there); the summary line follows it too.
 */
export const MARK = "[source-check-suite] ";

export function run(): Promise<void> {
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(MARK + format(...args));
  const mocha = new Mocha({ ui: "bdd", color: false, timeout: 60_000, reporter: "spec" });
  const grep = process.env.SOURCE_CHECK_SUITE_GREP;
  if (grep) mocha.grep(grep);
  if (process.env.SOURCE_CHECK_SUITE_BAIL) mocha.bail(true);
  const dir = __dirname;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".test.cjs"))
    .sort()
    .map((f) => join(dir, f));
  for (const file of files) {
    mocha.suite.emit("pre-require", globalThis, file, mocha);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(file);
    mocha.suite.emit("post-require", globalThis, file, mocha);
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const s = runner.stats ?? { passes: 0, failures, pending: 0 };
      console.log(`${MARK}summary: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else if (s.passes === 0) reject(new Error("no extension-host test ran"));
      else resolve();
    });
  });
}
