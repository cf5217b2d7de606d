// The guard rails hold: `npm run lint`'s two checks, run on code that breaks them.
// ESLint refuses file-system, process, network, editor and LSP imports in the checker's
// folders (and allows them in the adapters); dependency-cruiser refuses an import cycle
// and a stage importing a later one. Each probe is checked against the repository's own
// config, so loosening the config fails here.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { ESLint } from "eslint";

const REPO = process.cwd();

describe("guard rails: the checker stays pure", function () {
  this.timeout(120_000);
  let eslint: ESLint;
  before(() => {
    eslint = new ESLint({ cwd: REPO });
  });

  /** The rule ids ESLint reports for this text as if it were the file at `rel`. */
  async function lint(rel: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(REPO, rel) });
    return result.messages.map((m) => m.ruleId ?? m.message);
  }

  const IMPURE = [
    `import { readFileSync } from "node:fs";\nexport const read = readFileSync;\n`,
    `import * as fs from "fs";\nexport const read = fs.readFileSync;\n`,
    `import { spawn } from "node:child_process";\nexport const run = spawn;\n`,
    `import { connect } from "node:net";\nexport const dial = connect;\n`,
    `import * as vscode from "vscode";\nexport const editor = vscode;\n`,
    `import { createConnection } from "vscode-languageserver/node";\nexport const c = createConnection;\n`,
    `import { TextDocument } from "vscode-languageserver-textdocument";\nexport const doc = TextDocument.create("file:///a.md", "markdown", 1, "");\n`,
  ];

  for (const folder of ["parsing", "claims", "corpus", "matching", "findings", "config"]) {
    it(`refuses fs, processes, network, vscode and the LSP in server/src/${folder}`, async () => {
      for (const code of IMPURE) {
        assert.deepEqual(await lint(`server/src/${folder}/probe.ts`, code), ["@typescript-eslint/no-restricted-imports"], code);
      }
    });
  }

  it("allows the protocol's types as types, and everything in the adapters and the Node host", async () => {
    assert.deepEqual(
      await lint(
        "server/src/matching/probe.ts",
        `import type { TextDocument } from "vscode-languageserver-textdocument";\nexport type Doc = TextDocument;\n`,
      ),
      [],
    );
    for (const folder of ["node", "cli", "lsp"]) {
      assert.deepEqual(await lint(`server/src/${folder}/probe.ts`, IMPURE[0]), [], folder);
    }
  });
});

describe("guard rails: the import graph has no cycle and its stages in order", function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "source-check-layers-"));
    copyFileSync(join(REPO, "tsconfig.base.json"), join(dir, "tsconfig.base.json"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** dependency-cruiser with the repository's config on a made-up tree: its exit status and report. */
  function cruise(files: Record<string, string>): { status: number | null; out: string } {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    const bin = resolve(REPO, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");
    const r = spawnSync(process.execPath, [bin, "--config", join(REPO, ".dependency-cruiser.cjs"), "server/src"], {
      cwd: dir,
      encoding: "utf8",
    });
    if (r.error) throw r.error;
    return { status: r.status, out: r.stdout + r.stderr };
  }

  it("refuses a stage importing a later one and a cycle (type-only imports count), and nothing else", () => {
    const r = cruise({
      // Allowed: each imports an earlier stage.
      "server/src/parsing/words.ts": `export const w = 1;\n`,
      "server/src/findings/check.ts": `import { w } from "../parsing/words.js";\nexport const c = w;\n`,
      "server/src/lsp/server.ts": `import { c } from "../findings/check.js";\nexport const s = c;\n`,
      // Refused: parsing imports a later stage.
      "server/src/parsing/late.ts": `import { c } from "../findings/check.js";\nexport const l = c;\n`,
      // Refused: two files that import each other's types.
      "server/src/matching/a.ts": `import type { B } from "./b.js";\nexport interface A { b?: B }\n`,
      "server/src/matching/b.ts": `import type { A } from "./a.js";\nexport interface B { a?: A }\n`,
    });
    assert.notEqual(r.status, 0, r.out);
    const violations = r.out
      .split("\n")
      .filter((l) => /^\s*error /.test(l))
      .map((l) => l.trim().split(":")[0]);
    assert.deepEqual(violations.sort(), ["error no-cycle", "error parsing-before-later-stages"], r.out);
    assert.match(r.out, /parsing-before-later-stages: server\/src\/parsing\/late\.ts → server\/src\/findings\/check\.ts/);
  });
});
