// Where a quote is recognised, and who the text says spoke it.
//
// A quote is text inside double quotation marks (curly or straight, in any mix:
// captured web copy often opens with " and closes with ”), or a headline-style
// single-quoted passage of four words or more. Single quotes nested in a double
// quote belong to it. Scare quotes around a term of one to three words are terms,
// not quotes. Apostrophes (it’s, China’s, drivers’) are never quote marks.
//
// News conventions honoured here:
// - a quote split by its attribution in one sentence (“…,” she said, “…”) is one
//   quote with two pieces;
// - a quote may run over several sentences, and to the end of its paragraph without
//   a closing mark when the statement continues in the next paragraph;
// - a soft line break inside a paragraph is just a space.
//
// The speaker is found in the sentence(s) the quote touches: "X said …“…”",
// "“…,” X said", "“…,” said X", "according to X". It is returned as written;
// pronouns are resolved against the whole article in claims/speakers.ts.

import type { Span } from "../model.js";
import { fold, words, type Word } from "../parsing/words.js";
import { isAbbreviationDot } from "../parsing/sentences.js";
import { analyse } from "../parsing/nlp.js";
import { blanked } from "../parsing/positions.js";
import { isReportingVerb, participleVerb } from "./kinds.js";
import { Memo } from "../memo.js";

export interface FoundQuote {
  /** The quoted words without quote marks, whitespace collapsed; pieces of a split quote joined by " ". */
  text: string;
  /** From the first opening mark to the last closing mark (to the end of the words when unclosed). */
  span: Span;
  /** Each piece's words, without the marks. */
  pieces: Span[];
  /** The pieces as the matcher reads them: joined by QUOTE_SPLIT, where the source may have its own attribution. */
  aligned: string;
  /** Who this text says spoke it, as written. */
  speaker?: string;
  speakerSpan?: Span;
}

/** A sentence that gives someone's words without quoting them ("According to X, …", "X said …"). */
export interface FoundAttribution {
  speaker: string;
  speakerSpan: Span;
  sentence: Span;
}

// Verbs of speech that attribute words to a speaker. "reported" and "confirmed" are
// left out on purpose: they mostly describe what a publication did, not who spoke.
const SPEECH_VERBS = new Set(
  (
    "said says say told tells tell added adds noted notes stated states wrote writes claimed claims " +
    "explained explains insisted insists argued argues warned warns replied replies stressed stresses " +
    "acknowledged acknowledges admitted admits declared declares maintained maintains"
  ).split(" "),
);

// Words that may stand between a subject and its verb without being part of the subject.
const BEFORE_VERB = new Set(
  "has have had also then later earlier previously recently again further would will could yesterday today tonight now".split(" "),
);

// A comma-delimited clause made only of these is an aside, not an appositive ("X, meanwhile, said").
const ASIDES = new Set(
  "meanwhile however though too also moreover furthermore instead later earlier separately previously yesterday today".split(" "),
);

// A clause starting with one of these is a relative clause about the subject ("X, who moved to Canada, said").
const RELATIVES = new Set("who whom whose which that where when".split(" "));

// Words that end one clause and begin another: the subject is after the last of them.
const CLAUSE_BREAKS = new Set("but while whereas because although though since after when if yet so where".split(" "));
const DETERMINERS_AND_PRONOUNS = new Set("the a an its their his her our this that these those it he she they we i".split(" "));
const PRONOUNS = new Set("it he she they we i".split(" "));

// In "“…,” said X in a statement", X ends at one of these.
const AFTER_NAME_STOPS = new Set("in on at during when while after before yesterday today tonight last via".split(" "));

const OPEN_PUNCT = /[\s([{—–\-/“‘"'\u00a0]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// A closing mark is followed by the end, a space or punctuation.
const AFTER_CLOSER = /[\s.,;:!?)\]}—–\-…’'”"*_]/;

/** Where the pieces of a split quote meet (“…,” she said, “…”): a source that quotes the same words may split them the same way. */
export const QUOTE_SPLIT = " \u2063 ";

interface Region {
  open: number; // index of the opening mark
  close: number; // index of the closing mark, or -1 when the quote runs to the end
  contentStart: number;
  contentEnd: number;
}

/**
 * Quotes in one block of prose (a paragraph's plain text). `sentences` are the
 * sentence spans of that text; `masked` spans (citations like [@id], [^1]) are
 * ignored.
 */
/**
 * The titles of works in quotation marks ("Biktarvy Sales Cross $10bn Mark", a report's
 * title): their figures are the other work's, not claims or evidence of the text's own.
 */
export function titlesOfWorks(text: string): Span[] {
  if (!/[“"]/.test(text)) return [];
  // The marks too: a straight closing mark left alone after the title reads as an opening one.
  return doubleQuoteRegions(text)
    .filter((r) => r.close >= 0)
    .filter((r) => {
      const p = trimSpan(text, r.contentStart, r.contentEnd);
      return p.end > p.start && isTitleOfWork(text, p);
    })
    .map((r) => ({ start: r.open, end: r.close + 1 }));
}

export function findQuotes(text: string, sentences: Span[], masked: Span[] = []): FoundQuote[] {
  const t = blanked(text, masked);
  const doubles = doubleQuoteRegions(t);
  const singles = singleQuoteRegions(t, doubles);
  const regions = [...doubles, ...singles].sort((a, b) => a.open - b.open);

  // Join a quote split by its attribution within one sentence: “…,” X said, “…”
  type Group = { regions: Region[]; between?: Span };
  const groups: Group[] = [];
  for (const r of regions) {
    const last = groups[groups.length - 1];
    const prev = last?.regions[last.regions.length - 1];
    if (last && last.regions.length === 1 && prev && prev.close >= 0 && splitAttribution(t, sentences, prev, r)) {
      last.regions.push(r);
      last.between = { start: prev.close + 1, end: r.open };
    } else groups.push({ regions: [r] });
  }

  const out: FoundQuote[] = [];
  for (let g = 0; g < groups.length; g++) {
    const { regions: rs, between } = groups[g];
    const first = rs[0];
    const last = rs[rs.length - 1];
    const pieces = rs.map((r) => trimSpan(t, r.contentStart, r.contentEnd)).filter((p) => p.end > p.start);
    if (pieces.length === 0) continue;
    const pieceTexts = pieces.map((p) => t.slice(p.start, p.end).replace(/\s+/g, " ").trim());
    const quoted = pieceTexts.join(" ");
    const wordCount = pieces.reduce((n, p) => n + words(t, p.start, p.end).length, 0);
    if (wordCount === 0) continue;

    // Who spoke: the attribution between the pieces, after the quote, or before it.
    const prevEnd = g > 0 ? endOf(groups[g - 1].regions[groups[g - 1].regions.length - 1]) : 0;
    const nextOpen = g + 1 < groups.length ? groups[g + 1].regions[0].open : t.length;
    let speakerSpan: Span | undefined;
    if (between) speakerSpan = speakerAfter(t, between.start, between.end);
    if (!speakerSpan && last.close >= 0) {
      const s = sentenceOf(sentences, last.close);
      const lastPiece = pieces[pieces.length - 1];
      if (s && attributionMayFollow(t, lastPiece, last.close)) speakerSpan = speakerAfter(t, last.close + 1, Math.min(s.end, nextOpen));
    }
    if (!speakerSpan) {
      const s = sentenceOf(sentences, first.open);
      const from = Math.max(s ? s.start : 0, prevEnd);
      if (from < first.open) speakerSpan = speakerBefore(t, from, first.open) ?? introducedBy(t, from, first.open);
    }

    // One to three words are a term in scare quotes, unless presented as someone's
    // full utterance: attributed and closed with its own full stop (said the reports
    // were “completely false.”).
    if (wordCount <= 3) {
      const endsUtterance = /[.!?]\s*$/.test(t.slice(pieces[0].start, pieces[pieces.length - 1].end));
      if (!(wordCount >= 2 && endsUtterance && speakerSpan && rs.every((r) => isDouble(t, r)))) continue;
    }

    // A title in quotation marks ("The Remains of the Day", "Swan Lake") names a work; it is not speech.
    if (rs.length === 1 && first.close >= 0 && isTitleOfWork(t, pieces[0])) continue;

    const span = { start: first.open, end: last.close >= 0 ? last.close + 1 : pieces[pieces.length - 1].end };
    const quote: FoundQuote = { text: quoted, span, pieces, aligned: pieceTexts.join(QUOTE_SPLIT) };
    if (speakerSpan) {
      quote.speaker = text.slice(speakerSpan.start, speakerSpan.end).replace(/\s+/g, " ");
      quote.speakerSpan = speakerSpan;
    }
    out.push(quote);
  }
  return out;
}

/**
 * Attributions in sentences that quote nothing: "According to Safeguard Defenders,
 * …", "The NGO said …". A source's quotes are often attributed to a name given in an
 * earlier, unquoted sentence ("It said …", "the NGO said …"), so speaker resolution
 * should see these too.
 */
export function findAttributions(
  text: string,
  sentences: Span[],
  masked: Span[] = [],
  quotes = findQuotes(text, sentences, masked),
): FoundAttribution[] {
  const t = blanked(text, masked);
  const out: FoundAttribution[] = [];
  for (const s of sentences) {
    if (quotes.some((q) => q.span.start < s.end && q.span.end > s.start)) continue;
    const span = speakerBefore(t, s.start, s.end, true);
    if (span) out.push({ speaker: text.slice(span.start, span.end).replace(/\s+/g, " "), speakerSpan: span, sentence: s });
  }
  return out;
}

// Words a title leaves lowercase in title case ("The Remains of the Day", "War and Peace").
const TITLE_LOWERCASE = new Set("a an the and or nor but of in on at to for from by with as into over upon vs".split(" "));

/**
 * Whether quoted words are set as a title: two words or more, the first and every
 * word but the short joining ones capitalised, and no punctuation of speech (a
 * comma or full stop inside). People are not quoted in title case; works are named
 * in it.
 */
function isTitleOfWork(t: string, whole: Span): boolean {
  // American style sets the sentence's comma inside the marks: “Snow Load and the Roof,”.
  const piece = /[,.]$/.test(t.slice(whole.start, whole.end)) ? { start: whole.start, end: whole.end - 1 } : whole;
  const inner = t.slice(piece.start, piece.end);
  if (/[,;!…]/.test(inner)) return false;
  // A full stop ends speech; an abbreviation's does not ("Merck & Co. Remains …").
  for (let i = inner.indexOf("."); i >= 0; i = inner.indexOf(".", i + 1)) {
    if (i === inner.length - 1 || /\s/.test(inner[i + 1])) {
      if (!isAbbreviationDot(t, piece.start + i) || i === inner.length - 1) return false;
    }
  }
  const ws = words(t, piece.start, piece.end);
  if (ws.length < 2 || !/^[\p{Lu}\p{N}]/u.test(ws[0].text)) return false;
  let capitalised = 0;
  for (const w of ws) {
    // "mRNA", "iPhone": a name with its own capitals counts as capitalised.
    if (/^[\p{Lu}\p{N}]/u.test(w.text) || /^\p{Ll}+\p{Lu}/u.test(w.text)) capitalised++;
    else if (!TITLE_LOWERCASE.has(w.text.toLowerCase())) return false;
  }
  return capitalised >= 2;
}

/** Someone a sentence is about, named as its subject: "Marguerite Doucet, 67, lost the house …". */
export interface FoundMention {
  name: string;
  span: Span;
  /** A name inside a sentence, not its opening subject ("Its chief executive, Grace Okafor, …"): it says who a surname is, not whom "she" stands for. */
  inner?: boolean;
}

// A capitalised name: words with capitals, title abbreviations ("Coun.", "Dr."), initials
// ("J.") and the particles of a surname ("de", "van"), one space apart; "&" joins a firm's names ("Pellham & Vance").
const NAME_RUN =
  /(?:\p{Lu}[\p{L}’'-]*\.?|\p{Lu}\.)(?:[ \u00a0](?:(?:de|van|von|der|da|di|du|la|le|al|bin|ibn|&)[ \u00a0])?(?:\p{Lu}[\p{L}’'-]*\.?|\p{Lu}\.))*/uy;

// A sentence's first word may be a closed-class word before its subject ("But Okafor …").
const LEADING = new Set("but and so yet then still for now later earlier meanwhile instead also".split(" "));
/** Prepositions a sentence may open with before its subject ("At the terminal, …", "In March, …"). */
const OPENING_PREPOSITIONS = new Set(
  "at in on from after before during inside outside near across within without under over since until following despite among behind beside".split(
    " ",
  ),
);

/**
 * The names sentences open with, outside quotes: the subject a later "he said" or
 * "she said" most likely stands for ("Okafor conceded … “We fell short,” he said").
 * Only a sentence's opening name counts; a name later in it is most often an object.
 */
export function findMentions(text: string, sentences: Span[], masked: Span[] = []): FoundMention[] {
  const t = blanked(text, masked);
  const out: FoundMention[] = [];
  for (const s of sentences) {
    let at = s.start;
    while (at < s.end && /[\s“‘"'(*_]/.test(t[at])) at++;
    if (/[“‘"]/.test(t.slice(s.start, at))) continue;
    const first = /^\p{L}+/u.exec(t.slice(at, s.end))?.[0];
    if (first && LEADING.has(first.toLowerCase())) at += first.length + 1;
    else if (first && OPENING_PREPOSITIONS.has(first.toLowerCase())) {
      // "At Marrow Point's small terminal, Joan Pruett, 68, learned …": a sentence that
      // opens with a place or a time names its subject after the comma.
      const comma = t.indexOf(",", at);
      if (comma < 0 || comma >= s.end) continue;
      at = comma + 1;
      while (at < s.end && /\s/.test(t[at])) at++;
    }
    const opening = nameAt(t, at, s.end);
    if (opening) out.push(opening);
    // Names of two words or more further in, outside quotes.
    const inner = /(?<=[\s(,;:—–])\p{Lu}\p{Ll}+[ \u00a0]\p{Lu}/gu;
    inner.lastIndex = opening ? opening.span.end : at;
    for (let m = inner.exec(t); m && m.index < s.end; m = inner.exec(t)) {
      const found = nameAt(t, m.index, s.end);
      if (!found) continue;
      if (!insideQuote(t, s.start, found.span.start)) out.push({ ...found, inner: true });
      inner.lastIndex = found.span.end;
    }
  }
  return out;
}

function nameAt(t: string, at: number, end: number): FoundMention | undefined {
  NAME_RUN.lastIndex = at;
  const m = NAME_RUN.exec(t);
  if (!m || m.index !== at || at + m[0].length > end) return undefined;
  let name = m[0].replace(/[’']s$/, "");
  // A run that ends the sentence keeps its full stop out of the name.
  if (at + m[0].length === end) name = name.replace(/\.$/, "");
  return name.length > 1 ? { name, span: { start: at, end: at + name.length } } : undefined;
}

/** Whether an offset stands inside double quotation marks opened since `from`. */
function insideQuote(t: string, from: number, at: number): boolean {
  let open = false;
  for (let i = from; i < at; i++) {
    if (t[i] === "“") open = true;
    else if (t[i] === "”") open = false;
    else if (t[i] === '"') open = !open;
  }
  return open;
}

// ---------------------------------------------------------------------------
// Quote marks

function isDouble(t: string, r: Region): boolean {
  return t[r.open] === "“" || t[r.open] === '"';
}

function endOf(r: Region): number {
  return r.close >= 0 ? r.close + 1 : r.contentEnd;
}

/** Whether a straight mark at i has the shape of an opening mark: after a space or opening punctuation, before a word. */
function openerShaped(t: string, i: number): boolean {
  const prev = i > 0 ? t[i - 1] : " ";
  const next = t[i + 1] ?? " ";
  return OPEN_PUNCT.test(prev) && !/\s/.test(next);
}

/** Whether a straight mark at i has the shape of a closing mark: after a word or punctuation, before a space or punctuation. */
function closerShaped(t: string, i: number): boolean {
  const prev = i > 0 ? t[i - 1] : " ";
  const next = t[i + 1] ?? " ";
  return !/\s/.test(prev) && AFTER_CLOSER.test(next);
}

/**
 * Double-quoted regions. A curly “ always opens and ” always closes; a straight "
 * opens or closes by its shape, or by whether a quote is open when its shape says
 * nothing. Nested double quotes are followed so their closing mark does not end the
 * outer quote. A quote still open at the end runs to the end of the paragraph.
 */
function doubleQuoteRegions(t: string): Region[] {
  const out: Region[] = [];
  let open = -1;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c !== "“" && c !== "”" && c !== '"') continue;
    const opens =
      c === "“" || (c === '"' && (open < 0 ? !closerShaped(t, i) || openerShaped(t, i) : openerShaped(t, i) && !closerShaped(t, i)));
    if (open < 0) {
      if (opens) open = i;
      // A lone closing mark outside a quote is stray: ignored.
    } else if (opens) {
      depth++;
    } else if (depth > 0) {
      depth--;
    } else {
      out.push({ open, close: i, contentStart: open + 1, contentEnd: i });
      open = -1;
    }
  }
  if (open >= 0) out.push({ open, close: -1, contentStart: open + 1, contentEnd: trimSpan(t, open + 1, t.length).end });
  return out;
}

/**
 * Single-quoted regions outside double quotes. An opening ‘ or ' stands after a space
 * or opening punctuation and before a letter; a closing ’ or ' stands after a word
 * and not before a letter (so it’s, China’s are apostrophes). "stations’ run" could
 * be a possessive (drivers’ licences) or a closing mark: a later unambiguous closing
 * mark wins, otherwise it closes. The search stops at the next opening mark.
 */
function singleQuoteRegions(t: string, doubles: Region[]): Region[] {
  const out: Region[] = [];
  const insideDouble = (i: number) => doubles.some((r) => i >= r.open && i < endOf(r));
  const isOpener = (i: number) =>
    (t[i] === "‘" || t[i] === "'") && OPEN_PUNCT.test(i > 0 ? t[i - 1] : " ") && LETTER_OR_DIGIT.test(t[i + 1] ?? "");
  const isCloser = (i: number) =>
    (t[i] === "’" || t[i] === "'") && i > 0 && /[\p{L}\p{N}.,!?]/u.test(t[i - 1]) && !LETTER_OR_DIGIT.test(t[i + 1] ?? "");
  for (let i = 0; i < t.length; i++) {
    if (!isOpener(i) || insideDouble(i)) continue;
    let possessive = -1;
    let close = -1;
    for (let j = i + 1; j < t.length; j++) {
      if (insideDouble(j) || isOpener(j)) break;
      if (!isCloser(j)) continue;
      const possessiveShaped = /[sS]/.test(t[j - 1]) && /^\s+\p{Ll}/u.test(t.slice(j + 1, j + 3));
      if (!possessiveShaped) {
        close = j;
        break;
      }
      if (possessive < 0) possessive = j;
    }
    if (close < 0) close = possessive;
    if (close < 0) continue;
    const r = { open: i, close, contentStart: i + 1, contentEnd: close };
    // Top-level single quotes are quotes only in headline style: four words or more.
    if (words(t, r.contentStart, r.contentEnd).length >= 4) out.push(r);
    i = close;
  }
  return out;
}

function trimSpan(t: string, start: number, end: number): Span {
  while (start < end && /\s/.test(t[start])) start++;
  while (end > start && /\s/.test(t[end - 1])) end--;
  return { start, end };
}

function sentenceOf(sentences: Span[], offset: number): Span | undefined {
  return sentences.find((s) => offset >= s.start && offset < s.end) ?? sentences.find((s) => offset === s.end);
}

/** Whether two quotes are the pieces of one, split by an attribution in the same sentence. */
function splitAttribution(t: string, sentences: Span[], a: Region, b: Region): boolean {
  const s = sentenceOf(sentences, a.close);
  if (!s || b.open >= s.end) return false;
  const between = t.slice(a.close + 1, b.open);
  const firstEnds = t.slice(a.contentStart, a.contentEnd).trimEnd();
  if (!/,$/.test(firstEnds) && !/^\s*,/.test(between)) return false;
  if (!/[,:]\s*$/.test(between)) return false;
  if (words(t, a.close + 1, b.open).length > 12) return false;
  return speakerAfter(t, a.close + 1, b.open) !== undefined;
}

/** A trailing attribution ("“…,” she said") needs the quote to end on punctuation or a comma to follow it. */
function attributionMayFollow(t: string, lastPiece: Span, close: number): boolean {
  const ending = t.slice(lastPiece.start, lastPiece.end);
  return /[,.!?…]$/.test(ending) || /^\s*,/.test(t.slice(close + 1, close + 4)) || /^\s*(said|says)\b/.test(t.slice(close + 1, close + 12));
}

// ---------------------------------------------------------------------------
// Speakers

// Mid-sentence verbs are lowercase: "United States" holds no verb "states".
const isVerb = (w: Word) => w.text === w.text.toLowerCase() && SPEECH_VERBS.has(fold(w.text));
/** Right after a quote, any verb of telling attributes it ("…?” she asked", "…,” he conceded"). */
const isVerbAfterQuote = (w: Word) => w.text === w.text.toLowerCase() && isSpeechWord(fold(w.text));

/**
 * A verb of saying as written after a quote: the common ones by name, any other whose
 * commonest WordNet sense is one of telling or thinking ("asked", "conceded", "recalled").
 */
const speechWords = new Memo<string, boolean>(20_000);
function isSpeechWord(word: string): boolean {
  if (SPEECH_VERBS.has(word)) return true;
  return speechWords.get(word, () => {
    const lemma = participleVerb(word) ?? (/[^s]s$/.test(word) ? word.slice(0, -1) : undefined);
    return !!lemma && isReportingVerb(lemma);
  });
}
const lower = (w: Word) => fold(w.text);

/** What stands between two words: used to find commas and harder boundaries. */
function gap(t: string, ws: Word[], i: number, end: number): string {
  const between = t.slice(ws[i].end, i + 1 < ws.length ? ws[i + 1].start : end);
  // "Coun. Mira Osei", "J. R. Tallis": an abbreviation's full stop is part of the name.
  return between[0] === "." && isAbbreviationDot(t, ws[i].end) ? between.slice(1) : between;
}
const HARD = /[;:()[\]—–.!?…“”"‘]/;

/**
 * The speaker after a quote, in t[from, to): "said X", "X said/told Y", "according to X".
 * The phrase before the verb may hold commas ("the activist, Sheng Xue, told CBC").
 */
function speakerAfter(t: string, from: number, to: number): Span | undefined {
  const ws = words(t, from, to);
  if (ws.length === 0) return undefined;
  const lead = t.slice(from, ws[0].start);
  if (/[;.!?]/.test(lead)) return undefined;

  // “…,” according to X
  if (lower(ws[0]) === "according" && ws[1] && lower(ws[1]) === "to") return phraseAfter(t, ws, 2, to);
  // “…,” said X
  if (isVerbAfterQuote(ws[0])) return phraseAfter(t, ws, 1, to);
  // “…,” X said / X told CBC
  for (let v = 1; v < Math.min(ws.length, 10); v++) {
    if (HARD.test(gap(t, ws, v - 1, to))) return undefined;
    if (!isVerbAfterQuote(ws[v])) continue;
    let k = v - 1;
    while (k > 0 && BEFORE_VERB.has(lower(ws[k]))) k--;
    if (BEFORE_VERB.has(lower(ws[k]))) return undefined;
    return checkSubject(ws, 0, k);
  }
  return undefined;
}

/** A name after "said" or "according to": up to a comma, a hard stop or a preposition of time/place. */
function phraseAfter(t: string, ws: Word[], from: number, to: number): Span | undefined {
  if (from >= ws.length) return undefined;
  let k = from;
  while (k + 1 < ws.length && !/[,]/.test(gap(t, ws, k, to)) && !HARD.test(gap(t, ws, k, to)) && !AFTER_NAME_STOPS.has(lower(ws[k + 1])))
    k++;
  if (k - from + 1 > 10) return undefined;
  return checkSubject(ws, from, k);
}

/**
 * A quote a clause introduces with a colon, no verb of speech in it ("Dr. Ines
 * Kowalczyk put it best: “…”", "Okafor was blunt: “…”"): the name the clause opens
 * with, a person's (two capitalised words or more), is the speaker.
 */
function introducedBy(t: string, from: number, to: number): Span | undefined {
  if (!/:\s*$/.test(t.slice(from, to))) return undefined;
  let at = from;
  while (at < to && /\s/.test(t[at])) at++;
  NAME_RUN.lastIndex = at;
  const m = NAME_RUN.exec(t);
  if (!m || m.index !== at || at + m[0].length >= to) return undefined;
  const ws = words(t, at, at + m[0].length).filter((w) => /^\p{Lu}/u.test(w.text) && !/\.$/.test(w.text));
  return ws.length >= 2 ? { start: at, end: at + m[0].length } : undefined;
}

/**
 * The speaker before a quote (or in an unquoted sentence), in t[from, to): the noun
 * phrase right before the last verb of speech, back to a comma or the sentence
 * start ("In an email to AFP, the Royal Canadian Mounted Police said …"). An aside
 * or relative clause between commas is skipped ("X, who moved to Canada in 1989,
 * said"); an appositive is kept ("Mao Ning, the ministry’s spokeswoman, said").
 * "according to X" counts too.
 */
function speakerBefore(t: string, from: number, to: number, wholeSentence = false): Span | undefined {
  const ws = words(t, from, to);
  const boundary = (i: number) => gap(t, ws, i, to); // after word i
  const isComma = (i: number) => /,/.test(boundary(i));
  const isHard = (i: number) => HARD.test(boundary(i));

  // The last verb of speech; in an unquoted sentence, the first (its main clause).
  let v = -1;
  for (let i = 0; i < ws.length; i++) {
    if (isVerb(ws[i])) {
      v = i;
      if (wholeSentence) break;
    }
  }
  const according = ws.findIndex((w, i) => lower(w) === "according" && ws[i + 1] && lower(ws[i + 1]) === "to");
  if (according >= 0 && (v < 0 || according > v || wholeSentence)) {
    let k = according + 2;
    if (k >= ws.length) return undefined;
    while (k + 1 < ws.length && !isComma(k) && !isHard(k)) k++;
    return k - (according + 2) + 1 <= 10 ? checkSubject(ws, according + 2, k) : undefined;
  }
  if (v <= 0) return undefined;

  let k = v - 1;
  while (k > 0 && BEFORE_VERB.has(lower(ws[k])) && !isComma(k)) k--;
  if (isHard(k)) return undefined;

  // Start of the comma-delimited chunk that ends at word `end`.
  const chunkStart = (end: number) => {
    let s = end;
    while (s > 0 && !isComma(s - 1) && !isHard(s - 1)) s--;
    return s;
  };

  let appositiveEnd = -1;
  if (isComma(k)) {
    // "X, <clause>, said": the clause is an aside, a relative clause or an appositive.
    const c = chunkStart(k);
    const clauseFirst = lower(ws[c]);
    const aside = RELATIVES.has(clauseFirst) || ws.slice(c, k + 1).every((w) => ASIDES.has(lower(w)));
    if (c === 0 || !isComma(c - 1)) return aside ? undefined : checkSubject(ws, c, k);
    if (!aside) appositiveEnd = k;
    k = c - 1;
  }
  let s = chunkStart(k);
  // Within the chunk, the subject starts after the last clause break or earlier verb
  // ("… noted China has claimed" → "China"; "But the NGO claims" → "the NGO").
  for (let i = k; i > s; i--) {
    const w = lower(ws[i - 1]);
    if (CLAUSE_BREAKS.has(w) || isVerb(ws[i - 1]) || (w === "and" && DETERMINERS_AND_PRONOUNS.has(lower(ws[i]))) || w === "that") {
      s = i;
      break;
    }
  }
  while (s < k && /^(and|but|so|yet|that)$/.test(lower(ws[s]))) s++;
  // "Pellham & Vance designed the 2009 renovation and said it …": the speaker is the
  // subject of the first of the joined verbs, as the tagger finds it.
  if (lower(ws[k]) === "and" && k > s) {
    const chunk = t.slice(ws[s].start, ws[k].end);
    const verb = analyse(chunk).tokens.find((tk) => tk.pos === "VERB");
    if (!verb) return undefined;
    const at = ws[s].start + verb.start;
    let e = s;
    while (e + 1 <= k && ws[e + 1].start < at) e++;
    if (ws[e].start >= at) return undefined;
    k = e;
  }
  const subject = checkSubject(ws, s, k);
  if (!subject) return undefined;
  return appositiveEnd >= 0 ? { start: subject.start, end: ws[appositiveEnd].end } : subject;
}

// Words that cannot make a speaker on their own. (FUNCTION_WORDS will not do: it holds
// "report" and "statement"-like words, and "Its report says" has a speaker.)
const NOT_A_NAME = new Set(
  "the a an its their his her our this that these those it he she they we i of in on at to for from by with and or but as".split(" "),
);

/** A plausible speaker: at most ten words, a pronoun or at least one word that can name someone. */
function checkSubject(ws: Word[], from: number, to: number): Span | undefined {
  if (from > to || to - from + 1 > 10) return undefined;
  const phrase = ws.slice(from, to + 1);
  if (phrase.length === 1 && PRONOUNS.has(lower(phrase[0]))) return { start: phrase[0].start, end: phrase[0].end };
  if (!phrase.some((w) => !NOT_A_NAME.has(lower(w)))) return undefined;
  if (/^(who|whom|whose|which|where|when|what|how|why|whether)$/.test(lower(phrase[0]))) return undefined;
  return { start: phrase[0].start, end: phrase[phrase.length - 1].end };
}
