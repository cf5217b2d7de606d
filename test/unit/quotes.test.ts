// Quotes: recognition in prose (claims/quotes.ts), alignment with a source passage
// (matching/quotes.ts) and who spoke them (claims/speakers.ts). Fixtures are the
// bundled articles' own sentences and the eval drafts' quotes.

import assert from "node:assert/strict";
import { findAttributions, findQuotes, type FoundQuote } from "../../server/src/claims/quotes.js";
import { alignQuote, describeDiff, quoteWords } from "../../server/src/matching/quotes.js";
import { clearlyNamed, resolveSpeakers, sameSpeaker } from "../../server/src/claims/speakers.js";
import { sentences } from "../../server/src/parsing/sentences.js";

function quotesIn(text: string, masked: { start: number; end: number }[] = []): FoundQuote[] {
  return findQuotes(text, sentences(text), masked);
}

function only(text: string): FoundQuote {
  const qs = quotesIn(text);
  assert.equal(qs.length, 1, `expected one quote in ${JSON.stringify(text)}, got ${JSON.stringify(qs.map((q) => q.text))}`);
  return qs[0];
}

// Source passages (paragraphs of the bundled articles).
const CTV_RCMP =
  '"The (force) takes threats to the security of individuals living in Canada very seriously and is aware that foreign states may seek to intimidate or harm communities or individuals within Canada," RCMP spokesperson Camille Boily-Lavoie said. "As the RCMP is currently investigating the incident, there will be no further comment on the matter at this time.”';
const NAIJA_RCMP =
  "“The RCMP takes threats to the security of individuals living in Canada very seriously and is aware that foreign states may seek to intimidate or harm communities or individuals within Canada,” it added.";
const NAIJA_SHENG =
  "“Now the Chinese police station (is) here, just a few kilometres from me, so I am asking myself, where else I can escape to,” the activist, Sheng Xue, told CBC.";
const CTV_CONSULATE =
  "“In order to solve their practical difficulties, the local authorities in Fujian, China, have set up an online service platform. For services such as driver’s license renewal, it is necessary to have eyesight, hearing and physical examination. The main purpose of the service station abroad is to provide free assistance to overseas Chinese citizens in this regard,” the consulate said.";
const CTV_SUPPORT =
  '"It is important for all individuals and groups living in Canada, regardless of their nationality, to know that there are support mechanisms in place to assist them when experiencing potential foreign interference or state-backed harassment and intimidation."';
const CTV_NGO =
  "According to a recent and ongoing investigation by a Spanish-based non-government organization (NGO) called Safeguard Defenders, the People’s Republic of China (PRC) has undertaken a concerted operation to force Chinese nationals living abroad who are accused of telecom and online fraud to return home.";
const NAIJA_SINISTER =
  "In a September report, the NGO said the stations “serve a far more sinister and wholly illegal purpose” than Beijing has acknowledged, including tracking and pursuing targets.";
const ALL_PASSAGES = [CTV_RCMP, NAIJA_RCMP, NAIJA_SHENG, CTV_CONSULATE, CTV_SUPPORT, CTV_NGO, NAIJA_SINISTER];

describe("findQuotes: recognition", () => {
  it("finds a curly double quote with its span and piece", () => {
    const text = "The consulate said the “local volunteers are not Chinese police officers” [@ctv-news].";
    const q = only(text);
    assert.equal(q.text, "local volunteers are not Chinese police officers");
    assert.equal(text.slice(q.span.start, q.span.end), "“local volunteers are not Chinese police officers”");
    assert.deepEqual(
      q.pieces.map((p) => text.slice(p.start, p.end)),
      ["local volunteers are not Chinese police officers"],
    );
  });

  it("pairs a straight opening mark with a curly closing mark, and straight with straight", () => {
    const qs = quotesIn(CTV_RCMP);
    assert.equal(qs.length, 2);
    assert.match(qs[0].text, /^The \(force\) takes threats .* within Canada,$/);
    assert.equal(
      qs[1].text,
      "As the RCMP is currently investigating the incident, there will be no further comment on the matter at this time.",
    );
    assert.equal(CTV_RCMP.slice(qs[1].span.start, qs[1].span.end).at(-1), "”");
  });

  it("keeps nested single quotes inside a double quote as part of it", () => {
    const text =
      "In an email to AFP, the Royal Canadian Mounted Police said it was “investigating reports of criminal activity in relation to the so-called ‘police’ stations.”";
    const q = only(text);
    assert.equal(q.text, "investigating reports of criminal activity in relation to the so-called ‘police’ stations.");
  });

  it("excludes scare quotes of one to three words, curly, straight or single", () => {
    assert.deepEqual(quotesIn("China has opened 54 so-called police “service stations” in 30 countries."), []);
    assert.deepEqual(quotesIn("But the NGO claims that the stations serve a “more sinister goal” as well."), []);
    assert.deepEqual(quotesIn('The RCMP is investigating so-called "police stations" in the GTA.'), []);
    assert.deepEqual(quotesIn("Federal police are looking into so-called ‘police stations’ linked to Beijing."), []);
  });

  it("takes a four-word scare-length quote as a quote", () => {
    assert.equal(only("The NGO says the stations serve “a more sinister goal” as well.").text, "a more sinister goal");
  });

  it("keeps a short quote presented as a whole utterance", () => {
    const q = only("China’s foreign ministry said the reports were “completely false.”");
    assert.equal(q.text, "completely false.");
    assert.equal(q.speaker, "China’s foreign ministry");
  });

  it("never takes apostrophes for single quotes", () => {
    assert.deepEqual(quotesIn("It’s China’s drivers’ licences that the RCMP’s officers checked, the force's statement said."), []);
    assert.deepEqual(quotesIn("It's the suspects' children who pay, and that's the RCMP's view."), []);
  });

  it("takes headline-style single quotes of four words or more, but not a possessive", () => {
    const q = only("Activists say ‘we are being watched here’ in Toronto.");
    assert.equal(q.text, "we are being watched here");
    // "stations’ run" could be a possessive; it closes the quote when nothing later does.
    assert.deepEqual(quotesIn("The so-called ‘police stations’ run by China’s police are under investigation."), []);
    assert.equal(
      only("He called them ‘the drivers’ licence offices of Fujian’ in his report.").text,
      "the drivers’ licence offices of Fujian",
    );
  });

  it("joins a quote split by its attribution in one sentence", () => {
    const text =
      "“The local volunteers are not Chinese police officers,” the consulate said, “and they are not involved in any criminal investigation.”";
    const q = only(text);
    assert.equal(q.pieces.length, 2);
    assert.equal(q.text, "The local volunteers are not Chinese police officers, and they are not involved in any criminal investigation.");
    assert.equal(q.speaker, "the consulate");
    assert.equal(text.slice(q.span.start, q.span.end), text);
  });

  it("does not join two quotes in two sentences", () => {
    const text =
      "“The local volunteers are not Chinese police officers,” the consulate said. “They are not involved in any criminal investigation or relevant activity.”";
    const qs = quotesIn(text);
    assert.equal(qs.length, 2);
    assert.equal(qs[0].speaker, "the consulate");
    assert.equal(qs[1].speaker, undefined);
  });

  it("finds a quote over several sentences, attributed after it", () => {
    const q = only(CTV_CONSULATE);
    assert.match(q.text, /^In order to solve .* in this regard,$/);
    assert.equal(q.speaker, "the consulate");
  });

  it("lets a quote run to the end of its paragraph without a closing mark", () => {
    const text = "The RCMP said: “We are investigating the incident. There will be no further comment.";
    const q = only(text);
    assert.equal(q.text, "We are investigating the incident. There will be no further comment.");
    assert.equal(q.span.end, text.length);
    assert.equal(q.speaker, "The RCMP");
  });

  it("reads a quote across a soft line break and CRLF line endings", () => {
    const text = "Boily-Lavoie added that “as the RCMP is investigating\r\nthe incident, there will be no further comment” [@ctv-news].";
    const q = only(text);
    assert.equal(q.text, "as the RCMP is investigating the incident, there will be no further comment");
    assert.equal(q.speaker, "Boily-Lavoie");
    const lf = only("The force added that it “takes threats to the\nsafety of individuals living in Canada very seriously”.");
    assert.equal(lf.text, "takes threats to the safety of individuals living in Canada very seriously");
  });

  it("ignores quote marks inside masked spans", () => {
    const text = 'Safeguard Defenders said the stations serve a “far more sinister and wholly illegal purpose” [@a, "b c d e" f].';
    const mask = { start: text.indexOf("[@"), end: text.indexOf("].") + 1 };
    const qs = quotesIn(text, [mask]);
    assert.equal(qs.length, 1);
    assert.equal(qs[0].text, "far more sinister and wholly illegal purpose");
    assert.equal(quotesIn(text).length, 2, "unmasked, the straight quotes make a second quote");
  });
});

describe("findQuotes: speakers", () => {
  const cases: [string, string | undefined][] = [
    [
      "In an email to AFP, the Royal Canadian Mounted Police said it was “investigating reports of criminal activity in relation to the so-called ‘police’ stations.”",
      "the Royal Canadian Mounted Police",
    ],
    [NAIJA_SHENG, "the activist, Sheng Xue"],
    [NAIJA_RCMP, "it"],
    ["“They are not involved in any criminal investigation or relevant activity,” it said in a statement.", "it"],
    [
      "China’s foreign ministry said the reports were false. Spokeswoman Mao Ning added that its public security agencies “strictly abide by international law and fully respect the judicial sovereignty of other countries.”",
      "Spokeswoman Mao Ning",
    ],
    ["“The use of irregular methods against the targeted individual undermines any due process,” the report states.", "the report"],
    [
      "“We will not tolerate any form of foreign interference,” said RCMP spokesperson Camille Boily-Lavoie in a statement.",
      "RCMP spokesperson Camille Boily-Lavoie",
    ],
    ["The stations “serve a far more sinister and wholly illegal purpose,” according to Safeguard Defenders.", "Safeguard Defenders"],
    [
      "According to Safeguard Defenders, the stations “serve a far more sinister and wholly illegal purpose” than Beijing admits.",
      "Safeguard Defenders",
    ],
    ["Activist Sheng Xue, who moved to Canada in 1989, said she keeps asking herself “where else I can escape to.”", "Activist Sheng Xue"],
    [
      "Mao Ning, the Chinese foreign ministry’s spokeswoman, said the stations are “a smear by anti-China forces.”",
      "Mao Ning, the Chinese foreign ministry’s spokeswoman",
    ],
    [
      "Canada’s public broadcaster, meanwhile, said the activist was “repeatedly targeted by Chinese officials online.”",
      "Canada’s public broadcaster",
    ],
    ["An RCMP spokesperson told reporters, “We will not tolerate any form of foreign interference.”", "An RCMP spokesperson"],
    [
      "Its report says the use of irregular methods “against the targeted individual or their family members in China undermines any due process” [@ctv-news].",
      "Its report",
    ],
    ["The stations were described as “necessary to accommodate the growing administrative needs” in the report.", undefined],
    ["A case in the United States described a man who eventually went “despite initially not wanting to go back.”", undefined],
  ];
  for (const [text, speaker] of cases) {
    it(`${speaker ?? "no speaker"}: ${text.slice(0, 60)}…`, () => {
      const q = only(text);
      assert.equal(q.speaker, speaker);
      if (speaker && q.speakerSpan) assert.equal(text.slice(q.speakerSpan.start, q.speakerSpan.end), speaker);
    });
  }

  it("does not take CBC for the speaker in “…,” X told CBC", () => {
    assert.doesNotMatch(only(NAIJA_SHENG).speaker ?? "", /CBC/);
  });

  it("finds attributions in unquoted sentences only", () => {
    const text =
      "According to Safeguard Defenders, the police stations have been used by Chinese police. In a September report, the NGO said the stations “serve a far more sinister and wholly illegal purpose” than Beijing has acknowledged.";
    const found = findAttributions(text, sentences(text));
    assert.deepEqual(
      found.map((a) => a.speaker),
      ["Safeguard Defenders"],
    );
  });
});

describe("quoteWords", () => {
  it("compares words, not punctuation, apostrophe style, dashes or case", () => {
    const keys = (s: string) => quoteWords(s).map((w) => w.key);
    assert.deepEqual(keys("Driver’s licence – renewals, anti–China!"), keys("driver's licence renewals anti-China"));
    assert.deepEqual(keys("“The RCMP,” it said."), ["the", "rcmp", "it", "said"]);
  });
});

describe("alignQuote: verbatim", () => {
  const verbatim: [string, string, string][] = [
    ["a partial quote", "takes threats to the security of individuals", NAIJA_RCMP],
    [
      "a whole quote with its closing punctuation changed",
      "The RCMP takes threats to the security of individuals living in Canada very seriously.",
      NAIJA_RCMP,
    ],
    ["a changed first capital", "as the RCMP is currently investigating the incident", CTV_RCMP],
    ["curly against straight marks and apostrophes", "It is important for all individuals and groups living in Canada", CTV_SUPPORT],
    ["a dash as a hyphen and across a line break", "foreign interference or state–backed\nharassment", CTV_SUPPORT],
    ["an ellipsis (…)", "the local authorities in Fujian … have set up an online service platform", CTV_CONSULATE],
    [
      "an ellipsis (...) across sentences",
      "the local authorities in Fujian ... provide free assistance to overseas Chinese citizens",
      CTV_CONSULATE,
    ],
    ["the source's (force) against a name", "The RCMP takes threats to the security of individuals", CTV_RCMP],
    ["the source's (force) against its own word", "The force takes threats", CTV_RCMP],
    ["the source's (force) against a bracket", "The [force] takes threats to the security", CTV_RCMP],
    ["a bracketed substitution for the source's words", "[The RCMP] is aware that foreign states may seek to intimidate", NAIJA_RCMP],
    ["a bracketed insertion", "there will be no further comment [from the force] on the matter", CTV_RCMP],
    ["the source's (is) kept", "Now the Chinese police station (is) here, just a few kilometres from me", NAIJA_SHENG],
    ["the source's (is) as a plain word", "Now the Chinese police station is here", NAIJA_SHENG],
  ];
  for (const [what, quote, passage] of verbatim) {
    it(what, () => {
      const a = alignQuote(quote, passage);
      assert.equal(a.kind, "verbatim", `${quote} → ${JSON.stringify(a)}`);
      assert.equal(a.similarity, 1);
      assert.ok(a.span && a.span.end > a.span.start);
      assert.equal(describeDiff(a.diff), "");
    });
  }

  it("gives the matched passage's span", () => {
    const a = alignQuote("a far more sinister and wholly illegal purpose", NAIJA_SINISTER);
    assert.ok(a.span);
    assert.equal(NAIJA_SINISTER.slice(a.span.start, a.span.end), "a far more sinister and wholly illegal purpose");
  });

  it("needs the pieces around an ellipsis in the source's order", () => {
    const a = alignQuote("have set up an online service platform … the local authorities in Fujian", CTV_CONSULATE);
    assert.notEqual(a.kind, "verbatim");
  });

  it("does not let wildcards absorb a quote", () => {
    // "[force]" could stand for "People’s Republic of China" and "(PRC)" for "takes threats".
    assert.notEqual(alignQuote("The [force] takes threats", CTV_NGO).kind, "verbatim");
    assert.equal(alignQuote("a smear … forces", CTV_NGO).kind, "none");
  });
});

describe("alignQuote: altered", () => {
  it("a changed word: security → safety", () => {
    const a = alignQuote("takes threats to the safety of individuals living in Canada very seriously", NAIJA_RCMP);
    assert.equal(a.kind, "altered");
    assert.equal(describeDiff(a.diff), "“security” → “safety”");
    assert.ok(a.similarity > 0.8 && a.similarity < 1);
  });

  it("a dropped word without an ellipsis: currently", () => {
    const a = alignQuote("as the RCMP is investigating the incident, there will be no further comment", CTV_RCMP);
    assert.equal(a.kind, "altered");
    assert.equal(describeDiff(a.diff), "dropped “currently”");
  });

  it("a dropped word in a quote that keeps the source's (is): else", () => {
    const a = alignQuote(
      "Now the Chinese police station (is) here, just a few kilometres from me, so I am asking myself where I can escape to",
      NAIJA_SHENG,
    );
    assert.equal(a.kind, "altered");
    assert.equal(describeDiff(a.diff), "dropped “else”");
  });

  it("an added word", () => {
    const a = alignQuote("where else I can possibly escape to", NAIJA_SHENG);
    assert.equal(a.kind, "altered");
    assert.match(describeDiff(a.diff), /added “possibly”/);
  });

  it("a long omission without an ellipsis counts as one change", () => {
    const a = alignQuote(
      "The RCMP takes threats to the security of individuals and is aware that foreign states may seek to intimidate",
      NAIJA_RCMP,
    );
    assert.equal(a.kind, "altered");
    assert.equal(describeDiff(a.diff), "dropped “living in Canada very seriously”");
    assert.ok(a.similarity > 0.9, "one omission, not five changes");
  });

  it("reordered clauses", () => {
    const a = alignQuote("the security of individuals living in Canada, the RCMP takes threats to", NAIJA_RCMP);
    assert.equal(a.kind, "altered");
  });

  it("the diff runs from the source to the draft", () => {
    const a = alignQuote("takes threats to the safety of individuals", NAIJA_RCMP);
    assert.deepEqual(a.diff, [
      { op: "same", text: "takes threats to the" },
      { op: "dropped", text: "security" },
      { op: "added", text: "safety" },
      { op: "same", text: "of individuals" },
    ]);
  });
});

describe("alignQuote: none", () => {
  const none = [
    "This is only the tip of the iceberg",
    "a smear by anti-China forces",
    "We will not tolerate any form of foreign interference",
    "The consulate is not involved in any of this",
  ];
  for (const quote of none) {
    it(`${quote} is in no passage`, () => {
      for (const passage of ALL_PASSAGES) {
        const a = alignQuote(quote, passage);
        assert.equal(a.kind, "none", `${quote} vs ${passage.slice(0, 40)}: ${JSON.stringify(a)}`);
        assert.deepEqual(a.diff, []);
        assert.ok(a.similarity < 0.6);
      }
    });
  }

  it("near misses either side of the threshold", () => {
    // Two words of four changed: too far.
    assert.equal(alignQuote("just a few miles from him", NAIJA_SHENG).kind, "none");
    // One word of six changed, though it is the only content word: close.
    assert.equal(alignQuote("just a few miles from me", NAIJA_SHENG).kind, "altered");
    // Both content words changed in a seven-word quote: too far.
    assert.equal(
      alignQuote("This is only the start of the investigation", "This is only the tip of the iceberg, the group said.").kind,
      "none",
    );
    assert.equal(
      alignQuote("This is only the tip of the investigation", "This is only the tip of the iceberg, the group said.").kind,
      "altered",
    );
    // Content words missing, function words in place: too far.
    assert.equal(alignQuote("threats to the peace of nations living in Europe", NAIJA_RCMP).kind, "none");
    // Content words in place, but padded with words the source never had: too far.
    assert.equal(alignQuote("threats to the security of individuals in all of Canada and all of us", NAIJA_RCMP).kind, "none");
    // Most content words in place: close.
    assert.equal(alignQuote("threats to the security of people living in Canada", NAIJA_RCMP).kind, "altered");
  });

  it("an empty quote or passage matches nothing", () => {
    assert.equal(alignQuote("", NAIJA_RCMP).kind, "none");
    assert.equal(alignQuote("…", NAIJA_RCMP).kind, "none");
    assert.equal(alignQuote("takes threats", "").kind, "none");
  });

  // Speed is measured in `npm run bench`, not asserted here: this only catches a
  // blow-up (an alignment gone quadratic in the passage), with a bound no loaded
  // machine comes near.
  it("does not blow up against a long passage", () => {
    const quote =
      "Now the Chinese police station (is) here, just a few kilometres from me, so I am asking myself where I can escape to and I think about it every day of the week";
    const passage = Array(4).fill(CTV_RCMP).join(" ");
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < 200; k++) alignQuote(quote, passage);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.ok(ms < 30_000, `200 alignments took ${ms} ms`);
  });
});

describe("describeDiff", () => {
  it("summarises changes, drops and additions, three at most", () => {
    assert.equal(describeDiff([{ op: "same", text: "a" }]), "");
    assert.equal(
      describeDiff([
        { op: "dropped", text: "x" },
        { op: "added", text: "y" },
        { op: "same", text: "s" },
        { op: "added", text: "z" },
        { op: "same", text: "s" },
        { op: "dropped", text: "w" },
        { op: "same", text: "s" },
        { op: "dropped", text: "v" },
      ]),
      "“x” → “y”, added “z”, dropped “w” and 1 more",
    );
  });
});

describe("resolveSpeakers", () => {
  it("pronouns and speaker-less quotes take the previous explicit speaker, across paragraphs", () => {
    const refs = resolveSpeakers([
      { speaker: "the Royal Canadian Mounted Police", paragraph: 3 },
      { speaker: "it", paragraph: 4 },
      { speaker: undefined, paragraph: 5 },
    ]);
    assert.deepEqual(
      refs.map((r) => r?.names),
      [["the Royal Canadian Mounted Police"], ["the Royal Canadian Mounted Police"], ["the Royal Canadian Mounted Police"]],
    );
  });

  it("a pronoun with no one before it stays unresolved", () => {
    assert.deepEqual(resolveSpeakers([{ speaker: "It", paragraph: 0 }]), [undefined]);
  });

  it("a spokesperson speaks for the organisation in the phrase", () => {
    const [r] = resolveSpeakers([{ speaker: "RCMP spokesperson Camille Boily-Lavoie", paragraph: 7 }]);
    assert.deepEqual(r?.names, ["RCMP spokesperson Camille Boily-Lavoie", "RCMP", "Camille Boily-Lavoie"]);
    const [s] = resolveSpeakers([{ speaker: "Mao Ning, the Chinese foreign ministry’s spokeswoman", paragraph: 1 }]);
    assert.ok(s?.names.includes("Mao Ning"));
    assert.ok(s?.names.includes("Chinese foreign ministry"));
  });

  it("a spokesperson without an organisation takes the previous speaker's", () => {
    const refs = resolveSpeakers([
      { speaker: "China’s foreign ministry", paragraph: 13 },
      { speaker: "Spokeswoman Mao Ning", paragraph: 13 },
    ]);
    assert.deepEqual(refs[1]?.names, ["Spokeswoman Mao Ning", "China’s foreign ministry"]);
  });

  it("a generic reference takes the name given just before, but not a document's", () => {
    const refs = resolveSpeakers([
      { speaker: "Safeguard Defenders", paragraph: 6 },
      { speaker: "the NGO", paragraph: 7 },
      { speaker: "It", paragraph: 8 },
      { speaker: "the report", paragraph: 9 },
      { speaker: "the consulate", paragraph: 12 },
    ]);
    assert.deepEqual(refs[1]?.names, ["the NGO", "Safeguard Defenders"]);
    assert.deepEqual(refs[2]?.names, ["the NGO", "Safeguard Defenders"]);
    assert.deepEqual(refs[3]?.names, ["the report"]);
    assert.deepEqual(refs[4]?.names, ["the consulate"], "too far from the last name to stand for it");
  });
});

describe("sameSpeaker and clearlyNamed", () => {
  const rcmpCtv = { names: ["RCMP spokesperson Camille Boily-Lavoie", "RCMP", "Camille Boily-Lavoie"] };
  const rcmpNaija = { names: ["the Royal Canadian Mounted Police"] };
  const ngo = { names: ["the NGO", "Safeguard Defenders"] };

  it("the eval drafts' speakers that agree with the source", () => {
    assert.ok(sameSpeaker("RCMP spokesperson Camille Boily-Lavoie", rcmpCtv));
    assert.ok(sameSpeaker("Boily-Lavoie", rcmpCtv));
    assert.ok(sameSpeaker("the RCMP", rcmpNaija), "acronym of the source's name");
    assert.ok(sameSpeaker("Royal Canadian Mounted Police", { names: ["RCMP"] }), "acronym of the draft's name");
    assert.ok(sameSpeaker("Foreign ministry spokeswoman Mao Ning", { names: ["Spokeswoman Mao Ning", "China’s foreign ministry"] }));
    assert.ok(sameSpeaker("Its embassy in Ottawa", { names: ["China’s embassy in Ottawa"] }));
    assert.ok(sameSpeaker("Activist Sheng Xue", { names: ["the activist, Sheng Xue", "the activist", "Sheng Xue"] }));
    assert.ok(sameSpeaker("Safeguard Defenders", ngo));
    assert.ok(sameSpeaker("The consulate", { names: ["the consulate"] }));
  });

  it("the eval drafts' misattributions", () => {
    assert.ok(!sameSpeaker("The RCMP", ngo));
    assert.ok(clearlyNamed("The RCMP"));
    assert.ok(!sameSpeaker("Dutch officials", rcmpNaija));
    assert.ok(clearlyNamed("Dutch officials"));
  });

  it("role words alone make no match", () => {
    assert.ok(!sameSpeaker("An RCMP spokesperson", { names: ["Spokeswoman Mao Ning", "China’s foreign ministry"] }));
    assert.ok(!sameSpeaker("a police official", { names: ["a ministry official"] }));
  });

  it("generic and pronoun references are not clearly named", () => {
    for (const s of ["the force", "The force", "the group", "it", "Its report", "the consulate", "Officials", "the NGO", "They"])
      assert.ok(!clearlyNamed(s), s);
    for (const s of [
      "Sheng Xue",
      "Boily-Lavoie",
      "the RCMP",
      "Safeguard Defenders",
      "China’s foreign ministry",
      "Dutch officials",
      "the activist, Sheng Xue",
    ])
      assert.ok(clearlyNamed(s), s);
  });
});
