// The evaluation as a test: `scripts/eval.mjs --json` scores the built CLI on every
// labelled set under test/eval/, each checked against its own sources, and each set is
// held to its floors. A floor may only rise: when the checker improves, raise it to the
// new score, rounded down to two decimals.

import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { resolve } from "node:path";

interface CodeCounts {
  tp: number;
  fp: number;
  fn: number;
}
interface SetScore extends CodeCounts {
  set: string;
  error?: string;
  codes: Record<string, CodeCounts>;
  f1: number;
  errors: { right: number; wrong: number; precision: number };
  problems: string[];
}

interface Floors {
  /** Overall F1 over the set's labels. */
  f1: number;
  /** Precision of error-severity findings: an error blocks a draft, so a wrong one costs most. */
  errorPrecision: number;
  /** Per code, where one is held apart. */
  codes?: Record<string, { precision: number; recall: number }>;
}

const FLOORS: Record<string, Floors> = {
  "test/eval/public": {
    f1: 1.0,
    errorPrecision: 1.0,
    codes: {
      "figure-mismatch": { precision: 1, recall: 1 },
      "figure-unsupported": { precision: 1, recall: 1 },
      "figure-unattributed": { precision: 1, recall: 1 },
      "citation-unknown": { precision: 1, recall: 1 },
    },
  },
  "test/eval/corbel-creek-fire": { f1: 1.0, errorPrecision: 1.0 },
  "test/eval/larkspur-layoffs": { f1: 0.98, errorPrecision: 1.0 },
  // Written blind (by people who had not read the checker) as held-out stories, then
  // brought in: health, local politics and transit, a court case and sport.
  "test/eval/harbor-measles": { f1: 0.94, errorPrecision: 0.93 },
  "test/eval/tollway-vote": { f1: 0.95, errorPrecision: 1.0 },
  "test/eval/stadium-verdict": { f1: 0.94, errorPrecision: 1.0 },
  // Written blind and scored once (0.90, errors 0.93) before it joined; since worked on.
  "test/eval/drought-harvest": { f1: 0.97, errorPrecision: 1.0 },
  // Written blind (a utility's data breach), scored once (0.88, errors 0.91), then worked on.
  "test/eval/water-breach": { f1: 0.98, errorPrecision: 0.97 },
  // Written blind (a bridge closed for corrosion), scored once (0.87, errors 0.90), then worked on.
  "test/eval/bridge-closure": { f1: 0.94, errorPrecision: 0.96 },
  // Written blind (a pilots' strike), scored once (0.80, errors 0.74), then worked on.
  "test/eval/airline-strike": { f1: 0.89, errorPrecision: 0.89 },
  // Written blind (a school budget), scored once (0.75, errors 0.78), then a few of its misses looked at.
  "test/eval/school-budget": { f1: 0.78, errorPrecision: 0.84 },
  // Written blind (a mine's tailings spill) and never tuned on: scored 0.78/0.83 at first, 0.79/0.83
  // at the end of the session that brought it in. The honest estimate for an unseen story.
  "test/eval/mine-spill": { f1: 0.79, errorPrecision: 0.83 },
};

const SETS = readdirSync(resolve(process.cwd(), "test/eval")).map((n) => `test/eval/${n}`);

describe("eval: every labelled set under test/eval", function () {
  this.timeout(180_000);
  let scores: Map<string, SetScore>;

  before(() => {
    let out: string;
    try {
      out = execFileSync(process.execPath, ["scripts/eval.mjs", "--json"], { encoding: "utf8", maxBuffer: 64 << 20 });
    } catch (e) {
      const err = e as { stdout?: string; status?: number };
      assert.fail(`scripts/eval.mjs exited ${err.status}:\n${err.stdout ?? ""}`);
    }
    scores = new Map((JSON.parse(out).sets as SetScore[]).map((s) => [s.set, s]));
  });

  it("every set has floors, and every floor has its set", () => {
    assert.deepEqual([...SETS].sort(), Object.keys(FLOORS).sort());
  });

  for (const [set, floor] of Object.entries(FLOORS)) {
    describe(set, () => {
      const score = (): SetScore => {
        const s = scores.get(set);
        assert.ok(s, `no score for ${set}`);
        assert.ok(!s.error, `${set}: ${s.error}`);
        return s;
      };
      const details = (s: SetScore): string => s.problems.map((p) => `  ${p}`).join("\n");

      it(`scores an F1 of at least ${floor.f1.toFixed(2)}`, () => {
        const s = score();
        assert.ok(s.f1 + 1e-9 >= floor.f1, `F1 ${s.f1.toFixed(3)} fell below ${floor.f1}\n${details(s)}`);
      });

      it(`keeps error findings at a precision of at least ${floor.errorPrecision.toFixed(2)}`, () => {
        const s = score();
        assert.ok(
          s.errors.precision + 1e-9 >= floor.errorPrecision,
          `error precision ${s.errors.precision.toFixed(3)} (${s.errors.right} right, ${s.errors.wrong} wrong)\n${details(s)}`,
        );
      });

      for (const [code, f] of Object.entries(floor.codes ?? {})) {
        it(`${code}: precision ≥ ${f.precision}, recall ≥ ${f.recall}`, () => {
          const c = score().codes[code];
          if (!c) return; // neither labelled nor reported in this set
          const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
          const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
          assert.ok(
            precision >= f.precision && recall >= f.recall,
            `${code}: precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)} ${JSON.stringify(c)}`,
          );
        });
      }
    });
  }
});
