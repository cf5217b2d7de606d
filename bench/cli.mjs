// The CLI from a cold start, as a writer or CI runs it: wall time of one process on
// one small draft, beside markdownlint-cli2 on the same file, and one process over
// many small drafts (files per second). Output goes to /dev/null: we time the work,
// not the terminal.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { generateDraft } from "./generate.mjs";
import { median, msSince, now } from "./measure.mjs";

/** markdownlint-cli2's entry point, from its package.json "bin". */
export function markdownlintBin(root) {
  const dir = join(root, "node_modules/markdownlint-cli2");
  try {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.["markdownlint-cli2"];
    const path = bin && join(dir, bin);
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU time (user + system) of this process's finished children, in ms: on Linux, from
 * /proc/self/stat (cutime, cstime, in clock ticks of 10 ms); elsewhere undefined.
 * Beside wall time it shows how much of a run was waiting for a busy machine.
 */
function childrenCpuMs() {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(")").pop().trim().split(/\s+/);
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/** Wall and CPU time of one `node <args>` run; status 2 or worse (a failed run, not findings) is an error. */
function timeRun(args, cwd) {
  const t = now();
  const cpu = childrenCpuMs();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const ms = msSince(t);
  const cpuMs = cpu === undefined ? undefined : childrenCpuMs() - cpu;
  if (r.error) throw r.error;
  if (r.status === null || r.status >= 2)
    throw new Error(`${args.join(" ")} exited ${r.status ?? r.signal}: ${String(r.stderr).trim().split("\n").slice(-2).join(" ")}`);
  return { ms, cpuMs };
}

export function benchCli({ root, workDir, runs = 5, manyFiles = 1000, smallWords = 250 }) {
  const cli = join(root, "bin/source-check.js");
  const lint = markdownlintBin(root);
  const small = join(workDir, "small-draft.md");
  writeFileSync(small, generateDraft(smallWords, 3));

  // Cold start, one small draft: alternate the two tools so drift hits both alike.
  const ours = [];
  const theirs = [];
  timeRun([cli, small], workDir); // warm the file cache
  if (lint) timeRun([lint, "small-draft.md"], workDir);
  for (let i = 0; i < runs; i++) {
    ours.push(timeRun([cli, small], workDir));
    if (lint) theirs.push(timeRun([lint, "small-draft.md"], workDir));
  }
  const med = (xs, key) => (xs.length && xs[0][key] !== undefined ? median(xs.map((x) => x[key])) : undefined);

  // Many small drafts in one invocation.
  const many = join(workDir, "many");
  for (let i = 0; i < manyFiles; i++) {
    const path = join(many, `d${String(Math.floor(i / 100)).padStart(2, "0")}`, `draft-${String(i).padStart(4, "0")}.md`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, generateDraft(smallWords, 10_000 + i));
  }
  const manyLoad = loadavg()[0];
  const oursMany = timeRun([cli, many], workDir);
  const theirsMany = lint ? timeRun([lint, "many/**/*.md"], workDir) : undefined;

  return {
    runs,
    smallWords,
    coldMs: med(ours, "ms"),
    coldCpuMs: med(ours, "cpuMs"),
    lintColdMs: med(theirs, "ms"),
    lintColdCpuMs: med(theirs, "cpuMs"),
    lint: lint ? "markdownlint-cli2" : undefined,
    manyFiles,
    manyLoad,
    manyMs: oursMany.ms,
    manyCpuMs: oursMany.cpuMs,
    lintManyMs: theirsMany?.ms,
    lintManyCpuMs: theirsMany?.cpuMs,
  };
}
