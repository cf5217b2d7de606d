// The one door to the English language model: wink-nlp with its lite web model
// (tokens, part-of-speech tags, lemmas, sentence boundaries, entities), shipped inside
// the npm package, so nothing downloads at install or run time. The model takes about
// 140 ms to load, so it is loaded on first use, once per process. Tagging costs about
// 5 µs a token here: callers tag only the sentences a comparison needs, never a whole
// draft or corpus on the hot path, and cache what they keep.
//
// Offsets are UTF-16 indices into the text given, like every span in the checker.

import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import type { Span } from "../model.js";

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
  /** Sentence spans as the model splits them (abbreviation-blind in places: see parsing/sentences.ts). */
  sentences: Span[];
  /** Named entities the model recognises (DATE, CARDINAL, MONEY, PERCENT, …), as token ranges. */
  entities: { type: string; start: number; end: number }[];
}

type Nlp = ReturnType<typeof winkNLP>;
type SentenceItem = Parameters<Parameters<ReturnType<ReturnType<Nlp["readDoc"]>["sentences"]>["each"]>[0]>[0];
type EntityItem = Parameters<Parameters<ReturnType<ReturnType<Nlp["readDoc"]>["entities"]>["each"]>[0]>[0];
let loaded: Nlp | undefined;

function nlp(): Nlp {
  loaded ??= winkNLP(model, ["sbd", "pos", "ner"]);
  return loaded;
}

/** Tokens, tags, lemmas, sentences and entities of `text`. Pure; the model is shared. */
export function analyse(text: string): Analysis {
  const engine = nlp();
  const its = engine.its;
  const doc = engine.readDoc(text);
  const values = doc.tokens().out() as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const lemmas = doc.tokens().out(its.lemma as typeof its.value) as string[];
  const types = doc.tokens().out(its.type) as string[];
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
  const sentences: Span[] = [];
  doc.sentences().each((s: SentenceItem) => {
    const ts = s.tokens();
    let i = ts.itemAt(0).index();
    while (tokens[i] && tokens[i].type === "tabCRLF") i++;
    const first = tokens[i];
    const last = tokens[ts.itemAt(ts.length() - 1).index()];
    if (first && last) sentences.push({ start: first.start, end: last.end });
  });
  const entities: Analysis["entities"] = [];
  doc.entities().each((e: EntityItem) => {
    const ts = e.tokens();
    entities.push({ type: e.out(its.type) as string, start: ts.itemAt(0).index(), end: ts.itemAt(ts.length() - 1).index() + 1 });
  });
  return { tokens, sentences, entities };
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text[i])) i++;
  return Math.max(i, at + 1);
}
