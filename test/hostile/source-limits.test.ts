// Issue 14, item 1: nothing limited a source. A FIFO named feed.md in a sources folder
// froze the CLI and the server; a link to /dev/zero was read until memory ran out (a
// device says it has 0 bytes, so a limit taken from stat let it through, as a draft
// too); a body of 10,000 `>` crashed the CLI (exit 1, nothing on stdout) and in the
// server emptied the corpus, so every draft said "No source has the id …" and the bad
// file was never named. Now only regular files are read, at most the limit plus one
// byte, a source is held to the drafts' limits, and a bad source is a problem named by
// its file while the rest load.

import assert from "node:assert/strict";
import { spawnSync, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN } from "../cli/helpers.js";
import { TestClient, fileUri } from "../lsp/client.js";
import { Corpus } from "../../server/src/corpus/corpus.js";
import { readSourceFile, isSourceProblem } from "../../server/src/corpus/source-file.js";
import { readSourceFolder } from "../../server/src/node/sources.js";

const GOOD = "---\nid: harbour-wire\ntitle: Harbour count\npublisher: Harbour Wire\n---\n\nThe harbour had 17 lighthouses in 2019.\n";
const front = (id: string) => `---\nid: ${id}\ntitle: T\npublisher: P\n---\n\n`;

describe("hostile sources: item 1, sources get the drafts' limits", function () {
  this.timeout(60_000);
  let dir: string;
  let sources: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "source-check-limits-"));
    sources = join(dir, "sources");
    mkdirSync(sources);
    writeFileSync(join(sources, "good.md"), GOOD);
    execFileSync("mkfifo", [join(sources, "feed.md")]);
    symlinkSync("/dev/zero", join(sources, "zero.md"));
    writeFileSync(join(sources, "quotes.md"), `${front("deep-quotes")}${">".repeat(10_000)} The harbour had 3 ferries.\n`);
    writeFileSync(join(sources, "list.md"), `${front("deep-list")}${"- ".repeat(3_000)}item\n`);
    writeFileSync(join(sources, "stars.md"), `${front("stars")}The harbour had ${"*".repeat(5_000)} 4 ferries.\n`);
    writeFileSync(join(sources, "big.md"), `${front("big")}${"The harbour had 5 ferries. ".repeat(1_000)}\n`);
    writeFileSync(join(dir, "draft.md"), "The harbour had 12 lighthouses [@harbour-wire].\n");
    execFileSync("mkfifo", [join(dir, "pipe.md")]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (args: string[]) =>
    spawnSync(process.execPath, [BIN, "--no-config", "--no-bundled", "--sources", "sources", "--format", "json", ...args], {
      cwd: dir,
      encoding: "utf8",
      timeout: 30_000,
    });

  it("the CLI names each bad source and its limit, and checks the draft against the rest, in seconds", () => {
    const started = Date.now();
    const r = cli(["--max-file-size", "20k", "draft.md"]);
    assert.equal(r.error, undefined, "the CLI did not finish within 30 s");
    assert.ok(Date.now() - started < 20_000);
    assert.equal(r.status, 2, r.stderr);
    const lines = r.stderr.trim().split("\n").sort();
    assert.deepEqual(
      lines,
      [
        "source-check: sources/big.md: source is 27,040 bytes, more than the limit of 20,480 bytes; not read",
        "source-check: sources/feed.md: source is a FIFO (named pipe), not a regular file; not read",
        "source-check: sources/list.md: source nests blockquotes or lists 3,000 deep (line 7), more than the limit of 100; not read",
        "source-check: sources/quotes.md: source nests blockquotes or lists 10,000 deep (line 7), more than the limit of 100; not read",
        "source-check: sources/stars.md: source has 5,000 emphasis marks (* or _) on line 7, more than the limit of 1,000; not read",
        // The link to /dev/zero is now refused for leaving the folder (item 3), before it is opened;
        // a device given as a draft is still refused as a device (below).
        `source-check: sources/zero.md: source is a link to /dev/zero, outside the source folder ${realpathSync(sources)}; not read`,
      ].sort(),
    );
    const out = JSON.parse(r.stdout) as { files: { findings: { code: string; message: string }[] }[] };
    assert.deepEqual(
      out.files[0].findings.map((f) => f.code),
      ["figure-mismatch"],
    );
  });

  it("the CLI refuses a draft that is a FIFO or a device, naming it (exit 2), without reading it", () => {
    symlinkSync("/dev/zero", join(dir, "zero-draft.md"));
    try {
      for (const [name, what] of [
        ["pipe.md", "a FIFO \\(named pipe\\)"],
        ["zero-draft.md", "a device"],
      ]) {
        const r = cli([name]);
        assert.equal(r.error, undefined, `the CLI hung on ${name}`);
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, new RegExp(`source-check: ${name.replace(".", "\\.")}: is ${what}, not a regular file; not checked\\n`));
      }
    } finally {
      rmSync(join(dir, "zero-draft.md"));
    }
  });

  it("a source whose indexing throws is left out and named; the other sources stay in the corpus", () => {
    const good = readSourceFile("/s/good.md", GOOD);
    const other = readSourceFile("/s/broken.md", `${front("broken")}The harbour had 3 ferries.\n`);
    assert.ok(!isSourceProblem(good) && !isSourceProblem(other));
    // A source the real indexer throws on (its text is not a string), given straight to the
    // corpus: before, the throw escaped Corpus.of and no source was left.
    const broken = { ...other, text: null as unknown as string };
    const corpus = Corpus.of([broken, good]);
    assert.deepEqual(
      corpus.sources.map((s) => s.id),
      ["harbour-wire"],
    );
    assert.equal(corpus.failures.length, 1);
    assert.equal(corpus.failures[0].path, "/s/broken.md");
    assert.match(corpus.failures[0].message, /^could not be read: the indexer failed \(.+\); left out$/);
  });

  it("readSourceFolder reads only the regular files within the limits", () => {
    const read = readSourceFolder(sources, false, 20_480);
    assert.deepEqual(
      read.sources.map((s) => s.id),
      ["harbour-wire"],
    );
    assert.equal(read.problems.length, 6);
  });

  it("the server names each bad source on its file and checks drafts against the rest", async () => {
    const client = await TestClient.start({
      initializationOptions: { debounceMs: 0, includeBundledSources: false, sources: [sources], maxFileSize: 20_480 },
      workspaceFolders: [dir],
    });
    try {
      const doc = client.open(join(dir, "draft.md"), "The harbour had 12 lighthouses [@harbour-wire].\n");
      const diagnostics = await client.diagnosticsFor(doc, 30_000);
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        ["figure-mismatch"],
        JSON.stringify(diagnostics),
      );
      for (const [file, message] of [
        ["feed.md", /it is a FIFO \(named pipe\), not a regular file; not read/],
        ["zero.md", /it is a link to \/dev\/zero, outside the source folder/],
        ["quotes.md", /it nests blockquotes or lists 10,000 deep/],
        ["stars.md", /5,000 emphasis marks/],
      ] as const) {
        const published = await client.diagnostics(fileUri(join(sources, file)), (p) => p.diagnostics.length > 0, 10_000);
        assert.match(String(published.diagnostics[0].message), message);
      }
    } finally {
      await client.shutdown();
    }
  });
});
