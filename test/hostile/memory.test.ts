// Memory levels off over a long session (issue 14, item 6). A child process, run with
// --expose-gc (memory-child.ts), edits a 100 KB draft 1,200 times as a writer would (a
// word typed, two paragraphs merged, one split), checks every version, and reports its
// heap after a full collection every 100 versions. The caches are bounded by bytes
// (memo.ts), so once they are full the heap stops growing: its highest reading over the
// second half of the session is within a quarter of its highest over the first (the
// caches fill and empty in a saw-tooth, so single readings wander). Caches bounded
// by entries only kept some 230 KB per version and grew in a straight line (3.66 GB and
// a crash at edit 1,580 in the issue's reproduction).

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO } from "../lsp/client.js";

const VERSIONS = 1_200;
const EVERY = 100;

interface Sample {
  version: number;
  heapMb: number;
}

function runChild(): Promise<Sample[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--expose-gc", join(REPO, "out/test/hostile/memory-child.js"), String(VERSIONS), String(EVERY)],
      {
        cwd: REPO,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`the memory child exited ${code}: ${err.trim().split("\n").pop()}`));
      resolve(
        out
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line) as Sample),
      );
    });
  });
}

describe("memory over a long editing session (issue 14, item 6)", function () {
  this.timeout(240_000);

  it("levels off: checking every version of a 100 KB draft over 1,200 edits, paragraph merges included", async () => {
    const samples = await runChild();
    console.log(`      heap after GC (MB) by version: ${samples.map((s) => `${s.version}: ${s.heapMb}`).join(", ")}`);
    assert.equal(samples.at(-1)?.version, VERSIONS, "the child checked every version");
    const peak = (from: number, to: number): number =>
      Math.max(...samples.filter((s) => s.version > from && s.version <= to).map((s) => s.heapMb));
    const firstPeak = peak(0, VERSIONS / 2);
    const secondPeak = peak(VERSIONS / 2, VERSIONS);
    assert.ok(firstPeak > samples[0].heapMb, "the caches filled over the first half");
    assert.ok(
      secondPeak < firstPeak * 1.25,
      `the heap reached ${secondPeak} MB over the second half of the session, against ${firstPeak} MB over the first: it does not level off`,
    );
  });
});
