// The one door to the English language model: wink-nlp with its lite web model
// (tokens, part-of-speech tags and lemmas; its sentence splitter and entity recogniser
// are left off, since nothing reads them), shipped inside
// the npm package, so nothing downloads at install or run time. The model takes about
// 140 ms to load, so it is loaded on first use, once per process. Tagging costs about
// 5 µs a token here: callers tag only the sentences a comparison needs, never a whole
// draft or corpus on the hot path, and cache what they keep.
//
// Offsets are UTF-16 indices into the text given, like every span in the checker.

import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { Memo } from "../memo.js";

/** Universal POS tags as the model gives them (NOUN, PROPN, VERB, NUM, ADP, …). */
export type PosTag = string;

export interface Token {
  text: string;
  /** The model's lemma, lowercase ("firefighters" → "firefighter", "said" → "say"). */
  lemma: string;
  pos: PosTag;
  /** wink's token type: word, number, punctuation, symbol, email, url, … */
  type: string;
  start: number;
  end: number;
}

export interface Analysis {
  tokens: Token[];
}

type Nlp = ReturnType<typeof winkNLP>;
let loaded: Nlp | undefined;

function nlp(): Nlp {
  // Tags and lemmas only: the model's sentence splitter and entity recogniser cost a
  // third of a tagging and nothing here reads them (the tags are the same without them).
  loaded ??= winkNLP(model, ["pos"]);
  return loaded;
}

/** Tokens, tags and lemmas of `text`. Pure; the model is shared. */
export function analyse(text: string): Analysis {
  const engine = nlp();
  const its = engine.its;
  const all = engine.readDoc(text).tokens();
  const values = all.out() as string[];
  const tags = all.out(its.pos) as string[];
  const lemmas = all.out(its.lemma as typeof its.value) as string[];
  const types = all.out(its.type) as string[];
  const tokens: Token[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    // wink folds line breaks into one token whose text may differ from the source's;
    // every other token is the text as written, so it is found from the cursor on.
    let at = text.indexOf(value, cursor);
    if (at < 0) at = cursor;
    const end = types[i] === "tabCRLF" ? skipSpace(text, at) : at + value.length;
    tokens.push({ text: text.slice(at, end), lemma: lemmas[i], pos: tags[i], type: types[i], start: at, end });
    cursor = end;
  }
  return { tokens };
}

// Every reader of a sentence's tags (a figure's reading, its frame) shares one cache,
// so a sentence is tagged once however many of them ask.
const taggedTexts = new Memo<string, Token[]>(20_000);

/** The tokens of `analyse(text)`, made once per text. Shared: not to be changed. */
export function tagged(text: string): Token[] {
  return taggedTexts.get(text, (t) => analyse(t).tokens);
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text[i])) i++;
  return Math.max(i, at + 1);
}
