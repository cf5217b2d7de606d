// One measurement of bench/archive.mjs, in a process of its own; prints one JSON line.
//   index <dir> <folder>    updateIndex, timed, with the process's peak RSS
//   open <dir>              DiskStore.open and a first selection, timed, with RSS
//   check <dir>             1k-word never-seen checks: the bundled two, then with the archive
//   sqlite <file> <folder>  the same selection terms in SQLite FTS5 (node-sqlite3-wasm)

import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { draft } from "./articles.mjs";

const [mode, ...args] = process.argv.slice(2);
const now = () => performance.now();
const { updateIndex, DiskStore } = await import("../out/server/src/node/disk-index.js");
const { ArchiveCorpus, draftQuery, sourceTerms } = await import("../out/server/src/corpus/store.js");
/** A selection term as one FTS5 token ("id:gen-1" → "id_gen_1"). */
const token = (term) => term.replace(/[^\p{L}\p{N}]/gu, "_");
const out = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s.at(-1) };
};

if (mode === "index") {
  const [dir, folder] = args;
  const t = now();
  const report = updateIndex(dir, [folder]);
  out({
    ms: now() - t,
    peakRss: process.resourceUsage().maxRSS * 1024,
    total: report.total,
    added: report.added,
    problems: report.problems.length,
  });
} else if (mode === "open") {
  const [dir] = args;
  const t = now();
  const store = new DiskStore(dir);
  store.open();
  const selected = store.select(draftQuery(draft(1000, 5))).sources.length;
  out({ ms: now() - t, rss: process.memoryUsage().rss, selected });
} else if (mode === "check") {
  const [dir] = args;
  const { check, forgetAll } = await import("../out/server/src/index.js");
  const { loadCorpus } = await import("../out/server/src/node/sources.js");
  const base = loadCorpus().corpus;
  // Warm the JIT on drafts of their own, then time never-seen drafts with every cache emptied.
  check(draft(1000, 1), base);
  const bundled = [];
  for (const seed of [11, 12, 13]) {
    const text = draft(1000, seed);
    forgetAll();
    globalThis.gc?.();
    const t = now();
    check(text, base);
    bundled.push(now() - t);
  }
  const store = new DiskStore(dir);
  const archive = new ArchiveCorpus(base, store);
  check(draft(1000, 2), archive.corpusFor(draft(1000, 2)));
  const times = [];
  const selects = [];
  let selected = 0;
  for (const seed of [21, 22, 23]) {
    const text = draft(1000, seed);
    forgetAll();
    globalThis.gc?.();
    const s = now();
    store.select(draftQuery(text));
    selects.push(now() - s);
    const t = now();
    const corpus = archive.corpusFor(text);
    check(text, corpus);
    times.push(now() - t);
    selected = archive.last?.selected ?? 0;
  }
  out({ bundled: median(bundled), archive: median(times), selectMs: median(selects).median, selected, rss: process.memoryUsage().rss });
} else if (mode === "sqlite") {
  const [file, folder] = args;
  const { Database } = (await import("node-sqlite3-wasm")).default;
  rmSync(file, { force: true });
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)))
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith(".md")) files.push(join(d, e.name));
  };
  walk(folder);
  const { readSourceFile } = await import("../out/server/src/corpus/source-file.js");
  const t = now();
  const db = new Database(file);
  db.exec(
    `CREATE TABLE sources (ordinal INTEGER PRIMARY KEY, path TEXT, record TEXT); CREATE VIRTUAL TABLE terms USING fts5(words, tokenize = "unicode61 tokenchars '_'");`,
  );
  db.exec("BEGIN");
  const insert = db.prepare("INSERT INTO sources (ordinal, path, record) VALUES (?, ?, ?)");
  const insertTerms = db.prepare("INSERT INTO terms (rowid, words) VALUES (?, ?)");
  files.forEach((path, i) => {
    const source = readSourceFile(path, readFileSync(path, "utf8"));
    insert.run([i, path, JSON.stringify(source)]);
    insertTerms.run([i, sourceTerms(source).map(token).join(" ")]);
  });
  insert.finalize();
  insertTerms.finalize();
  db.exec("COMMIT");
  const buildMs = now() - t;
  const queries = [];
  for (const seed of [21, 22, 23]) {
    const terms = draftQuery(draft(1000, seed)).terms.map((x) => `"${token(x)}"`);
    const q = now();
    db.all("SELECT rowid FROM terms WHERE words MATCH ? ORDER BY bm25(terms) LIMIT 24", [terms.join(" OR ")]);
    queries.push(now() - q);
  }
  db.close();
  out({ buildMs, bytes: statSync(file).size, queryMs: median(queries).median });
}
