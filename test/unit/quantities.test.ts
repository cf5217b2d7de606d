// A quantity read fully and compared at the writer's precision: what claims/figures.ts
// and claims/quantities.ts read from real prose, and what matching/values.ts makes of
// two such readings. Every reading goes through the real parser and reader.

import { strict as assert } from "node:assert";
import { readSentences, type ReadFigure } from "../../server/src/claims/read.js";
import { parseMarkdown } from "../../server/src/parsing/markdown.js";
import { relateValues } from "../../server/src/matching/values.js";
import { sameUnit } from "../../server/src/claims/quantities.js";

function only(markdown: string): ReadFigure {
  const found = readSentences(parseMarkdown(markdown)).flatMap((s) => s.figures);
  assert.equal(found.length, 1, `expected one figure in ${JSON.stringify(markdown)}, got ${JSON.stringify(found.map((f) => f.text))}`);
  return found[0];
}

/** How the figure in `source` bears on the figure in `draft`, when their units are one. */
function relation(draft: string, source: string): string {
  const d = only(draft);
  const s = only(source);
  if (!sameUnit(d.unit, s.unit)) return "other unit";
  return relateValues(d.value, s.value);
}

describe("quantities: one unit however it is written", () => {
  for (const [a, b] of [
    ["Rates rose 2.4%.", "Rates rose 2.4 per cent."],
    ["Rates rose 2.4 percent.", "Rates rose 2.4 per cent."],
    ["The trail is 15.5 km long.", "The trail is 15.5km long."],
    ["The trail is 15.5 kilometres long.", "The trail is 15.5 km long."],
    ["Gusts reached 70 km/h.", "Gusts reached 70 kph."],
    ["The fire burned 14,600 hectares.", "The fire burned 14,600 ha."],
    ["The rate fell 1.5 percentage points.", "The rate fell 150 basis points."],
    ["It got a $2.8-million grant.", "It got a $2.8 million grant."],
    ["It got a 2.8 million dollars grant.", "It got a $2.8 million grant."],
    ["Sales were €40 million.", "Sales were 40 million euros."],
    ["The grower, aged 37, won.", "The 37-year-old grower won."],
    ["EPS was 52 cents.", "EPS was $0.52."],
  ]) {
    it(`${JSON.stringify(a)} is backed by ${JSON.stringify(b)}`, () => assert.equal(relation(a, b), "backs"));
  }

  it("keeps points apart from percent: 150 basis points is never 1.5%", () => {
    assert.equal(relation("The rate fell 1.5%.", "The rate fell 150 basis points."), "other unit");
  });

  it("keeps currencies apart: $40 million is not €40 million", () => {
    assert.equal(relation("Sales were $40 million.", "Sales were €40 million."), "other unit");
  });
});

describe("quantities: the writer's precision", () => {
  const cases: [string, string, string][] = [
    ["Sales were $1.42 billion.", "Sales were $1,420.3 million.", "backs"],
    ["Sales were $1.43 billion.", "Sales were $1,420.3 million.", "contradicts"],
    ["About 26 per cent were children.", "Some 26.3 per cent were children.", "backs"],
    ["Almost 50,000 patients came.", "In all 49,612 patients came.", "backs"],
    ["Nearly 1,150 patients came.", "In all 1,140 patients came.", "backs"],
    ["Around 871 staff work there.", "In all 870 staff work there.", "contradicts"],
    ["The cap fell to 0.5%.", "The cap fell to 0.505%.", "contradicts"],
    ["Grants are $25,000.", "Grants are up to $25,000.", "backs"],
    ["The fund is $185 million.", "The fund is $185.4 million.", "backs"],
    ["It moved $2 billion.", "It moved nearly $1.8 billion.", "contradicts"],
  ];
  for (const [draft, source, expected] of cases) {
    it(`${JSON.stringify(draft)} ← ${JSON.stringify(source)}: ${expected}`, () => assert.equal(relation(draft, source), expected));
  }
});

describe("quantities: hedges, bounds and ranges", () => {
  const cases: [string, string, string][] = [
    ["It spent more than $1 billion.", "It spent more than $1.1 billion.", "backs"],
    ["It left over 60 people missing.", "It left more than 50 people missing.", "contradicts"],
    ["Gusts of up to 80 km/h blew.", "Gusts of up to 70 km/h blew.", "contradicts"],
    ["It covers more than 20 provinces.", "It covers 12 provinces.", "contradicts"],
    ["It spread over twelve provinces.", "It covers 12 provinces.", "backs"],
    ["Growth of 1% to 3% is expected.", "Growth of 1% to 2% is expected.", "contradicts"],
    ["Growth of 1% to 2% is expected.", "Growth of 1 percent to 2 percent is expected.", "backs"],
    ["Charges of $42–48 million are due.", "Charges of $42 million to $48 million are due.", "backs"],
    ["It takes six to 11 months.", "It takes six to 11 months.", "backs"],
    ["It takes six to 11 months.", "It takes eight months.", "neither"],
    ["Crews cleared dozens of trees.", "Crews cleared 48 trees.", "backs"],
    ["Crews cleared dozens of trees.", "Crews cleared 12 trees.", "contradicts"],
  ];
  for (const [draft, source, expected] of cases) {
    it(`${JSON.stringify(draft)} ← ${JSON.stringify(source)}: ${expected}`, () => assert.equal(relation(draft, source), expected));
  }
});

describe("quantities: number words and other forms", () => {
  it("reads a hedge only as a whole word: 'recover 19' holds no 'over'", () => {
    const f = only("The maker will recover 19 trucks.");
    assert.equal(f.text, "19");
    assert.equal(f.value.type === "count" && f.value.hedge, "exact");
  });

  it("reads 'one' that counts a noun, not 'one of'", () => {
    assert.equal(only("One person died in the fire.").text, "One");
    assert.equal(readSentences(parseMarkdown("It was one of the worst fires.")).flatMap((s) => s.figures).length, 0);
  });

  it("reads ratios, fractions and 'a quarter of a million'", () => {
    assert.equal(relation("Nine in 10 homes lost power.", "Some 90% of homes lost power."), "backs");
    assert.equal(relation("One in six homes had none.", "One in three homes had none."), "contradicts");
    assert.equal(relation("A third of stores are old.", "Some 33 percent of stores are old."), "backs");
    const quarter = only("Power went out for a quarter of a million homes.");
    assert.equal(quarter.value.type === "count" && quarter.value.value, 250000);
  });

  it("reads no figure in a heading that is only 'Twice'", () => {
    assert.equal(readSentences(parseMarkdown("# Twice\n")).flatMap((s) => s.figures).length, 0);
  });

  it("reads twice and 'three times' as how often", () => {
    assert.equal(relation("The river crested three times.", "The river crested twice."), "contradicts");
  });

  it("reads a score as one figure, from either side", () => {
    const f = only("The Harriers won 38-12.");
    assert.deepEqual(f.value, { type: "score", a: 38, b: 12 });
    assert.equal(relation("They lost 12-38.", "The Harriers won 38-12."), "backs");
  });
});
