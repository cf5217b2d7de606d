// One corpus size, in a process of its own so that its memory can be read cleanly:
// `node --expose-gc bench/corpus-child.mjs <extra sources> <draft words>`. Generates
// that many perturbed copies of the bundled articles, reads each with readSourceFile,
// times Corpus.of over them and the bundled ones, reads the heap it retains after GC
// and the peak RSS, then times check() on a generated draft against the parse floor.
// Prints one line of JSON.

import { unified } from "unified";
import remarkParse from "remark-parse";
import { generateDraft, generateSourceText } from "./generate.mjs";
import { measure, msSince, now } from "./measure.mjs";

const { Corpus, check, loadCorpus, readSourceFile, isSourceProblem } = await import("../out/server/src/index.js");

const extra = Number(process.argv[2] ?? 1000);
const draftWords = Number(process.argv[3] ?? 10000);
const gc = globalThis.gc ?? (() => {});
const mb = (bytes) => bytes / (1024 * 1024);

const bundled = loadCorpus().corpus.sources;
const draft = generateDraft(draftWords, draftWords);
const floorParser = unified().use(remarkParse);

let t = now();
const texts = Array.from({ length: extra }, (_, i) => generateSourceText(i));
const generateMs = msSince(t);

t = now();
const read = texts.map((text, i) => readSourceFile(`generated/${i}.md`, text));
const readMs = msSince(t);
const problems = read.filter(isSourceProblem);
const sources = [...bundled, ...read.filter((s) => !isSourceProblem(s))];

gc();
gc();
const heapBefore = process.memoryUsage().heapUsed;
const rssBefore = process.memoryUsage().rss;
const maxRssBefore = process.resourceUsage().maxRSS * 1024;

t = now();
const corpus = Corpus.of(sources);
const indexMs = msSince(t);
const maxRssAfterIndex = process.resourceUsage().maxRSS * 1024;

// The first check also builds the corpus's figure index (built on first use).
t = now();
const first = check(draft, corpus);
const firstCheckMs = msSince(t);

gc();
gc();
const heapAfter = process.memoryUsage().heapUsed;

const checkRuns = measure(() => check(draft, corpus), { warmup: 0, runs: extra >= 5000 ? 3 : 5, budgetMs: 30_000 });
const floorRuns = measure(() => floorParser.parse(draft), { warmup: 3, runs: 11 });
const maxRssEnd = process.resourceUsage().maxRSS * 1024;

process.stdout.write(
  JSON.stringify({
    extra,
    sources: corpus.size,
    problems: problems.length,
    sourceBytes: texts.reduce((n, s) => n + s.length, 0),
    generateMs,
    readMs,
    indexMs,
    heapRetainedMB: mb(heapAfter - heapBefore),
    heapAfterMB: mb(heapAfter),
    rssBeforeMB: mb(rssBefore),
    peakRssDeltaIndexMB: mb(maxRssAfterIndex - maxRssBefore),
    peakRssDeltaMB: mb(maxRssEnd - maxRssBefore),
    peakRssMB: mb(maxRssEnd),
    firstCheckMs,
    checkMs: checkRuns.ms,
    checkRuns: checkRuns.runs,
    floorMs: floorRuns.ms,
    draftWords,
    claims: first.claims.length,
    findings: first.findings.length,
  }) + "\n",
);
