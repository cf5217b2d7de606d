// The server as a process: its command line, its capabilities, and that a bad
// request never brings it down.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { DRAFTS, SERVER, TestClient } from "./client.js";

describe("LSP server process", function () {
  it("prints its usage with --help", () => {
    const run = spawnSync(process.execPath, [SERVER, "--help"], { encoding: "utf8", timeout: 10000 });
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: source-check-server/);
    assert.match(run.stdout, /debounceMs/);
  });

  it("announces incremental sync, hover, definition, completion on @ and ^, quick fixes and fix-all", async () => {
    const client = await TestClient.start();
    try {
      const result = client.initializeResult!;
      const caps = result.capabilities;
      assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
      assert.equal(caps.hoverProvider, true);
      assert.equal(caps.definitionProvider, true);
      assert.deepEqual(caps.completionProvider?.triggerCharacters, ["@", "^"]);
      assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, [
        "quickfix",
        "source.fixAll.sourceCheck",
      ]);
      assert.equal(result.serverInfo?.name, "source-check");
    } finally {
      await client.shutdown();
    }
  });

  it("answers requests about documents it does not have, and keeps working", async () => {
    const client = await TestClient.start({ initializationOptions: { debounceMs: 0 } });
    try {
      const nowhere = "file:///nowhere/draft.md";
      const origin = { line: 0, character: 0 };
      assert.equal(await client.hover(nowhere, origin), null);
      assert.deepEqual(await client.codeActions(nowhere, { start: origin, end: origin }, []), []);
      assert.deepEqual(await client.completion(nowhere, origin), []);
      assert.equal(await client.definition(nowhere, { line: -1, character: -5 }), null);
      client.changeConfiguration({ sourceCheck: { sources: 42, debounceMs: "soon", citationStyle: "harvard" } });
      const doc = client.open(resolve(DRAFTS, "still-alive.md"), "China has opened 54 stations in 35 countries [@ctv-news].\n");
      const diagnostics = await client.diagnosticsFor(doc);
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        ["figure-mismatch"],
      );
    } finally {
      await client.shutdown();
    }
  });
});
