// Bundles the VS Code client (client/src/extension.ts and vscode-languageclient)
// into one CommonJS file, dist/extension.cjs, which package.json's "main" names.
// `vscode` is provided by the editor at run time. During development the client
// starts the tsc-compiled server in out/; scripts/package.mjs adds the bundled
// server beside this file for the .vsix.

import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const production = process.argv.includes("--production");

await build({
  absWorkingDir: root,
  entryPoints: ["client/src/extension.ts"],
  outfile: "dist/extension.cjs",
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  external: ["vscode"],
  sourcemap: !production,
  minify: production,
  logLevel: "warning",
});
