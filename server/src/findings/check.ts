// The checker: a draft's text and a corpus in, claims and findings out. Pure: no
// file system, no editor, no terminal. The server, the CLI and the client are
// adapters around this one function, so they can never disagree about a draft.

import type { CheckResult, Citation, Claim, ClaimReport, Evidence, Finding, FindingCode } from "../model.js";
import { parseMarkdown, type ParsedMarkdown } from "../parsing/markdown.js";
import { readSentences, type ReadFigure, type ReadSentence } from "../claims/read.js";
import { citationsIn, nearestId } from "../claims/citations.js";
import type { Corpus } from "../corpus/corpus.js";
import { compareFigure } from "../matching/figures.js";
import { codeInfo, precedence } from "./codes.js";
import { citeFixes, replaceCitationKeyFix, replaceFigureFix, replaceFootnoteFix, type CitationStyle } from "./fixes.js";
import { checkQuotes } from "./quote-findings.js";
import { applySuppressions } from "./suppressions.js";

export interface CheckOptions {
  /** How quick fixes insert a citation. */
  citationStyle?: CitationStyle;
}

export interface DraftContext {
  doc: ParsedMarkdown;
  sentences: ReadSentence[];
  /** Each sentence by where it starts in the draft: a claim's sentence, found at once. */
  sentenceAt: Map<number, ReadSentence>;
  /** The citations covering each sentence (by sentence index): its own, or its table row's. */
  coverage: Citation[][];
  corpus: Corpus;
  options: CheckOptions;
}

export function check(text: string, corpus: Corpus, options: CheckOptions = {}): CheckResult {
  const doc = parseMarkdown(text, { cache: true });
  const sentences = readSentences(doc, { cache: true });
  const own = sentences.map((s) => citationsIn(doc, s.block, s.prose, corpus));
  // In a table, a citation covers its row.
  const byRow = new Map<number, Citation[]>();
  sentences.forEach((s, i) => {
    if (s.block.row !== undefined) byRow.set(s.block.row, [...(byRow.get(s.block.row) ?? []), ...own[i]]);
  });
  const coverage = sentences.map((s, i) => (s.block.row === undefined ? own[i] : byRow.get(s.block.row)!));
  const sentenceAt = new Map(sentences.map((s) => [s.span.start, s]));
  const context: DraftContext = { doc, sentences, sentenceAt, coverage, corpus, options };
  const citations = own.flat();

  const figureReports: ClaimReport[] = [];
  for (const sentence of sentences) {
    const ordinals = { count: 0, date: 0 };
    for (const figure of sentence.figures) {
      const claim: Claim = {
        kind: "figure",
        text: figure.text,
        span: figure.span,
        sentence: sentence.span,
        figure,
        citations: coverage[sentence.index],
      };
      figureReports.push(judgeFigure(claim, figure, ordinals[figure.value.type]++, context));
    }
  }
  // A figure inside a quote is the quote's words: the quote is checked word for word,
  // so the figure is not a claim of its own ("“54 stations,” she said").
  const quotes = checkQuotes(context);
  const quoted = quotes.flatMap((q) => q.claim.quote?.pieces ?? []);
  const figures = figureReports.filter((r) => !quoted.some((p) => r.claim.span.start >= p.start && r.claim.span.end <= p.end));
  const reports = [...figures, ...quotes].sort((a, b) => a.claim.span.start - b.claim.span.start);

  const findings: Finding[] = [];
  for (const report of reports) if (report.finding) findings.push(report.finding);
  findings.push(...unknownCitations(citations, context));
  findings.sort((a, b) => a.span.start - b.span.start || precedence(a.code) - precedence(b.code));
  return { claims: reports, findings: applySuppressions(text, findings), citations };
}

function judgeFigure(claim: Claim, figure: ReadFigure, ordinal: number, ctx: DraftContext): ClaimReport {
  const cited = new Set(citedSources(claim));
  const comparisons = compareFigure(figure, ordinal, ctx.corpus, [...cited].sort());
  const backing = comparisons.filter((c) => c.relation === "backs");
  const contradicting = comparisons.filter((c) => c.relation === "contradicts");
  // A claim's card shows the closest passages, the writer's own source among them;
  // a corpus of many outlets may back one figure hundreds of times.
  const shown = [...comparisons.filter((c) => cited.has(c.figure.source)).slice(0, EVIDENCE_SHOWN), ...comparisons.filter((c) => !cited.has(c.figure.source))].slice(0, EVIDENCE_SHOWN);
  const evidence: Evidence[] = shown.map((c) => ({
    source: c.figure.source,
    excerpt: c.figure.excerpt,
    mark: c.figure.mark,
    span: c.figure.sentence,
    backs: c.relation === "backs",
    value: c.relation === "contradicts" ? phraseOf(c.figure.excerpt, c.figure) : undefined,
  }));
  const backers = unique(backing.map((c) => c.figure.source));
  const sentenceText = ctx.sentenceAt.get(claim.sentence.start)?.text ?? claim.text;
  const quoted = `“${phraseOf(sentenceText, figure)}”`;

  if (backers.length === 0 && contradicting.length > 0) {
    // The writer's own source first, where it states a value.
    const best = (contradicting.find((c) => cited.has(c.figure.source)) ?? contradicting[0]).figure;
    const publisher = publisherOf(best.source, ctx);
    const theirs = phraseOf(best.excerpt, best);
    const sourceNumber = ctx.corpus.index(best.source)!.source.text.slice(best.numberSpan.start, best.numberSpan.end);
    return verdict(claim, evidence, {
      code: "figure-mismatch",
      message: `${publisher} says ${theirs}, not ${claim.text}.`,
      fixes: [replaceFigureFix(claim, figure, sourceNumber, best.source, ctx)],
    });
  }
  return judgeBacked(claim, evidence, backers, ctx, {
    unsupported: `No source states ${quoted}.`,
    nounPhrase: quoted,
    unattributedCode: "figure-unattributed",
    unsupportedCode: "figure-unsupported",
  });
}

interface BackedWording {
  unsupported: string;
  nounPhrase: string;
  unattributedCode: FindingCode;
  unsupportedCode: FindingCode;
}

/** The verdict on a claim that nothing contradicts: unsupported, unattributed, cited to the wrong source, or fine. */
export function judgeBacked(claim: Claim, evidence: Evidence[], backers: string[], ctx: DraftContext, w: BackedWording): ClaimReport {
  const cited = citedSources(claim);
  const unknownOnly = claim.citations.length > 0 && cited.length === 0 && claim.citations.every((c) => c.kind === "pandoc" || c.kind === "footnote");
  if (backers.length === 0) {
    if (unknownOnly) return verdict(claim, evidence, undefined, "No source backs it; its only citation names no known source.");
    return verdict(claim, evidence, { code: w.unsupportedCode, message: w.unsupported, fixes: [] });
  }
  const names = backers.map((id) => publisherOf(id, ctx));
  if (cited.some((id) => backers.includes(id))) {
    return verdict(claim, evidence, undefined, `Backed by ${list(names)}, and cited.`);
  }
  if (unknownOnly) return verdict(claim, evidence, undefined, `Backed by ${list(names)}; its citation names no known source.`);
  if (cited.length > 0) {
    const citedNames = cited.map((id) => publisherOf(id, ctx));
    const wrong = claim.citations.find((c) => c.sources.length > 0 && c.kind !== "publisher") ?? claim.citations.find((c) => c.sources.length > 0)!;
    return verdict(claim, evidence, {
      code: "citation-mismatch",
      message: `${list(citedNames)} does not back ${w.nounPhrase}; ${list(names)} does.`,
      fixes: [
        ...swapFixes(wrong, backers[0], ctx),
        ...citeFixes(claim, backers, ctx, wrong.kind !== "pandoc" && wrong.kind !== "footnote"),
      ],
    });
  }
  return verdict(claim, evidence, {
    code: w.unattributedCode,
    message: `${w.nounPhrase.charAt(0).toUpperCase()}${w.nounPhrase.slice(1)} is backed by ${list(names)} but not attributed.`,
    fixes: citeFixes(claim, backers, ctx, true),
  });
}

/** The preferred fix for a wrong Pandoc key or footnote reference: that citation, in this sentence, swapped for the backing source. */
function swapFixes(wrong: Citation, backer: string, ctx: DraftContext): Finding["fixes"] {
  if (wrong.kind === "pandoc") return [replaceCitationKeyFix(wrong, backer, ctx.corpus, true)];
  const source = ctx.corpus.source(backer);
  if (wrong.kind === "footnote" && source) return [replaceFootnoteFix(wrong, source, ctx, true)];
  return [];
}

function verdict(
  claim: Claim,
  evidence: Evidence[],
  finding?: { code: FindingCode; message: string; fixes: Finding["fixes"] },
  fine?: string,
): ClaimReport {
  if (!finding) return { claim, evidence, verdict: fine ?? "Backed and cited." };
  const info = codeInfo(finding.code);
  return {
    claim,
    evidence,
    verdict: finding.message,
    finding: {
      code: finding.code,
      severity: info.severity,
      span: claim.span,
      message: finding.message,
      claim: { kind: claim.kind, text: claim.text },
      evidence,
      fixes: finding.fixes,
    },
  };
}

function unknownCitations(citations: Citation[], ctx: DraftContext): Finding[] {
  const ids = ctx.corpus.sources.map((s) => s.id);
  const out: Finding[] = [];
  for (const c of citations) {
    if (c.sources.length > 0 || c.kind === "publisher" || c.kind === "link") continue;
    let message: string;
    const fixes: Finding["fixes"] = [];
    if (c.kind === "pandoc") {
      const near = nearestId(c.key, ids);
      message = `No source has the id “${c.key}”.${near ? ` Did you mean “${near}”?` : ""}`;
      if (near) fixes.push(replaceCitationKeyFix(c, near, ctx.corpus, true));
    } else if (c.definition) {
      message = `Footnote [^${c.key}] names no known source.`;
    } else {
      message = `Footnote [^${c.key}] has no definition, so it names no source.`;
    }
    out.push({
      code: "citation-unknown",
      severity: codeInfo("citation-unknown").severity,
      span: c.span,
      message,
      claim: { kind: "citation", text: c.text },
      evidence: [],
      fixes,
    });
  }
  // One finding per citation, even where [@a; @b] names two unknown keys at one span.
  return out.filter((f, i) => out.findIndex((g) => g.span.start === f.span.start && g.span.end === f.span.end && g.message === f.message) === i);
}

/** A figure with the noun phrase it counts, as its sentence words it, without quote marks ("54 so-called police service stations"). */
function phraseOf(sentence: string, figure: ReadFigure): string {
  return sentence.slice(figure.phrase.start, figure.phrase.end).replace(/[“”"‘’]/g, (m) => (m === "’" ? m : "")).replace(/\s+/g, " ");
}

/** The known sources a claim's citations name, each once. */
export function citedSources(claim: Claim): string[] {
  return unique(claim.citations.flatMap((c) => c.sources));
}

export function publisherOf(id: string, ctx: DraftContext): string {
  return ctx.corpus.source(id)?.publisher ?? id;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Names for a message: all of a few, or the first three "and other sources". */
function list(names: string[]): string {
  const u = unique(names);
  if (u.length > 4) return `${u.slice(0, 3).join(", ")} and other sources`;
  return u.length <= 1 ? (u[0] ?? "") : `${u.slice(0, -1).join(", ")} and ${u[u.length - 1]}`;
}

/** How many source passages a claim's evidence shows. */
const EVIDENCE_SHOWN = 6;

