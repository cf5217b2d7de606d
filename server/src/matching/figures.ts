// Where a draft's figure is compared with the sources' figures. A source figure
// backs a draft figure when it is about the same thing (the same kind of noun, or
// for dates and bare numbers, the same subject matter around it) and its value is
// what the draft says, hedges read as hedges ("more than 50" is backed by 54). It
// contradicts the draft when it is clearly about the same thing with another value.

import type { FigureValue } from "../model.js";
import type { ReadFigure } from "../claims/read.js";
import type { Corpus, SourceFigure } from "../corpus/corpus.js";
import { MemoPer } from "../memo.js";
import { stem } from "../parsing/words.js";
import { relateValues, type Relation } from "./values.js";
import { isMeasure, isPhysical, isShare, sameUnit, unitThing } from "../claims/quantities.js";
import { isCollective, kindRelation, sameEvent, verbsOfNoun } from "../claims/kinds.js";
import { frameOf, isDateline, type FigureFrame } from "../claims/figure-frame.js";

export interface FigureComparison {
  figure: SourceFigure;
  relation: "backs" | "contradicts";
  /** How many subject-matter words the two sentences share: the strength of "same thing". */
  overlap: number;
}

/** How sure the match must be that two figures speak of the same thing. */
const BACKING_OVERLAP = 1;
/** A paraphrase may share its words with the source's paragraph rather than its sentence ("earned" for "net income"). */
const PARAGRAPH_OVERLAP = 2;
const CONTRADICTING_OVERLAP = 2;
const CITED_CONTRADICTING_OVERLAP = 1;
/** The share of a draft sentence's words an article must hold to be about the same story. */
const SAME_STORY = 0.5;
/** A bare count above this is distinctive enough that the cited source stating it is taken as its backing. */
const DISTINCTIVE_COUNT = 100;
/** Fewer subject-matter words than this, and a figure is too bare to be told apart by its words. */
const BARE_CONTEXT = 3;
/** How many uncited sources' passages a comparison keeps for each relation. */
const KEPT_PER_RELATION = 24;

export function compareFigure(
  draft: ReadFigure,
  ordinal: number,
  corpus: Corpus,
  cited: string[] = [],
  siblings: ReadFigure[] = [],
): FigureComparison[] {
  // A re-check after an edit compares again every figure it did not change.
  const signature =
    draft.signature ?? `${JSON.stringify(draft.value)}|${draft.unit ?? ""}|${draft.noun ?? ""}|${[...draft.context].sort().join(" ")}`;
  const others = siblings.filter((f) => f !== draft);
  const key = `${ordinal}|${cited.join(",")}|${signature}|${others.map((f) => `${JSON.stringify(f.value)}${f.unit ?? ""}`).join(";")}`;
  return comparisons.of(corpus).get(key, () => compareUncached(draft, ordinal, corpus, cited, others));
}

/**
 * Whether another figure of the draft's sentence is stated, as the same quantity, in the
 * source figure's sentence: "the target is 30% by 2030" and "wants that share to reach
 * 30 percent by 2028" are one statement, pinned by the 30 per cent they share.
 */
function anchored(others: ReadFigure[], source: SourceFigure): boolean {
  return others.some((d) =>
    (source.siblings ?? []).some(
      (s) =>
        s !== source &&
        s.value.type === d.value.type &&
        d.value.type !== "date" &&
        sameUnit(d.unit, s.unit) &&
        relate(d.value, s.value) === "backs" &&
        sameQuantity(d, s) !== "unrelated",
    ),
  );
}

/** How much a shared, backed figure in both sentences counts toward "the same statement". */
const ANCHOR_OVERLAP = 2;

// Bytes estimated quickly: the figures compared are the corpus's, not the entry's own.
const comparisons = new MemoPer<Corpus, string, FigureComparison[]>(50_000, {
  bytesOf: (key, found) => 2 * key.length + 64 + 48 * found.length,
});

function compareUncached(draft: ReadFigure, ordinal: number, corpus: Corpus, cited: string[], others: ReadFigure[]): FigureComparison[] {
  const out: FigureComparison[] = [];
  // Backing by the cited source's value alone: taken only where the cited source says nothing otherwise.
  const byValueOnly: FigureComparison[] = [];
  const draftRole = draft.value.type === "date" ? dateRole(draft) : undefined;
  for (const source of corpus.figureCandidates(draft, cited)) {
    // A side of a tally in the cited source ("voted 371 to 18") backs that count ("Votes for | 371").
    if (
      source.value.type === "score" &&
      draft.value.type === "count" &&
      !draft.unit &&
      draft.value.hedge === "exact" &&
      draft.value.upper === undefined &&
      cited.includes(source.source) &&
      (draft.value.value === source.value.a || draft.value.value === source.value.b) &&
      draft.value.value > DISTINCTIVE_COUNT
    ) {
      out.push({ figure: source, relation: "backs", overlap: sharedWords(draft.context, source.context) });
      continue;
    }
    if (source.value.type !== draft.value.type) continue;
    // "up six per cent" where the source says "up 6 percentage points": the same change in
    // the wrong unit, a contradiction whose fix writes the source's unit back.
    if (unitSlip(draft, source)) {
      const words = sharedWords(draft.context, source.context);
      if (words >= 1 || cited.includes(source.source)) out.push({ figure: source, relation: "contradicts", overlap: words });
      continue;
    }
    const quantity = sameQuantity(draft, source);
    if (quantity === "unrelated") continue;
    // Two figures of one kind of thing that happened otherwise ("three people" killed,
    // "three people" brought out) are not the same by their noun alone.
    // A physical measure of a thing ("the 412m bridge") is not what the clause says happened to it ("closed").
    const physical = isPhysical(draft.unit) && sameUnit(draft.unit, source.unit);
    const thing =
      quantity === "same" && draft.value.type === "count"
        ? "same"
        : eventsDiffer(frame(draft), frame(source)) && !physical
          ? "unknown"
          : sameThing(draft, source);
    // A unit and a noun that both agree ("21-page report", "12-page report") pin the thing down.
    const pinned =
      thing === "same" && draft.unit && sameUnit(draft.unit, source.unit) && frame(draft).counts === frame(source).counts
        ? CONTRADICTING_OVERLAP
        : 0;
    // Where one sentence gives several figures, the one whose subject the draft names is closest ("South ward | 24").
    const anchor = others.length && anchored(others, source) ? ANCHOR_OVERLAP : 0;
    const overlap = sharedWords(draft.context, source.context) + pinned + anchor + (quantity === "same" ? sharedSubject(draft, source) : 0);
    if (thing === "different") continue;
    const relation = relate(draft.value, source.value);
    if (relation === "backs") {
      // The same value for a compatible quantity, in a sentence (or a paragraph) about the
      // same things. The same number of the same kind of thing is common in a corpus of
      // many stories ("three men"): where the draft cites its source, another source backs
      // only where the sentences (or the paragraph) share a subject-matter word. From the
      // cited source, or for a claim that cites none, the same kind of thing is enough, and
      // from the cited source the same calendar day.
      const words = overlap - pinned - anchor;
      const near =
        words >= BACKING_OVERLAP || (source.paragraph !== undefined && sharedWords(draft.context, source.paragraph) >= PARAGRAPH_OVERLAP);
      const fromCited = cited.includes(source.source);
      // A figure with hardly a word of its own (a table cell under its label) has no words to share.
      const bare = draft.context.size < BARE_CONTEXT;
      // A source about the draft's story (most of the sentence's words stand in the article) may back the same kind of thing.
      const sameStory = source.article !== undefined && sharedWords(draft.context, source.article) >= draft.context.size * SAME_STORY;
      const sameDay = draft.value.type === "date" && draft.value.day !== undefined && quantity === "same";
      // From the cited source, kin things that the same thing happened to back too ("40 spectators were hurt", "40 fans were injured").
      const sameHappening = fromCited && thing === "unknown" && sharedEvent(frame(draft), frame(source));
      // The cited source stating the very value for a quantity that may be the draft's is its
      // backing unless the value is a small bare count, common in any article ("three", "12").
      // Not a year: an article names many ("opened in 1989" is not the 1989 of another event).
      const distinctive =
        draft.value.type === "count" &&
        (!!draft.unit || Math.abs(draft.value.value) > DISTINCTIVE_COUNT || !Number.isInteger(draft.value.value));
      const citedValue = fromCited && distinctive && quantity === "compatible" && sameUnit(draft.unit, source.unit);
      if (near || ((fromCited || bare || sameStory || cited.length === 0) && thing === "same") || (fromCited && sameDay) || sameHappening)
        out.push({ figure: source, relation, overlap: overlap + (thing === "same" ? 1 : 0) });
      else if (citedValue) byValueOnly.push({ figure: source, relation, overlap });
    } else if (relation === "contradicts") {
      // Another value is a contradiction only where the sentences clearly speak of one thing.
      // Dates line up by their place among the sentence's dates, or by their role ("until").
      const sameSlot =
        draft.value.type === "count" ||
        source.ordinal === ordinal ||
        (draft.value.type === "date" &&
          ((draftRole !== "point" && draftRole === dateRole(source)) || sharedEvent(frame(draft), frame(source))));
      // The cited source counting the very same noun needs less in common: one word, or
      // none for a labelled figure ("Countries | 35 | [@ctv-news]"), which has no sentence.
      const citedSameNoun =
        cited.includes(source.source) &&
        frame(draft).counts !== undefined &&
        (frame(draft).counts === frame(source).counts || derivedCount(frame(draft), frame(source))) &&
        sameUnit(draft.unit, source.unit) &&
        (draft.nounFrom === "label" || overlap >= CITED_CONTRADICTING_OVERLAP);
      // A score, and a share whose noun neither sentence names, are one quantity by their place and their sentences' words.
      // So is a figure in the same place of a sentence pinned to the draft's by another figure both state.
      const placed =
        (draft.value.type === "score" && overlap >= CONTRADICTING_OVERLAP && sameSlot) ||
        (anchor > 0 &&
          draft.value.type === "count" &&
          quantity === "compatible" &&
          source.ordinal === ordinal &&
          frame(draft).sense === frame(source).sense &&
          frame(draft).counts === frame(source).counts &&
          (!disjointSubjects(frame(draft), frame(source)) || frame(draft).subject.some((w) => source.context.has(stem(w))))) ||
        unknownShareContradicts(draft, source, ordinal, overlap);
      if (quantity !== "same" && !placed) continue;
      // An end or a start date in the cited source, in a paragraph about the draft's thing
      // ("The exclusion order applies … It remains in effect until at least April 6").
      const citedRoleDate =
        cited.includes(source.source) &&
        draftRole !== undefined &&
        draftRole !== "point" &&
        source.paragraph !== undefined &&
        sharedWords(draft.context, source.paragraph) >= PARAGRAPH_OVERLAP;
      if (((overlap >= CONTRADICTING_OVERLAP || citedSameNoun || citedRoleDate) && sameSlot) || placed)
        out.push({ figure: source, relation, overlap });
    }
  }
  if (!out.some((c) => c.relation === "contradicts" && cited.includes(c.figure.source))) out.push(...byValueOnly);
  out.sort((a, b) => b.overlap - a.overlap);
  // Every passage from a cited source, and the closest few of the rest for each
  // relation: a corpus of many outlets may state one figure thousands of times.
  const kept = { backs: 0, contradicts: 0 };
  return out.filter((c) => cited.includes(c.figure.source) || kept[c.relation]++ < KEPT_PER_RELATION);
}

/**
 * A share whose noun neither sentence names ("profit drops 45%", "profit down 40
 * percent") is one quantity where the sentences share the subject's words and the
 * share stands in the same place among the sentence's shares, as a date does.
 */
function unknownShareContradicts(draft: ReadFigure, source: SourceFigure, ordinal: number, overlap: number): boolean {
  // "cut by 1.5%" is a change, "stands at 4.25 percent" a level: the word before each must agree.
  // Where both name whose share it is, they must name one ("the club" is not "Pellham & Vance").
  if (disjointSubjects(frame(draft), frame(source))) return false;
  return (
    isShare(draft.unit) &&
    sameUnit(draft.unit, source.unit) &&
    frame(draft).sense === frame(source).sense &&
    !draft.noun &&
    !source.noun &&
    (draft.preposition ?? "") === (source.preposition ?? "") &&
    overlap >= CONTRADICTING_OVERLAP &&
    source.ordinal === ordinal
  );
}

/** A change told in percent where the source tells it in percentage points (or the other way), with the same number. */
function unitSlip(draft: ReadFigure, source: ReadFigure): boolean {
  return (
    draft.value.type === "count" &&
    source.value.type === "count" &&
    isShare(draft.unit) &&
    isShare(source.unit) &&
    draft.unit !== source.unit &&
    draft.value.upper === undefined &&
    source.value.upper === undefined &&
    Math.abs(draft.value.value - source.value.value) < 1e-9 &&
    frame(draft).sense === "change" &&
    frame(source).sense === "change"
  );
}

/** A figure's frame, read from its sentence on first use. */
export function frame(f: ReadFigure): FigureFrame {
  // Kept with the figure, so a corpus's figures are read once however large it is.
  let made = framesOf.get(f);
  if (!made)
    framesOf.set(f, (made = frameOf({ sentence: f.sentenceText, mark: f.mark, labels: f.labels, antecedent: f.antecedent, unit: f.unit })));
  return made;
}

const framesOf = new WeakMap<ReadFigure, FigureFrame>();

/**
 * Whether two figures state the same quantity, as far as their frames tell:
 * "same" (one may contradict the other), "compatible" (one may back the other, the
 * sentences agreeing), or "unrelated" (another sense, kind, event or part).
 */
export function sameQuantity(a: ReadFigure, b: ReadFigure): "same" | "compatible" | "unrelated" {
  if (a.value.type === "date" || b.value.type === "date") return sameDate(a, b);
  // A score is its own kind of figure: which game it is, its sentences' words and place tell.
  if (a.value.type === "score" && b.value.type === "score") return "compatible";
  if (!sameUnit(a.unit, b.unit) && (isShare(a.unit) || isShare(b.unit) || (a.unit && b.unit))) return "unrelated";
  const fa = frame(a);
  const fb = frame(b);
  // A measure ("who is 5", an age) is not a count of things ("five nights").
  if ((isMeasure(a.unit) && !b.unit && fb.counts) || (isMeasure(b.unit) && !a.unit && fa.counts)) return "unrelated";
  if (deniedApart(fa, fb)) return "unrelated";
  let same = true;
  // The measure's sense: a change is not a level, nor a share a count; a part of a
  // whole that happened otherwise ("six of the victims died") is not a total ("executed seven").
  const otherEvents = eventsDiffer(fa, fb);
  if (fa.sense !== fb.sense && !rateUnsaid(fa, fb, b.unit) && !rateUnsaid(fb, fa, a.unit)) {
    if (fa.sense === "change" || fb.sense === "change" || otherEvents) return "unrelated";
    same = false;
  }
  if (fa.base && fb.base && kindRelation(fa.base, fb.base, isCollective(fa.base, fa.base), isCollective(fb.base, fb.base)) === "different")
    return "unrelated";
  // What it counts.
  if (fa.counts && fb.counts) {
    const kind = derivedCount(fa, fb) ? "same" : kindRelation(fa.counts, fb.counts, fa.collective, fb.collective);
    // What money is for may be named in other words ("security upgrades", "cybersecurity improvements").
    if (kind === "different" && !(fa.purpose && fb.purpose)) return "unrelated";
    if (kind !== "same") same = false;
  } else if (fa.counts || fb.counts) {
    // "the margin of error at 3.5 points" and "a margin of error of 3.1 points": what one
    // counts, the other measures.
    const counted = (fa.counts ?? fb.counts)!;
    if (!(fa.counts ? fb : fa).subject.includes(counted)) same = false;
  } else if (fa.subject.length && fb.subject.length) {
    // A measure of no counted noun is about its subject ("net sales", "profit"); two
    // subjects together are a total of parts, not either part.
    if (disjointSubjects(fa, fb) || !!fa.joined !== !!fb.joined) same = false;
  } else if (!(fa.sense === "share" && fa.base !== undefined && fa.base === fb.base)) {
    // A share of one named whole ("of sailings") is that whole's share, whoever's it is.
    same = false;
  }
  // What happened to it: "destroyed" is not "damaged"; "destroyed or damaged" is a total of parts.
  if (fa.events.length && fb.events.length) {
    const eb = eventsOf(fb);
    const shared = eventsOf(fa).filter((e) => eb.some((x) => sameEvent(e, x))).length;
    if (shared === 0) same = false;
    if ((fa.coordinated || fb.coordinated) && shared > 0 && shared < Math.max(fa.events.length, fb.events.length)) return "unrelated";
  }
  // When: the draft's "since 2015" is not a figure the source gives no time to (a source
  // may date what a draft leaves undated).
  if (fa.when.length && !fa.when.some((y) => fb.when.includes(y))) same = false;
  return same ? "same" : "compatible";
}

/**
 * Things of which something is denied are not the things of which it is said ("accounts
 * whose details were not taken", "details were taken from 61,300 accounts"), nor things
 * of which another thing is denied.
 */
function deniedApart(fa: FigureFrame, fb: FigureFrame): boolean {
  const denies = (x: FigureFrame, y: FigureFrame) => !!x.denied && eventsOf(y).some((e) => x.denied!.some((d) => sameEvent(d, e)));
  if (denies(fa, fb) || denies(fb, fa)) return true;
  return !!fa.denied && !!fb.denied && !fa.denied.some((d) => fb.denied!.some((x) => sameEvent(d, x)));
}

/** A count "a day" is often written without its "a day" ("a forecast of 48,000 riders"): `x` the rate, `y` the level. */
function rateUnsaid(x: FigureFrame, y: FigureFrame, yUnit?: string): boolean {
  return x.sense === "rate" && y.sense === "level" && !y.base && !isShare(yUnit);
}

/** Both figures say what happened to what they count, and no event of one is an event of the other. */
function eventsDiffer(fa: FigureFrame, fb: FigureFrame): boolean {
  const a = eventsOf(fa);
  const b = eventsOf(fb);
  return fa.events.length > 0 && fb.events.length > 0 && !a.some((e) => b.some((x) => sameEvent(e, x)));
}

/** Both frames name whose figure it is, and no word of one is the other's. */
function disjointSubjects(fa: FigureFrame, fb: FigureFrame): boolean {
  return fa.subject.length > 0 && fb.subject.length > 0 && !fa.subject.some((w) => fb.subject.includes(w));
}

/** Both figures say what happened to what they count, and one event is the other's. */
function sharedEvent(fa: FigureFrame, fb: FigureFrame): boolean {
  return fa.events.length > 0 && fb.events.length > 0 && fa.events.some((e) => fb.events.some((x) => sameEvent(e, x)));
}

/** What happened, as the frame's verbs and the verbs its counted noun names ("five deaths recorded": record, die). */
function eventsOf(f: FigureFrame): string[] {
  return f.counts ? [...f.events, ...verbsOfNoun(f.counts)] : f.events;
}

/**
 * A count of events named by a noun is a count of what the event happened to, named
 * by its verb: "870 infections" is "870 people … infected", "457 deaths" is "457
 * people died" (WordNet's derivations).
 */
function derivedCount(fa: FigureFrame, fb: FigureFrame): boolean {
  const by = (a: FigureFrame, b: FigureFrame) =>
    !!a.counts &&
    verbsOfNoun(a.counts).some((v) => b.events.some((e) => sameEvent(v, e)) || (!!b.counts && verbsOfNoun(b.counts).includes(v)));
  return by(fa, fb) || by(fb, fa);
}

/** Two dates are the same quantity when they are as precise (a year is not a day) and not a dateline. */
function sameDate(a: ReadFigure, b: ReadFigure): "same" | "compatible" | "unrelated" {
  if (a.value.type !== "date" || b.value.type !== "date") return "unrelated";
  if (isDateline(a) || isDateline(b)) return "compatible";
  // A draft's "Oct. 18" is this year's: a source's "Nov. 18, 2023", spelled out as a past
  // year, dates another event: it neither backs nor contradicts it.
  const past = (x: ReadFigure, y: ReadFigure) => (x as SourceFigure).pastYear && y.value.type === "date" && y.value.year === undefined;
  if (past(a, b) || past(b, a)) return "unrelated";
  // A date is a point ("on", "in"), an end ("until", "by") or a start ("since", "from"):
  // an end date is not the day a thing happened, though the same date may back it.
  if (dateRole(a) !== dateRole(b)) return "compatible";
  // What happened on it: the day applications open is not the day they close.
  if (eventsDiffer(frame(a), frame(b))) return "compatible";
  const precision = (v: typeof a.value) =>
    v.type === "date" ? `${v.day !== undefined ? "d" : ""}${v.month !== undefined ? "m" : ""}` : "";
  return precision(a.value) === precision(b.value) ? "same" : "compatible";
}

function dateRole(f: ReadFigure): "point" | "end" | "start" | "before" | "after" | "period" {
  switch (f.preposition) {
    // What a thing is for ("a budget for the 2026-27 school year") is not when something happened.
    case "for":
      return "period";
    case "until":
    case "till":
    case "through":
    case "by":
      return "end";
    case "since":
    case "from":
      return "start";
    case "before":
      return "before";
    case "after":
      return "after";
    default:
      // A date a thing began on is its start ("the ban began July 21" is "in effect since
      // July 22"'s quantity), the one it ended on its end.
      if (frame(f).events.some((e) => sameEvent(e, "begin"))) return "start";
      if (frame(f).events.some((e) => sameEvent(e, "end"))) return "end";
      return "point";
  }
}

function sharedSubject(a: ReadFigure, b: ReadFigure): number {
  const sb = frame(b).subject;
  return frame(a).subject.filter((w) => sb.includes(w)).length;
}

function sharedWords(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n;
}

/** Whether two figures count the same kind of thing, as far as their counted nouns tell. */
function sameThing(a: ReadFigure, b: ReadFigure): "same" | "different" | "unknown" {
  if (!sameUnit(a.unit, b.unit) && (isShare(a.unit) || isShare(b.unit) || (a.unit && b.unit))) return "different";
  if (a.value.type === "date" || b.value.type === "date" || a.value.type === "score") return "unknown";
  // A measure's unit says what it is ("15.5 km", "$2.8 million"): the same unit is the same thing.
  // Its noun may be a name ("the 412m Harwell Narrows Bridge") or a kin word ("truss", "bridge").
  const fa = frame(a);
  const fb = frame(b);
  if (
    a.unit &&
    b.unit &&
    !isShare(a.unit) &&
    unitThing(a.unit) === unitThing(b.unit) &&
    (!fa.counts || !fb.counts || fa.purpose || fb.purpose || fa.counts === fb.counts || kindRelation(fa.counts, fb.counts) !== "different")
  )
    return "same";
  if (!fa.counts || !fb.counts) return "unknown";
  const kind = kindRelation(fa.counts, fb.counts, fa.collective, fb.collective);
  return kind === "same" ? "same" : kind === "different" ? "different" : "unknown";
}

/** How a source's value bears on the draft's: it backs it, contradicts it, or neither (matching/values.ts). */
export function relate(draft: FigureValue, source: FigureValue): Relation {
  return relateValues(draft, source);
}
