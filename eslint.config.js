// ESLint (flat config) with typescript-eslint: `npm run lint` runs it, then
// dependency-cruiser (.dependency-cruiser.cjs) for the import graph's cycles and layers.
//
// The checker is pure: text and a corpus in, findings out. Its folders, the pure
// config logic and the modules beside them import no editor, no LSP connection, no
// file system, no processes and no network; the adapters (server/src/cli,
// server/src/lsp, client/) and the Node host (server/src/node) do their I/O for them.

import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** The checker's pure modules: the stages, the pure config logic, and the shared model. */
export const PURE = [
  "server/src/parsing/**",
  "server/src/claims/**",
  "server/src/corpus/**",
  "server/src/matching/**",
  "server/src/findings/**",
  "server/src/config/**",
  "server/src/index.ts",
  "server/src/model.ts",
  "server/src/memo.ts",
  "server/src/steps.ts",
];

const nodeModules = (names) => names.flatMap((n) => [n, `node:${n}`]);

const PURITY = {
  paths: [
    ...nodeModules(["fs", "fs/promises", "child_process", "net", "http", "https", "dgram", "worker_threads"]).map((name) => ({
      name,
      message: "The checker is pure: file, process and network access belong to the adapters (server/src/node, cli, lsp).",
    })),
    { name: "vscode", message: "The checker knows nothing of VS Code; only client/ imports it." },
    ...["vscode-languageserver-types", "vscode-languageserver-textdocument"].map((name) => ({
      name,
      allowTypeImports: true,
      message: "The checker may use protocol types (import type), never protocol code.",
    })),
  ],
  patterns: [
    {
      group: [
        "vscode-languageserver",
        "vscode-languageserver/*",
        "vscode-languageclient",
        "vscode-languageclient/*",
        "vscode-jsonrpc",
        "vscode-jsonrpc/*",
      ],
      message: "The checker knows nothing of LSP connections; server/src/lsp is the adapter.",
    },
  ],
};

export default tseslint.config(
  { ignores: ["out/**", "dist/**", "node_modules/**", ".vscode-test/**", "test/e2e/screenshots/**"] },
  {
    files: ["**/*.ts"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      // As tsc's noUnusedParameters: a leading underscore marks a parameter kept for its position.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    extends: [js.configs.recommended],
    // Plain JavaScript runs under Node; tsc does not check it, so only ESLint's own rules apply.
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        Buffer: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        fetch: "readonly",
      },
    },
  },
  {
    files: PURE,
    rules: { "@typescript-eslint/no-restricted-imports": ["error", PURITY] },
  },
);
