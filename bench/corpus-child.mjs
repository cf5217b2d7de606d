// One corpus size, in a process of its own so that its memory can be read cleanly:
// `node --expose-gc bench/corpus-child.mjs <extra sources> <draft words> <check budget ms>`.
// Generates that many perturbed copies of the bundled articles, reads each with
// readSourceFile, times Corpus.of over them and the bundled ones, reads the heap the
// corpus retains after GC and the peak RSS, then times check() on a generated draft
// against the parse floor: a first check, then checks from scratch and after a
// one-word edit while the budget lasts.
// Prints one line of JSON per stage, so that a parent that stops a slow check still
// has the figures measured before it.

import { unified } from "unified";
import remarkParse from "remark-parse";
import { editedCopy, generateDraft, generateSourceText } from "./generate.mjs";
import { measure, median, msSince, now } from "./measure.mjs";

const { Corpus, check, readSourceFile, isSourceProblem, forgetAll } = await import("../out/server/src/index.js");
const { loadCorpus } = await import("../out/server/src/node/sources.js");

const extra = Number(process.argv[2] ?? 1000);
const draftWords = Number(process.argv[3] ?? 10000);
const checkBudgetMs = Number(process.argv[4] ?? 30000);
const gc = globalThis.gc ?? (() => {});
const mb = (bytes) => bytes / (1024 * 1024);
const maxRss = () => process.resourceUsage().maxRSS * 1024;

const report = { extra, draftWords };
const emit = (stage) => process.stdout.write(JSON.stringify({ ...report, stage }) + "\n");

const bundled = loadCorpus().corpus.sources;
const draft = generateDraft(draftWords, draftWords);
report.floorMs = measure(() => unified().use(remarkParse).parse(draft), { warmup: 3, runs: 11 }).ms;

let t = now();
const texts = Array.from({ length: extra }, (_, i) => generateSourceText(i));
report.generateMs = msSince(t);
report.sourceBytes = texts.reduce((n, s) => n + s.length, 0);

t = now();
const read = texts.map((text, i) => readSourceFile(`generated/${i}.md`, text));
report.readMs = msSince(t);
report.problems = read.filter(isSourceProblem).length;
const sources = [...bundled, ...read.filter((s) => !isSourceProblem(s))];

gc();
gc();
const heapBefore = process.memoryUsage().heapUsed;
const maxRssBefore = maxRss();

t = now();
const corpus = Corpus.of(sources);
report.indexMs = msSince(t);
report.sources = corpus.size;

gc();
gc();
report.heapRetainedMB = mb(process.memoryUsage().heapUsed - heapBefore);
report.peakRssDeltaMB = mb(maxRss() - maxRssBefore);
emit("indexed");

// The first check also builds the corpus's lazy indexes (figures by value and noun).
t = now();
const first = check(draft, corpus);
report.firstCheckMs = msSince(t);
report.claims = first.claims.length;
report.findings = first.findings.length;
report.peakRssDeltaMB = mb(maxRss() - maxRssBefore);
emit("checked");

/** Up to `max` timed checks of input(i) while the budget lasts (judged by the last run's time). */
const timeWhileBudget = (input, max, budgetMs, expectMs) => {
  const times = [];
  const started = now();
  for (let i = 0; times.length < max && msSince(started) + (times.at(-1) ?? expectMs) <= budgetMs; i++) {
    const text = input(i);
    const t = now();
    check(text, corpus);
    times.push(msSince(t));
  }
  return times;
};
// Never seen: a draft of the same size with another seed, every cache emptied first.
const fresh = timeWhileBudget(
  (i) => {
    forgetAll();
    return generateDraft(draftWords, draftWords + 1 + i);
  },
  3,
  checkBudgetMs / 2,
  report.firstCheckMs,
);
report.checkMs = fresh.length ? median(fresh) : undefined;
report.checkRuns = fresh.length;
report.peakRssDeltaMB = mb(maxRss() - maxRssBefore);
emit("fresh");
const edits = timeWhileBudget((i) => editedCopy(draft, i), 5, checkBudgetMs / 2, report.checkMs ?? report.firstCheckMs);
report.editMs = edits.length ? median(edits) : undefined;
report.editRuns = edits.length;
report.peakRssDeltaMB = mb(maxRss() - maxRssBefore);
emit("done");
