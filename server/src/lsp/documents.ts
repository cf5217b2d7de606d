// The open drafts and their check results. A result is cached per document version
// and corpus/settings epoch, so diagnostics, hovers, code actions and definitions of
// one version all read the same check, and a hover after a keystroke never waits
// for the debounce. Each draft is checked as its project config (`.source-check.json`)
// says: against the corpus of its source set, with its citation style, its `rules`
// applied to the findings, and not at all when its `ignore` globs match it.

import type { TextDocuments } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { CheckResult, Corpus } from "../index.js";
import { checkDraft, type DraftSettings } from "../config/draft-settings.js";
import { isDraftFile } from "../config/markdown-files.js";
import type { Refusal } from "../findings/limits.js";
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
  /** How many checks of open drafts ran (a cached result is not a check), and their milliseconds: for tests and the bench, through sourceCheck/stats. */
  checks = 0;
  checkMs = 0;
  private currentEpoch = 0;
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
    const markdown = doc.languageId === "markdown" || isDraftFile(doc.uri);
    if (!markdown) return false;
    const draft = this.configs.forUri(doc.uri);
    return !draft.ignored && !this.sources.isSourceDocument(doc.uri, draft.sources.folders);
  }

  /** The corpus a document is checked against: its source set, as its project config and the settings say. */
  corpusFor(doc: TextDocument): Corpus {
    return this.sources.corpusFor(this.configs.forUri(doc.uri).sources);
  }

  /** Bumped whenever the corpus, the settings or a config change: a result of an older epoch is out of date. */
  get epoch(): number {
    return this.currentEpoch;
  }

  /** The corpus or the settings changed: every cached result is out of date. */
  invalidate(): void {
    this.currentEpoch++;
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
    if (cached && cached.version === doc.version && cached.epoch === this.currentEpoch)
      return { doc, result: cached.result, corpus: cached.corpus };
    let draft: DraftSettings;
    let corpus: Corpus;
    try {
      draft = this.configs.forUri(uri);
      corpus = this.sources.corpusFor(draft.sources);
    } catch (e) {
      this.log(`Source Check: reading the config or sources for ${uri} failed: ${(e as Error).stack ?? String(e)}`);
      return undefined;
    }
    const settings = this.settings();
    this.checks++;
    const started = performance.now();
    const checked = checkDraft(doc.getText(), corpus, draft, { maxFileSize: settings.maxFileSize });
    this.checkMs += performance.now() - started;
    let result: CheckResult | Refusal;
    if ("refusal" in checked) {
      result = checked.refusal;
      const cause = checked.refusal.cause as Error | undefined;
      this.log(
        `Source Check: ${uri} (version ${doc.version}) not checked: it ${result.message}.${cause ? ` ${cause.stack ?? String(cause)}` : ""}`,
      );
    } else {
      result = checked.result;
    }
    this.cache.set(uri, { version: doc.version, epoch: this.currentEpoch, result, corpus });
    return { doc, result, corpus };
  }
}
