// Who spoke a quote, in a source and in a draft, and whether the two agree.
//
// A source names a speaker once and then goes on with "it said", "he added", or a
// quote with no attribution at all (a statement that runs on into the next
// paragraph); a spokesperson speaks for their organisation ("RCMP spokesperson
// Camille Boily-Lavoie" is the RCMP). Resolution follows the article in order and
// gives each quote every name its speaker goes by, so a draft may use any of them.

import type { Span } from "../model.js";
import { fold, FUNCTION_WORDS, stem, words, type Word } from "../parsing/words.js";
import { findAttributions, findMentions, type FoundQuote } from "../claims/quotes.js";
import { Memo } from "../memo.js";
import { isGroupNoun } from "./kinds.js";

export interface SpeakerRef {
  /** All the names one speaker goes by in a source, e.g. ["RCMP spokesperson Camille Boily-Lavoie", "RCMP", "Camille Boily-Lavoie"]. */
  names: string[];
  /** Whether a generic reference ("the mayor") took these names from a clearly named speaker. */
  linked?: boolean;
}

const PRONOUNS = new Set(["it", "he", "she", "they"]);
const SPOKESPERSON = /\b(?:spokesperson|spokeswoman|spokesman|spokespeople|spokespersons|spokeswomen|spokesmen)\b/i;

// Words that say what someone is, not who: two phrases sharing only these are not the same speaker.
// Titles and offices say what someone is, not who: "Fire Chief Luis Brandt" and "Chief
// Tessa Marlow" are two people.
const ROLE_WORDS = new Set(
  (
    "spokesperson spokeswoman spokesman spokespeople official officials representative representatives " +
    "chief mayor deputy minister premier president vice chair chairman chairwoman chairperson director executive " +
    "ceo cfo coo officer manager head secretary councillor councilor alderman commissioner superintendent inspector " +
    "sergeant constable detective captain lieutenant general colonel major governor senator doctor professor " +
    "reverend judge justice attorney counsel warden trustee member leader coordinator organizer organiser " +
    "mr mrs ms dr prof rev gov lt sen rep supt insp coun cllr ald det sgt cpl cst const gen col maj capt hon"
  )
    .split(" ")
    .map((w) => stem(w)),
);

// Short titles and the office they stand for, so "the councillor" finds "Coun. Imran Qureshi".
const TITLE_OFFICES: Record<string, string> = {
  coun: "councillor",
  cllr: "councillor",
  ald: "alderman",
  dr: "doctor",
  gov: "governor",
  sen: "senator",
  rep: "representative",
  supt: "superintendent",
  insp: "inspector",
  sgt: "sergeant",
  cst: "constable",
  const: "constable",
  det: "detective",
  capt: "captain",
  lt: "lieutenant",
  gen: "general",
  col: "colonel",
  maj: "major",
  prof: "professor",
  rev: "reverend",
  pres: "president",
  atty: "attorney",
  cmdr: "commander",
};

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
const DOCUMENTS = new Set(
  "report reports study statement statements email letter document documents indictment filing survey paper article".split(" "),
);

interface Resolved {
  names: string[];
  /** Whether the names are a person's (for "he"/"she"). */
  person?: boolean;
  /** Whether a generic reference took its names from whom it describes ("the mayor" → "Mayor Annika Salvesen"). */
  linked?: boolean;
  /** The organisation this speaker speaks for, when known. */
  org?: string;
  paragraph: number;
  named: boolean;
}

/** One thing an article says, in order: a quote's or an unquoted sentence's speaker, or a name a sentence opens with. */
export interface SpeakerEntry {
  speaker?: string;
  paragraph: number;
  /** A sentence's subject, not a speaker: a later "he said" or "she said" may stand for it. */
  mention?: boolean;
  /** A name further in a sentence: it tells who a surname is, but "she" does not stand for it. */
  inner?: boolean;
}

/**
 * Resolve the speakers of the quotes of a whole article (a source or a draft), in
 * order. "he"/"she" take the nearest person named before them, as a speaker or as a
 * sentence's subject ("Okafor conceded … “We fell short,” he said"); "it", "they" and
 * speaker-less quotes take the previous explicit speaker (also across paragraphs: a
 * statement that runs on). A spokesperson without an organisation in the phrase
 * takes the organisation of the previous speaker ("China’s foreign ministry said …
 * Spokeswoman Mao Ning added" → names ["Spokeswoman Mao Ning", "China’s foreign
 * ministry"]); "X spokesperson Y" gives names [phrase, X, Y]; an office or a
 * statement speaks for its owner ("the mayor’s office", "a statement from Meridian").
 * A generic reference names whom it describes: "the mayor" the named mayor, "the
 * ministry" the ministry named earlier, "the councillor" "Coun. Imran Qureshi";
 * failing that, the latest clearly named speaker of the last two paragraphs. Entries
 * may include attributions without quotes (claims/quotes.ts `findAttributions`) and
 * mentions (`findMentions`), so that "It said …" and "she said" find the name an
 * earlier sentence gave. A mention's own slot in the result is undefined.
 */
export function resolveSpeakers(entries: SpeakerEntry[]): (SpeakerRef | undefined)[] {
  const out: (SpeakerRef | undefined)[] = [];
  let previous: Resolved | undefined;
  let lastNamed: Resolved | undefined;
  let lastNamedAt = -Infinity; // the last paragraph that quoted or mentioned lastNamed
  let lastPerson: Resolved | undefined;
  // The latest organisation a sentence opened with ("Pellham & Vance Engineering designed …"), for a later "the firm said".
  let lastOrg: Resolved | undefined;
  const named = new Registry(); // every clearly named speaker or subject so far
  for (const q of entries) {
    const phrase = q.speaker?.trim();
    if (q.mention) {
      if (phrase && isPersonMention(phrase, named)) {
        const r: Resolved = { names: [phrase], paragraph: q.paragraph, named: true, person: true };
        const same = named.bySurname(phrase);
        if (same) merge(r.names, same.names);
        named.add(r);
        if (!q.inner) lastPerson = r;
      } else if (phrase && !q.inner && isOrganisationMention(phrase)) {
        lastOrg = { names: [phrase], paragraph: q.paragraph, named: true };
      }
      out.push(undefined);
      continue;
    }
    const pronoun = phrase ? fold(phrase) : "";
    if (!phrase || PRONOUNS.has(pronoun)) {
      const person = (pronoun === "he" || pronoun === "she") && lastPerson ? lastPerson : undefined;
      const by = person ?? previous;
      if (by && by === lastNamed) lastNamedAt = q.paragraph;
      out.push(by ? { names: [...by.names] } : undefined);
      continue;
    }
    const r = describe(phrase, q.paragraph, previous);
    r.person = r.names.some((n) => isPersonMention(n, named, true));
    // "Qureshi told the crowd" after "Coun. Imran Qureshi, who chairs …": one person, every name they go by.
    const same = r.person ? named.bySurname(phrase) : undefined;
    if (same) merge(r.names, same.names);
    if (r.named) {
      lastNamed = r;
      lastNamedAt = q.paragraph;
      named.add(r);
      if (r.person) lastPerson = r;
    } else if (!refersToDocument(phrase)) {
      // "the mayor said" after "Mayor Annika Salvesen said": whom the reference describes.
      const described = describedBy(phrase, named);
      // "the firm", "the company": an organisation the article opened a sentence with lately, if later than the last speaker.
      const org =
        lastOrg && q.paragraph - lastOrg.paragraph <= GENERIC_REACH && lastOrg.paragraph >= lastNamedAt && refersToGroup(phrase)
          ? lastOrg.names[0]
          : undefined;
      const name = described
        ? described.names[0]
        : (org ?? (lastNamed && q.paragraph - lastNamedAt <= GENERIC_REACH ? (lastNamed.org ?? lastNamed.names[0]) : undefined));
      if (described) {
        for (const n of described.names) add(r.names, n);
        r.linked = true;
        if (described.person) lastPerson = r;
      } else if (name) {
        // "the NGO said" after "According to Safeguard Defenders": the same speaker.
        // The link does not make this reference a name for later generic ones.
        add(r.names, name);
        r.org = r.org ?? name;
      }
    }
    previous = r;
    out.push({ names: [...r.names], linked: r.linked });
  }
  return out;
}

// The heads of organisations' names: a name ending in one is not a person.
const ORGANISATION_HEADS = new Set(
  (
    "ministry department office service services agency bureau council committee commission board authority " +
    "union association federation society institute foundation company corporation corp inc ltd llc plc group " +
    "bank fund trust partners press news times post herald journal ledger newswire network radio television tv " +
    "police force government province city town county district region school university college hospital " +
    "church court parliament assembly senate house army navy club league team party centre center cross " +
    "marine airlines airline air lines transit railway energy foods grocers motors systems holdings industries " +
    "enterprises media labs health capital brands stores mills works"
  ).split(" "),
);

/** Whether a sentence's opening name is an organisation's: two capitalised words or more ending in an organisation's head, or joined by "&", or an acronym. */
function isOrganisationMention(phrase: string): boolean {
  const ws = nameWords(phrase);
  if (ws.length === 0 || DETERMINERS.has(fold(ws[0].text))) return false;
  const last = ws[ws.length - 1].text;
  return ORGANISATION_HEADS.has(fold(last)) || /&/.test(phrase) || /^\p{Lu}{2,}$/u.test(last);
}

/** Whether a generic reference names a group by its head noun ("the firm", "the company", "the agency"), per WordNet. */
function refersToGroup(phrase: string): boolean {
  const ws = nameWords(phrase);
  if (ws.length === 0 || ws.length > 3 || !DETERMINERS.has(fold(ws[0].text))) return false;
  return isGroupNoun(fold(ws[ws.length - 1].text));
}

/** Whether a sentence's opening name is a person: two capitalised words or more not ending in an organisation's head, or the surname of one named before. */
function isPersonMention(phrase: string, named: Registry, speaking = false): boolean {
  const ws = nameWords(phrase);
  if (ws.length === 0 || DETERMINERS.has(fold(ws[0].text)) || NOT_NAMING.has(fold(ws[0].text))) return false;
  // "Pellham & Vance": partners' names make a firm.
  if (/&/.test(phrase)) return false;
  const last = fold(ws[ws.length - 1].text);
  if (ORGANISATION_HEADS.has(last) || /^\p{Lu}{2,}$/u.test(ws[ws.length - 1].text)) return false;
  const proper = ws.filter((w) => !ROLE_WORDS.has(stem(w.text)) && !TITLE_OFFICES[fold(w.text)]);
  if (proper.length >= 2) return true;
  // "“…,” Salvesen said": a speaker of one capitalised word that names no organisation.
  if (speaking && proper.length === 1 && /^\p{Lu}\p{Ll}/u.test(proper[0].text)) return true;
  // "Okafor conceded …": one word, the surname of someone named before.
  return proper.length === 1 && named.isPersonWord(fold(proper[0].text));
}

/**
 * The clearly named speakers and subjects of an article so far, indexed so that a
 * long draft resolves in one pass: by every word of their names (and the office a
 * short title stands for: "Coun." → councillor), and, for people, by surname.
 */
class Registry {
  private readonly byWord = new Map<string, Resolved>();
  private readonly bySurnameWord = new Map<string, Resolved>();
  private readonly personWords = new Set<string>();

  add(r: Resolved): void {
    for (const name of r.names) {
      const ws = nameWords(name);
      for (const w of ws) {
        const f = fold(w.text).replace(/\.$/, "");
        this.byWord.set(stem(w.text), r);
        const office = TITLE_OFFICES[f];
        if (office) this.byWord.set(stem(office), r);
        if (r.person) this.personWords.add(f);
      }
      if (r.person && ws.length > 0) this.bySurnameWord.set(fold(ws[ws.length - 1].text), r);
    }
  }

  /** The latest person whose name ends in the phrase's last word ("Qureshi" → "Coun. Imran Qureshi"). */
  bySurname(phrase: string): Resolved | undefined {
    const ws = nameWords(phrase);
    const last = ws.length > 0 ? fold(ws[ws.length - 1].text) : "";
    if (last.length < 2 || ROLE_WORDS.has(stem(last))) return undefined;
    return this.bySurnameWord.get(last);
  }

  isPersonWord(folded: string): boolean {
    return this.personWords.has(folded);
  }

  /** The latest named with a word of this stem in their names or titles. */
  withWord(stemmed: string): Resolved | undefined {
    return this.byWord.get(stemmed);
  }
}

/** The latest clearly named speaker a generic reference describes: "the mayor" → "Mayor Annika Salvesen", "the ministry" → "Ministry of …". */
function describedBy(phrase: string, named: Registry): Resolved | undefined {
  const owner = ownerOf(phrase) ?? phrase;
  const ws = nameWords(owner).filter((w) => !DETERMINERS.has(fold(w.text)));
  if (ws.length === 0 || ws.length > 3) return undefined;
  const head = stem(ws[ws.length - 1].text.replace(/['’]s$/, ""));
  if (head.length < 3 || GENERIC_ACRONYMS.has(head)) return undefined;
  return named.withWord(head);
}

// "the mayor’s office", "the company’s chief executive", "a statement from the ministry": who speaks.
const OFFICE =
  /^(.+?)['’]s\s+(?:office|press office|spokesperson|spokeswoman|spokesman|chief executive|ceo|president|chair|director|head|lawyer|lawyers|statement|release)\b/i;
const STATEMENT_FROM =
  /^(?:a|an|the|in\s+a)?\s*(?:(?:news|press|written)\s+)?(?:statement|release|email|letter|post)\s+(?:from|by|issued by)\s+(.+)$/i;

/** Whom an office or a statement speaks for, if the phrase is one. */
function ownerOf(phrase: string): string | undefined {
  const statement = STATEMENT_FROM.exec(phrase);
  const inner = statement ? statement[1].trim() : phrase;
  const office = OFFICE.exec(inner);
  if (office) return office[1].trim();
  return statement ? inner : undefined;
}

/** One block of an article (a paragraph's prose) with its sentences and the quotes found in it. */
export interface ArticleBlock {
  text: string;
  sentences: Span[];
  masked: Span[];
  quotes: FoundQuote[];
}

/**
 * Who spoke each quote of an article, a source or a draft alike: its quotes, its
 * unquoted attributions ("It said …") and its sentences' subjects, in order, resolved
 * by `resolveSpeakers`.
 */
export function articleSpeakers(blocks: ArticleBlock[], options: { cache?: boolean } = {}): Map<FoundQuote, SpeakerRef | undefined> {
  const entries: (SpeakerEntry & { quote?: FoundQuote })[] = [];
  blocks.forEach((b, paragraph) => {
    const read = () => unquotedSpeakers(b);
    const said = options.cache
      ? saidInBlock.get(
          `${b.sentences.map((s) => `${s.start}-${s.end}`).join(",")}\u0001${b.masked.map((m) => `${m.start}-${m.end}`).join(",")}\u0001${b.text}`,
          read,
        )
      : read();
    const found = [
      ...b.quotes.map((q) => ({ at: q.span.start, speaker: q.speaker, quote: q as FoundQuote | undefined, mention: false, inner: false })),
      ...said.map((e) => ({ ...e, quote: undefined })),
    ].sort((x, y) => x.at - y.at);
    for (const f of found) entries.push({ speaker: f.speaker, paragraph, mention: f.mention, inner: f.inner, quote: f.quote });
  });
  const refs = options.cache ? resolvedBefore.get(entriesKey(entries), () => resolveSpeakers(entries)) : resolveSpeakers(entries);
  const out = new Map<FoundQuote, SpeakerRef | undefined>();
  entries.forEach((e, i) => {
    if (e.quote) out.set(e.quote, refs[i]);
  });
  return out;
}

// An edit that leaves every speaker, mention and paragraph as it was (most edits) resolves nothing again.
const resolvedBefore = new Memo<string, (SpeakerRef | undefined)[]>(200);

/** What `resolveSpeakers` reads of each entry, in order. */
function entriesKey(entries: SpeakerEntry[]): string {
  return entries.map((e) => `${e.paragraph}\u0002${e.speaker ?? ""}\u0002${e.mention ? 1 : 0}${e.inner ? 1 : 0}`).join("\u0001");
}

interface Said {
  at: number;
  speaker: string | undefined;
  mention: boolean;
  inner: boolean;
}

// A draft is re-checked after every edit; a block that did not change says the same.
const saidInBlock = new Memo<string, Said[]>(20_000);

/** A block's unquoted attributions and the names its sentences open with (or hold), where they stand. */
function unquotedSpeakers(b: ArticleBlock): Said[] {
  return [
    ...findAttributions(b.text, b.sentences, b.masked, b.quotes).map((a) => ({
      at: a.speakerSpan.start,
      speaker: a.speaker as string | undefined,
      mention: false,
      inner: false,
    })),
    // A sentence's subject comes before what it says, so "he said" later in the sentence finds it.
    ...findMentions(b.text, b.sentences, b.masked).map((m) => ({
      at: m.span.start - 0.5,
      speaker: m.name as string | undefined,
      mention: true,
      inner: m.inner === true,
    })),
  ];
}

/**
 * The names a draft's speaker can be checked by: the phrase itself when it clearly
 * names someone, or the names of whom a reference describes ("the mayor" →
 * "Mayor Annika Salvesen"). A pronoun or an unresolved reference is not checked.
 */
export function checkableNames(phrase: string, resolve: () => SpeakerRef | undefined): string[] | undefined {
  if (clearlyNamed(phrase)) return [phrase];
  if (PRONOUNS.has(fold(phrase.trim()))) return undefined;
  const resolved = resolve();
  if (resolved?.linked) {
    const names = resolved.names.filter(clearlyNamed);
    return names.length > 0 ? names : undefined;
  }
  return undefined;
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
  // "a statement from Meridian Grocers", "Meridian’s chief executive": the owner speaks.
  const owner = ownerOf(phrase);
  if (owner) {
    const name = stripDeterminer(owner);
    add(names, name);
    org = org ?? name;
  }
  return { names, org, paragraph, named: names.some(clearlyNamed) };
}

function refersToDocument(phrase: string): boolean {
  const ws = nameWords(phrase);
  return ws.length > 0 && DOCUMENTS.has(fold(ws[ws.length - 1].text));
}

// A long draft names the same few people over and over: each phrase's words are read once.
const wordsOfName = new Memo<string, Word[]>(50_000);

function nameWords(phrase: string): Word[] {
  return wordsOfName.get(phrase, (p) => words(p));
}

// How many names one person carries over from earlier ones: the forms that introduced them.
const MERGED_NAMES = 4;

/** "Qureshi" takes the names "Coun. Imran Qureshi" went by, a few, so a long article's chains stay short. */
function merge(names: string[], earlier: string[]): void {
  for (const n of earlier.slice(0, MERGED_NAMES)) add(names, n);
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
  let ws = nameWords(phrase);
  // "Wrenfield Fire Chief Luis Brandt": the person is the name after the title; the
  // words before it say where they serve, which others share.
  const lastRole = ws.map((w) => ROLE_WORDS.has(stem(w.text)) || TITLE_OFFICES[fold(w.text)] !== undefined).lastIndexOf(true);
  if (lastRole >= 0 && lastRole < ws.length - 1 && ws.slice(lastRole + 1).every((w) => /^\p{Lu}/u.test(w.text)))
    ws = ws.slice(lastRole + 1);
  for (const w of ws) {
    const s = stem(w.text);
    if (!FUNCTION_WORDS.has(s) && !ROLE_WORDS.has(s) && s.length > 1) out.add(s);
  }
  return out;
}

/** The initials of a phrase's capitalised words ("Royal Canadian Mounted Police" → "rcmp"), if it has two or more. */
function acronym(phrase: string): string | undefined {
  const caps = nameWords(phrase).filter((w, i) => /^\p{Lu}/u.test(w.text) && !(i === 0 && DETERMINERS.has(fold(w.text))));
  return caps.length >= 2 ? caps.map((w) => fold(w.text[0])).join("") : undefined;
}

function plainWords(phrase: string): Set<string> {
  return new Set(nameWords(phrase).map((w) => fold(w.text).replace(/'s$/, "")));
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
  const ws = nameWords(draftSpeaker);
  return ws.some((w, i) => {
    const f = fold(w.text).replace(/'s$/, "");
    if (/^\p{Lu}[\p{Lu}\d&]+$/u.test(w.text.replace(/['’]s$/, ""))) return !GENERIC_ACRONYMS.has(f);
    if (!/^\p{Lu}/u.test(w.text)) return false;
    return i > 0 || !NOT_NAMING.has(f);
  });
}
