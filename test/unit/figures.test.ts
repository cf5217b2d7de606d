// Figure recognition: what claims/figures.ts finds in a sentence, and what
// claims/read.ts binds it to. Every test reads real prose through the real parser.

import { strict as assert } from "node:assert";
import { findFigures } from "../../server/src/claims/figures.js";
import { readSentences, type ReadFigure } from "../../server/src/claims/read.js";
import { parseMarkdown } from "../../server/src/parsing/markdown.js";
import type { FigureValue, Hedge } from "../../server/src/model.js";

/** Every figure in a Markdown text, as read for checking. */
function figures(markdown: string): ReadFigure[] {
  return readSentences(parseMarkdown(markdown)).flatMap((s) => s.figures);
}

/** The one figure in a text; fails when there is not exactly one. */
function only(markdown: string): ReadFigure {
  const found = figures(markdown);
  assert.equal(found.length, 1, `expected one figure in ${JSON.stringify(markdown)}, got ${JSON.stringify(found.map((f) => f.text))}`);
  return found[0];
}

function texts(markdown: string): string[] {
  return figures(markdown).map((f) => f.text);
}

/** A value without its absent fields and its precision, so values compare by what they say. */
function plain(v: FigureValue): FigureValue {
  const said = v.type === "count" ? { type: v.type, value: v.value, hedge: v.hedge, upper: v.upper } : v;
  return JSON.parse(JSON.stringify(said)) as FigureValue;
}

function count(value: number, hedge: Hedge = "exact", upper?: number): FigureValue {
  return plain({ type: "count", value, hedge, upper });
}

function date(year?: number, month?: number, day?: number): FigureValue {
  return plain({ type: "date", year, month, day });
}

/** The Markdown a figure's span covers. */
function spanned(markdown: string, f: { span: { start: number; end: number } }): string {
  return markdown.slice(f.span.start, f.span.end);
}

describe("figures: digits", () => {
  it("reads a plain number and binds it to its noun", () => {
    const f = only("China has opened 54 police stations.");
    assert.equal(f.text, "54");
    assert.deepEqual(plain(f.value), count(54));
    assert.equal(f.noun, "station");
  });

  it("reads thousands with a comma", () => {
    const f = only("Police say 230,000 people returned.");
    assert.equal(f.text, "230,000");
    assert.deepEqual(plain(f.value), count(230000));
    assert.equal(f.noun, "person");
  });

  it("reads thousands with a plain space", () => {
    assert.deepEqual(plain(only("Police say 230 000 people returned.").value), count(230000));
  });

  it("reads thousands with a narrow no-break space (U+202F)", () => {
    const f = only("Police say 230\u202f000 people returned.");
    assert.deepEqual(plain(f.value), count(230000));
    assert.equal(f.text, "230\u202f000");
  });

  it("reads thousands with a no-break space (U+00A0)", () => {
    assert.deepEqual(plain(only("Police say 230\u00a0000 people returned.").value), count(230000));
  });

  it("reads decimals with a magnitude word", () => {
    const f = only("The programme cost 2.3 million dollars.");
    assert.equal(f.text, "2.3 million dollars");
    assert.deepEqual(plain(f.value), count(2300000));
    assert.equal(f.unit, "$");
  });

  it("reads an abbreviated magnitude glued to the number (1.5bn)", () => {
    const f = only("Exports reached 1.5bn euros.");
    assert.equal(f.text, "1.5bn euros");
    assert.deepEqual(plain(f.value), count(1.5e9));
    assert.equal(f.unit, "€");
  });

  it("reads a currency amount with its magnitude and keeps the currency as unit", () => {
    const f = only("The fund paid $5 million to informants.");
    assert.equal(f.text, "$5 million");
    assert.deepEqual(plain(f.value), count(5e6));
    assert.equal(f.unit, "$");
  });

  it("reads a percentage", () => {
    const f = only("Turnout fell by 12 per cent.");
    assert.deepEqual(plain(f.value), count(12));
    assert.equal(f.unit, "percent");
    assert.equal(only("Turnout fell by 12%.").unit, "percent");
  });

  it("maps the figure's span back to the Markdown, through emphasis", () => {
    const md = "China opened **54** stations.";
    const f = only(md);
    assert.equal(spanned(md, f), "54");
    assert.equal(md.slice(f.numberSpan.start, f.numberSpan.end), "54");
  });
});

describe("figures: spelled out", () => {
  it("reads a number word", () => {
    const f = only("Police found three stations in Toronto.");
    assert.equal(f.text, "three");
    assert.deepEqual(plain(f.value), count(3));
    assert.equal(f.noun, "station");
  });

  it("reads a capitalised number word at the start of a sentence", () => {
    const md = "Police were busy. Three stations were raided.";
    const f = only(md);
    assert.equal(f.text, "Three");
    assert.deepEqual(plain(f.value), count(3));
    assert.equal(spanned(md, f), "Three");
  });

  it("reads hyphenated tens and units (fifty-four)", () => {
    assert.deepEqual(plain(only("There are fifty-four stations.").value), count(54));
  });

  it("reads tens and units written with a space (twenty one)", () => {
    assert.deepEqual(plain(only("There are twenty one stations.").value), count(21));
  });

  it("reads a number word with a magnitude (two hundred)", () => {
    const f = only("About two hundred people protested.");
    assert.deepEqual(plain(f.value), count(200, "about"));
    assert.equal(f.text, "About two hundred");
  });

  // readNumber's own comment: "a" counts before a scale ("a million"); WORDNUM never lets "a million" match.
  it("reads 'a million' as 1,000,000", () => {
    const f = only("The scheme reached a million people.");
    assert.equal(f.text, "a million");
    assert.deepEqual(plain(f.value), count(1e6));
    assert.equal(f.noun, "person");
  });

  it("reads 'a hundred' as 100", () => {
    assert.deepEqual(plain(only("Police visited a hundred homes.").value), count(100));
  });

  it("reads a dozen as 12", () => {
    const f = only("Officers interviewed a dozen witnesses.");
    assert.equal(f.text, "a dozen");
    assert.deepEqual(plain(f.value), count(12));
    assert.equal(f.noun, "witness");
  });
});

describe("figures: years and dates", () => {
  it("reads a bare year as a date", () => {
    const f = only("She moved to Canada in 1989.");
    assert.equal(f.text, "1989");
    assert.deepEqual(plain(f.value), date(1989));
  });

  it("reads a month and year", () => {
    const f = only("The campaign began in April 2021.");
    assert.equal(f.text, "April 2021");
    assert.deepEqual(plain(f.value), date(2021, 4));
  });

  it("reads an abbreviated month and day (Dec. 1)", () => {
    const f = only("The law takes effect on Dec. 1 next year.");
    assert.equal(f.text, "Dec. 1");
    assert.deepEqual(plain(f.value), date(undefined, 12, 1));
  });

  it("reads a full month, day and year", () => {
    const f = only("The law took effect on December 1, 2022.");
    assert.equal(f.text, "December 1, 2022");
    assert.deepEqual(plain(f.value), date(2022, 12, 1));
  });

  it("reads ISO dates, with and without a day", () => {
    assert.deepEqual(plain(only("Filed on 2022-10-28 in Toronto.").value), date(2022, 10, 28));
    assert.deepEqual(plain(only("Filed in 2022-10 in Toronto.").value), date(2022, 10));
  });

  it("reads 'between April 2021 and July 2022' as two dates", () => {
    const found = figures("They returned between April 2021 and July 2022.");
    assert.deepEqual(
      found.map((f) => [f.text, plain(f.value)]),
      [
        ["April 2021", date(2021, 4)],
        ["July 2022", date(2022, 7)],
      ],
    );
  });

  it("reads a range of years as two years, not a count from 2021 to 2022", () => {
    for (const md of ["The probe ran between 2021 and 2022.", "The probe ran from 2021 to 2022.", "The probe ran in 2021-2022."]) {
      assert.deepEqual(
        figures(md).map((f) => plain(f.value)),
        [date(2021), date(2022)],
        md,
      );
    }
  });

  it("reads a four-digit number that counts something as a count, not a year", () => {
    const f = only("Police questioned 2000 suspects.");
    assert.deepEqual(plain(f.value), count(2000));
  });

  // The figure's own doc comment promises this ("2000 people"); isCountedBy wants a plural ending in -s.
  it("reads '2000 people' as a count, not a year", () => {
    const f = only("Police said 2000 people were questioned.");
    assert.deepEqual(plain(f.value), count(2000));
    assert.equal(f.noun, "person");
  });
});

describe("figures: hedges", () => {
  const cases: [string, string, FigureValue][] = [
    ["China runs more than 50 stations.", "more than 50", count(50, "more-than")],
    ["Officials said about 230,000 people returned.", "about 230,000", count(230000, "about")],
    ["Roughly 300 people attended.", "Roughly 300", count(300, "about")],
    ["The group counted some 40 stations.", "some 40", count(40, "about")],
    ["It has at least 50 stations.", "at least 50", count(50, "at-least")],
    ["It has nearly 60 stations.", "nearly 60", count(60, "nearly")],
    ["It may open up to 70 stations.", "up to 70", count(70, "at-most")],
    ["Fewer than 20 people came.", "Fewer than 20", count(20, "less-than")],
    ["It has over 50 stations.", "over 50", count(50, "more-than")],
  ];
  for (const [md, text, value] of cases) {
    it(`reads “${text}”`, () => {
      const f = only(md);
      assert.equal(f.text, text);
      assert.deepEqual(plain(f.value), value);
      assert.equal(spanned(md, f), text);
    });
  }

  it("keeps the number span on the number alone, so a fix leaves the hedge", () => {
    const md = "It has more than 50 stations.";
    const f = only(md);
    assert.equal(md.slice(f.numberSpan.start, f.numberSpan.end), "50");
  });
});

describe("figures: ranges", () => {
  it("reads 'between 50 and 60'", () => {
    const f = only("The group found between 50 and 60 stations.");
    assert.deepEqual(plain(f.value), count(50, "exact", 60));
    assert.equal(f.noun, "station");
  });

  it("reads '50 to 60'", () => {
    assert.deepEqual(plain(only("The group found 50 to 60 stations.").value), count(50, "exact", 60));
  });

  it("reads '50-60' and '50–60'", () => {
    assert.deepEqual(plain(only("The group found 50-60 stations.").value), count(50, "exact", 60));
    assert.deepEqual(plain(only("The group found 50–60 stations.").value), count(50, "exact", 60));
  });

  it("does not read '50 and 60' without 'between' as a range", () => {
    assert.deepEqual(
      figures("Police raided 50 homes and 60 shops.").map((f) => plain(f.value)),
      [count(50), count(60)],
    );
  });
});

describe("figures: compounds", () => {
  it("reads '21-page report' with unit page and noun report", () => {
    const md = "The group published a 21-page report.";
    const f = only(md);
    assert.equal(f.text, "21-page");
    assert.equal(f.unit, "page");
    assert.equal(f.noun, "report");
    assert.deepEqual(plain(f.value), count(21));
    assert.equal(md.slice(f.numberSpan.start, f.numberSpan.end), "21");
  });
});

describe("figures: what is not a figure", () => {
  const none: [string, string][] = [
    ["'one of'", "Toronto is one of the cities named."],
    ["ordinal words", "It was the first station and the second report."],
    ["ordinal digits", "It was the 21st station and the 3rd report and the 2nd raid."],
    ["a name with digits (CP24)", "The consulate wrote to CP24 on Wednesday."],
    ["a name with a hyphenated number (COVID-19)", "Travel stopped during COVID-19 restrictions."],
    ["a number in inline code", "Run `source-check --max 54` before filing."],
    ["a bare URL", "The report is at https://example.com/reports/54 online."],
    ["an autolink", "The report is at <https://example.com/reports/54> online."],
    ["a link's address", "Read [the report](https://example.com/54/30) now."],
    ["a Pandoc citation with a locator", "China opened stations [@ctv-news, p. 2]."],
    ["a Pandoc citation of several sources", "China opened stations [@ctv-news; @naija-times]."],
    ["a footnote reference", "China opened stations.[^2]\n\n[^2]: CTV News Toronto."],
    ["front matter", "---\ntitle: 54 stations in 30 countries\ndate: 2022-10-28\n---\n\nChina opened stations."],
    ["an HTML comment", "<!-- 54 stations in 30 countries -->\n\nChina opened stations."],
    ["inline HTML", 'China opened <span data-n="54">stations</span>.'],
    ["a fenced code block", "```\n54 stations in 30 countries\n```\n\nChina opened stations."],
    ["an indented code block", "Intro.\n\n    54 stations in 30 countries\n\nChina opened stations."],
    ["a footnote definition", "China opened stations.[^a]\n\n[^a]: Report of 54 stations, 2022, p. 21."],
    ["ordered-list numbering", "1. China opened stations.\n2. Canada investigates."],
  ];
  for (const [what, md] of none) {
    it(`finds no figure in ${what}`, () => {
      assert.deepEqual(texts(md), []);
    });
  }

  it("finds no figure in a time of day (10:30)", () => {
    assert.deepEqual(texts("The RCMP briefed reporters at 10:30 on Wednesday."), []);
  });

  it("finds no figure in a time of day with a.m. (12:45 p.m.)", () => {
    assert.deepEqual(texts("The embassy replied at 12:45 p.m. that day."), []);
  });

  it("still finds the figure beside a citation key", () => {
    assert.deepEqual(texts("China opened 54 stations [@ctv-news, p. 2]."), ["54"]);
  });
});

describe("findFigures: masked spans", () => {
  it("never reads a figure inside a masked span", () => {
    const text = "China opened 54 stations in 30 countries.";
    const sentence = { start: 0, end: text.length };
    assert.deepEqual(
      findFigures(text, sentence).map((f) => f.text),
      ["54", "30"],
    );
    const at = text.indexOf("30");
    assert.deepEqual(
      findFigures(text, sentence, [{ start: at, end: at + 2 }]).map((f) => f.text),
      ["54"],
    );
  });

  it("reads only inside the sentence it is given, with the text's offsets", () => {
    const text = "First 12 cats. Then 54 stations opened.";
    const start = text.indexOf("Then");
    const found = findFigures(text, { start, end: text.length });
    assert.equal(found.length, 1);
    assert.equal(found[0].text, "54");
    assert.equal(text.slice(found[0].span.start, found[0].span.end), "54");
  });
});

describe("figures: what they count", () => {
  it("binds through 'so-called' and quote marks to the head noun (station)", () => {
    const found = figures("China has opened a total of 54 so-called police “service stations” in 30 countries.");
    assert.deepEqual(
      found.map((f) => [f.text, f.noun]),
      [
        ["54", "station"],
        ["30", "country"],
      ],
    );
  });

  // "across" is missing from the words that end a noun phrase, so the phrase runs on to "countries".
  it("ends the noun phrase at a preposition such as 'across'", () => {
    const found = figures("Safeguard Defenders counts 54 police service stations across 30 countries.");
    assert.deepEqual(
      found.map((f) => [f.text, f.noun]),
      [
        ["54", "station"],
        ["30", "country"],
      ],
    );
  });

  it("binds '230,000 fraud suspects' to suspect", () => {
    assert.equal(only("China says 230,000 fraud suspects returned home.").noun, "suspect");
  });

  it("binds a labelled figure to its label (Stations worldwide: 54)", () => {
    const f = only("Stations worldwide: 54");
    assert.equal(f.noun, "station");
    assert.equal(f.nounFrom, "label");
  });

  // isPlural counts "police" as a plural, so the label's noun becomes "police".
  it("binds a label whose first word is 'Police' to its head noun (Police stations worldwide: 54)", () => {
    assert.equal(only("Police stations worldwide: 54").noun, "station");
  });

  it("binds a labelled figure in a list item", () => {
    assert.equal(only("- Countries: 30").noun, "country");
  });

  it("binds 'Three of them' to the noun of the figure before it", () => {
    const found = figures("China has opened 54 police stations abroad. Three of them are in Toronto.");
    assert.deepEqual(
      found.map((f) => [f.text, f.noun, f.nounFrom]),
      [
        ["54", "station", "phrase"],
        ["Three", "station", "antecedent"],
      ],
    );
  });

  // The antecedent rule takes the previous sentence's noun even where the noun follows "of the".
  it("binds 'Three of the stations' to stations, not to an earlier figure's noun", () => {
    const found = figures("China returned 230,000 nationals. Three of the stations are in Toronto.");
    assert.equal(found[1].text, "Three");
    assert.equal(found[1].noun, "station");
    assert.equal(only("Three of the stations are in Toronto.").noun, "station");
  });

  it("binds 'including three in Canada' to the earlier figure's noun", () => {
    const found = figures("China has 54 stations in 30 countries, including three in Canada.");
    assert.equal(found[2].text, "three");
    assert.equal(found[2].noun, "station");
  });

  it("binds a table cell's figure to its row label", () => {
    const md = "| What | Count |\n| --- | --- |\n| Stations worldwide | 54 |\n| Countries | 30 |\n";
    assert.deepEqual(
      figures(md).map((f) => [f.text, f.noun, f.nounFrom]),
      [
        ["54", "station", "label"],
        ["30", "country", "label"],
      ],
    );
  });

  it("keeps the sentence's subject words as context, not the figure's own noun", () => {
    const f = only("Safeguard Defenders counted 54 stations.");
    assert.ok(f.context.has("safeguard"), [...f.context].join(","));
    assert.ok(!f.context.has("station"));
  });
});
