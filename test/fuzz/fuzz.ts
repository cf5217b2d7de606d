// One fuzzing run: each target's share of `runs` cases, seeded, within a time limit,
// every case held to every invariant. Failures come back shrunk, with the seed and
// path that replay them.

import fc from "fast-check";
import { TARGETS } from "./arbitraries.js";
import { assertInvariants, knownBugHits, type KnownBug } from "./invariants.js";

export interface FuzzOptions {
  runs: number;
  seed: number;
  /** The whole run's time budget; each target gets its share. */
  timeLimitMs: number;
  /** How many fixes of each case are applied and re-checked. */
  fixesPerCase: number;
}

export interface FuzzFailure {
  target: string;
  seed: number;
  path?: string;
  text: string;
  error: string;
}

export interface FuzzOutcome {
  cases: number;
  interrupted: boolean;
  failures: FuzzFailure[];
  /** Cases that hit a known, unfixed bug (invariants.ts KNOWN_BUGS), by bug. */
  known: Map<KnownBug, number>;
}

export function fuzz(options: FuzzOptions): FuzzOutcome {
  knownBugHits.clear();
  const outcome: FuzzOutcome = { cases: 0, interrupted: false, failures: [], known: knownBugHits };
  for (const target of TARGETS) {
    const numRuns = Math.max(1, Math.round((options.runs * target.share) / 100));
    const details = fc.check(
      fc.property(target.arbitrary(), (text) => assertInvariants(text, { fixes: options.fixesPerCase })),
      {
        seed: options.seed,
        numRuns,
        interruptAfterTimeLimit: Math.round((options.timeLimitMs * target.share) / 100),
        markInterruptAsFailure: false,
      },
    );
    outcome.cases += details.numRuns;
    outcome.interrupted ||= details.interrupted;
    if (details.failed && details.counterexample) {
      const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      outcome.failures.push({
        target: target.name,
        seed: details.seed,
        path: details.counterexamplePath ?? undefined,
        text: details.counterexample[0],
        error,
      });
    }
  }
  return outcome;
}
