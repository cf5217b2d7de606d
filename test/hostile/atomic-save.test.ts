// Issue 14, item 8: an atomic save lost a watched source. With no file watcher of the
// client's, the server watches its source folders itself; after a rename-replace (write
// a temporary file, rename it over the source, as vim and `git checkout` do) later
// writes to that file were ignored until a restart. Here, over stdio, the server sees
// each kind of save in turn: rename-replace, a plain write after it, a delete, and the
// file coming back.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TestClient } from "../lsp/client.js";

const source = (n: number) => `---\nid: harbour\ntitle: T\npublisher: Harbour Wire\n---\n\nThe harbour had ${n} lighthouses.\n`;

describe("hostile sources: item 8, the server's own watcher survives atomic saves and deletes", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "source-check-atomic-"));
    mkdirSync(join(dir, "sources", "sub"), { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("rechecks a draft after each: rename over, write, delete, write again (at the top and in a sub-folder)", async () => {
    for (const file of [join(dir, "sources", "harbour.md"), join(dir, "sources", "sub", "harbour.md")]) {
      writeFileSync(file, source(17));
      const client = await TestClient.start({
        initializationOptions: { debounceMs: 0, includeBundledSources: false, sources: [join(dir, "sources")] },
        workspaceFolders: [dir],
        watchRegistration: false,
      });
      try {
        const doc = client.open(join(dir, "draft.md"), "The harbour had 12 lighthouses [@harbour].\n");
        const says = async (what: RegExp, step: string) => {
          const p = await client
            .diagnostics(doc.uri, (d) => what.test(d.diagnostics.map((x) => x.message).join("\n")), 10_000)
            .catch(() => undefined);
          assert.ok(
            p,
            `after ${step} in ${file}: ${JSON.stringify(
              client.published
                .filter((x) => x.uri === doc.uri)
                .at(-1)
                ?.diagnostics.map((x) => x.message),
            )}`,
          );
        };
        await says(/says 17 lighthouses/, "opening");
        writeFileSync(file + ".tmp", source(18));
        renameSync(file + ".tmp", file);
        await says(/says 18 lighthouses/, "a rename-replace");
        writeFileSync(file, source(19));
        await says(/says 19 lighthouses/, "a write after the rename-replace");
        unlinkSync(file);
        await says(/No source has the id/, "a delete");
        writeFileSync(file, source(20));
        await says(/says 20 lighthouses/, "writing the file again");
        writeFileSync(file, source(21));
        await says(/says 21 lighthouses/, "a second write");
      } finally {
        await client.shutdown();
        rmSync(file, { force: true });
      }
    }
  });

  it("watches a sub-folder deleted and made again", async () => {
    const sub = join(dir, "sources", "again");
    mkdirSync(sub);
    writeFileSync(join(sub, "harbour.md"), source(30));
    const client = await TestClient.start({
      initializationOptions: { debounceMs: 0, includeBundledSources: false, sources: [join(dir, "sources")] },
      workspaceFolders: [dir],
      watchRegistration: false,
    });
    try {
      const doc = client.open(join(dir, "draft.md"), "The harbour had 12 lighthouses [@harbour].\n");
      const says = (what: RegExp) => client.diagnostics(doc.uri, (d) => what.test(d.diagnostics.map((x) => x.message).join("\n")), 10_000);
      await says(/says 30 lighthouses/);
      rmSync(sub, { recursive: true });
      await says(/No source has the id/);
      mkdirSync(sub);
      writeFileSync(join(sub, "harbour.md"), source(31));
      await says(/says 31 lighthouses/);
      writeFileSync(join(sub, "harbour.md"), source(32));
      await says(/says 32 lighthouses/);
    } finally {
      await client.shutdown();
      rmSync(sub, { recursive: true, force: true });
    }
  });
});
