// What a figure counts, compared as kinds of thing, on WordNet 3.1's nouns (the
// table scripts/build-wordnet.mjs compiles): two counted nouns are the same kind
// when they are one word, synonyms ("home" and "dwelling"), or one is a close
// hypernym of the other ("house" is a kind of "dwelling"); they are kin when they
// share a specific ancestor ("firefighter" and "resident" are both people, "country"
// and "province" both administrative districts); otherwise they are different
// ("station" and "country"). A noun WordNet does not know is only itself.
//
// Lemmas, as the tagger gives them (parsing/nlp.ts): "homes" → "home".

import { CHANGE_VERBS, DERIVED, NOUNS, SYNSETS, VERBS, VERB_SYNSETS } from "./wordnet-nouns.js";
import { Memo } from "../memo.js";

export type KindRelation = "same" | "kin" | "different" | "unknown";

interface Lexicon {
  senses: Map<string, number[]>;
  hypernyms: number[][];
  lexfile: number[];
  change: Map<string, "up" | "down">;
  person: number;
  verbSenses: Map<string, number[]>;
  verbHypernyms: number[][];
  verbHyponyms: number[];
  verbLexfile: number[];
  derived: Map<string, string[]>;
}

let lexicon: Lexicon | undefined;

/** A table of "lemma synset…" lines (base-36 synset ids, commonest sense first), as a map. */
function lemmaSenses(table: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const line of table.split("\n")) {
    const parts = line.split(" ");
    out.set(
      parts[0],
      parts.slice(1).map((x) => parseInt(x, 36)),
    );
  }
  return out;
}

function load(): Lexicon {
  if (lexicon) return lexicon;
  const senses = lemmaSenses(NOUNS);
  const hypernyms: number[][] = [];
  const lexfile: number[] = [];
  for (const line of SYNSETS.split("\n")) {
    const parts = line.split(" ");
    lexfile.push(parseInt(parts[0], 36));
    hypernyms.push(parts.slice(1).map((x) => parseInt(x, 36)));
  }
  const change = new Map<string, "up" | "down">();
  for (const line of CHANGE_VERBS.split("\n")) {
    const [lemma, d] = line.split(" ");
    change.set(lemma, d as "up" | "down");
  }
  const verbSenses = lemmaSenses(VERBS);
  const verbHypernyms: number[][] = [];
  const verbHyponyms: number[] = [];
  const verbLexfile: number[] = [];
  for (const line of VERB_SYNSETS.split("\n")) {
    const parts = line.split(" ");
    verbLexfile.push(parseInt(parts[0], 36));
    verbHyponyms.push(parseInt(parts[1], 36));
    verbHypernyms.push(parts.slice(2).map((x) => parseInt(x, 36)));
  }
  const derived = new Map<string, string[]>();
  for (const line of DERIVED.split("\n")) {
    const [noun, ...verbs] = line.split(" ");
    derived.set(noun, verbs);
  }
  lexicon = {
    senses,
    hypernyms,
    lexfile,
    change,
    person: senses.get("person")![0],
    verbSenses,
    verbHypernyms,
    verbHyponyms,
    verbLexfile,
    derived,
  };
  return lexicon;
}

/** WordNet's lexicographer file of groups (noun.group): "personnel", "staff", "crew". */
const GROUP_FILE = 14;
/** How far up "same kind" and "kin" look. */
const SAME_DEPTH = 2;
const KIN_DEPTH = 3;
/** An ancestor this close to WordNet's root ("entity", "object", "abstraction") makes no kinship. */
const GENERAL_DEPTH = 3;

/** Whether a noun is known to the lexicon. */
export function isKnownNoun(lemma: string): boolean {
  return load().senses.has(lemma);
}

/**
 * Whether a counted noun names a group whose members are counted ("410 personnel",
 * "50 staff"): its commonest sense is a group and it is written unpluralised.
 */
export function isCollective(lemma: string, written: string): boolean {
  const lx = load();
  const s = lx.senses.get(lemma);
  return !!s && lx.lexfile[s[0]] === GROUP_FILE && written.toLowerCase() === lemma;
}

const QUANTITY_FILE = 23;
const TIME_FILE = 28;

/** Whether a noun's commonest sense is a span of time or an amount ("days", "weeks", "tonnes"): a measure's unit. */
export function isMeasureNoun(lemma: string): boolean {
  const lx = load();
  const s = lx.senses.get(lemma);
  return !!s && (lx.lexfile[s[0]] === TIME_FILE || lx.lexfile[s[0]] === QUANTITY_FILE);
}

/** Whether WordNet knows the word as a verb ("open", "close"), whatever a tagger made of it. */
export function isKnownVerb(lemma: string): boolean {
  return load().verbSenses.has(lemma);
}

/** Whether a verb means a rise or a fall ("rise", "drop", "slash"), per WordNet. */
export function changeOf(verbLemma: string): "up" | "down" | undefined {
  return load().change.get(verbLemma);
}

/** The synsets within `depth` hypernym steps of a sense, with their distance (nouns' table unless another is given). */
function ancestors(sense: number, depth: number, hypernyms: number[][] = load().hypernyms): Map<number, number> {
  const out = new Map<number, number>([[sense, 0]]);
  let frontier = [sense];
  for (let d = 1; d <= depth && frontier.length; d++) {
    const next: number[] = [];
    for (const s of frontier) {
      for (const h of hypernyms[s]) {
        if (out.has(h)) continue;
        out.set(h, d);
        next.push(h);
      }
    }
    frontier = next;
  }
  return out;
}

const rootDistance = new Memo<number, number>(100_000);

/** How many steps a synset stands below WordNet's root, by its shortest path. */
function depthOf(sense: number): number {
  return rootDistance.get(sense, (s) => {
    const up = load().hypernyms[s];
    return up.length === 0 ? 0 : 1 + Math.min(...up.map(depthOf));
  });
}

function sensesOf(lemma: string, collective: boolean): number[] | undefined {
  const lx = load();
  const s = lx.senses.get(lemma);
  if (!s) return undefined;
  // A collective counted by the head counts people ("410 personnel").
  return collective ? [lx.person, ...s] : s;
}

const relations = new Memo<string, KindRelation>(100_000);

/** How two counted nouns (lemmas) relate as kinds of thing. */
export function kindRelation(a: string, b: string, collectiveA = false, collectiveB = false): KindRelation {
  if (a === b) return "same";
  return relations.get(`${a}|${b}|${+collectiveA}${+collectiveB}`, () => relate(a, b, collectiveA, collectiveB));
}

function relate(a: string, b: string, collectiveA: boolean, collectiveB: boolean): KindRelation {
  const sa = sensesOf(a, collectiveA);
  const sb = sensesOf(b, collectiveB);
  if (!sa || !sb) return "unknown";
  // Synonyms, or one a close hypernym of the other, in their commoner senses.
  for (const x of sa.slice(0, 2)) {
    const up = ancestors(x, SAME_DEPTH);
    for (const y of sb.slice(0, 2)) {
      if (up.has(y) || ancestors(y, SAME_DEPTH).has(x)) return "same";
    }
  }
  for (const x of sa.slice(0, KIN_SENSES)) {
    const up = ancestors(x, KIN_DEPTH);
    for (const y of sb.slice(0, KIN_SENSES)) {
      for (const [s] of ancestors(y, KIN_DEPTH)) if (up.has(s) && depthOf(s) >= GENERAL_DEPTH) return "kin";
    }
  }
  // People counted under a word one of whose rarer senses is a person ("47 cases" of a
  // disease, "47 people who caught it"): kin, never the same.
  const lx = load();
  const isPerson = (x: number) => x === lx.person || lx.lexfile[x] === PERSON_FILE;
  const person = (ss: number[]) => isPerson(ss[0]);
  const hasPerson = (ss: number[]) => ss.some(isPerson);
  if ((person(sa) && hasPerson(sb)) || (person(sb) && hasPerson(sa))) return "kin";
  return "different";
}

/** WordNet's lexicographer file of people (noun.person). */
const PERSON_FILE = 18;
/** How many of a noun's commonest senses kinship looks at (the table keeps more, for people). */
const KIN_SENSES = 3;

/** A verb synset with more direct hyponyms than this ("change", "move", "make") is too general to make two events one. */
const GENERAL_VERB = 40;
/** How far up two verbs' senses look for a shared event. */
const EVENT_DEPTH = 2;

const eventRelations = new Memo<string, boolean>(100_000);

/**
 * Whether two verbs (lemmas) name one event, per WordNet: the same verb, synonyms in
 * their commoner senses, one a close kind of the other ("execute" is a way to "kill"),
 * or close kinds of one specific event ("execute" and "slaughter"). "kill" and "bring"
 * are not. A verb WordNet does not know is only itself.
 */
export function sameEvent(a: string, b: string): boolean {
  if (a === b) return true;
  return eventRelations.get(a < b ? `${a}|${b}` : `${b}|${a}`, () => relateEvents(a, b));
}

function relateEvents(a: string, b: string): boolean {
  const lx = load();
  const sa = lx.verbSenses.get(a);
  const sb = lx.verbSenses.get(b);
  if (!sa || !sb) return false;
  // The verb synsets within EVENT_DEPTH of either of a verb's two commonest senses.
  const up = (senses: number[]) => new Set(senses.slice(0, 2).flatMap((x) => [...ancestors(x, EVENT_DEPTH, lx.verbHypernyms).keys()]));
  const ua = up(sa);
  for (const s of up(sb)) if (ua.has(s) && lx.verbHyponyms[s] <= GENERAL_VERB) return true;
  return false;
}

/** The verbs a noun is derived from, per WordNet ("infection" → "infect", "death" → "die"). */
export function verbsOfNoun(lemma: string): string[] {
  const lx = load();
  // Only a noun that names an event, an act, a process or a state ("infection", "death",
  // "arrest"), by its commonest sense: a "home" is not a count of homing.
  const first = lx.senses.get(lemma)?.[0];
  if (first === undefined || !EVENT_FILES.has(lx.lexfile[first])) return [];
  return lx.derived.get(lemma) ?? [];
}

/** WordNet's lexicographer files of acts, events, phenomena, processes and states. */
const EVENT_FILES = new Set([4, 11, 19, 22, 26]);

/**
 * The verb a participle the tagger read as an adjective comes from ("infected" →
 * "infect", "stopped" → "stop", "buried" → "bury"), if WordNet knows that verb.
 */
export function participleVerb(word: string): string | undefined {
  const w = word.toLowerCase();
  if (!/(?:ed|en)$/.test(w)) return undefined;
  const lx = load();
  const stem = w.replace(/(?:ed|en)$/, "");
  const tries = [stem, `${stem}e`, w.replace(/d$/, ""), w.replace(/ied$/, "y"), stem.replace(/(.)\1$/, "$1")];
  return tries.find((v) => v.length > 1 && lx.verbSenses.has(v));
}

/** Whether a noun's commonest sense names a group or an organisation ("firm", "company", "agency"). */
export function isGroupNoun(lemma: string): boolean {
  const lx = load();
  const s = lx.senses.get(lemma);
  return !!s && lx.lexfile[s[0]] === GROUP_FILE;
}

/** WordNet's lexicographer files of verbs of thinking and telling (verb.cognition, verb.communication). */
const REPORTING_FILES = new Set([31, 32]);

/**
 * Whether a verb, by its commonest sense, tells or reckons rather than happens
 * ("counted", "recorded", "reported", "estimated"): it says who told the figure, not
 * what happened to what it counts.
 */
export function isReportingVerb(lemma: string): boolean {
  const lx = load();
  const s = lx.verbSenses.get(lemma);
  return !!s && REPORTING_FILES.has(lx.verbLexfile[s[0]]);
}
