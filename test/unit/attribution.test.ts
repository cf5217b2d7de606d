// Where sentences end (parsing/sentences.ts), who a quote's speaker is across an
// article (matching/speakers.ts), how a publisher is named (corpus/corpus.ts) and
// the quote conventions around them: titles and initials, pronouns, offices,
// brackets inside words, split quotes, titles of works. Sentences are invented.

import assert from "node:assert/strict";
import { findMentions, findQuotes } from "../../server/src/claims/quotes.js";
import { publisherNames } from "../../server/src/corpus/corpus.js";
import { alignQuote } from "../../server/src/matching/quotes.js";
import { articleSpeakers, resolveSpeakers, sameSpeaker } from "../../server/src/claims/speakers.js";
import { sentences } from "../../server/src/parsing/sentences.js";

function split(text: string): string[] {
  return sentences(text).map((s) => text.slice(s.start, s.end));
}

describe("sentences: abbreviations, titles and initials", () => {
  it("a title before a name never ends a sentence", () => {
    for (const title of ["Coun.", "Dr.", "Gov.", "Sen.", "Rep.", "Supt.", "Insp.", "Sgt.", "Maj.", "Cst.", "Prof.", "Lt. Gov."]) {
      const text = `“We will rebuild,” ${title} Mira Osei said. She left.`;
      assert.deepEqual(split(text), [`“We will rebuild,” ${title} Mira Osei said.`, "She left."], title);
    }
  });

  it("places, months, numbers and initials hold their sentence together", () => {
    assert.deepEqual(split("They met on St. Clair Ave. near Mt. Royal. Then they left."), [
      "They met on St. Clair Ave. near Mt. Royal.",
      "Then they left.",
    ]);
    assert.deepEqual(split("It began Aug. 6 and ended Sept. 15. Crews left Oct. 2."), [
      "It began Aug. 6 and ended Sept. 15.",
      "Crews left Oct. 2.",
    ]);
    assert.deepEqual(split("Insp. J. R. Tallis and A. Kowalski spoke. The U.S. agreed."), [
      "Insp. J. R. Tallis and A. Kowalski spoke.",
      "The U.S. agreed.",
    ]);
    assert.deepEqual(split("It ranks No. 3 on the list. He said no. Then he left."), [
      "It ranks No. 3 on the list.",
      "He said no.",
      "Then he left.",
    ]);
  });

  it("an abbreviation ends a sentence where a new one plainly begins", () => {
    assert.deepEqual(split("She lives on Main St. The house burned."), ["She lives on Main St.", "The house burned."]);
    assert.deepEqual(split("Crews left at 5 p.m. It rained."), ["Crews left at 5 p.m.", "It rained."]);
    assert.deepEqual(split("He was a man. Mira Osei agreed."), ["He was a man.", "Mira Osei agreed."], "a lowercase word is no title");
  });

  it("a citation after a title's sentence covers it", () => {
    const text = "“It is done,” Coun. Mira Osei said [@gazette]. Next.";
    assert.deepEqual(split(text), ["“It is done,” Coun. Mira Osei said [@gazette].", "Next."]);
  });
});

describe("speakers across an article", () => {
  function speakersOf(paragraphs: string[]): (string[] | undefined)[] {
    const blocks = paragraphs.map((text) => {
      const spans = sentences(text);
      return { text, sentences: spans, masked: [], quotes: findQuotes(text, spans) };
    });
    const refs = articleSpeakers(blocks);
    return blocks.flatMap((b) => b.quotes.map((q) => refs.get(q)?.names));
  }

  it("answers from its cache as it does without one, after edits that change a speaker and edits that do not", () => {
    const run = (paragraphs: string[], cache: boolean): (string[] | undefined)[] => {
      const blocks = paragraphs.map((text) => {
        const spans = sentences(text);
        return { text, sentences: spans, masked: [], quotes: findQuotes(text, spans) };
      });
      const refs = articleSpeakers(blocks, { cache });
      return blocks.flatMap((b) => b.quotes.map((q) => refs.get(q)?.names));
    };
    const story = [
      "Mayor Annika Salvesen spoke on Monday. “We will rebuild the pier,” she said.",
      "Coun. Imran Qureshi disagreed. “The money is not there,” the councillor said.",
      "“It will take years,” the mayor said.",
    ];
    const versions = [
      story,
      // A word that names no one: the same speakers (and the cached resolution) serve.
      [story[0], story[1].replace("disagreed", "strongly disagreed"), story[2]],
      // A speaker changed: resolved again.
      [story[0], story[1], story[2].replace("the mayor said", "the councillor said")],
      [story[0].replace("Mayor Annika Salvesen", "Minister Ruth Abebe"), story[1], story[2]],
    ];
    for (const v of versions) assert.deepEqual(run(v, true), run(v, false), v.join(" / "));
    assert.notDeepEqual(run(versions[2], true), run(versions[0], true), "the changed speaker is seen");
  });

  it("a title's full stop stays in the speaker's name", () => {
    const [q] = findQuotes("“We fix it now,” Coun. Mira Osei said.", sentences("“We fix it now,” Coun. Mira Osei said."));
    assert.equal(q.speaker, "Coun. Mira Osei");
  });

  it("she stands for the nearest person named before, not the previous speaker", () => {
    const names = speakersOf([
      "“The weather was not the whole story,” said Harbourmaster Tom Reyes.",
      "Its chief executive, Grace Okafor, faced residents on Thursday.",
      "Okafor conceded the company had lost their trust. “We fell short of our promises,” she said.",
    ]);
    assert.deepEqual(names[1], ["Okafor", "Grace Okafor"]);
  });

  it("a sentence's subject is a mention; a name of an organisation is not a person", () => {
    const text = "Marguerite Doucet, 67, lost her house. The Provincial Wildfire Service said it was held.";
    assert.deepEqual(
      findMentions(text, sentences(text)).map((m) => m.name),
      ["Marguerite Doucet", "The Provincial Wildfire Service"],
    );
    const names = speakersOf([
      "Carla Benning said costs rose.",
      "The Insurance Bureau of the North agreed.",
      "“It is not enough,” she said.",
    ]);
    assert.deepEqual(names[0], ["Carla Benning"]);
  });

  it("an office speaks for its owner, and the owner is whom it describes", () => {
    const names = speakersOf(["Mayor Dana Poole spoke first.", "“The taxi runs hourly,” the mayor's office said in a statement."]);
    assert.ok(names[0]?.includes("Mayor Dana Poole"));
    const [r] = resolveSpeakers([{ speaker: "a statement from Corvid Foods", paragraph: 0 }]);
    assert.ok(r?.names.includes("Corvid Foods"));
  });

  it("the councillor is the councillor named by title", () => {
    const names = speakersOf(["Coun. Mira Osei chairs the committee.", "“We fix it now,” the councillor said."]);
    assert.ok(names[0]?.includes("Coun. Mira Osei"));
  });

  it("titles and places say where someone serves, not who they are", () => {
    assert.ok(!sameSpeaker("Wrenfield Mayor Annika Salvesen", { names: ["Wrenfield Fire Chief Luis Brandt"] }));
    assert.ok(!sameSpeaker("Chief Tessa Marlow", { names: ["Fire Chief Luis Brandt"] }));
    assert.ok(sameSpeaker("Chief Brandt", { names: ["Wrenfield Fire Chief Luis Brandt"] }));
  });
});

describe("publishers are named by their name or an accepted short form", () => {
  it("never by a word they share with another name", () => {
    assert.deepEqual(publisherNames("The Retail Ledger"), ["the retail ledger", "retail ledger", "the ledger"]);
    assert.ok(!publisherNames("The New York Times").includes("new york"));
    assert.ok(!publisherNames("CTV News Toronto").includes("the toronto"));
    assert.ok(publisherNames("CTV News Toronto").includes("ctv news"));
    assert.ok(publisherNames("CTV News Toronto").includes("ctv"));
    assert.deepEqual(publisherNames("Ministry of Emergency Management and Recovery"), ["ministry of emergency management and recovery"]);
  });
});

describe("quote conventions", () => {
  it("a bracket inside a word changes its case, not its words", () => {
    assert.equal(alignQuote("[t]his town will come back", "This town will come back, she said.").kind, "verbatim");
    assert.equal(alignQuote("[The mayor] said the fund opens in May", "He said the fund opens in May.").kind, "verbatim");
  });

  it("a split quote matches a source that splits it with its own attribution", () => {
    const text = "“We are ready,” Supt. Karen Holt said, “but the side streets are not.”";
    const [q] = findQuotes(text, sentences(text));
    assert.equal(q.pieces.length, 2);
    assert.equal(alignQuote(q.aligned, "“We are ready,” Holt said, “but the side streets are not.”").kind, "verbatim");
    assert.equal(alignQuote(q.aligned, "“We are ready, but the side streets are not,” Holt said.").kind, "verbatim");
    assert.notEqual(alignQuote(q.aligned, "“We are ready,” Holt said, “and the side streets are not.”").kind, "verbatim");
  });

  it("a title of a work in quotation marks is not a quote", () => {
    const text = "The Players stage “Swan Lake” and “The Remains of the Day” this fall, and “Merck & Co. Remains Confident” ran in May.";
    assert.deepEqual(findQuotes(text, sentences(text)), []);
    const speech = "“We wanted a season for families,” Sofia Brandt said.";
    assert.equal(findQuotes(speech, sentences(speech)).length, 1);
  });
});
