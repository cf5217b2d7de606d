// The language server under abuse: 10,000 rapid edits, edits out of range, requests
// for unknown and closed documents, malformed and cancelled requests, drafts it will
// not check. It answers each (an error where one is due) and stays alive, and its
// memory stays flat across the edits (measured from /proc and from the server's
// own `sourceCheck/memoryUsage`; the numbers are printed).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { CancellationTokenSource, ErrorCodes, type Diagnostic } from "vscode-languageserver/node";
import { DRAFTS, TestClient, delay, hoverText, positionOf, withTimeout } from "../lsp/client.js";

const BRIEF = resolve(DRAFTS, "news-brief.md");

/** The server's resident set size in kB, from /proc (Linux), or undefined elsewhere. */
function rssKb(pid: number | undefined): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

interface Memory {
  rss: number;
  heapUsed: number;
}

async function alive(client: TestClient, uri: string): Promise<void> {
  const hover = await withTimeout(client.hover(uri, { line: 8, character: 40 }), 10_000, "a hover after the abuse");
  assert.ok(hover === null || typeof hover === "object");
}

describe("the server under abuse", function () {
  this.timeout(120_000);
  let client: TestClient;
  before(async () => {
    // --expose-gc lets sourceCheck/memoryUsage collect garbage first, so heap figures compare.
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${saved ?? ""} --expose-gc`.trim();
    try {
      client = await TestClient.start({ initializationOptions: { debounceMs: 20 } });
    } finally {
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
  });
  after(() => client.shutdown());

  it("takes 10,000 rapid edits, ends on the right diagnostics, and its memory stays flat", async () => {
    const text = readFileSync(BRIEF, "utf8");
    const doc = client.open(resolve(DRAFTS, "abuse.md"), text);
    const expected = await client.diagnosticsFor(doc, 10_000);
    const pid = (client as unknown as { child: { pid?: number } }).child.pid;
    const memory = async (): Promise<Memory> => {
      const usage = await client.connection.sendRequest<NodeJS.MemoryUsage>("sourceCheck/memoryUsage");
      return { rss: rssKb(pid) ?? Math.round(usage.rss / 1024), heapUsed: Math.round(usage.heapUsed / 1024) };
    };
    // Warm up: the first thousand edits fill the caches a running server keeps.
    const edit = async (n: number): Promise<void> => {
      let typed = "";
      for (let i = 0; i < n; i++) {
        const current = client.document(doc.uri);
        // Type a new number at the end of line 3, then delete it: every version is new,
        // every other one is the original.
        const line = 2;
        const end = current.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, "").length;
        if (i % 2 === 0) {
          typed = ` ${i + Math.random().toString().slice(2, 8)}`;
          client.change(doc.uri, [{ range: { start: { line, character: end }, end: { line, character: end } }, text: typed }]);
        } else {
          client.change(doc.uri, [{ range: { start: { line, character: end - typed.length }, end: { line, character: end } }, text: "" }]);
        }
        // Now and then a request, which checks the (new) version it finds.
        if (i % 100 === 50) await client.hover(doc.uri, { line: 8, character: 40 });
      }
    };
    await edit(1000);
    await delay(300);
    const before = await memory();
    await edit(5_000);
    await delay(300);
    const middle = await memory();
    await edit(5_000);
    const last = client.document(doc.uri);
    assert.equal(last.getText(), text);
    const diagnostics: Diagnostic[] = await client.diagnosticsFor(last, 20_000);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range, d.message]),
      expected.map((d) => [d.code, d.range, d.message]),
    );
    await delay(300);
    const after = await memory();
    console.log(
      `      memory across 10,000 edits: RSS ${before.rss} kB → ${middle.rss} kB after 5,000 → ${after.rss} kB after 10,000; ` +
        `heap used ${before.heapUsed} kB → ${middle.heapUsed} kB → ${after.heapUsed} kB`,
    );
    // Flat: no growth with the number of edits (a leak of even 1 kB an edit would be 10 MB).
    assert.ok(after.rss - before.rss < 40 * 1024, `RSS grew by ${after.rss - before.rss} kB`);
    assert.ok(after.heapUsed - before.heapUsed < 20 * 1024, `heap grew by ${after.heapUsed - before.heapUsed} kB`);
  });

  it("clamps edits with out-of-range positions and keeps checking", async () => {
    const doc = client.open(resolve(DRAFTS, "out-of-range.md"), "China runs 35 police stations in 30 countries [@ctv-news].\n");
    await client.diagnosticsFor(doc);
    const far = { line: 10_000, character: 10_000 };
    void client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: doc.uri, version: 2 },
      contentChanges: [
        { range: { start: far, end: far }, text: "\nMore text." },
        { range: { start: { line: -5, character: -5 }, end: { line: 0, character: 0 } }, text: "" },
        { range: { start: { line: 0, character: 99_999 }, end: { line: 0, character: 5 } }, text: "" },
      ],
    });
    const published = await client.diagnostics(doc.uri, (p) => p.version === 2, 10_000);
    assert.ok(Array.isArray(published.diagnostics));
    // A change without a version, and one for a document never opened: ignored, no crash.
    void client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: doc.uri }, contentChanges: [{ text: "x" }] });
    void client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: "file:///nowhere/never-opened.md", version: 3 },
      contentChanges: [{ text: "x" }],
    });
    void client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: "file:///nowhere/never-opened.md" } });
    await alive(client, doc.uri);
  });

  it("answers requests for unknown and closed documents with nothing, and malformed ones with InvalidParams", async () => {
    const unknown = "file:///nowhere/unknown.md";
    assert.equal(await client.hover(unknown, { line: 0, character: 0 }), null);
    assert.equal(await client.definition(unknown, { line: 0, character: 0 }), null);
    assert.deepEqual(await client.codeActions(unknown, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []), []);
    assert.deepEqual(await client.completion(unknown, { line: 0, character: 0 }), []);

    const doc = client.open(resolve(DRAFTS, "closed.md"), readFileSync(BRIEF, "utf8"));
    await client.diagnosticsFor(doc);
    client.close(doc.uri);
    assert.equal(await client.hover(doc.uri, { line: 8, character: 40 }), null);
    assert.deepEqual(await client.codeActions(doc.uri, { start: { line: 8, character: 0 }, end: { line: 8, character: 80 } }, []), []);

    const invalid = async (method: string, params: unknown): Promise<void> => {
      await assert.rejects(
        client.connection.sendRequest(method, params),
        (e: { code?: number }) => e.code === ErrorCodes.InvalidParams,
        `${method} ${JSON.stringify(params)}`,
      );
    };
    await invalid("textDocument/hover", {});
    await invalid("textDocument/hover", { textDocument: { uri: unknown } });
    await invalid("textDocument/hover", { textDocument: { uri: unknown }, position: { line: "x", character: 0 } });
    await invalid("textDocument/definition", { textDocument: {}, position: { line: 0, character: 0 } });
    await invalid("textDocument/codeAction", { textDocument: { uri: unknown }, range: null, context: { diagnostics: [] } });
    await invalid("textDocument/completion", null);
    // A position far outside a real document is clamped, not an error.
    const open = client.open(resolve(DRAFTS, "open.md"), readFileSync(BRIEF, "utf8"));
    await client.diagnosticsFor(open);
    await client.hover(open.uri, { line: 1_000_000, character: 1_000_000 });
    await client.hover(open.uri, { line: -1, character: -1 });
    // An unknown method is MethodNotFound, as JSON-RPC says.
    await assert.rejects(
      client.connection.sendRequest("sourceCheck/noSuchThing", {}),
      (e: { code?: number }) => e.code === ErrorCodes.MethodNotFound,
    );
    await alive(client, open.uri);
  });

  it("survives cancelled requests: each gets a result or a RequestCancelled error, and the server answers afterwards", async () => {
    const doc = client.open(resolve(DRAFTS, "cancelled.md"), readFileSync(BRIEF, "utf8"));
    await client.diagnosticsFor(doc);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => {
        const source = new CancellationTokenSource();
        const request = client.connection.sendRequest(
          "textDocument/hover",
          { textDocument: { uri: doc.uri }, position: { line: 8, character: i % 80 } },
          source.token,
        );
        source.cancel();
        return request;
      }),
    );
    for (const o of outcomes) {
      if (o.status === "rejected") assert.equal((o.reason as { code?: number }).code, -32800 /* RequestCancelled */, String(o.reason));
    }
    assert.match(hoverText(await client.hover(doc.uri, positionOf(doc, 8, "35"))), /30 countries/);
  });

  it("tells the writer, in one warning on line 1, that a draft over sourceCheck.maxFileSize was not checked", async () => {
    const small = await TestClient.start({ initializationOptions: { debounceMs: 0, maxFileSize: 2000 } });
    try {
      const doc = small.open(resolve(DRAFTS, "too-big.md"), readFileSync(BRIEF, "utf8").repeat(3));
      const diagnostics = await small.diagnosticsFor(doc, 10_000);
      assert.equal(diagnostics.length, 1);
      assert.deepEqual(diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.equal(diagnostics[0].severity, 2 /* Warning */);
      assert.match(
        String(diagnostics[0].message),
        /^Source Check did not check this draft: it is [\d,]+ bytes, more than the limit of 2,000 bytes \(sourceCheck\.maxFileSize\)\.$/,
      );
      assert.equal(await small.hover(doc.uri, { line: 8, character: 40 }), null);
      // Cut down to size: checked again.
      const fixed = small.change(doc.uri, [
        {
          range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) },
          text: "China runs 35 police stations [@ctv-news].\n",
        },
      ]);
      const after = await small.diagnosticsFor(fixed, 10_000);
      assert.deepEqual(
        after.map((d) => d.code),
        ["figure-mismatch"],
      );
    } finally {
      await small.shutdown();
    }
  });

  it("tells the writer about too-deep nesting and a 10 MB draft, and answers quickly afterwards", async () => {
    const deep = client.open(resolve(DRAFTS, "deep.md"), `${"> ".repeat(10_000)}54 stations\n`);
    const d = await client.diagnosticsFor(deep, 10_000);
    assert.equal(d.length, 1);
    assert.match(
      String(d[0].message),
      /^Source Check did not check this draft: it nests blockquotes or lists 10,000 deep \(line 1\), more than the limit of 100\.$/,
    );
    const huge = client.open(resolve(DRAFTS, "huge.md"), "China runs 54 police stations.\n".repeat(340_000));
    const h = await client.diagnosticsFor(huge, 20_000);
    assert.equal(h.length, 1);
    assert.match(String(h[0].message), /it is 10,540,000 bytes, more than the limit of 1,048,576 bytes \(sourceCheck\.maxFileSize\)/);
    const lone = client.open(resolve(DRAFTS, "lone.md"), "China runs 5\uD800 police stations \uDC00 [@ctv-news].\n");
    await client.diagnosticsFor(lone, 10_000);
    await alive(client, lone.uri);
  });
});
