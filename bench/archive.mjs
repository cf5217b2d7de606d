// `npm run bench -- --archive [--n 50000] [--million]`: the archive's figures (issue 17).
// N generated varied articles (bench/articles.mjs, deterministic) written once to a
// folder in the OS temp folder and reused; then, each in a fresh child process:
//   first index   updateIndex from nothing (the on-disk index), time and peak RSS
//   re-index      the same folders again, nothing changed (the incremental path)
//   warm open     DiskStore.open + the first selection, time and RSS
//   check         a 1k-word never-seen draft (its own seed, every cache emptied)
//                 against the bundled two alone, and against the bundled two plus the
//                 N-article index (median of 3 drafts each, same process): the ratio
// and, beside it, the same index built as SQLite FTS5 through node-sqlite3-wasm (the
// WebAssembly build): build time, file size, a draft's top-24 query. --million adds a
// 1,000,000-article index (built once, reused; about 4 GB of files, long).
// Writes bench/results/archive.md.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { article } from "./articles.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const log = (s) => process.stderr.write(`bench archive: ${s}\n`);

/** The folder of n generated articles, written once (1,000 files a sub-folder) and reused. */
export function generatedFolder(n) {
  const dir = join(tmpdir(), `source-check-bench-articles-${n}`);
  const done = join(dir, ".complete");
  if (existsSync(done)) return dir;
  rmSync(dir, { recursive: true, force: true });
  log(`writing ${n.toLocaleString("en-US")} articles to ${dir}`);
  for (let i = 0; i < n; i++) {
    const sub = join(dir, String(Math.floor(i / 1000)).padStart(4, "0"));
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    const a = article(i);
    writeFileSync(join(sub, a.name), a.text);
  }
  writeFileSync(done, "");
  return dir;
}

function child(mode, ...args) {
  const r = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", join(here, "archive-child.mjs"), mode, ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0)
    throw new Error(`archive-child ${mode} failed (${r.status}): ${r.stderr.trim().split("\n").slice(-6).join("\n").slice(-800)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

function folderBytes(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true }))
    n += e.isDirectory() ? folderBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return n;
}

export async function archiveBench(argv) {
  const at = argv.indexOf("--n");
  const sizes = [at >= 0 ? Number(argv[at + 1]) : 50_000];
  if (argv.includes("--million")) sizes.push(1_000_000);
  const rows = [];
  for (const n of sizes) {
    const folder = generatedFolder(n);
    const index = join(tmpdir(), `source-check-bench-index-${n}`);
    rmSync(index, { recursive: true, force: true });
    log(`first index of ${n}`);
    const first = child("index", index, folder);
    log(`re-index of ${n} (nothing changed)`);
    const again = child("index", index, folder);
    log(`warm open of ${n}`);
    const open = child("open", index);
    log(`1k-word checks: bundled two, then bundled two + ${n}`);
    const check = child("check", index);
    let sqlite;
    if (n <= 10_000) {
      log(`SQLite FTS5 (node-sqlite3-wasm) over ${n}`);
      sqlite = child("sqlite", join(tmpdir(), `source-check-bench-sqlite-${n}.db`), folder);
    }
    rows.push({ n, first, again, open, check, sqlite, indexBytes: folderBytes(index), folderBytes: folderBytes(folder) });
  }
  const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    "# The archive (issue 17)",
    "",
    `${cpus()[0]?.model.trim()}, ${cpus().length} cores, Node ${process.version}, load ${loadavg()[0].toFixed(2)} at the end. \`npm run bench -- --archive${argv.length ? " " + argv.join(" ") : ""}\`.`,
    "",
    "| articles | files | first index | per second | index on disk | peak RSS (index) | re-index, unchanged | warm open + first selection | RSS after open | 1k-word check: bundled two | bundled two + archive | ratio | RSS after checks |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.n.toLocaleString("en-US")} | ${mb(r.folderBytes)} | ${s(r.first.ms)} | ${Math.round(r.n / (r.first.ms / 1000)).toLocaleString("en-US")} | ${mb(r.indexBytes)} | ${mb(r.first.peakRss)} | ${s(r.again.ms)} | ${r.open.ms.toFixed(0)} ms | ${mb(r.open.rss)} | ${r.check.bundled.median.toFixed(0)} ms (${r.check.bundled.min.toFixed(0)}–${r.check.bundled.max.toFixed(0)}) | ${r.check.archive.median.toFixed(0)} ms (${r.check.archive.min.toFixed(0)}–${r.check.archive.max.toFixed(0)}), ${r.check.selected} sources selected | ${(r.check.archive.median / r.check.bundled.median).toFixed(2)}× | ${mb(r.check.rss)} |`,
    ),
    "",
    "SQLite FTS5 through node-sqlite3-wasm, the same selection terms, one row per article (built in one transaction):",
    "",
    "| articles | build | per second | file | a draft's top-24 query (median of 3) |",
    "| ---: | ---: | ---: | ---: | ---: |",
    ...rows
      .filter((r) => r.sqlite)
      .map(
        (r) =>
          `| ${r.n.toLocaleString("en-US")} | ${s(r.sqlite.buildMs)} | ${Math.round(r.n / (r.sqlite.buildMs / 1000)).toLocaleString("en-US")} | ${mb(r.sqlite.bytes)} | ${r.sqlite.queryMs.toFixed(1)} ms (own format: ${r.check.selectMs.toFixed(1)} ms) |`,
      ),
    "",
  ];
  const out = lines.join("\n");
  mkdirSync(join(here, "results"), { recursive: true });
  writeFileSync(join(here, "results/archive.md"), out);
  process.stdout.write(out);
}
