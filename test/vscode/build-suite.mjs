// Bundles the extension-host suite (test/vscode/suite/*.ts) into CommonJS files in
// out/vscode-suite/: index.cjs (run(), with Mocha bundled in) and one *.test.cjs per
// test file. VS Code loads an extension's test entry as CommonJS when it ends in
// .cjs, and `require("vscode")` inside it is answered by the extension host, so
// `vscode` stays external. tsc type-checks the same files during `npm run build`.

import { build } from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const SUITE_OUT = join(ROOT, "out/vscode-suite");
export const SUITE_ENTRY = join(SUITE_OUT, "index.cjs");

export async function buildSuite() {
  const dir = join(ROOT, "test/vscode/suite");
  const entries = readdirSync(dir)
    .filter((f) => f === "index.ts" || f.endsWith(".test.ts"))
    .map((f) => join(dir, f));
  rmSync(SUITE_OUT, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: entries,
    outdir: SUITE_OUT,
    outExtension: { ".js": ".cjs" },
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    external: ["vscode"],
    sourcemap: "inline",
    logLevel: "warning",
    // Mocha's parallel mode (require.resolve of its worker files) is never used here.
    logOverride: { "require-resolve-not-external": "silent" },
  });
  return SUITE_ENTRY;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await buildSuite());
}
