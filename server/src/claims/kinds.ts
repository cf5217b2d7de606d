// What a figure counts, compared as kinds of thing, on WordNet 3.1's nouns (the
// table scripts/build-wordnet.mjs compiles): two counted nouns are the same kind
// when they are one word, synonyms ("home" and "dwelling"), or one is a close
// hypernym of the other ("house" is a kind of "dwelling"); they are kin when they
// share a specific ancestor ("firefighter" and "resident" are both people, "country"
// and "province" both administrative districts); otherwise they are different
// ("station" and "country"). A noun WordNet does not know is only itself.
//
// Lemmas, as the tagger gives them (parsing/nlp.ts): "homes" → "home".

import { CHANGE_VERBS, NOUNS, SYNSETS } from "./wordnet-nouns.js";
import { Memo } from "../memo.js";

export type KindRelation = "same" | "kin" | "different" | "unknown";

interface Lexicon {
  senses: Map<string, number[]>;
  hypernyms: number[][];
  lexfile: number[];
  change: Map<string, "up" | "down">;
  person: number;
}

let lexicon: Lexicon | undefined;

function load(): Lexicon {
  if (lexicon) return lexicon;
  const senses = new Map<string, number[]>();
  for (const line of NOUNS.split("\n")) {
    const parts = line.split(" ");
    senses.set(
      parts[0],
      parts.slice(1).map((x) => parseInt(x, 36)),
    );
  }
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
  lexicon = { senses, hypernyms, lexfile, change, person: senses.get("person")![0] };
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

/** Whether a verb means a rise or a fall ("rise", "drop", "slash"), per WordNet. */
export function changeOf(verbLemma: string): "up" | "down" | undefined {
  return load().change.get(verbLemma);
}

/** The synsets within `depth` hypernym steps of a sense, with their distance. */
function ancestors(sense: number, depth: number): Map<number, number> {
  const lx = load();
  const out = new Map<number, number>([[sense, 0]]);
  let frontier = [sense];
  for (let d = 1; d <= depth && frontier.length; d++) {
    const next: number[] = [];
    for (const s of frontier) {
      for (const h of lx.hypernyms[s]) {
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
  for (const x of sa) {
    const up = ancestors(x, KIN_DEPTH);
    for (const y of sb) {
      for (const [s] of ancestors(y, KIN_DEPTH)) if (up.has(s) && depthOf(s) >= GENERAL_DEPTH) return "kin";
    }
  }
  return "different";
}
