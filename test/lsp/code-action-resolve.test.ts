// Code actions resolved when picked (codeAction/resolve), over a real stdio connection:
// a client that announces resolveSupport for "edit" is offered titles and kinds only,
// and gets, for the action it picks, the very edit an eager client is offered with it.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { CodeAction, Diagnostic } from "vscode-languageserver/node";
import { DRAFTS, TestClient, fileUri, positionOf } from "./client.js";

const BRIEF = readFileSync(resolve(DRAFTS, "news-brief.md"), "utf8");
const FIX_ALL = "source.fixAll.sourceCheck";

describe("LSP code actions resolved when picked (codeAction/resolve)", function () {
  let lazy: TestClient;
  let eager: TestClient;
  before(async () => {
    lazy = await TestClient.start({ resolveCodeActions: true, initializationOptions: { debounceMs: 0 } });
    eager = await TestClient.start({ initializationOptions: { debounceMs: 0 } });
  });
  after(async () => {
    await lazy.shutdown();
    await eager.shutdown();
  });

  /** The quick fixes and the fix-all for “Three” (line 9), from one client. */
  async function actionsFor(client: TestClient, name: string): Promise<{ actions: CodeAction[]; diagnostics: Diagnostic[] }> {
    const doc = client.open(resolve(DRAFTS, name), BRIEF);
    const diagnostics = await client.diagnosticsFor(doc);
    const three = diagnostics.find((d) => d.code === "figure-unattributed" && d.range.start.line === 9);
    assert.ok(three, diagnostics.map((d) => `${d.range.start.line}:${String(d.code)}`).join(", "));
    const quick = await client.codeActions(doc.uri, three.range, [three], ["quickfix"]);
    const all = await client.codeActions(doc.uri, three.range, [], [FIX_ALL]);
    return { actions: [...quick, ...all], diagnostics };
  }

  it("announces resolving only to a client that resolves", () => {
    assert.deepEqual((lazy.initializeResult!.capabilities.codeActionProvider as { resolveProvider?: boolean }).resolveProvider, true);
    assert.deepEqual((eager.initializeResult!.capabilities.codeActionProvider as { resolveProvider?: boolean }).resolveProvider, false);
  });

  it("offers titles without edits, and resolves each to the edit an eager client gets", async () => {
    const offered = await actionsFor(lazy, "news-brief.resolve-lazy.md");
    const expected = await actionsFor(eager, "news-brief.resolve-eager.md");
    assert.deepEqual(
      offered.actions.map((a) => a.title),
      expected.actions.map((a) => a.title),
    );
    assert.ok(offered.actions.length >= 3, offered.actions.map((a) => a.title).join(" | "));
    for (const a of offered.actions) assert.equal(a.edit, undefined, `${a.title} came with its edit`);
    const lazyUri = fileUri(resolve(DRAFTS, "news-brief.resolve-lazy.md"));
    for (const [i, action] of offered.actions.entries()) {
      const resolved = await lazy.resolveCodeAction(action);
      const want = expected.actions[i].edit!.changes!;
      const [eagerUri] = Object.keys(want);
      assert.deepEqual(resolved.edit?.changes?.[lazyUri], want[eagerUri], `${action.title}: not the eager edit`);
    }
  });

  it("resolves an action offered for an older version to no edit", async () => {
    const { actions } = await actionsFor(lazy, "news-brief.resolve-stale.md");
    const uri = fileUri(resolve(DRAFTS, "news-brief.resolve-stale.md"));
    // A change that leaves the text as it was still makes a new version.
    const at = positionOf(lazy.document(uri), 0, "-");
    lazy.change(uri, [{ range: { start: at, end: at }, text: "" }]);
    await lazy.diagnosticsFor(lazy.document(uri));
    const resolved = await lazy.resolveCodeAction(actions[0]);
    assert.equal(resolved.edit, undefined);
    assert.equal(resolved.title, actions[0].title);
  });
});
