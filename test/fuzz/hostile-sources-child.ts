// The hostile sources stage in a process of its own (run.ts starts it): it prints each
// case as one JSON line before running it ({"case": …}), then one line with the
// outcome ({"outcome": …}), so that a case that hangs (a blocking read of a FIFO, a
// device read without end) is killed by the parent and kept by name, not waited for.
// Usage: node hostile-sources-child.js <seed> <runs> <timeLimitMs>

import { fuzzHostileSources } from "./hostile-sources.js";

const [seed, runs, timeLimitMs] = process.argv.slice(2).map(Number);
const outcome = fuzzHostileSources({
  seed,
  runs,
  timeLimitMs,
  before: (c) => process.stdout.write(JSON.stringify({ case: c }) + "\n"),
});
process.stdout.write(JSON.stringify({ outcome }) + "\n");
