// Generated inputs for the benchmark: drafts and source articles built from the
// bundled articles' sentences, with numbers and names perturbed and citations and
// quotes mixed in, so that the checker does real matching work. Everything is drawn
// from a seeded PRNG: the same seed gives the same text on every machine.

import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const SOURCES_DIR = join(here, "../server/sources");

/** mulberry32: small, fast, and good enough to vary benchmark text. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p) => next() < p,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

/** Every folder of source articles in the repository: the bundled ones and each labelled story's. */
export const STORY_DIRS = [
  SOURCES_DIR,
  ...readdirSync(join(here, "../test/eval"))
    .map((set) => join(here, "../test/eval", set, "sources"))
    .filter((dir) => {
      try {
        return readdirSync(dir).length > 0;
      } catch {
        return false;
      }
    }),
];

/** The bundled articles: id, publisher and body paragraphs (headings kept apart). */
let articlesCache;
export function bundledArticles() {
  articlesCache ??= articlesIn([SOURCES_DIR]);
  return articlesCache;
}

/** The articles of several stories (bundled and labelled sets'): varied text, not one story. */
let variedCache;
export function variedArticles() {
  variedCache ??= articlesIn(STORY_DIRS);
  return variedCache;
}

function articlesIn(dirs) {
  return dirs
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith(".md"))
        .sort()
        .map((f) => join(dir, f)),
    )
    .map((file) => {
      const text = readFileSync(file, "utf8");
      const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
      const field = (name) => new RegExp(`^${name}:\\s*"?(.*?)"?\\s*$`, "m").exec(fm[1])?.[1];
      const blocks = text
        .slice(fm[0].length)
        .split(/\n\s*\n/)
        .map((b) => b.trim())
        .filter(Boolean);
      const paragraphs = blocks.filter((b) => !b.startsWith("#"));
      return {
        id: field("id"),
        title: field("title"),
        publisher: field("publisher"),
        paragraphs,
        headings: blocks.filter((b) => b.startsWith("#")).map((b) => b.replace(/^#+\s*/, "")),
        sentences: paragraphs.flatMap(splitSentences),
      };
    });
}

/** A rough sentence split, enough to recombine source prose into drafts. */
function splitSentences(paragraph) {
  return paragraph
    .replace(/\n/g, " ")
    .split(/(?<=[.!?][”"’]?)\s+(?=[A-Z“"])/)
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 4);
}

// Names that occur in the bundled articles, and stand-ins for them.
const NAMES = [
  ["Camille Boily-Lavoie", ["Marie Tremblay", "Daniel Okafor", "Priya Raman", "Luc Gagnon"]],
  ["Mao Ning", ["Wang Wenbin", "Zhao Lijian", "Hua Chunying"]],
  ["Sheng Xue", ["Lin Wei", "Chen Yu", "Ana Souza"]],
  ["Safeguard Defenders", ["Freedom House", "Human Rights Watch", "Amnesty International"]],
  ["Toronto", ["Vancouver", "Montreal", "Calgary", "Ottawa"]],
  ["Ontario", ["Quebec", "Alberta", "British Columbia"]],
  ["Fujian", ["Zhejiang", "Guangdong", "Jiangsu"]],
  ["Netherlands", ["Ireland", "Germany", "Portugal"]],
  ["CP24", ["CityNews", "Global News", "CBC"]],
];
const NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const PLACES = ["Halifax", "Regina", "Winnipeg", "Kingston", "Victoria", "Lagos", "Accra", "Nairobi", "Dublin", "Leeds", "Austin", "Perth"];
const MASTHEADS = ["Ledger", "Herald", "Courier", "Tribune", "Observer", "Gazette", "Post", "Chronicle", "Times", "Dispatch"];

/** A number of about the same size and shape (keeps thousands separators). */
function perturbNumber(r, digits) {
  const value = Number(digits.replace(/,/g, ""));
  if (!Number.isFinite(value)) return digits;
  if (value >= 1900 && value <= 2100 && !digits.includes(",")) return String(value + r.int(-3, 3));
  const next = Math.max(1, Math.round(value * (0.5 + r.next())) + r.int(-2, 2));
  return digits.includes(",") ? next.toLocaleString("en-US") : String(next);
}

/** A sentence with some of its numbers, number words, months and names changed. */
export function perturb(r, sentence, p) {
  let s = sentence.replace(/\d[\d,]*\d|\d/g, (d) => (r.chance(p) ? perturbNumber(r, d) : d));
  s = s.replace(/\b(two|three|four|five|six|seven|eight|nine)\b/g, (w) => (r.chance(p) ? r.pick(NUMBER_WORDS) : w));
  s = s.replace(new RegExp(`\\b(${MONTHS.join("|")})\\b`, "g"), (m) => (r.chance(p) ? r.pick(MONTHS) : m));
  for (const [name, others] of NAMES) if (s.includes(name) && r.chance(p)) s = s.split(name).join(r.pick(others));
  return s;
}

/** Put a citation before the sentence's final full stop (after a closing quote). */
function cite(sentence, key) {
  const m = /([.!?])([”"’]?)$/.exec(sentence);
  if (!m) return `${sentence} [@${key}]`;
  return `${sentence.slice(0, m.index)}${m[2]} [@${key}]${m[1]}`;
}

const SPEAKERS = ["An RCMP spokesperson", "A consulate official", "The NGO", "Mao Ning", "Camille Boily-Lavoie", "A resident"];

/** A draft sentence: a source sentence, maybe perturbed, maybe cited, maybe turned into a quote. */
function draftSentence(r, articles) {
  const article = r.pick(articles);
  const original = r.pick(article.sentences);
  let s = r.chance(0.45) ? perturb(r, original, 0.5) : original;
  if (r.chance(0.12)) {
    // A quote of some of the source's words, attributed to someone.
    const words = original.replace(/[“”"]/g, "").split(/\s+/);
    const from = r.int(0, Math.max(0, words.length - 6));
    const quoted = words
      .slice(from, from + r.int(5, 12))
      .join(" ")
      .replace(/[.,;:]+$/, "");
    s = `${r.pick(SPEAKERS)} said “${quoted}.”`;
  }
  const roll = r.next();
  if (roll < 0.3) s = cite(s, article.id);
  else if (roll < 0.36) s = cite(s, r.pick(articles.filter((a) => a.id !== article.id)).id);
  else if (roll < 0.39) s = cite(s, r.pick(["cbc", "ctv-newz", "globe-and-mail"]));
  else if (roll < 0.45) s = `According to ${article.publisher}, ${s[0].toLowerCase()}${s.slice(1)}`;
  return s;
}

function countWords(s) {
  return s.split(/\s+/).filter(Boolean).length;
}

/**
 * A Markdown draft of about `words` words: a title, sections with headings,
 * paragraphs of three to five sentences, now and then a list or a small table.
 */
export function generateDraft(words, seed = 1, { varied = false } = {}) {
  const r = prng(seed);
  const articles = varied ? variedArticles() : bundledArticles();
  const out = [varied ? `# Draft ${seed}: the week's stories` : `# Draft ${seed}: China’s overseas ‘police stations’`, ""];
  let count = 0;
  let paragraphs = 0;
  while (count < words) {
    let block;
    if (paragraphs % 8 === 0 && paragraphs > 0) {
      const a = r.pick(articles);
      block = `## ${a.headings.length && r.chance(0.5) ? r.pick(a.headings) : perturb(r, r.pick(a.sentences), 0.3).split(/[,.]/)[0]}`;
    } else if (r.chance(0.06)) {
      const items = Array.from({ length: r.int(3, 5) }, () => `- ${draftSentence(r, articles)}`);
      block = items.join("\n");
    } else if (r.chance(0.02)) {
      const rows = Array.from(
        { length: r.int(2, 4) },
        () => `| ${perturb(r, "54 stations in 30 countries", 0.5)} | ${r.pick(articles).id} | [@${r.pick(articles).id}] |`,
      );
      block = ["| Figure | Source | Citation |", "| --- | --- | --- |", ...rows].join("\n");
    } else {
      block = Array.from({ length: r.int(3, 5) }, () => draftSentence(r, articles)).join(" ");
    }
    out.push(block, "");
    count += countWords(block);
    paragraphs++;
  }
  return out.join("\n");
}

/** The text of a generated source article (front matter and body), number `n`. */
export function generateSourceText(n, seed = 7) {
  const r = prng(seed * 1_000_003 + n);
  const articles = bundledArticles();
  const base = articles[n % articles.length];
  const publisher = `${r.pick(PLACES)} ${r.pick(MASTHEADS)} ${n}`;
  const id = `gen-${n}-${base.id}`;
  const body = base.paragraphs.filter(() => r.chance(0.85)).map((p) => perturb(r, p, 0.35));
  const month = String(r.int(1, 12)).padStart(2, "0");
  return [
    "---",
    `id: ${id}`,
    `title: ${JSON.stringify(perturb(r, base.title, 0.5))}`,
    `publisher: ${publisher}`,
    `date: 2022-${month}`,
    `url: https://example.org/${id}`,
    "---",
    "",
    (body.length ? body : base.paragraphs.slice(0, 2)).join("\n\n"),
    "",
  ].join("\n");
}

export { countWords };

/**
 * The draft as new text with the same content: blank lines carry `i + 1` spaces, so
 * no cache keyed by text (the checker caches parses by chunk) can answer for it, and
 * a check of it is a check from scratch.
 */
export function freshCopy(text, i) {
  return text.replace(/\n\n/g, `\n${" ".repeat(i + 1)}\n`);
}

/** The draft after a one-word edit (unique to `i`) at the end of a paragraph in its middle, as a writer types. */
export function editedCopy(text, i) {
  let at = text.indexOf("\n\n", text.length >> 1);
  if (at < 0) at = text.length;
  return `${text.slice(0, at)} w${i}${text.slice(at)}`;
}
