// Issue 14, item 10, the small ones: terminal escape sequences from a source's front
// matter reached the stylish output and stderr as they were (a terminal obeys them); a
// YAML `!!js/function` tag printed the yaml library's multi-line warning, naming no file;
// code-action requests with a malformed `only` or `diagnostics` logged a TypeError
// instead of answering InvalidParams.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ErrorCodes } from "vscode-languageserver/node";
import { BIN } from "../cli/helpers.js";
import { DRAFTS, TestClient } from "../lsp/client.js";

/** Any control character a terminal acts on: C0 but tab and newline, DEL, C1, bidi overrides. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("hostile sources: item 10, the small ones", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "source-check-small-"));
    mkdirSync(join(dir, "sources"));
    const source = (name: string, text: string) => writeFileSync(join(dir, "sources", name), text);
    // YAML double-quoted strings turn \e into ESC and \a into BEL.
    source(
      "esc.md",
      '---\nid: esc\ntitle: "Clear\\e[2J"\npublisher: "Wire\\e[31mRED\\e]0;pwned\\a\\u202Eevil"\n---\n\nThe harbour had 17 lighthouses.\n',
    );
    source("bad-id.md", '---\nid: "bad\\e]0;pwned\\a\\x9b31m"\ntitle: T\npublisher: P\n---\n\nThe harbour had 17 ferries.\n');
    source(
      "fn.md",
      '---\nid: fn\ntitle: !!js/function "function () { return 1 }"\npublisher: Wire\n---\n\nThe harbour had 17 lighthouses.\n',
    );
    writeFileSync(join(dir, "draft.md"), "The harbour had 12 lighthouses [@esc].\n");
    writeFileSync(join(dir, "draft\u001b[2J.md"), "The harbour had 12 lighthouses [@esc].\n");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (args: string[]) =>
    spawnSync(process.execPath, [BIN, "--no-config", "--no-bundled", "--sources", "sources", ...args], {
      cwd: dir,
      encoding: "utf8",
      timeout: 30_000,
      env: { ...process.env, NO_COLOR: "1" },
    });

  it("prints no terminal control sequence from a source or a file name, in stylish output, github output and stderr: each shows as its code", () => {
    for (const format of ["stylish", "github"]) {
      const r = cli(["--format", format, "draft.md", "draft\u001b[2J.md"]);
      assert.equal(r.status, 2, r.stderr);
      assert.doesNotMatch(r.stdout, CONTROL, `${format} stdout: ${JSON.stringify(r.stdout)}`);
      assert.doesNotMatch(r.stderr, CONTROL, `stderr: ${JSON.stringify(r.stderr)}`);
      assert.match(r.stdout, /Wire\\x1B\[31mRED\\x1B\]0;pwned\\x07\\u202Eevil says 17 lighthouses, not 12/);
      assert.match(r.stdout, /draft\\x1B\[2J\.md/);
      assert.match(r.stderr, /bad-id\.md: source has id "bad\\x1B\]0;pwned\\x07\\x9B31m"/);
    }
    // JSON keeps the text exactly (JSON escapes control characters itself).
    const json = cli(["--format", "json", "draft.md"]);
    assert.ok(JSON.parse(json.stdout).files[0].findings[0].message.startsWith("Wire\u001b[31mRED"));
  });

  it("reports a !!js/function tag in one line naming the file, and loads the other sources", () => {
    const r = cli(["--format", "json", "draft.md"]);
    const lines = r.stderr.split("\n").filter((l) => l !== "");
    const about = lines.filter((l) => /fn\.md|js\/function|YAML|warning/i.test(l));
    assert.deepEqual(about, [
      "source-check: sources/fn.md: source has front matter YAML that is not plain fields: Unresolved tag: tag:yaml.org,2002:js/function at line 2, column 8",
    ]);
    assert.ok(
      lines.every((l) => l.startsWith("source-check: ")),
      r.stderr,
    );
    assert.equal(JSON.parse(r.stdout).files[0].findings[0].code, "figure-mismatch");
  });

  it("answers code actions with a malformed only or diagnostics with InvalidParams, and logs no error", async () => {
    const client = await TestClient.start();
    try {
      const doc = client.open(resolve(DRAFTS, "small-ones.md"), "China runs 54 police stations in 30 countries.\n");
      await client.diagnosticsFor(doc);
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } };
      const malformed = [
        { diagnostics: [], only: "quickfix" },
        { diagnostics: [], only: [7] },
        { diagnostics: null },
        { diagnostics: "x" },
        { diagnostics: [null] },
        { diagnostics: [{ message: "no range" }] },
        {},
        null,
      ];
      for (const context of malformed) {
        await assert.rejects(
          client.connection.sendRequest("textDocument/codeAction", { textDocument: { uri: doc.uri }, range, context }),
          (e: { code?: number }) => e.code === ErrorCodes.InvalidParams,
          JSON.stringify(context),
        );
      }
      const fine = await client.connection.sendRequest("textDocument/codeAction", {
        textDocument: { uri: doc.uri },
        range,
        context: { diagnostics: [], only: ["quickfix"] },
      });
      assert.ok(Array.isArray(fine));
      assert.deepEqual(
        client.logs.filter((l) => /TypeError|failed/.test(l)),
        [],
      );
    } finally {
      await client.shutdown();
    }
  });
});
