// Go to source with a client that serves bundled sources read-only (initializationOptions
// `readOnlySources`, as the VS Code client sends): bundled articles come back under the
// `source-check-source:` scheme, the writer's own sources stay `file:` URIs, and a
// client that does not ask gets `file:` URIs for all.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Location } from "vscode-languageserver/node";
import { BUNDLED_SOURCES, TestClient, fileUri, positionOf } from "./client.js";

const OWN = `---
id: harbour-herald
title: Lighthouses of the coast
publisher: Harbour Herald
---

The coast guard counted 17 lighthouses along the northern shore last year.
`;

const DRAFT =
  "# Coast\n\nThe coast guard counted 17 lighthouses along the northern shore.\nChina has opened 54 police stations in 35 countries [@ctv-news].\n";

describe("LSP go to source: bundled sources read-only", function () {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), "source-check-read-only-"));
    mkdirSync(join(root, "sources"));
    writeFileSync(join(root, "sources", "herald.md"), OWN);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const readOnly of [true, false]) {
    it(
      readOnly
        ? "links bundled sources as source-check-source: URIs when the client serves them"
        : "links every source as a file: URI otherwise",
      async () => {
        const client = await TestClient.start({
          workspaceFolders: [root],
          initializationOptions: { debounceMs: 0, sources: ["sources"], ...(readOnly ? { readOnlySources: true } : {}) },
        });
        try {
          const doc = client.open(join(root, `coast-${readOnly}.md`), DRAFT);
          const diagnostics = await client.diagnosticsFor(doc);
          const bundled = fileUri(join(BUNDLED_SOURCES, "ctv-news.md"));
          const expected = readOnly ? bundled.replace(/^file:/, "source-check-source:") : bundled;

          const fromCitation = (await client.definition(doc.uri, positionOf(doc, 3, "@ctv-news"))) as Location;
          assert.equal(fromCitation.uri, expected);
          const fromOwn = (await client.definition(doc.uri, positionOf(doc, 2, "17"))) as Location;
          assert.equal(fromOwn.uri, fileUri(join(root, "sources", "herald.md")));

          // Every diagnostic's go-to-source, as the editor asks for it.
          const related: string[] = [];
          for (const d of diagnostics) {
            const to = (await client.definition(doc.uri, d.range.start)) as Location | null;
            if (to) related.push(to.uri);
          }
          assert.ok(related.includes(expected), related.join(", "));
          assert.ok(!related.includes(readOnly ? bundled : expected.replace(/^file:/, "source-check-source:")), related.join(", "));
        } finally {
          await client.shutdown();
        }
      },
    );
  }
});
