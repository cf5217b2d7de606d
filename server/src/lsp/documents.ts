// The open drafts and their check results. A result is cached per document version
// and corpus/settings epoch, so diagnostics, hovers, code actions and definitions of
// one version all read the same check, and a hover after a keystroke never waits
// for the debounce. Each draft is checked as its project config (`.source-check.json`)
// says: against the corpus of its source set, with its citation style, its `rules`
// applied to the findings, and not at all when its `ignore` globs match it.

import type { TextDocuments } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { CheckResult, Corpus, Finding } from "../index.js";
import { applyRules, type ProjectConfig } from "../config/project-config.js";
import { checkWithinLimits, type Refusal } from "../findings/limits.js";
import type { ProjectConfigs } from "./project-configs.js";
import type { Settings } from "./settings.js";
import type { WorkspaceSources } from "./workspace-sources.js";

export interface DraftResult {
  doc: TextDocument;
  /** The findings after the config's `rules`: codes turned off are gone, severities replaced. */
  result: CheckResult;
  /** The corpus the draft was checked against. */
  corpus: Corpus;
}

interface CachedResult {
  version: number;
  epoch: number;
  /** The result, or why the draft was not checked (too large, too deep, the checker failed). */
  result: CheckResult | Refusal;
  corpus: Corpus;
}

function isRefusal(r: CheckResult | Refusal): r is Refusal {
  return "reason" in r;
}

export class Drafts {
  /** False until the corpus has been loaded for the first time. */
  ready = false;
  private epoch = 0;
  private readonly cache = new Map<string, CachedResult>();

  constructor(
    readonly documents: TextDocuments<TextDocument>,
    private readonly sources: WorkspaceSources,
    private readonly settings: () => Settings,
    private readonly log: (message: string) => void,
    private readonly configs: ProjectConfigs,
  ) {}

  /**
   * Whether a document is a draft to check: Markdown, checking enabled, not itself a
   * source, not skipped by its project config's `ignore`.
   */
  isDraft(doc: TextDocument): boolean {
    if (!this.settings().enable) return false;
    const markdown = doc.languageId === "markdown" || /\.(?:md|markdown)$/i.test(doc.uri);
    if (!markdown) return false;
    const { folders } = this.configs.forUri(doc.uri);
    return !this.sources.isSourceDocument(doc.uri, folders) && !this.configs.isIgnored(doc.uri);
  }

  /** The corpus a document is checked against: its project config's source set. */
  corpusFor(doc: TextDocument): Corpus {
    const { config, folders } = this.configs.forUri(doc.uri);
    return this.sources.corpusFor(config.bundled, folders);
  }

  /** The corpus or the settings changed: every cached result is out of date. */
  invalidate(): void {
    this.epoch++;
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /**
   * The check of a draft's current version: cached, or run now. Undefined when the
   * document is not an open draft, the corpus is not loaded yet, or the draft was not
   * checked (see `refusal`).
   */
  resultFor(uri: string): DraftResult | undefined {
    const run = this.run(uri);
    return run && !isRefusal(run.result) ? { doc: run.doc, result: run.result, corpus: run.corpus } : undefined;
  }

  /** Why an open draft's current version was not checked, if it was not. */
  refusal(uri: string): Refusal | undefined {
    const run = this.run(uri);
    return run && isRefusal(run.result) ? run.result : undefined;
  }

  private run(uri: string): { doc: TextDocument; result: CheckResult | Refusal; corpus: Corpus } | undefined {
    const doc = this.documents.get(uri);
    if (!doc || !this.ready || !this.isDraft(doc)) return undefined;
    const cached = this.cache.get(uri);
    if (cached && cached.version === doc.version && cached.epoch === this.epoch) return { doc, result: cached.result, corpus: cached.corpus };
    let config: ProjectConfig;
    let corpus: Corpus;
    try {
      config = this.configs.forUri(uri).config;
      corpus = this.corpusFor(doc);
    } catch (e) {
      this.log(`Source Check: reading the config or sources for ${uri} failed: ${(e as Error).stack ?? String(e)}`);
      return undefined;
    }
    const settings = this.settings();
    const checked = checkWithinLimits(doc.getText(), corpus, { citationStyle: config.citationStyle ?? settings.citationStyle }, { maxFileSize: settings.maxFileSize });
    let result: CheckResult | Refusal;
    if ("refusal" in checked) {
      result = checked.refusal;
      const cause = checked.refusal.cause as Error | undefined;
      this.log(`Source Check: ${uri} (version ${doc.version}) not checked: it ${result.message}.${cause ? ` ${cause.stack ?? String(cause)}` : ""}`);
    } else {
      result = withRules(checked.result, config.rules);
    }
    this.cache.set(uri, { version: doc.version, epoch: this.epoch, result, corpus });
    return { doc, result, corpus };
  }
}

/** A check result as the config's rules want it; claims point at the ruled findings (none for a code turned off). */
function withRules(result: CheckResult, rules: ProjectConfig["rules"]): CheckResult {
  if (!rules || Object.keys(rules).length === 0) return result;
  const ruled = new Map<Finding, Finding | undefined>();
  for (const f of result.findings) ruled.set(f, applyRules([f], rules)[0]);
  return {
    ...result,
    findings: result.findings.map((f) => ruled.get(f)).filter((f): f is Finding => f !== undefined),
    claims: result.claims.map((c) => (c.finding && ruled.has(c.finding) ? { ...c, finding: ruled.get(c.finding) } : c)),
  };
}
