// `npm run fuzz`: the CI fuzzing stage. About 2,000 seeded cases within a time
// budget (FUZZ_RUNS, FUZZ_SEED, FUZZ_TIME_MS override the defaults). A failing case
// is written to test/regressions/<name>.md, with the seed and path that found it in
// its first line, so that the regression test replays it from then on; the exit
// status is 1 when any case failed. Then the "hostile sources" stage (hostile-sources.ts):
// FUZZ_SOURCES_RUNS (default 300) folders of hostile sources within FUZZ_SOURCES_TIME_MS,
// in a child process that is killed when a case hangs, a failing (or hanging) case kept
// as test/regressions/sources-seed<seed>.json.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fuzz } from "./fuzz.js";
import { KNOWN_BUGS, REGRESSIONS, regressionFile } from "./invariants.js";
import { spawn } from "node:child_process";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { LOAD_TIME_BOUND_MS, sourcesRegressionFile, type SourcesCase, type SourcesFuzzFailure } from "./hostile-sources.js";

const runs = Number(process.env.FUZZ_RUNS ?? 2000);
const seed = Number(process.env.FUZZ_SEED ?? 20221026);
const timeLimitMs = Number(process.env.FUZZ_TIME_MS ?? 120_000);

const started = performance.now();
const outcome = fuzz({ runs, seed, timeLimitMs, fixesPerCase: 2 });
const took = ((performance.now() - started) / 1000).toFixed(1);

for (const f of outcome.failures) {
  const name = `fuzz-${f.target}-seed${f.seed}`;
  mkdirSync(REGRESSIONS, { recursive: true });
  const file = join(REGRESSIONS, `${name}.md`);
  writeFileSync(file, regressionFile(f.text, `target=${f.target} seed=${f.seed} path=${f.path ?? ""}`));
  console.error(`fuzz: ${f.target} failed (seed ${f.seed}, path ${f.path}): ${f.error.split("\n")[0]}`);
  console.error(`fuzz: the case is kept as ${file}; commit it with a fix. Its text: ${JSON.stringify(f.text)}`);
}
console.log(
  `fuzz: ${outcome.cases} cases (seed ${seed}) in ${took}s${outcome.interrupted ? ", stopped at the time budget" : ""}: ${outcome.failures.length} failed`,
);
for (const [bug, n] of outcome.known) console.log(`fuzz: known bug "${bug}" hit ${n} time(s): ${KNOWN_BUGS[bug]}`);

// The hostile sources stage, in a child process: a case that hangs is killed after
// HANG_MS without a word from the child, and kept as the failing case.
const HANG_MS = 3 * LOAD_TIME_BOUND_MS;
const sourcesRuns = Number(process.env.FUZZ_SOURCES_RUNS ?? 300);
const sourcesStarted = performance.now();
const sources = await new Promise<{ cases: number; interrupted: boolean; failure?: SourcesFuzzFailure }>((resolve) => {
  const child = spawn(
    process.execPath,
    [
      join(dirname(fileURLToPath(import.meta.url)), "hostile-sources-child.js"),
      String(seed),
      String(sourcesRuns),
      process.env.FUZZ_SOURCES_TIME_MS ?? "120000",
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let buffer = "";
  let last: SourcesCase | undefined;
  let cases = 0;
  let outcome: { cases: number; interrupted: boolean; failure?: SourcesFuzzFailure } | undefined;
  let hung = false;
  let timer = setTimeout(() => undefined, 0);
  const watch = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      hung = true;
      child.kill("SIGKILL");
    }, HANG_MS);
  };
  watch();
  child.stdout.on("data", (d: Buffer) => {
    buffer += d.toString();
    let nl;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = JSON.parse(buffer.slice(0, nl)) as { case?: SourcesCase; outcome?: typeof outcome };
      buffer = buffer.slice(nl + 1);
      if (line.case) {
        last = line.case;
        cases++;
      }
      if (line.outcome) outcome = line.outcome;
      watch();
    }
  });
  child.on("close", (code) => {
    clearTimeout(timer);
    if (outcome) return resolve(outcome);
    const why = hung ? `a case ran for more than ${HANG_MS / 1000} s (it hung)` : `the stage's process ended (${code}) mid-case`;
    resolve({ cases, interrupted: false, failure: last && { seed, case: last, error: why } });
  });
});
if (sources.failure) {
  const f = sources.failure;
  mkdirSync(REGRESSIONS, { recursive: true });
  const file = join(REGRESSIONS, `sources-seed${f.seed}.json`);
  writeFileSync(file, sourcesRegressionFile(f.case, `hostile sources seed=${f.seed} path=${f.path ?? ""}: ${f.error.split("\n")[0]}`));
  console.error(`fuzz: hostile sources failed (seed ${f.seed}, path ${f.path}): ${f.error.split("\n")[0]}`);
  console.error(`fuzz: the case is kept as ${file}; commit it with a fix.`);
}
console.log(
  `fuzz: hostile sources: ${sources.cases} cases (seed ${seed}) in ${((performance.now() - sourcesStarted) / 1000).toFixed(1)}s${sources.interrupted ? ", stopped at the time budget" : ""}: ${sources.failure ? 1 : 0} failed`,
);
process.exitCode = outcome.failures.length > 0 || sources.failure ? 1 : 0;
