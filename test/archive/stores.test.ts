// The three stores behind the corpus (corpus/store.ts) give the same findings: every
// labelled set under test/eval/ checked against its sources in memory, from an
// on-disk index built by `updateIndex`, and from a real PostgreSQL loaded by
// `updatePostgres` (a scratch server this test starts and stops). Then a corpus past
// `SELECT_ALL_UP_TO`, where selection is at work: the three stores select the same
// sources, and the findings are those of the whole corpus in memory. Also the CLI end
// to end: `source-check index` then a check with `--index`, and a config naming the
// PostgreSQL archive, against the check with `--sources`.

import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Corpus } from "../../server/src/corpus/corpus.js";
import { ArchiveCorpus, MemoryStore, SELECT_ALL_UP_TO, type CorpusStore } from "../../server/src/corpus/store.js";
import { checkDraft, draftSettings } from "../../server/src/config/draft-settings.js";
import { DEFAULT_MAX_FILE_SIZE } from "../../server/src/findings/limits.js";
import { bundledSourcesDir, loadCorpus, mergeSources, readSourceFolder } from "../../server/src/node/sources.js";
import { DiskStore, updateIndex } from "../../server/src/node/disk-index.js";
import { PostgresStore, updatePostgres } from "../../server/src/node/postgres-store.js";
import { MISSING, postgresBin, startPostgres, type RunningPostgres } from "./postgres.js";

const ROOT = process.cwd();
const CLI = resolve(ROOT, "bin/source-check.js");
const SETS = readdirSync(resolve(ROOT, "test/eval")).sort();

/** A set's drafts and where its sources are (the bundled articles where it has none of its own). */
function setOf(name: string): { drafts: string[]; sources: string; bundled: boolean } {
  const dir = resolve(ROOT, "test/eval", name);
  const own = join(dir, "sources");
  const drafts = readdirSync(join(dir, "drafts"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => join(dir, "drafts", f));
  return existsSync(own) ? { drafts, sources: own, bundled: false } : { drafts, sources: bundledSourcesDir(), bundled: true };
}

/** What a check found, as comparable text: every claim's verdict and every finding with its evidence and fixes. */
function findings(path: string, corpus: Corpus): string {
  const text = readFileSync(path, "utf8");
  const settings = draftSettings(path, undefined, { folders: [], defaults: { bundled: false, citationStyle: "footnote" } });
  const checked = checkDraft(text, corpus, settings, { maxFileSize: DEFAULT_MAX_FILE_SIZE });
  if ("refusal" in checked) return `refused: ${checked.refusal.message}`;
  return JSON.stringify({
    claims: checked.result.claims.map((c) => [c.claim.kind, c.claim.span, c.verdict ?? null]),
    findings: checked.result.findings,
  });
}

async function corpusFrom(store: CorpusStore, text: string): Promise<Corpus> {
  const archive = new ArchiveCorpus(Corpus.of([]), store);
  await archive.prefetch(text);
  return archive.corpusFor(text);
}

describe("archive: the same findings from memory, the on-disk index and PostgreSQL", function () {
  this.timeout(300_000);
  let pg: RunningPostgres | undefined;
  let scratch: string;
  const saved = { PGPASSWORD: process.env.PGPASSWORD };

  before(async function () {
    scratch = mkdtempSync(join(tmpdir(), "source-check-archive-"));
    const bin = postgresBin();
    if (!bin) {
      if (process.env.CI) throw new Error(MISSING);
      console.warn(`\n  !!! SKIPPING the PostgreSQL archive tests: ${MISSING}. (CI is unset, so this is a skip; in CI it fails.)\n`);
      this.skip();
    }
    pg = await startPostgres(bin);
    process.env.PGPASSWORD = pg.password;
  });

  after(() => {
    pg?.stop();
    if (saved.PGPASSWORD === undefined) delete process.env.PGPASSWORD;
    else process.env.PGPASSWORD = saved.PGPASSWORD;
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  for (const name of SETS) {
    it(`test/eval/${name}: every draft, identical findings from all three stores`, async () => {
      const set = setOf(name);
      const memory = loadCorpus({ bundled: set.bundled, folders: set.bundled ? [] : [set.sources] }).corpus;
      const indexDir = join(scratch, `index-${name}`);
      const built = updateIndex(indexDir, [set.sources]);
      assert.deepEqual(built.problems, []);
      const database = `set_${name.replace(/-/g, "_")}`;
      pg!.psql(`CREATE DATABASE ${database}`);
      const loaded = await updatePostgres(pg!.url(database), [set.sources]);
      assert.equal(loaded.total, memory.size);
      const disk = new DiskStore(indexDir);
      const postgres = new PostgresStore(pg!.url(database));
      try {
        for (const draft of set.drafts) {
          const text = readFileSync(draft, "utf8");
          const expected = findings(draft, memory);
          assert.ok(expected.includes('"code"'), `${draft}: the in-memory check found nothing to compare`);
          assert.equal(findings(draft, await corpusFrom(disk, text)), expected, `${draft}: on-disk index`);
          assert.equal(findings(draft, await corpusFrom(postgres, text)), expected, `${draft}: PostgreSQL`);
        }
      } finally {
        disk.close();
        await postgres.close();
      }
    });
  }

  it(`past ${SELECT_ALL_UP_TO} sources: the same selection from all three stores, and the whole corpus's findings`, async () => {
    const { article } = (await import(pathToFileURL(resolve(ROOT, "bench/articles.mjs")).href)) as {
      article: (n: number) => { name: string; text: string };
    };
    const generated = join(scratch, "generated");
    mkdirSync(generated);
    for (let n = 0; n < 150; n++) {
      const a = article(n);
      writeFileSync(join(generated, a.name), a.text);
    }
    const set = setOf("harbor-measles");
    const folders = [generated, set.sources];
    const merged = mergeSources(folders.map((f) => readSourceFolder(f)));
    const whole = Corpus.of(merged.sources);
    assert.ok(whole.size > SELECT_ALL_UP_TO);
    const indexDir = join(scratch, "index-big");
    updateIndex(indexDir, folders);
    pg!.psql("CREATE DATABASE big");
    await updatePostgres(pg!.url("big"), folders);
    const stores: [string, CorpusStore][] = [
      ["memory", new MemoryStore(merged.sources)],
      ["on-disk", new DiskStore(indexDir)],
      ["PostgreSQL", new PostgresStore(pg!.url("big"))],
    ];
    try {
      for (const draft of set.drafts) {
        const text = readFileSync(draft, "utf8");
        const expected = findings(draft, whole);
        const selections: string[] = [];
        for (const [what, store] of stores) {
          const corpus = await corpusFrom(store, text);
          assert.ok(corpus.size < whole.size, `${what}: selected ${corpus.size} of ${whole.size}`);
          selections.push(
            corpus.sources
              .map((s) => s.id)
              .sort()
              .join(" "),
          );
          assert.equal(findings(draft, corpus), expected, `${draft}: ${what} store against the whole corpus`);
        }
        assert.equal(selections[1], selections[0], `${draft}: on-disk selection`);
        assert.equal(selections[2], selections[0], `${draft}: PostgreSQL selection`);
      }
    } finally {
      for (const [, store] of stores) await store.close?.();
    }
  });

  it("the CLI: `source-check index` then `--index`, and a config naming the PostgreSQL archive, report what `--sources` does", () => {
    const set = setOf("stadium-verdict");
    const cli = (args: string[], cwd = ROOT, env = process.env) =>
      spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env });
    const expected = cli(["--format", "json", "--no-bundled", "--sources", set.sources, ...set.drafts]);
    assert.equal(expected.status, 1, expected.stderr);
    const indexDir = join(scratch, "cli-index");
    const built = cli(["index", "--index-dir", indexDir, set.sources]);
    assert.equal(built.status, 0, built.stderr);
    assert.match(built.stderr, /sources \(\d+ added, 0 changed, 0 removed, 0 unchanged\)/);
    const again = cli(["index", "--index-dir", indexDir, set.sources]);
    assert.match(again.stderr, /\(0 added, 0 changed, 0 removed, \d+ unchanged\)/);
    const fromIndex = cli(["--format", "json", "--no-bundled", "--index", indexDir, ...set.drafts]);
    assert.equal(fromIndex.status, 1, fromIndex.stderr);
    assert.equal(fromIndex.stdout, expected.stdout);

    // A newsroom's set-up: the config names the archive; the password is in the environment only.
    const room = join(scratch, "newsroom");
    mkdirSync(room);
    for (const d of set.drafts) cpSync(d, join(room, d.split("/").pop()!));
    pg!.psql("CREATE DATABASE newsroom");
    writeFileSync(join(room, ".source-check.json"), JSON.stringify({ bundled: false, archive: { postgres: pg!.url("newsroom") } }));
    const loaded = cli(["index", set.sources], room);
    assert.equal(loaded.status, 0, loaded.stderr);
    const drafts = readdirSync(room).filter((f) => f.endsWith(".md"));
    const fromPg = cli(["--format", "json", ...drafts], room);
    assert.equal(fromPg.status, 1, fromPg.stderr);
    const local = cli(["--format", "json", "--no-config", "--no-bundled", "--sources", set.sources, ...drafts], room);
    assert.equal(fromPg.stdout, local.stdout);
    const noPassword = cli(["--format", "json", ...drafts], room, { ...process.env, PGPASSWORD: "wrong" });
    assert.equal(noPassword.status, 2);
    assert.match(noPassword.stderr, /cannot be checked against the archive: cannot connect to the archive at postgresql:\/\/127\.0\.0\.1/);
  });

  it("a corrupt on-disk index is a message naming the file, and `index` rebuilds it", () => {
    const set = setOf("tollway-vote");
    const indexDir = join(scratch, "corrupt");
    updateIndex(indexDir, [set.sources]);
    writeFileSync(join(indexDir, "manifest.json"), "{ not json");
    const check = spawnSync(process.execPath, [CLI, "--no-bundled", "--index", indexDir, set.drafts[0]], { encoding: "utf8" });
    assert.equal(check.status, 2);
    assert.match(check.stderr, /manifest\.json is corrupt \(not valid JSON.*rebuild it with `source-check index <folders>`/);
    writeFileSync(join(indexDir, "postings.bin"), "xx");
    const rebuilt = updateIndex(indexDir, [set.sources]);
    assert.match(rebuilt.rebuilt ?? "", /manifest\.json is corrupt/);
    assert.ok(rebuilt.added > 0);
    const after = spawnSync(process.execPath, [CLI, "--format", "json", "--no-bundled", "--index", indexDir, set.drafts[0]], {
      encoding: "utf8",
    });
    assert.notEqual(after.status, 2, after.stderr);
    assert.ok(JSON.parse(after.stdout).files.length === 1);
  });
});
