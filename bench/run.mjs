// `npm run bench` (after `npm run build`): how fast Source Check is, and against
// what. Four parts, each reported as figures and ratios, never asserted:
//   1. check() against a bare remark-parse per draft size (a public draft; 1k, 10k, 100k words
//      of repetitive and of varied text): never-seen checks, cached re-checks and edits apart;
//   2. the corpus at 1,000 and 10,000 extra sources: index build, memory, check();
//   3. the language server: keystroke to diagnostics, against its debounce;
//   4. the CLI from a cold start, beside markdownlint-cli2, and over 1,000 drafts.
// Writes bench/results/latest.md and bench/results/latest.svg.
// `--quick` leaves out the 100k-word draft and the 10,000-source corpus; `--lsp` runs
// part 3 alone (with its floor), for work on the language server.
// `--doubling` runs the doubling benchmark instead (bench/doubling.mjs: does each
// stage's time double, not quadruple, when its input doubles?).
// `--archive [--n 50000] [--million]` runs the archive's figures instead (bench/archive.mjs:
// first index, warm open, RSS, a 1k-word check against the archive vs the bundled two).

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { arch, cpus, loadavg, platform, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { unified } from "unified";
import remarkParse from "remark-parse";
import { countWords, editedCopy, generateDraft, STORY_DIRS } from "./generate.mjs";
import { measure, msSince, now } from "./measure.mjs";
import { benchLsp } from "./lsp.mjs";
import { benchCli } from "./cli.mjs";
import { markdownReport, svgChart } from "./report.mjs";

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv.includes("--doubling")) {
  const { doubling } = await import("./doubling.mjs");
  await doubling(process.argv.slice(2).filter((a) => a !== "--doubling"));
  process.exit(0);
}
if (process.argv.includes("--archive")) {
  const { archiveBench } = await import("./archive.mjs");
  await archiveBench(process.argv.slice(2).filter((a) => a !== "--archive"));
  process.exit(0);
}
const root = join(here, "..");
const quick = process.argv.includes("--quick");
const lspOnly = process.argv.includes("--lsp");
const progress = (s) => process.stderr.write(`bench: ${s}\n`);

if (!existsSync(join(root, "out/server/src/index.js"))) {
  process.stderr.write("bench: out/ is missing; run `npm run build` first.\n");
  process.exit(1);
}
const { check, forgetAll } = await import("../out/server/src/index.js");
const { loadCorpus } = await import("../out/server/src/node/sources.js");

const started = now();
const machine = {
  cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
  cores: cpus().length,
  node: process.version,
  platform: `${platform()} ${arch()}`,
  load: loadavg()[0],
};

// 1. Per draft size: never-seen checks, cached re-checks and one-word edits, apart.
// A never-seen check gets a draft generated with a seed no other run used, with every
// cache of the pipeline emptied before it (forgetAll): what a first check of a new
// draft costs in a warm process. The floor parses the very same drafts. "Repetitive"
// drafts recombine the two bundled articles (one story); "varied" ones draw on every
// story in the repository, checked against all of their sources.
const { corpus } = loadCorpus();
const variedCorpus = loadCorpus({ folders: STORY_DIRS.slice(1) }).corpus;
const floorParser = unified().use(remarkParse);
const drafts = [];
const publicDir = join(root, "test/eval/public/drafts");
{
  const longest = readdirSync(publicDir)
    .filter((f) => f.endsWith(".md"))
    .map((f) => ({ name: f, text: readFileSync(join(publicDir, f), "utf8") }))
    .sort((a, b) => b.text.length - a.text.length || a.name.localeCompare(b.name))[0];
  // A real draft has no seeded siblings: its never-seen runs are the same text with every cache emptied.
  if (longest) drafts.push({ name: `public: ${longest.name}`, make: () => longest.text, corpus, warmup: 10, runs: 31 });
}
for (const [words, warmup, runs, big] of [
  [1_000, 10, 21, false],
  [10_000, 3, 9, false],
  [100_000, 1, 3, true],
]) {
  if (big && quick) continue;
  const label = words >= 1000 ? `${words / 1000}k` : String(words);
  drafts.push({ name: `repetitive ${label}`, make: (i) => generateDraft(words, 1_000 + i), corpus, warmup, runs });
  drafts.push({
    name: `varied ${label}`,
    make: (i) => generateDraft(words, 5_000 + i, { varied: true }),
    corpus: variedCorpus,
    warmup,
    runs,
  });
}

const sizes = [];
for (const d of lspOnly ? [] : drafts) {
  progress(`drafts: ${d.name}`);
  const budgetMs = 20_000;
  const opts = { warmup: d.warmup, runs: d.runs, budgetMs };
  const never = (i) => {
    forgetAll();
    return d.make(i);
  };
  const floor = measure((text) => floorParser.parse(text), { ...opts, input: (i) => d.make(i) });
  const fresh = measure((text) => check(text, d.corpus), { ...opts, input: never });
  const text = d.make(0);
  check(text, d.corpus);
  const cached = measure(() => check(text, d.corpus), opts);
  const edited = measure((t) => check(t, d.corpus), { ...opts, input: (i) => editedCopy(text, i) });
  const result = check(text, d.corpus);
  sizes.push({
    name: d.name,
    words: countWords(text),
    runs: Math.min(floor.runs, fresh.runs, cached.runs, edited.runs),
    floor,
    fresh,
    cached,
    edited,
    claims: result.claims.length,
    findings: result.findings.length,
  });
}

// 2. Corpus size, each in a child process with --expose-gc, stopped at a deadline:
// the child prints a line per stage, so a stopped child still reports its index build.
function runCorpusChild(extra, deadlineMs, checkBudgetMs) {
  return new Promise((resolve) => {
    const args = [
      "--expose-gc",
      "--max-old-space-size=8192",
      join(here, "corpus-child.mjs"),
      String(extra),
      "10000",
      String(checkBudgetMs),
    ];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const t = now();
    let stdout = "";
    let stderr = "";
    let stopped = false;
    let lastLineAt = t;
    child.stdout.on("data", (d) => {
      stdout += d;
      if (String(d).includes("\n")) lastLineAt = now();
    });
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
    const timer = setTimeout(() => {
      stopped = true;
      child.kill();
    }, deadlineMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      const lines = stdout.trim().split("\n").filter(Boolean);
      let last;
      try {
        last = lines.length ? JSON.parse(lines.at(-1)) : undefined;
      } catch {
        last = undefined;
      }
      if (!last)
        resolve({
          extra,
          skipped: stopped
            ? `no result within ${Math.round(deadlineMs / 1000)} s`
            : `the child failed (${code}): ${stderr.trim().split("\n").pop() ?? ""}`,
        });
      // Stopped: the stage after the last one reported ran for this long without finishing.
      else resolve({ ...last, stoppedAfterMs: stopped ? msSince(lastLineAt) : undefined });
    });
  });
}

const corpusRows = [];
for (const [extra, deadlineMs, checkBudgetMs] of lspOnly
  ? []
  : quick
    ? [
        [0, 60_000, 5_000],
        [1_000, 60_000, 10_000],
      ]
    : [
        [0, 60_000, 5_000],
        [1_000, 90_000, 20_000],
        [10_000, 90_000, 20_000],
      ]) {
  progress(`corpus: ${extra} extra sources (stopped after ${deadlineMs / 1000} s at the latest)`);
  corpusRows.push(await runCorpusChild(extra, deadlineMs, checkBudgetMs));
}

// 3 and 4 need files on disk: a temporary folder, removed at the end.
const workDir = mkdtempSync(join(tmpdir(), "source-check-bench-"));
let lsp;
let cli;
try {
  progress("language server");
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const lspDraft = generateDraft(10_000, 10_000);
  lsp = await benchLsp({ root, workDir, nodeArgs, draft: lspDraft });
  // Beside it, in this process: the parse floor of the same draft, and check() after a
  // one-word edit (the rest cached), which the server's edit → diagnostics adds to its debounce.
  if (!lsp.skipped) {
    forgetAll();
    lsp.floor = measure((text) => floorParser.parse(text), { warmup: 3, runs: 9, input: () => lspDraft });
    check(lspDraft, corpus);
    lsp.edit = measure((t) => check(t, corpus), { warmup: 3, runs: 9, input: (i) => editedCopy(lspDraft, i) });
  }
  if (lspOnly) {
    cli = { skipped: "--lsp" };
  } else {
    progress("CLI");
    try {
      cli = benchCli({ root, workDir });
    } catch (e) {
      cli = { skipped: e.message.split("\n")[0] };
    }
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const report = markdownReport({ machine, sizes, corpus: corpusRows, lsp, cli, totalMs: msSince(started) });
// A partial run (--lsp) prints its report but leaves the committed results alone.
const results = join(here, lspOnly ? "results/partial" : "results");
mkdirSync(results, { recursive: true });
writeFileSync(join(results, "latest.md"), report);
writeFileSync(join(results, "latest.svg"), svgChart(sizes));
process.stdout.write(report + "\n");
process.stdout.write(
  `Wrote ${["latest.md", "latest.svg"].map((f) => `bench/results/${lspOnly ? "partial/" : ""}${f} (${statSync(join(results, f)).size} bytes)`).join(" and ")}.\n`,
);
