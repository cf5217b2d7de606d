// One rule for a source set's ids, whoever loads it: the CLI reads its folders once,
// the language server updates them file by file, and after any change the server's
// corpus holds what a fresh load would (the first source in name order keeps an id).

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCorpus } from "../../server/src/node/sources.js";
import { WorkspaceSources } from "../../server/src/lsp/workspace-sources.js";
import { DEFAULT_SETTINGS } from "../../server/src/lsp/settings.js";
import { isDraftFile, isSourceFile } from "../../server/src/config/markdown-files.js";

const article = (id: string, figure: number): string =>
  `---\nid: ${id}\ntitle: Tides\npublisher: Tide Weekly\n---\n\nThe harbour recorded ${figure} high tides in March.\n`;

describe("source sets: the server's updates end where a fresh load starts", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "source-check-sets-"));
    mkdirSync(join(dir, "sources"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The server's view and a fresh load's, as (id, path) pairs and problem paths. */
  function views(sources: WorkspaceSources): { server: unknown; fresh: unknown } {
    const fresh = loadCorpus({ bundled: false, folders: [join(dir, "sources")] });
    return {
      server: { sources: sources.corpus.sources.map((s) => [s.id, s.path]), problems: [...sources.problemsByPath.keys()].sort() },
      fresh: { sources: fresh.corpus.sources.map((s) => [s.id, s.path]), problems: fresh.problems.map((p) => p.path).sort() },
    };
  }

  function load(): WorkspaceSources {
    const sources = new WorkspaceSources(() => undefined);
    sources.load({ ...DEFAULT_SETTINGS, includeBundledSources: false, sources: [join(dir, "sources")] }, []);
    return sources;
  }

  it("when the source that holds an id is deleted, the next one with that id takes it", () => {
    const first = join(dir, "sources", "a.md");
    const second = join(dir, "sources", "b.md");
    writeFileSync(first, article("tide-weekly", 12));
    writeFileSync(second, article("tide-weekly", 14));
    const sources = load();
    assert.deepEqual(
      sources.corpus.sources.map((s) => s.path),
      [first],
    );
    assert.deepEqual([...sources.problemsByPath.keys()], [second]);

    unlinkSync(first);
    sources.update(first, "deleted");
    const { server, fresh } = views(sources);
    assert.deepEqual(server, fresh);
    assert.deepEqual(
      sources.corpus.sources.map((s) => s.path),
      [second],
    );
  });

  it("a new file that sorts first takes the id, as it would in a fresh load", () => {
    const later = join(dir, "sources", "m.md");
    writeFileSync(later, article("tide-weekly", 12));
    const sources = load();
    const earlier = join(dir, "sources", "c.md");
    writeFileSync(earlier, article("tide-weekly", 14));
    sources.update(earlier, "created");
    const { server, fresh } = views(sources);
    assert.deepEqual(server, fresh);
    assert.deepEqual(
      sources.corpus.sources.map((s) => s.path),
      [earlier],
    );
  });

  it("one pattern says what a Markdown file is, .mdx included", () => {
    for (const name of ["a.md", "b.MARKDOWN", "c.mdx"]) assert.ok(isDraftFile(name) && isSourceFile(name), name);
    for (const name of ["d.txt", "e.md.bak", "mdx"]) assert.ok(!isDraftFile(name) && !isSourceFile(name), name);
  });
});
