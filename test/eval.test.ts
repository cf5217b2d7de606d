// The evaluation as a test: runs ../shared/eval/score.mjs against the built CLI and
// holds the score to a floor. The floor may only rise: when the checker improves,
// raise FLOOR (and the per-code floors) to the new score, rounded down.

import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

/**
 * The overall F1 the checker must reach on the public set: its score when this floor
 * was last set, rounded down to 2 decimals (0.68 with figures only; 1.00 once quotes were checked).
 */
const FLOOR = 1.0;

/** Per-code floors on precision and recall. A code the drafts never label nor the checker reports is not held to them. */
const CODE_FLOORS: Record<string, { precision: number; recall: number }> = {
  "figure-mismatch": { precision: 0.9, recall: 0.9 },
  "figure-unsupported": { precision: 0.9, recall: 0.9 },
  "figure-unattributed": { precision: 0.9, recall: 0.9 },
  "citation-unknown": { precision: 0.9, recall: 0.9 },
};

/** Errors block a draft, so a wrong one costs most: their precision is held apart. */
const ERROR_PRECISION_FLOOR = 0.9;

const EVAL = resolve(process.cwd(), "../shared/eval");
const SCORE = resolve(EVAL, "score.mjs");

interface CodeScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

interface Score {
  codes: Map<string, CodeScore>;
  f1: number;
  precision: number;
  recall: number;
  output: string;
}

function runScore(): Score {
  const output = execFileSync(process.execPath, [SCORE, "--cmd", "node bin/source-check.js", "--verbose"], {
    cwd: process.cwd(),
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const codes = new Map<string, CodeScore>();
  // code  TP  FP  FN  precision recall   ("-" where there is nothing to divide)
  for (const m of output.matchAll(/^([a-z]+(?:-[a-z]+)+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s*$/gm)) {
    const [tp, fp, fn] = [+m[2], +m[3], +m[4]];
    codes.set(m[1], {
      tp,
      fp,
      fn,
      // No finding reported: no false alarm. Nothing labelled: nothing missed.
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    });
  }
  const last = output.trim().split("\n").pop() ?? "";
  const score = /^score: F1 ([\d.]+) precision ([\d.]+) recall ([\d.]+)/.exec(last);
  assert.ok(score, `the last line is not a score: ${last}\n${output}`);
  return { codes, f1: +score[1], precision: +score[2], recall: +score[3], output };
}

describe("eval: the public labelled drafts", function () {
  this.timeout(120_000);
  let score: Score;

  before(function () {
    if (!existsSync(SCORE)) {
      console.log(`    (skipped: no evaluation set at ${EVAL}; it sits beside the repository in the workspace)`);
      this.skip();
    }
    score = runScore();
  });

  it(`scores an overall F1 of at least ${FLOOR}`, () => {
    assert.ok(score.f1 >= FLOOR, `F1 ${score.f1} fell below the floor ${FLOOR}\n${score.output}`);
  });

  for (const [code, floor] of Object.entries(CODE_FLOORS)) {
    it(`${code}: precision ≥ ${floor.precision}, recall ≥ ${floor.recall}`, () => {
      const c = score.codes.get(code);
      if (!c) return; // neither labelled nor reported in this set
      assert.ok(c.precision >= floor.precision, `${code} precision ${c.precision.toFixed(2)} (TP ${c.tp}, FP ${c.fp})\n${score.output}`);
      assert.ok(c.recall >= floor.recall, `${code} recall ${c.recall.toFixed(2)} (TP ${c.tp}, FN ${c.fn})\n${score.output}`);
    });
  }

  it(`keeps error-severity findings at a precision of at least ${ERROR_PRECISION_FLOOR}`, () => {
    const m = /^error findings: precision \S+ \((\d+) right, (\d+) wrong\)/m.exec(score.output);
    assert.ok(m, score.output);
    const [right, wrong] = [+m[1], +m[2]];
    const precision = right + wrong === 0 ? 1 : right / (right + wrong);
    assert.ok(precision >= ERROR_PRECISION_FLOOR, `error precision ${precision.toFixed(2)} (${right} right, ${wrong} wrong)\n${score.output}`);
  });
});
