// Every fuzz case that once failed (test/regressions/*.md, written by `npm run fuzz`),
// held to every invariant again, strictly. A `known-<bug>*.md` fixture shows a bug not
// fixed yet (test/fuzz/invariants.ts KNOWN_BUGS): pending here, and run (to fail) with
// SOURCE_CHECK_KNOWN_BUGS=1. A `sources-*.json` fixture is a folder of hostile sources
// (test/fuzz/hostile-sources.ts) that once failed: written to disk again and held to
// that stage's invariants.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { assertInvariants, KNOWN_BUGS, REGRESSIONS, regressionText } from "../fuzz/invariants.js";
import { assertSourcesInvariants, type SourcesCase } from "../fuzz/hostile-sources.js";

describe("fuzz regressions", () => {
  const files = readdirSync(REGRESSIONS).filter((f) => f.endsWith(".md")).sort();
  const runKnown = process.env.SOURCE_CHECK_KNOWN_BUGS === "1";
  for (const f of files) {
    const bug = Object.keys(KNOWN_BUGS).find((b) => f.startsWith(`known-${b}`)) as keyof typeof KNOWN_BUGS | undefined;
    const test = () => assertInvariants(regressionText(join(REGRESSIONS, f)));
    if (bug && !runKnown) it.skip(`${f}: KNOWN BUG, ${KNOWN_BUGS[bug]}`, test);
    else it(f, test);
  }
  for (const f of readdirSync(REGRESSIONS).filter((f) => f.endsWith(".json")).sort()) {
    it(f, function () {
      this.timeout(60_000);
      assertSourcesInvariants((JSON.parse(readFileSync(join(REGRESSIONS, f), "utf8")) as { case: SourcesCase }).case);
    });
  }
});
