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
import { tagged, type Token } from "../parsing/nlp.js";
import { changeOf, isCollective, isKnownNoun, isKnownVerb, isMeasureNoun, isReportingVerb, participleVerb, sameEvent } from "./kinds.js";
import { monthNumber } from "./numbers.js";
import { isMeasure, isShare, unitAfter } from "./quantities.js";

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
  /** Its subject is joined with another ("the city and the club"): a total of parts. */
  joined?: boolean;
  /** Verbs a relative clause on the counted noun denies ("accounts whose details were not taken": take). */
  denied?: string[];
  /** `counts` is what money is spent on or set aside for ("$7 million on upgrades"), not a count. */
  purpose?: boolean;
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

function tokensOf(text: string): Token[] {
  return tagged(text);
}

const frames = new Memo<string, FigureFrame>(100_000, { maxBytes: 32 * 1024 * 1024 });

export function frameOf(input: FrameInput): FigureFrame {
  const key = `${input.mark.start}:${input.mark.end}|${input.unit ?? ""}|${(input.labels ?? []).join("\u0002")}|${input.antecedent ?? ""}|${input.sentence}`;
  return frames.get(key, () => readFrame(input));
}

const NOMINAL = new Set(["NOUN", "PROPN", "ADJ"]);
/** Light verbs that say nothing about what happened to the thing counted. */
const LIGHT = new Set(["be", "have", "do", "make", "say", "get", "take", "give", "go", "put", "according", "accord"]);
/** A verb that says what happened to what a figure counts: not a light verb, nor one of rising or falling, nor one of telling ("counted", "recorded"). */
function isEvent(lemma: string): boolean {
  return !LIGHT.has(lemma) && !changeOf(lemma) && !isReportingVerb(lemma);
}

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
  // "The 1968 steel truss carried …": a year before its noun is that thing's year, not the
  // year of what the clause says happened.
  if (
    /^(?:1[5-9]\d\d|20\d\d)$/.test(input.sentence.slice(input.mark.start, input.mark.end)) &&
    tokens[first - 1]?.pos === "DET" &&
    /^(?:NOUN|ADJ|PROPN)$/.test(tokens[last + 1]?.pos ?? "")
  ) {
    const np = nounPhrase(tokens, last + 1);
    if (np) {
      frame.subject = [tokens[np.head].lemma.toLowerCase()];
      return frame;
    }
  }
  // A measure in a unit ("69 cents", "$18.6 million", "15.5 km") says what it is: it
  // never takes the noun an earlier figure counted ("12 weeks … or 69 cents").
  const money = /[$€£]/.test(input.sentence.slice(input.mark.start, input.mark.end)) || (isMeasure(input.unit) && !isShare(input.unit));
  // A share: percent as written, or percentage points ("6 percentage points", "a six-point
  // jump"); a ratio ("one in six homes") counts its noun.
  const percent =
    (isShare(input.unit) && input.unit !== "percent") ||
    (tokens.slice(first, last + 1).some((t) => t.text === "%" || /^(?:percent|cent)$/i.test(t.text)) &&
      !/[$€£]/.test(input.sentence.slice(input.mark.start, input.mark.end)));

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
      // "Five of the injured were children": the plural after "were" names what the part counts.
      for (let i = k; i < tokens.length && i < k + 3; i++) {
        if (tokens[i].pos !== "AUX") continue;
        if (tokens[i].lemma !== "be") break;
        const predicate = nounPhrase(tokens, i + 1, false);
        const head = predicate ? tokens[predicate.head] : undefined;
        if (
          predicate &&
          head &&
          head.pos === "NOUN" &&
          head.text.toLowerCase() !== head.lemma &&
          (!tokens[predicate.end] || CLAUSE_END.has(tokens[predicate.end].text))
        )
          setCounts(frame, tokens, predicate);
        break;
      }
    }
  } else {
    const np = nounPhrase(tokens, k);
    // An amount of money is not a count of the people after it: in "the 58 cents
    // analysts had expected" the plural opens a clause of its own (its verb follows).
    const clause =
      np && money && tokens[np.head].text.toLowerCase() !== tokens[np.head].lemma && ["VERB", "AUX"].includes(tokens[np.end]?.pos ?? "");
    if (clause) {
      k = tokens.length;
    } else if (np && !percent) {
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
  // "a six-point jump": after "a", a word of change the tagger read as a verb is a noun.
  if (frame.sense === "level" && /^an?$/i.test(tokens[first - 1]?.text ?? "") && tokens[k]?.pos === "VERB" && changeOf(tokens[k].lemma))
    frame.sense = "change";
  // A relative clause that denies what happened makes the counted things another set:
  // "153,300 accounts whose bank details were not taken" are not the 61,300 whose were.
  if (frame.counts && !money && /^(?:whose|that|which|who)$/.test(lower(k) ?? "")) {
    let denying = false;
    for (let i = k + 1; i < tokens.length && !CLAUSE_END.has(tokens[i].text); i++) {
      if (/^(?:not|n't|n’t|never)$/i.test(tokens[i].text)) denying = true;
      else if (denying && tokens[i].pos === "VERB") (frame.denied ??= []).push(participleVerb(tokens[i].text) ?? tokens[i].lemma);
    }
  }
  // Money spent "on" a thing or set aside "for" it is that thing's money ("$7 million on
  // security upgrades").
  if (
    frame.sense === "level" &&
    !frame.counts &&
    /[$€£]/.test(input.sentence.slice(input.mark.start, input.mark.end)) &&
    /^(?:on|for)$/.test(lower(k) ?? "")
  ) {
    const np = nounPhrase(tokens, k + 1, false);
    if (np && tokens[np.head].pos === "NOUN") {
      setCounts(frame, tokens, np);
      frame.purpose = true;
      k = np.end;
    }
  }
  // "41 percent higher than the estimate", "$3 million more than last year", "13
  // percentage points below the city average": a difference.
  if (
    frame.sense === "level" &&
    (((tokens[k]?.pos === "ADJ" || tokens[k]?.pos === "ADV") &&
      /(?:er|more|less|fewer)$/i.test(tokens[k].text) &&
      lower(k + 1) === "than") ||
      /^(?:below|above|behind|ahead)$/.test(lower(k) ?? ""))
  )
    frame.sense = "change";
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
  for (let i = k, seenVerb = false, seenAux = false; i < tokens.length && i < k + 6; i++) {
    const t = tokens[i];
    // A participle after "have been" may be tagged an adjective ("have been infected").
    const participle = t.pos === "ADJ" && seenAux ? participleVerb(t.text) : undefined;
    if (t.pos === "VERB" || participle) {
      const lemma = participle ?? t.lemma;
      if (isEvent(lemma)) frame.events.push(lemma);
      seenVerb = true;
      continue;
    }
    if (t.pos === "AUX") seenAux = true;
    // An adverb right after the phrase only before its verb: "870 people worldwide have been infected".
    if (
      t.pos === "AUX" ||
      ((t.pos === "ADV" || t.pos === "ADJ") && !seenVerb && (i > k || ["AUX", "VERB"].includes(tokens[i + 1]?.pos ?? "")))
    )
      continue;
    if (t.pos === "CCONJ" && seenVerb && tokens[i + 1]?.pos === "VERB") {
      frame.coordinated = true;
      continue;
    }
    break;
  }

  // What comes before: a hedge, the governing verb, a partitive's marker, the subject.
  let j = first - 1;
  let sawVerb = false;
  // "The plaintiffs numbered 38", "costs totalled $4 million": the subject is what is counted.
  let totals = false;
  let preposition: string | undefined;
  // A tagger reads a verb before a date as an adjective ("Applications open Aug. 5 and
  // close Oct. 31"): after a noun, a pronoun, an auxiliary or "and", a word WordNet knows
  // as a verb is the date's verb.
  const dated = monthNumber(tokens[first].text) !== undefined;
  for (; j >= 0; j--) {
    const t =
      dated &&
      j === first - 1 &&
      tokens[j].pos === "ADJ" &&
      /^(?:NOUN|PROPN|PRON|AUX|CCONJ)$/.test(tokens[j - 1]?.pos ?? "") &&
      isKnownVerb(tokens[j].lemma)
        ? { ...tokens[j], pos: "VERB" }
        : // "raise pay 7.5 per cent": a word after a verb of change, read as a verb, is its object.
          tokens[j].pos === "VERB" && tokens[j - 1]?.pos === "VERB" && changeOf(tokens[j - 1].lemma) && isKnownNoun(tokens[j].lemma)
          ? { ...tokens[j], pos: "NOUN" }
          : tokens[j];
    if (CLAUSE_END.has(t.text)) {
      // A list of names and their figures ("Pellham & Vance Engineering, 60 per cent; the
      // City of Halvercliff, 25 per cent"): each figure's subject is the name before its comma.
      if (t.text === "," && j === first - 1) frame.subject = listItemName(tokens, j);
      break;
    }
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
      // A phrasal verb's particle ("carried out two workers") leads on to its verb.
      if (!/^(?:by|to|from|at|of|up|down)$/.test(l) && !(tokens[j - 1]?.pos === "VERB" && j === first - 1)) break;
      continue;
    }
    // A verb, or a noun of change after a modifier or as "an increase of" the figure.
    if (
      t.pos === "VERB" ||
      (t.pos === "NOUN" &&
        changeOf(t.lemma) &&
        (NOMINAL.has(tokens[j - 1]?.pos ?? "") || (preposition === "of" && j === first - 2 && tokens[j - 1]?.pos === "DET")))
    ) {
      const direction = changeOf(t.lemma);
      if (!sawVerb && sameEvent(t.lemma, "total")) {
        totals = true;
      } else if (t.lemma === "include" || t.lemma === "remain") {
        frame.sense = "part";
      } else if (direction && !sawVerb && (preposition === "by" || (percent && !frame.counts && frame.sense !== "share"))) {
        // "rose by $29.2 million", "profit drops 45%": a change. "raised $4.2 million" is an event.
        if (preposition === "from") frame.sense = "previous";
        else if (preposition !== "to" && preposition !== "at") frame.sense = "change";
      } else if (isEvent(t.lemma) && !direction && !sawVerb) {
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
      // The token as this walk reads it (a substitution above applies at `j`).
      const at = (x: number): Token | undefined => (x === j ? t : tokens[x]);
      // The subject (or, before "of", what a measure measures: "gusts of up to 80 km/h").
      let i = j;
      const words: string[] = [];
      while (
        i >= 0 &&
        (NOMINAL.has(at(i)!.pos) ||
          /^(?:'s|’s|per|-)$/.test(at(i)!.text) ||
          (at(i)!.pos === "VERB" && /ing$/.test(at(i)!.text) && NOMINAL.has(at(i + 1)?.pos ?? "")))
      ) {
        if (at(i)!.pos !== "PART" && at(i)!.pos !== "ADP" && !/^[-'’]/.test(at(i)!.text)) words.push(at(i)!.lemma.toLowerCase());
        i--;
      }
      // A run that ends in a number's unit is another figure ("11.6 percent to $23.14").
      if (at(i)?.pos === "NUM") break;
      if (totals && !frame.counts && !percent && !money && t.pos === "NOUN" && t.text.toLowerCase() !== t.lemma) {
        frame.counts = t.lemma;
        frame.subject = words.slice(1);
      } else if (preposition === "of" && !sawVerb && !frame.counts && words.length && !percent && !money && !isShare(input.unit)) {
        frame.counts = words[0];
        frame.sense = frame.sense === "part" ? "part" : frame.sense;
      } else {
        frame.subject = words.filter((w) => !changeOf(w) || words.length === 1);
        // "the city and the club carry 40 per cent": a figure of two subjects together is a total of parts.
        const before = at(i)?.pos === "DET" ? i - 1 : i;
        if (at(before)?.pos === "CCONJ" && NOMINAL.has(at(before - 1)?.pos ?? "")) frame.joined = true;
      }
      // A verb of change before its object: "raise residential water rates by 2.4 per cent", "cut its rate by 1.5%".
      const verb = at(i)?.pos === "PRON" || at(i)?.pos === "DET" ? at(i - 1) : at(i);
      // So is a share right after a verb of change and its object: "would raise pay 7.5 per cent".
      if (
        (preposition === "by" || (percent && preposition === undefined && j === first - 1)) &&
        !sawVerb &&
        verb?.pos === "VERB" &&
        changeOf(verb.lemma) &&
        frame.sense === "level"
      )
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
  // A share "by" which something trails, leads or grew is a difference ("trails the average by 13 points").
  // So is a measure "by" which a thing missed or beat another ("missed the deadline by seven days").
  if (
    preposition === "by" &&
    (percent || isShare(input.unit) || (frame.counts !== undefined && isMeasureNoun(frame.counts))) &&
    frame.sense === "level"
  )
    frame.sense = "change";

  // A label names what a figure counts where the sentence does not ("Jobs | 380").
  // A counted label is plural ("Firefighters at the peak", "Jobs"); a bare count takes the
  // first such, and a measure with no subject of its own takes the labels' words.
  if (input.unit && /^\p{L}{2,}$/u.test(input.unit) && input.unit !== "percent") {
    // "a 13-day evacuation" counts days; the evacuation is what lasted them.
    // What happened after it happened to the report, not to its pages.
    if (frame.counts) frame.subject = [frame.counts, ...frame.subject];
    frame.counts = input.unit;
    frame.events = [];
    frame.collective = false;
  }
  if (!frame.counts && input.labels?.length) {
    let verbLed = false;
    const heads = input.labels.map((l, i) => {
      const ts = tokensOf(l.toLowerCase());
      // A label that opens with a verb says what happened, not what is counted ("Taken to hospital | 12").
      // A participle before a noun only describes it ("Confirmed cases").
      const leads = ts[0] && (ts[0].pos === "VERB" || participleVerb(ts[0].text)) && !["NOUN", "PROPN"].includes(ts[1]?.pos ?? "");
      const verb = leads ? (participleVerb(ts[0].text) ?? ts[0].lemma) : undefined;
      if (verb) {
        if (isEvent(verb) && !frame.events.includes(verb)) frame.events.push(verb);
        if (i === 0) verbLed = true;
        return undefined;
      }
      const h = firstNounPhrase(ts);
      return h === undefined ? undefined : ts[h];
    });
    // A row led by a verb leaves the count's noun unnamed: a column's header ("Figure") does not name it.
    if (!percent && !money && !verbLed) {
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
  // A measure whose own phrase names no subject is about the clause's subject: "Peak
  // tolls will rise from 31 cents to 41 cents a kilometre" measures the tolls.
  if (!frame.counts && frame.subject.length === 0) frame.subject = clauseSubject(tokens, first);
  // A percent said of "the share of sailings" (in its sentence or its label) is that share:
  // "The share of sailings that left on time fell … to 81 per cent".
  if (percent && frame.sense === "level" && !frame.base) {
    const base = shareOf(tokens, first) ?? (input.labels ?? []).map((l) => shareOf(tokensOf(l), Infinity)).find((b) => b);
    if (base) {
      frame.sense = "share";
      frame.base = base;
    }
  }
  // "six probable ones": the pro-form counts what an earlier figure of the sentence counted.
  if (frame.counts === "one" && !percent && !money) {
    const earlier = earlierCounted(tokens, first, input.sentence);
    frame.counts = earlier?.lemma ?? input.antecedent;
  }
  // "64 of them", "including 380", "and damaged 95 more": what an earlier figure of the sentence counted.
  if (!frame.counts && !percent && !money) {
    const earlier = earlierCounted(tokens, first, input.sentence);
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
  // A phrase that ends in a word the tagger read as an adjective, which WordNet knows as
  // a noun, ends in its head ("a $2.4-million fine and …").
  // Not a quantifier ("95 more", "two others").
  if (
    head < 0 &&
    properHead < 0 &&
    j > i &&
    tokens[j - 1].pos === "ADJ" &&
    !/^(?:more|less|fewer|most|least|other|others|else|each|own)$/i.test(tokens[j - 1].text) &&
    isKnownNoun(tokens[j - 1].lemma)
  )
    head = j - 1;
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
function earlierCounted(tokens: Token[], before: number, sentence: string): Token | undefined {
  // The sentence's first counted figure: "54 stations in 30 countries, including three …" counts stations.
  for (let i = 0; i < before; i++) {
    // A measure ("18.4 kilometres") is not a count of things.
    if (tokens[i].pos !== "NUM" || unitAfter(sentence.slice(tokens[i].end))) continue;
    const np = nounPhrase(tokens, i + 1, false);
    // A count of things is a plural ("54 stations"); "a 27-24 win" counts nothing.
    const head = np && tokens[np.head];
    if (head && np.start === i + 1 && (head.text.toLowerCase() !== head.lemma || isCollective(head.lemma, head.text))) return head;
  }
  return undefined;
}

/** The name that opens a list item before the comma at `comma` ("…; the City of Halvercliff, 25 per cent"), if the item is only that name. */
function listItemName(tokens: Token[], comma: number): string[] {
  const words: string[] = [];
  let i = comma - 1;
  for (; i >= 0; i--) {
    const t = tokens[i];
    // A capitalised word is part of the name, whatever the tagger says ("Marine Works", "Ravel").
    if (t.pos === "PROPN" || t.pos === "NOUN" || /^\p{Lu}/u.test(t.text)) words.push(t.text.toLowerCase());
    else if (!(t.pos === "DET" || t.pos === "ADP" || t.pos === "CCONJ" || t.text === "&")) break;
  }
  // The item starts the list (after ":" or ";") or the sentence.
  return words.length > 0 && (i < 0 || [":", ";"].includes(tokens[i].text)) ? words : [];
}

/** The lemmas of the noun phrase before the first verb of the figure's clause, if the figure stands after that verb. */
function clauseSubject(tokens: Token[], figure: number): string[] {
  let start = 0;
  for (let i = figure - 1; i >= 0; i--) {
    if (tokens[i].text === ";" || tokens[i].text === ":") {
      start = i + 1;
      break;
    }
  }
  let verb = tokens.findIndex((t, i) => i >= start && (t.pos === "VERB" || t.pos === "AUX"));
  if (verb < 0 || verb >= figure) return [];
  // The subject of a verb of telling is who tells ("The Gazette calls it a $2.4-million fine"):
  // the figure's clause is what is told ("Northway says their detour via Highway 2 is 64 km").
  if (tokens[verb].pos === "VERB" && isReportingVerb(tokens[verb].lemma)) {
    start = tokens[verb + 1]?.text.toLowerCase() === "that" ? verb + 2 : verb + 1;
    verb = tokens.findIndex((t, i) => i >= start && (t.pos === "VERB" || t.pos === "AUX"));
    if (verb < 0 || verb >= figure || verb === start) return [];
    const told: string[] = [];
    for (let i = start; i < verb; i++) {
      const t = tokens[i];
      if (t.pos === "NOUN" || t.pos === "PROPN") told.push(t.lemma.toLowerCase());
      else if (t.pos === "ADP" || t.pos === "NUM" || CLAUSE_END.has(t.text)) break;
      else if (!(t.pos === "ADJ" || t.pos === "DET" || t.pos === "PRON" || t.pos === "PART")) return [];
    }
    return told;
  }
  // Only a figure of the main clause: not one after a comma or a dash ("…, $1.1 million of which").
  for (let i = verb + 1; i < figure; i++) if (CLAUSE_END.has(tokens[i].text)) return [];
  const words: string[] = [];
  for (let i = start; i < verb; i++) {
    const t = tokens[i];
    if (t.pos === "NOUN" || t.pos === "PROPN") words.push(t.lemma.toLowerCase());
    else if (!(t.pos === "ADJ" || t.pos === "DET" || t.pos === "PART" || /^(?:'s|’s|-)$/.test(t.text))) return [];
  }
  return words;
}

const SHARE_NOUN = /^(?:share|proportion|percentage|fraction|portion)$/;

/** What "the share of …" before `before` is a share of: the head of the noun phrase after "of". */
function shareOf(tokens: Token[], before: number): string | undefined {
  for (let i = 0; i + 2 < tokens.length && i + 2 < before; i++) {
    // Before "of" it is the noun whatever the tagger says (a label's "Share of all customers").
    if (!(SHARE_NOUN.test(tokens[i].text.toLowerCase()) && tokens[i + 1].text.toLowerCase() === "of")) continue;
    const np = nounPhrase(tokens, tokens[i + 2].pos === "DET" ? i + 3 : i + 2, false);
    if (np && tokens[np.head].pos === "NOUN") return tokens[np.head].lemma;
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
