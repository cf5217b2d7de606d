// The property tests of `npm test`: a short seeded fuzz run (CI's fuzz stage runs
// about 2,000 cases with `npm run fuzz`), and each invariant on the real drafts.

import assert from "node:assert/strict";
import { fuzz } from "./fuzz.js";
import { assertInvariants, seedDrafts } from "./invariants.js";
import { fuzzHostileSources } from "./hostile-sources.js";

describe("fuzz: invariants on the real drafts", () => {
  for (const draft of seedDrafts()) {
    it(`${draft.name}: never throws, positions inside, deterministic, CRLF = LF, BOM, every fix safe, fix-all idempotent`, () => {
      assertInvariants(draft.text);
    });
  }
});

describe("fuzz: a short seeded run", function () {
  this.timeout(120_000);
  it("holds every invariant on 150 mutated and made-up drafts", () => {
    const outcome = fuzz({ runs: 150, seed: 7, timeLimitMs: 60_000, fixesPerCase: 1 });
    assert.deepEqual(
      outcome.failures.map((f) => `${f.target} (seed ${f.seed}, path ${f.path}): ${f.error}\n${JSON.stringify(f.text)}`),
      [],
    );
  });
});

describe("fuzz: hostile sources, a short seeded run", function () {
  this.timeout(120_000);
  it("loads 40 folders of hostile files, links, FIFOs and devices, and checks against them, holding every invariant", () => {
    const outcome = fuzzHostileSources({ runs: 40, seed: 7, timeLimitMs: 60_000 });
    const f = outcome.failure;
    assert.equal(f && `seed ${f.seed}, path ${f.path}: ${f.error}\n${JSON.stringify(f.case)}`, undefined);
  });
});
