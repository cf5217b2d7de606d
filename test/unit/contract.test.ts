// The contract in docs/findings.md and the code agree: its table of codes lists
// exactly the checker's codes, in precedence order, each with its severity, and the
// README links to it.

import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { CODES } from "../../server/src/index.js";

const CONTRACT = readFileSync(resolve(process.cwd(), "docs/findings.md"), "utf8");

describe("contract: docs/findings.md", () => {
  it("lists every finding code, in precedence order, with its severity", () => {
    const rows = [...CONTRACT.matchAll(/^\| `([a-z]+(?:-[a-z]+)+)` \| (error|warning|info) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(
      rows,
      CODES.map((c) => `${c.code} ${c.severity}`),
    );
  });

  it("is what the README links to for the JSON contract", () => {
    const readme = readFileSync(resolve(process.cwd(), "README.md"), "utf8");
    assert.match(readme, /\]\(docs\/findings\.md\)/);
  });
});
