// Who spoke a quote, in a source and in a draft, and whether the two agree.
//
// A source names a speaker once and then goes on with "it said", "he added", or a
// quote with no attribution at all (a statement that runs on into the next
// paragraph); a spokesperson speaks for their organisation ("RCMP spokesperson
// Camille Boily-Lavoie" is the RCMP). Resolution follows the article in order and
// gives each quote every name its speaker goes by, so a draft may use any of them.

import { fold, FUNCTION_WORDS, stem, words } from "../parsing/words.js";

export interface SpeakerRef {
  /** All the names one speaker goes by in a source, e.g. ["RCMP spokesperson Camille Boily-Lavoie", "RCMP", "Camille Boily-Lavoie"]. */
  names: string[];
}

const PRONOUNS = new Set(["it", "he", "she", "they"]);
const SPOKESPERSON = /\b(?:spokesperson|spokeswoman|spokesman|spokespeople|spokespersons|spokeswomen|spokesmen)\b/i;

// Words that say what someone is, not who: two phrases sharing only these are not the same speaker.
const ROLE_WORDS = new Set(
  "spokesperson spokeswoman spokesman spokespeople official officials representative representatives".split(" ").map((w) => stem(w)),
);

// A capitalised first word that names nobody: determiners, pronouns, and generic
// people ("Officials said", "Police said").
const NOT_NAMING = new Set(
  (
    "the a an its their his her our this that these those it he she they we i some many several another one " +
    "officials official spokesperson spokeswoman spokesman police authorities experts critics sources residents activists " +
    "researchers analysts observers witnesses officers investigators prosecutors lawyers diplomats people"
  ).split(" "),
);

const DETERMINERS = new Set("the a an its their his her our this that these those".split(" "));

// Acronyms that are common nouns: "the NGO" names no one in particular.
const GENERIC_ACRONYMS = new Set(["ngo", "ngos"]);

// How far back (in paragraphs) a generic reference ("the NGO", "the group") looks for
// the name it stands for: the same paragraph or the one before, counting the
// paragraphs where that speaker is still being quoted ("It said …").
const GENERIC_REACH = 1;

// Generic references to a document stand for its unnamed authors, not for the last
// person or organisation quoted ("the report states" after an RCMP quote).
const DOCUMENTS = new Set("report reports study statement statements email letter document documents indictment filing survey paper article".split(" "));

interface Resolved {
  names: string[];
  /** The organisation this speaker speaks for, when known. */
  org?: string;
  paragraph: number;
  named: boolean;
}

/**
 * Resolve the speakers of the quotes of a whole source article, in order.
 * Pronouns (it/he/she/they) and speaker-less quotes take the previous explicit
 * speaker (also across paragraphs: a statement that runs on). A spokesperson
 * without an organisation in the phrase takes the organisation of the previous
 * speaker ("China’s foreign ministry said … Spokeswoman Mao Ning added" → names
 * ["Spokeswoman Mao Ning", "China’s foreign ministry"]); "X spokesperson Y" gives
 * names [phrase, X, Y]. A generic reference ("the NGO said") also takes the name of
 * the latest clearly named speaker of the last two paragraphs. Entries may include
 * attributions without quotes (claims/quotes.ts `findAttributions`), so that "It
 * said …" and "the NGO said …" find the name an earlier sentence gave.
 */
export function resolveSpeakers(quotes: { speaker?: string; paragraph: number }[]): (SpeakerRef | undefined)[] {
  const out: (SpeakerRef | undefined)[] = [];
  let previous: Resolved | undefined;
  let lastNamed: Resolved | undefined;
  let lastNamedAt = -Infinity; // the last paragraph that quoted or mentioned lastNamed
  for (const q of quotes) {
    const phrase = q.speaker?.trim();
    if (!phrase || PRONOUNS.has(fold(phrase))) {
      if (previous && previous === lastNamed) lastNamedAt = q.paragraph;
      out.push(previous ? { names: [...previous.names] } : undefined);
      continue;
    }
    const r = describe(phrase, q.paragraph, previous);
    if (r.named) {
      lastNamed = r;
      lastNamedAt = q.paragraph;
    } else if (lastNamed && q.paragraph - lastNamedAt <= GENERIC_REACH && !refersToDocument(phrase)) {
      // "the NGO said" after "According to Safeguard Defenders": the same speaker.
      // The link does not make this reference a name for later generic ones.
      const name = lastNamed.org ?? lastNamed.names[0];
      add(r.names, name);
      r.org = r.org ?? name;
    }
    previous = r;
    out.push({ names: [...r.names] });
  }
  return out;
}

/** The names and organisation of one explicit speaker phrase. */
function describe(phrase: string, paragraph: number, previous: Resolved | undefined): Resolved {
  const names = [phrase];
  let org: string | undefined;
  // "the activist, Sheng Xue" / "Mao Ning, the ministry’s spokeswoman": each part is a name.
  const parts = phrase.split(/\s*,\s*/).filter((p) => p.length > 0);
  if (parts.length > 1) for (const p of parts) add(names, p);
  for (const part of parts) {
    const m = SPOKESPERSON.exec(part);
    if (!m) continue;
    const before = part.slice(0, m.index).trim();
    const after = part.slice(m.index + m[0].length).trim();
    let organisation = stripDeterminer(before.replace(/['’]s$/, ""));
    let person = after;
    const forOrg = /^for\s+(.+)$/i.exec(after); // "a spokesperson for the RCMP"
    if (forOrg) {
      organisation = stripDeterminer(forOrg[1]);
      person = "";
    }
    if (organisation) {
      add(names, organisation);
      org = organisation;
    } else if (previous) {
      // "Spokeswoman Mao Ning added": the organisation of the speaker before.
      org = previous.org ?? previous.names[0];
      add(names, org);
    }
    if (person && organisation) add(names, person);
  }
  return { names, org, paragraph, named: names.some(clearlyNamed) };
}

function refersToDocument(phrase: string): boolean {
  const ws = words(phrase);
  return ws.length > 0 && DOCUMENTS.has(fold(ws[ws.length - 1].text));
}

function add(names: string[], name: string): void {
  if (name && !names.includes(name)) names.push(name);
}

function stripDeterminer(s: string): string {
  return s.replace(/^(?:the|a|an)\s+/i, "").trim();
}

/** Stems of the words that can tell one speaker from another: no function or role words. */
function significant(phrase: string): Set<string> {
  const out = new Set<string>();
  for (const w of words(phrase)) {
    const s = stem(w.text);
    if (!FUNCTION_WORDS.has(s) && !ROLE_WORDS.has(s) && s.length > 1) out.add(s);
  }
  return out;
}

/** The initials of a phrase's capitalised words ("Royal Canadian Mounted Police" → "rcmp"), if it has two or more. */
function acronym(phrase: string): string | undefined {
  const caps = words(phrase).filter((w, i) => /^\p{Lu}/u.test(w.text) && !(i === 0 && DETERMINERS.has(fold(w.text))));
  return caps.length >= 2 ? caps.map((w) => fold(w.text[0])).join("") : undefined;
}

function plainWords(phrase: string): Set<string> {
  return new Set(words(phrase).map((w) => fold(w.text).replace(/'s$/, "")));
}

/**
 * Whether a draft's speaker phrase may be the same speaker as a source's: true when
 * they share a significant name word (stemmed, ignoring role words like
 * spokesperson/official and function words like the/its), or the initials of one
 * side's capitalised words are a word of the other ("RCMP" ~ "Royal Canadian
 * Mounted Police").
 */
export function sameSpeaker(draftSpeaker: string, source: SpeakerRef): boolean {
  const draft = significant(draftSpeaker);
  const draftAcronym = acronym(draftSpeaker);
  const draftWords = plainWords(draftSpeaker);
  for (const name of source.names) {
    for (const s of significant(name)) if (draft.has(s)) return true;
    const sourceAcronym = acronym(name);
    if (sourceAcronym && draftWords.has(sourceAcronym)) return true;
    if (draftAcronym && plainWords(name).has(draftAcronym)) return true;
  }
  return false;
}

/**
 * Whether the draft clearly names someone — a proper name or an acronym; a
 * capitalised first word counts unless it is a determiner, a pronoun or a generic
 * word like "Officials" — as opposed to a generic or pronoun reference ("the force",
 * "the group", "it", "Its report", "the consulate"), which is never called
 * misattributed.
 */
export function clearlyNamed(draftSpeaker: string): boolean {
  const ws = words(draftSpeaker);
  return ws.some((w, i) => {
    const f = fold(w.text).replace(/'s$/, "");
    if (/^\p{Lu}[\p{Lu}\d&]+$/u.test(w.text.replace(/['’]s$/, ""))) return !GENERIC_ACRONYMS.has(f);
    if (!/^\p{Lu}/u.test(w.text)) return false;
    return i > 0 || !NOT_NAMING.has(f);
  });
}
