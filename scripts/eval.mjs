#!/usr/bin/env node
// Scores the built CLI on every labelled set under test/eval/ (or the sets named).
//
//   npm run eval                          every set, then the overall score
//   npm run eval -- --verbose             and every miss and false alarm
//   npm run eval -- --json                the scores as JSON (what test/eval.test.ts reads)
//   node scripts/eval.mjs DIR [DIR …]     those sets only (a set outside the repo works too)
//
// A set is a folder with drafts/*.md and labels.json:
//   {"drafts/a.md": [{"line": 3, "code": "figure-mismatch", "text": "35", "occurrence"?: 2}]}
// A set with a sources/ folder is checked against those sources alone
// (`--no-bundled --sources DIR/sources`): a story the bundled articles know nothing of.
// A finding matches a label when its file, line and code agree and its columns
// overlap the label's text on that line. Only error and warning findings are scored:
// info findings are advice. Error findings are also scored apart, since an error
// blocks a draft and a false one costs the writer most.

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "bin/source-check.js");
const ERROR_CODES = new Set(["figure-mismatch", "quote-mismatch", "quote-misattributed", "citation-unknown", "citation-mismatch"]);

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const asJson = args.includes("--json");
const named = args.filter((a) => !a.startsWith("--"));
const sets = named.length
  ? named.map((d) => resolve(d))
  : readdirSync(join(ROOT, "test/eval"))
      .map((n) => join(ROOT, "test/eval", n))
      .filter((d) => statSync(d).isDirectory() && existsSync(join(d, "labels.json")))
      .sort();

const results = [];
let broken = false;
for (const dir of sets) {
  try {
    results.push(scoreSet(dir));
  } catch (e) {
    broken = true;
    results.push({ set: dir, error: e.message });
  }
}
const overall = total(results.filter((r) => !r.error));

if (asJson) {
  console.log(JSON.stringify({ sets: results.map(({ problems, ...r }) => ({ ...r, problems: problems ?? [] })), overall }, null, 2));
} else {
  for (const r of results) printSet(r);
  console.log(`\noverall (${results.length} sets): ${line(overall)}`);
}
process.exit(broken ? 2 : 0);

/** Runs the CLI on one set's drafts and matches its findings to the labels. */
function scoreSet(dir) {
  const labelsPath = join(dir, "labels.json");
  let labels;
  try {
    labels = JSON.parse(readFileSync(labelsPath, "utf8"));
  } catch (e) {
    throw new Error(`${labelsPath}: ${e.message}`, { cause: e });
  }
  const drafts = readdirSync(join(dir, "drafts"))
    .filter((f) => f.endsWith(".md"))
    .sort();
  for (const d of drafts) if (!labels[`drafts/${d}`]) throw new Error(`${labelsPath} has no entry for drafts/${d}`);
  const files = drafts.map((d) => join(dir, "drafts", d));
  const sources = join(dir, "sources");
  const cliArgs = [CLI, "--format", "json", ...(existsSync(sources) ? ["--no-bundled", "--sources", sources] : []), ...files];

  let stdout;
  let status = 0;
  try {
    stdout = execFileSync(process.execPath, cliArgs, {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 64 << 20,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    status = e.status ?? -1;
    stdout = e.stdout ?? "";
    if (status !== 1)
      throw new Error(
        `the CLI exited ${status} on ${dir}: ${String(e.stderr ?? "")
          .trim()
          .slice(0, 500)}`,
        { cause: e },
      );
  }
  const report = JSON.parse(stdout);

  const codes = {};
  const tally = (code, key) => ((codes[code] ??= { tp: 0, fp: 0, fn: 0 })[key] += 1);
  const problems = [];
  let anyError = false;
  for (const d of drafts) {
    const path = join(dir, "drafts", d);
    const lines = readFileSync(path, "utf8").split(/\r?\n/);
    const entry = report.files.find((f) => resolve(f.path) === path);
    if (!entry) throw new Error(`drafts/${d} is missing from the CLI's report`);
    if (entry.findings.some((f) => f.severity === "error")) anyError = true;
    const scored = entry.findings.filter((f) => f.severity === "error" || f.severity === "warning");
    const expected = labels[`drafts/${d}`].map((l) => {
      const text = lines[l.line - 1] ?? "";
      let at = -1;
      for (let n = 0; n < (l.occurrence ?? 1); n++) at = text.indexOf(l.text, at + 1);
      if (at < 0) throw new Error(`${labelsPath}: "${l.text}" is not on line ${l.line} of drafts/${d}`);
      return { ...l, start: at + 1, end: at + 1 + l.text.length, hit: false };
    });
    for (const f of scored) {
      const label = expected.find(
        (e) => !e.hit && e.line === f.line && e.code === f.code && f.column < e.end && (f.endLine > f.line || f.endColumn > e.start),
      );
      if (label) {
        label.hit = true;
        tally(f.code, "tp");
      } else {
        tally(f.code, "fp");
        problems.push(`false alarm drafts/${d}:${f.line}:${f.column} ${f.code} "${f.claim?.text ?? ""}" — ${f.message}`);
      }
    }
    for (const e of expected.filter((x) => !x.hit)) {
      tally(e.code, "fn");
      const there = scored.filter((f) => f.line === e.line).map((f) => `${f.code}@${f.column}`);
      problems.push(`missed drafts/${d}:${e.line} ${e.code} "${e.text}"${there.length ? ` (found there: ${there.join(", ")})` : ""}`);
    }
  }
  if ((status === 1) !== anyError) problems.push(`the CLI exited ${status} but ${anyError ? "reported errors" : "reported no error"}`);
  return { set: dir.startsWith(ROOT) ? dir.slice(ROOT.length + 1) : dir, drafts: drafts.length, codes, ...summary(codes), problems };
}

function summary(codes) {
  const sum = { tp: 0, fp: 0, fn: 0 };
  const err = { tp: 0, fp: 0 };
  for (const [code, c] of Object.entries(codes)) {
    for (const k of Object.keys(sum)) sum[k] += c[k];
    if (ERROR_CODES.has(code)) ((err.tp += c.tp), (err.fp += c.fp));
  }
  const precision = sum.tp + sum.fp ? sum.tp / (sum.tp + sum.fp) : 1;
  const recall = sum.tp + sum.fn ? sum.tp / (sum.tp + sum.fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const errorPrecision = err.tp + err.fp ? err.tp / (err.tp + err.fp) : 1;
  return { ...sum, precision, recall, f1, errors: { right: err.tp, wrong: err.fp, precision: errorPrecision } };
}

function total(rs) {
  const codes = {};
  for (const r of rs)
    for (const [code, c] of Object.entries(r.codes)) {
      const t = (codes[code] ??= { tp: 0, fp: 0, fn: 0 });
      for (const k of Object.keys(t)) t[k] += c[k];
    }
  return { codes, ...summary(codes) };
}

function printSet(r) {
  console.log(`\n== ${r.set}`);
  if (r.error) return console.log(`cannot score: ${r.error}`);
  console.log("code                   TP  FP  FN  precision recall");
  for (const [code, c] of Object.entries(r.codes).sort()) {
    console.log(`${code.padEnd(22)} ${pad(c.tp)} ${pad(c.fp)} ${pad(c.fn)}  ${ratio(c.tp, c.tp + c.fp)}     ${ratio(c.tp, c.tp + c.fn)}`);
  }
  if (verbose) for (const p of r.problems) console.log(`  ${p}`);
  else if (r.problems.some((p) => p.startsWith("the CLI"))) console.log(r.problems.filter((p) => p.startsWith("the CLI")).join("\n"));
  console.log(`${line(r)} (${r.drafts} drafts)`);
}

function line(s) {
  return (
    `F1 ${s.f1.toFixed(2)} precision ${s.precision.toFixed(2)} recall ${s.recall.toFixed(2)} (TP ${s.tp}, FP ${s.fp}, FN ${s.fn}); ` +
    `error findings: precision ${s.errors.precision.toFixed(2)} (${s.errors.right} right, ${s.errors.wrong} wrong)`
  );
}
function pad(n) {
  return String(n).padStart(3);
}
function ratio(a, b) {
  return b ? (a / b).toFixed(2) : " -  ";
}
