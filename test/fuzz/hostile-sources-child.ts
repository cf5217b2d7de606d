// The hostile sources stage in a process of its own (run.ts starts it): it prints each
// case as one JSON line before running it ({"case": …}), then one line with the
// outcome ({"outcome": …}), so that a case that hangs (a blocking read of a FIFO, a
// device read without end) is killed by the parent and kept by name, not waited for.
// Usage: node hostile-sources-child.js <seed> <runs> <timeLimitMs>

import fc from "fast-check";
import { assertSourcesInvariants, sourcesCase, type SourcesCase } from "./hostile-sources.js";

const [seed, runs, timeLimitMs] = process.argv.slice(2).map(Number);
const details = fc.check(
  fc.property(sourcesCase(), (c: SourcesCase) => {
    process.stdout.write(JSON.stringify({ case: c }) + "\n");
    assertSourcesInvariants(c);
  }),
  { seed, numRuns: runs, interruptAfterTimeLimit: timeLimitMs, markInterruptAsFailure: false },
);
const failure =
  details.failed && details.counterexample
    ? {
        seed: details.seed,
        path: details.counterexamplePath ?? undefined,
        case: details.counterexample[0],
        error: details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance),
      }
    : undefined;
process.stdout.write(JSON.stringify({ outcome: { cases: details.numRuns, interrupted: details.interrupted, failure } }) + "\n");
