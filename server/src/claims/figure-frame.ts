// What a figure counts, and the frame that says which quantity it is: the thing
// counted (the head of the noun phrase it quantifies, as the tagger reads it), the
// subject it measures when it counts no noun ("profit drops 45%"), the verbs that
// say what happened to what it counts ("homes destroyed or damaged"), and the
// measure's sense: a level, a change ("rose by"), an earlier level ("from"), a
// share ("7% of"), a rate ("a share", "a year") or a part of a larger count ("64 of
// them", "including 380", "the remaining 550"). Two figures are the same quantity
// only when their frames agree (matching/figures.ts decides).
//
// Recognition (claims/figures.ts) finds the number; this module reads around it.
// Tagging costs about 5 µs a token, so frames are made lazily, for the figures a
// comparison needs, and each sentence is tagged once.

import type { Span } from "../model.js";
import { Memo } from "../memo.js";
import { analyse, type Token } from "../parsing/nlp.js";
import { changeOf, isCollective } from "./kinds.js";

export type MeasureSense = "level" | "change" | "previous" | "share" | "rate" | "part";

export interface FigureFrame {
  /** The lemma of the noun the figure counts ("home"), if any. */
  counts?: string;
  /** The counted noun names a group whose members are counted ("410 personnel"). */
  collective?: boolean;
  /** Lemmas of the noun phrase the figure measures when it counts no noun ("net", "sale"). */
  subject: string[];
  /** Verbs that say what happened to what is counted ("destroy", "damage"). */
  events: string[];
  sense: MeasureSense;
  /** The events are participles joined as one total ("destroyed or damaged"). */
  coordinated?: boolean;
  /** The years the figure's sentence dates it to, besides the figure itself ("since 2015"). */
  when: number[];
  /** For a share or a rate: what it is a share of, or per ("employee", "share", "year"). */
  base?: string;
  /** Where the counted noun stands in the sentence (offsets into the sentence's text). */
  nounSpan?: Span;
}

/** What a frame is read from: the figure's place in its sentence and what the sentence around it gives. */
export interface FrameInput {
  /** The sentence's plain text. */
  sentence: string;
  /** Where the figure stands in it (hedge, number and unit). */
  mark: Span;
  /** Labels that may name what the figure counts (a list label, a table's row and column, a question), nearest first. */
  labels?: string[];
  /** The noun an earlier figure counted, for "64 of them". */
  antecedent?: string;
  /** A unit joined to the number ("day" in "13-day"): what it counts; the noun after is its subject. */
  unit?: string;
}

const analyses = new Memo<string, Token[]>(20_000);

function tokensOf(text: string): Token[] {
  return analyses.get(text, (t) => analyse(t).tokens);
}

const frames = new Memo<string, FigureFrame>(100_000, { maxBytes: 32 * 1024 * 1024 });

export function frameOf(input: FrameInput): FigureFrame {
  const key = `${input.mark.start}:${input.mark.end}|${input.unit ?? ""}|${(input.labels ?? []).join("\u0002")}|${input.antecedent ?? ""}|${input.sentence}`;
  return frames.get(key, () => readFrame(input));
}

const NOMINAL = new Set(["NOUN", "PROPN", "ADJ"]);
/** Light verbs that say nothing about what happened to the thing counted. */
const LIGHT = new Set(["be", "have", "do", "make", "say", "get", "take", "give", "go", "put", "according", "accord"]);
const CLAUSE_END = new Set([",", ";", ":", "—", "–", "(", ")", "."]);

function readFrame(input: FrameInput): FigureFrame {
  const tokens = tokensOf(input.sentence);
  const frame: FigureFrame = { subject: [], events: [], sense: "level", when: [] };
  const outside =
    input.sentence.slice(0, input.mark.start) + " ".repeat(input.mark.end - input.mark.start) + input.sentence.slice(input.mark.end);
  for (const m of outside.matchAll(/\b(?:1[5-9]\d\d|20\d\d)\b/g)) frame.when.push(Number(m[0]));
  const first = tokens.findIndex((t) => t.end > input.mark.start);
  if (first < 0) return frame;
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1].start < input.mark.end) last++;
  const money = /[$€£]/.test(input.sentence.slice(input.mark.start, input.mark.end));
  const percent =
    tokens.slice(first, last + 1).some((t) => t.text === "%" || /^(?:percent|cent)$/i.test(t.text)) &&
    !/[$€£]/.test(input.sentence.slice(input.mark.start, input.mark.end));

  // What follows: the counted noun phrase, a partitive, a share's base, a rate's unit.
  let k = last + 1;
  const lower = (i: number) => tokens[i]?.text.toLowerCase();
  if (lower(k) === "of" && !percent) {
    const next = tokens[k + 1];
    if (next && /^(?:them|those|these|which|whom|us|you|whose)$/i.test(next.text)) {
      // "64 of them": a part of what an earlier figure counted.
      frame.sense = "part";
      k += 2;
    } else if (next && (next.pos === "DET" || next.pos === "PRON" || /^(?:its|their|our|his|her)$/i.test(next.text))) {
      frame.sense = "part";
      // "nine of its 148 stores": past the whole's own number.
      const from = tokens[k + 2]?.pos === "NUM" ? k + 3 : k + 2;
      const np = nounPhrase(tokens, from);
      if (np) setCounts(frame, tokens, np);
      k = np ? np.end : from;
    }
  } else {
    const np = nounPhrase(tokens, k);
    if (np && !percent) {
      setCounts(frame, tokens, np);
      k = np.end;
    } else if (np && changeOf(tokens[np.head].lemma)) {
      // "a 38% rise": a change.
      frame.sense = "change";
      k = np.end;
    }
  }
  if (percent && lower(k) === "of") {
    frame.sense = "share";
    // The head of what follows, past a possessive and a number ("of Larkspur's 17,800 employees").
    for (let i = k + 1; i < tokens.length && i < k + 7; i++) {
      const t = tokens[i];
      if (t.pos === "NOUN") frame.base = t.lemma;
      else if (t.pos === "PROPN" && !frame.base) frame.base = t.lemma.toLowerCase();
      else if (!(t.pos === "DET" || t.pos === "NUM" || t.pos === "ADJ" || t.pos === "PART" || t.pos === "PROPN")) break;
    }
  }
  // A rate: "41 cents a share", "$65 million a year", "per household".
  if (/^(?:a|an|per|each)$/.test(lower(k) ?? "") && frame.sense === "level") {
    const np = nounPhrase(tokens, k + 1);
    if (np && tokens[np.head].pos === "NOUN" && !/^(?:ago|earlier|later|before|after)$/i.test(tokens[np.end]?.text ?? "")) {
      frame.sense = "rate";
      frame.base = tokens[np.head].lemma;
    }
  }
  // What happened to it, after the phrase: "homes destroyed or damaged", "businesses were destroyed".
  // A participle right after ("destroyed or damaged") or a passive ("were destroyed"); a
  // conjunction joins participles only, never a new clause ("212 homes and damaged 95 more").
  for (let i = k, seenVerb = false; i < tokens.length && i < k + 6; i++) {
    const t = tokens[i];
    if (t.pos === "VERB") {
      if (!LIGHT.has(t.lemma) && !changeOf(t.lemma)) frame.events.push(t.lemma);
      seenVerb = true;
      continue;
    }
    if (t.pos === "AUX" || (t.pos === "ADV" && i > k)) continue;
    if (t.pos === "CCONJ" && seenVerb && tokens[i + 1]?.pos === "VERB") {
      frame.coordinated = true;
      continue;
    }
    break;
  }

  // What comes before: a hedge, the governing verb, a partitive's marker, the subject.
  let j = first - 1;
  let sawVerb = false;
  let preposition: string | undefined;
  for (; j >= 0; j--) {
    const t = tokens[j];
    if (CLAUSE_END.has(t.text)) break;
    const l = t.text.toLowerCase();
    if (
      t.pos === "ADV" ||
      t.pos === "DET" ||
      t.pos === "AUX" ||
      t.pos === "PART" ||
      /^(?:up|to|than|more|less|over|under|nearly|almost|about|around|some)$/.test(l)
    ) {
      // "profit down 40 percent", "shares were up 5%"; never a phrasal verb's particle ("set up 50").
      if (!sawVerb && (l === "up" || l === "down") && tokens[j - 1]?.pos !== "VERB") preposition ??= l;
      if (l === "to" && !sawVerb) preposition ??= "to";
      if (t.pos === "AUX") sawVerb = true;
      continue;
    }
    if (t.pos === "ADP" || t.pos === "SCONJ") {
      if (sawVerb) break;
      preposition ??= l;
      if (!/^(?:by|to|from|at|of|up|down)$/.test(l)) break;
      continue;
    }
    if (t.pos === "VERB" || (t.pos === "NOUN" && changeOf(t.lemma) && NOMINAL.has(tokens[j - 1]?.pos ?? ""))) {
      const direction = changeOf(t.lemma);
      if (t.lemma === "include" || t.lemma === "remain") {
        frame.sense = "part";
      } else if (direction && !sawVerb && (preposition === "by" || (percent && !frame.counts))) {
        // "rose by $29.2 million", "profit drops 45%": a change. "raised $4.2 million" is an event.
        if (preposition === "from") frame.sense = "previous";
        else if (preposition !== "to" && preposition !== "at") frame.sense = "change";
      } else if (!LIGHT.has(t.lemma) && !sawVerb) {
        frame.events.push(t.lemma);
      }
      sawVerb = true;
      continue;
    }
    if (t.pos === "ADJ" && (t.lemma === "remaining" || t.lemma === "remain")) {
      frame.sense = "part";
      continue;
    }
    if (t.pos === "NUM") break;
    if (NOMINAL.has(t.pos) || t.text === "'s" || t.text === "’s") {
      // The subject (or, before "of", what a measure measures: "gusts of up to 80 km/h").
      let i = j;
      const words: string[] = [];
      while (
        i >= 0 &&
        (NOMINAL.has(tokens[i].pos) ||
          /^(?:'s|’s|per|-)$/.test(tokens[i].text) ||
          (tokens[i].pos === "VERB" && /ing$/.test(tokens[i].text) && NOMINAL.has(tokens[i + 1]?.pos ?? "")))
      ) {
        if (tokens[i].pos !== "PART" && tokens[i].pos !== "ADP" && !/^[-'’]/.test(tokens[i].text))
          words.push(tokens[i].lemma.toLowerCase());
        i--;
      }
      // A run that ends in a number's unit is another figure ("11.6 percent to $23.14").
      if (tokens[i]?.pos === "NUM") break;
      if (preposition === "of" && !sawVerb && !frame.counts && words.length && !percent && !money) {
        frame.counts = words[0];
        frame.sense = frame.sense === "part" ? "part" : frame.sense;
      } else {
        frame.subject = words.filter((w) => !changeOf(w) || words.length === 1);
      }
      // A verb of change before its object: "raise residential water rates by 2.4 per cent", "cut its rate by 1.5%".
      const verb = tokens[i]?.pos === "PRON" || tokens[i]?.pos === "DET" ? tokens[i - 1] : tokens[i];
      if (preposition === "by" && !sawVerb && verb?.pos === "VERB" && changeOf(verb.lemma) && frame.sense === "level")
        frame.sense = "change";
      break;
    }
    if (t.pos === "PRON") break;
    if (t.pos === "SYM") continue;
    break;
  }
  if (
    preposition === "from" &&
    frame.sense === "level" &&
    /\b(?:down|up|fell|rose|dropped|increased|decreased|compared)\b/i.test(input.sentence.slice(0, input.mark.start))
  )
    frame.sense = "previous";
  if ((preposition === "down" || preposition === "up") && frame.sense === "level") frame.sense = "change";

  // A label names what a figure counts where the sentence does not ("Jobs | 380").
  // A counted label is plural ("Firefighters at the peak", "Jobs"); a bare count takes the
  // first such, and a measure with no subject of its own takes the labels' words.
  if (input.unit && /^\p{L}{2,}$/u.test(input.unit) && input.unit !== "percent") {
    // "a 13-day evacuation" counts days; the evacuation is what lasted them.
    if (frame.counts) frame.subject = [frame.counts, ...frame.subject];
    frame.counts = input.unit;
    frame.collective = false;
  }
  if (!frame.counts && input.labels?.length) {
    const heads = input.labels.map((l) => {
      const ts = tokensOf(l.toLowerCase());
      const h = firstNounPhrase(ts);
      return h === undefined ? undefined : ts[h];
    });
    if (!percent && !money) {
      const head = heads.find((t) => t && t.text.toLowerCase() !== t.lemma) ?? heads.find((t) => t);
      if (head) {
        frame.counts = head.lemma.toLowerCase();
        frame.collective = isCollective(head.lemma, head.text);
        // The other labels say whose ("North ward" under "Beds").
        if (frame.subject.length === 0)
          frame.subject = input.labels.flatMap((l) =>
            tokensOf(l.toLowerCase())
              .filter((t) => (t.pos === "NOUN" || t.pos === "PROPN" || t.pos === "ADJ") && t.lemma !== head.lemma)
              .map((t) => t.lemma),
          );
      }
    } else if (frame.subject.length === 0) {
      frame.subject = input.labels.flatMap((l) =>
        tokensOf(l)
          .filter((t) => t.pos === "NOUN" || t.pos === "PROPN")
          .map((t) => t.lemma.toLowerCase()),
      );
    }
  }
  // "are among 54 worldwide": a bare total counts the clause's plural subject.
  const total = tokens[last + 1];
  if (
    !frame.counts &&
    !percent &&
    !money &&
    total &&
    (total.pos === "ADV" || (total.pos === "ADJ" && (!tokens[last + 2] || CLAUSE_END.has(tokens[last + 2].text))))
  ) {
    for (let i = first - 1; i >= 0; i--) {
      const t = tokens[i];
      if (t.pos === "NOUN" && t.text.toLowerCase() !== t.lemma) {
        frame.counts = t.lemma;
        break;
      }
    }
  }
  // "64 of them", "including 380", "and damaged 95 more": what an earlier figure of the sentence counted.
  if (!frame.counts && !percent && !money) {
    const earlier = earlierCounted(tokens, first);
    if (earlier) {
      frame.counts = earlier.lemma;
      frame.collective = isCollective(earlier.lemma, earlier.text);
    } else if (frame.sense === "part" && input.antecedent) frame.counts = input.antecedent;
  }
  return frame;
}

interface Phrase {
  start: number;
  end: number;
  head: number;
}

/** The noun phrase starting at `i`: adjectives and nouns, its head the last noun. */
function nounPhrase(tokens: Token[], i: number, allowProper = true): Phrase | undefined {
  let head = -1;
  let properHead = -1;
  let j = i;
  for (; j < tokens.length && j < i + 8; j++) {
    const t = tokens[j];
    // A hyphenated modifier is one word ("so-called", "third-quarter").
    if (tokens[j + 1]?.text === "-" && tokens[j + 1].start === t.end && tokens[j + 2]?.start === tokens[j + 1].end) {
      j += 2;
      if (tokens[j].pos === "NOUN" && !["NOUN", "PROPN", "ADJ"].includes(tokens[j + 1]?.pos ?? "")) head = j;
      continue;
    }
    if (t.pos === "NOUN") head = j;
    else if (t.pos === "PROPN") properHead = j;
    else if (
      t.pos === "ADJ" ||
      /^[“”"‘’'-]$/.test(t.text) ||
      (t.pos === "VERB" && /(?:ing|ed)$/.test(t.text) && ["NOUN", "PROPN", "ADJ"].includes(tokens[j + 1]?.pos ?? "") && j === i)
    )
      continue;
    else break;
  }
  // The tagger may read a plural head as a verb before another verb ("fraud suspects returned").
  const after = tokens[j];
  if (
    after &&
    after.pos === "VERB" &&
    /[^s]s$/.test(after.text) &&
    head >= 0 &&
    tokens[head].text.toLowerCase() === tokens[head].lemma &&
    ["VERB", "AUX", "ADV"].includes(tokens[j + 1]?.pos ?? "")
  ) {
    head = j;
    j++;
  }
  // A number above one counts a plural: "410 people who work there" counts people.
  for (let p = head; p >= i; p--) {
    const t = tokens[p];
    if (t.pos === "NOUN" && (t.text.toLowerCase() !== t.lemma || isCollective(t.lemma, t.text))) {
      head = p;
      break;
    }
  }
  const h = head >= 0 ? head : allowProper ? properHead : -1;
  if (h < 0) return undefined;
  if (tokens[h].pos === "VERB") tokens[h] = { ...tokens[h], pos: "NOUN" };
  return { start: i, end: Math.max(h + 1, j), head: h };
}

/** The noun an earlier figure of the sentence counts: a number followed by its noun. */
function earlierCounted(tokens: Token[], before: number): Token | undefined {
  // The sentence's first counted figure: "54 stations in 30 countries, including three …" counts stations.
  for (let i = 0; i < before; i++) {
    if (tokens[i].pos !== "NUM") continue;
    const np = nounPhrase(tokens, i + 1, false);
    if (np && np.start === i + 1) return tokens[np.head];
  }
  return undefined;
}

function firstNounPhrase(tokens: Token[]): number | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].pos === "NOUN" || tokens[i].pos === "PROPN") {
      const np = nounPhrase(tokens, i);
      if (np) return np.head;
    }
  }
  return undefined;
}

function setCounts(frame: FigureFrame, tokens: Token[], np: Phrase): void {
  const head = tokens[np.head];
  // A name is not a kind of thing ("$185 million Wrenfield Rebuild Fund"): it tells whose.
  if (head.pos === "PROPN") {
    if (frame.subject.length === 0) frame.subject = [head.lemma.toLowerCase()];
    return;
  }
  frame.counts = head.lemma;
  frame.collective = isCollective(head.lemma, head.text);
  frame.nounSpan = { start: head.start, end: head.end };
}

/** A date that opens an article's dateline ("WRENFIELD, August 22, 2025 –") dates the article, not an event. */
export function isDateline(f: { sentenceText: string; mark: Span }): boolean {
  return (
    /^[\p{Lu}][\p{Lu}\p{P}\s]*,\s*$/u.test(f.sentenceText.slice(0, f.mark.start)) &&
    /^\s*(?:[–—-]|\/)/.test(f.sentenceText.slice(f.mark.end))
  );
}
