// `npm run fuzz`: the CI fuzzing stage. About 2,000 seeded cases within a time
// budget (FUZZ_RUNS, FUZZ_SEED, FUZZ_TIME_MS override the defaults). A failing case
// is written to test/regressions/<name>.md, with the seed and path that found it in
// its first line, so that the regression test replays it from then on; the exit
// status is 1 when any case failed.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fuzz } from "./fuzz.js";
import { KNOWN_BUGS, REGRESSIONS, regressionFile } from "./invariants.js";

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
process.exitCode = outcome.failures.length > 0 ? 1 : 0;
