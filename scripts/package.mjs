// `npm run package`: bundles the client, the language server and the CLI with
// esbuild into dist/, then builds source-check.vsix offline with vsce. The .vsix
// holds dist/, the bundled sources, the grammar, the schema, README and LICENSE
// (see .vscodeignore); no node_modules: every dependency is in the bundles.
//
//   dist/extension.cjs  the VS Code client (package.json "main"); `vscode` external
//   dist/server.cjs     the language server, forked by the client (node-ipc) or run
//                       as `node dist/server.cjs --stdio`
//   dist/cli.mjs        the command-line checker (`node dist/cli.mjs draft.md`)
//
// The server finds its bundled articles at ../server/sources from dist/ (see
// bundledSourcesDir() in server/src/node/sources.ts).

import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = process.argv.find((a) => a.startsWith("--out="))?.slice("--out=".length) ?? "source-check.vsix";

rmSync(join(root, "dist"), { recursive: true, force: true });

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  target: "node20",
  minify: true,
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
};

// The client: CommonJS, as VS Code loads extensions with require().
await build({
  ...common,
  entryPoints: ["client/src/extension.ts"],
  outfile: "dist/extension.cjs",
  format: "cjs",
  external: ["vscode"],
});

// The server: CommonJS too, so the client's node-module transport can fork it
// whatever the surrounding package.json says. The ESM-only dependencies (unified,
// remark, micromark) are bundled in. The sources use import.meta.url to find the
// bundled articles and to tell whether they were run directly; CommonJS has no
// import.meta, so it is defined from __filename.
await build({
  ...common,
  entryPoints: ["server/src/lsp/server.ts"],
  outfile: "dist/server.cjs",
  format: "cjs",
  define: { "import.meta.url": "__sourceCheckImportMetaUrl" },
  banner: { js: 'var __sourceCheckImportMetaUrl=require("node:url").pathToFileURL(__filename).href;' },
});

// The CLI: an ES module with a tiny entry; main.ts reads the version from
// ../../../../package.json relative to its compiled file, which from dist/ is
// ../package.json.
await build({
  ...common,
  stdin: {
    contents: [
      'import { main } from "./server/src/cli/main.ts";',
      "process.exitCode = await main(process.argv.slice(2), {",
      "  stdout: (s) => process.stdout.write(s),",
      "  stderr: (s) => process.stderr.write(s),",
      "  cwd: process.cwd(),",
      "});",
    ].join("\n"),
    resolveDir: root,
    sourcefile: "cli-entry.ts",
    loader: "ts",
  },
  outfile: "dist/cli.mjs",
  format: "esm",
  // pg's optional native binding is never used (the archive's client is pure JavaScript).
  external: ["pg-native"],
  banner: {
    js: '#!/usr/bin/env node\nimport { createRequire as __sourceCheckCreateRequire } from "node:module";\nconst require = __sourceCheckCreateRequire(import.meta.url);',
  },
  plugins: [
    {
      name: "cli-package-json",
      setup(b) {
        b.onLoad({ filter: /server[\\/]src[\\/]cli[\\/]main\.ts$/ }, (args) => ({
          contents: readFileSync(args.path, "utf8").replace('"../../../../package.json"', '"../package.json"'),
          loader: "ts",
        }));
      },
    },
  ],
});

// vsce: offline, no dependency walk (everything is bundled).
execFileSync(
  process.platform === "win32" ? "npx.cmd" : "npx",
  [
    "--no-install",
    "vsce",
    "package",
    "--no-dependencies",
    "--out",
    out,
    // The extension's page is the writer's README, not the developers'; its pictures load
    // from inside the package (their paths are relative to its root), never from a URL.
    "--readme-path",
    "client/README.md",
    "--no-rewrite-relative-links",
  ],
  {
    cwd: root,
    stdio: "inherit",
  },
);

const size = statSync(join(root, out)).size;
console.log(`${out}: ${(size / 1024).toFixed(1)} KiB`);
