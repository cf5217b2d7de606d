// The registry of claim kinds: every finding code is given by a checker (or by the
// check on citations), and check() walks whatever kinds it is given — a kind the
// checker has never heard of is found, judged, fixed and reported like the built-in
// ones, and it claims the words it covers.

import { strict as assert } from "node:assert";
import { loadCorpus } from "../../server/src/node/sources.js";
import type { Claim, Fix } from "../../server/src/model.js";
import { CODES } from "../../server/src/findings/codes.js";
import { CHECKERS } from "../../server/src/findings/registry.js";
import { CITATION_CODES } from "../../server/src/findings/citations.js";
import { check, checkWith } from "../../server/src/findings/check.js";
import type { ClaimChecker, Verdict } from "../../server/src/findings/checker.js";
import type { DraftContext } from "../../server/src/findings/context.js";

const { corpus } = loadCorpus();

/**
 * A toy kind: words the writer marks {{like this}}, backed when some source has them
 * verbatim. Its kind is cast: a real kind declares its payload in `ClaimPayloads`.
 */
const MARKED = "marked" as Claim["kind"];
const marked: ClaimChecker = {
  kind: MARKED,
  codes: ["figure-unsupported"],
  find(ctx: DraftContext): Claim[] {
    return [...ctx.doc.text.matchAll(/\{\{([^}]+)\}\}/g)].map((m) => {
      const span = { start: m.index, end: m.index + m[0].length };
      return { kind: MARKED, text: m[1], span, sentence: span, citations: [] } as unknown as Claim;
    });
  },
  covers: (claim: Claim) => [claim.span],
  judge(claim: Claim, ctx: DraftContext): Verdict {
    const backers = ctx.corpus.sources.filter((s) => s.text.includes(claim.text)).map((s) => s.id);
    if (backers.length > 0) return { evidence: [], backers, fine: `Marked words found in ${backers.join(", ")}.` };
    return { evidence: [], backers, finding: { code: "figure-unsupported", message: `No source has “${claim.text}”.` } };
  },
  fixes(claim: Claim): Fix[] {
    return [{ title: "Unmark", edits: [{ span: claim.span, newText: claim.text }] }];
  },
};

describe("the registry of claim kinds", () => {
  it("lists each kind once, and every code is given by a kind or by the citation check, each code in codes.ts", () => {
    const kinds = CHECKERS.map((c) => c.kind);
    assert.deepEqual(kinds, [...new Set(kinds)]);
    const listed = new Set<string>(CODES.map((c) => c.code));
    const given = new Set<string>([...CHECKERS.flatMap((c) => c.codes), ...CITATION_CODES]);
    for (const code of given) assert.ok(listed.has(code), `${code} is not in codes.ts`);
    for (const code of listed) assert.ok(given.has(code), `no checker gives ${code}`);
  });

  it("is what check() walks: check() and checkWith(CHECKERS) agree", () => {
    const text = "Safeguard Defenders says China runs 54 police stations in 35 countries.\n\nA “quote no source has” here.\n";
    assert.deepEqual(checkWith(CHECKERS, text, corpus), check(text, corpus));
  });

  it("walks a kind it has never heard of: its claims are found, judged, fixed and sorted among the others", () => {
    const text = "China runs 54 police stations in {{30 countries}} [@ctv-news].\n\nThe {{purple elephant}} said nothing.\n";
    const result = checkWith([...CHECKERS, marked], text, corpus);
    assert.deepEqual(
      result.claims.map((r) => [r.claim.kind, r.claim.text]),
      [
        ["figure", "54"],
        ["marked", "30 countries"],
        ["marked", "purple elephant"],
      ],
    );
    const [found, missing] = result.claims.filter((r) => r.claim.kind === MARKED);
    assert.equal(found.finding, undefined);
    assert.match(found.verdict, /^Marked words found in /);
    assert.equal(missing.finding?.code, "figure-unsupported");
    assert.equal(missing.finding?.severity, "warning");
    assert.equal(missing.finding?.message, "No source has “purple elephant”.");
    assert.deepEqual(missing.finding?.fixes, [{ title: "Unmark", edits: [{ span: missing.claim.span, newText: "purple elephant" }] }]);
    assert.ok(result.findings.includes(missing.finding!));
  });

  it("drops a claim of another kind inside the words a claim covers (the figure “30” inside {{30 countries}})", () => {
    const text = "China runs 54 police stations in {{30 countries}} [@ctv-news].\n";
    const without = check(text, corpus).claims.map((r) => r.claim.text);
    assert.deepEqual(without, ["54", "30"]);
    const withToy = checkWith([...CHECKERS, marked], text, corpus).claims.map((r) => r.claim.text);
    assert.deepEqual(withToy, ["54", "30 countries"]);
  });
});
