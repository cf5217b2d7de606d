// The open drafts and their check results. A result is cached per document version
// and corpus/settings epoch, so diagnostics, hovers, code actions and definitions of
// one version all read the same check, and a hover after a keystroke never waits
// for the debounce. Each draft is checked as its project config (`.source-check.json`)
// says: against the corpus of its source set, with its citation style, its `rules`
// applied to the findings, and not at all when its `ignore` globs match it.

import type { TextDocuments } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { CheckResult, Corpus } from "../index.js";
import { checkingDraft, type DraftSettings } from "../config/draft-settings.js";
import { isDraftFile } from "../config/markdown-files.js";
import type { Checked, Refusal } from "../findings/limits.js";
import { drain, type Steps } from "../steps.js";
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

/**
 * How long a check runs before it lets the event loop answer other requests (and notice
 * that the client has gone), in milliseconds.
 */
export const SLICE_MS = 15;

/** Lets pending I/O (requests, notifications, a closed stdin, timers) run. */
const pause = (): Promise<void> => new Promise((done) => setImmediate(done));

/**
 * Runs a job to its end in slices of about SLICE_MS, pausing between them; with
 * `current`, stops (undefined) at the first pause where it says the job is stale.
 */
export async function inSlices<T>(steps: Steps<T>, current: () => boolean = () => true): Promise<T | undefined> {
  let next = steps.next();
  while (!next.done) {
    await pause();
    if (!current()) return undefined;
    const until = performance.now() + SLICE_MS;
    do next = steps.next();
    while (!next.done && performance.now() < until);
  }
  return next.value;
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
  /** The checks running in slices, by document: the version and epoch each checks, and its end. */
  private readonly running = new Map<string, { version: number; epoch: number; done: Promise<void> }>();

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

  /**
   * Checks a draft's current version in slices of about SLICE_MS, pausing between them
   * so the server answers other requests and notices a closed connection while a long
   * draft is checked; resolves once the result is cached, or once the check is
   * overtaken (an edit, a new corpus) and dropped. A caller that then asks `resultFor`
   * reads the cache. Two callers for one version share one check.
   */
  checkInSlices(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc || !this.ready || !this.isDraft(doc)) return Promise.resolve();
    const { version } = doc;
    const epoch = this.epoch;
    const cached = this.cache.get(uri);
    if (cached && cached.version === version && cached.epoch === epoch) return Promise.resolve();
    const running = this.running.get(uri);
    if (running && running.version === version && running.epoch === epoch) return running.done;
    const job = this.start(uri, doc);
    if (!job) return Promise.resolve();
    const current = (): boolean => this.documents.get(uri)?.version === version && this.epoch === epoch;
    const done = (async () => {
      const checked = await inSlices(job.steps, current);
      if (checked && current()) this.store(uri, doc, job.corpus, checked);
    })().finally(() => {
      if (this.running.get(uri)?.done === done) this.running.delete(uri);
    });
    this.running.set(uri, { version, epoch, done });
    return done;
  }

  /**
   * The result of a draft's current version once it is checked: a check already
   * running is waited for, not run again, and a new one runs in slices. A hover or a
   * code action on a long draft waits for its check without stopping the server.
   */
  async whenChecked(uri: string): Promise<DraftResult | undefined> {
    // An edit during the wait starts a check of the new version: wait for that one too, a few times at most.
    for (let i = 0; i < 3; i++) {
      await this.checkInSlices(uri);
      const doc = this.documents.get(uri);
      const cached = this.cache.get(uri);
      if (!doc || (cached && cached.version === doc.version && cached.epoch === this.epoch)) break;
    }
    return this.resultFor(uri);
  }

  /**
   * The draft's settings and corpus, and its check in steps; undefined (logged) when its
   * config or sources cannot be read. The check is counted in `checks` when it starts,
   * and each of its steps' time is added to `checkMs` (the pauses between slices are
   * not), whether it is drained at once or run in slices.
   */
  private start(uri: string, doc: TextDocument): { steps: Steps<Checked>; corpus: Corpus } | undefined {
    let draft: DraftSettings;
    let corpus: Corpus;
    try {
      draft = this.configs.forUri(uri);
      corpus = this.sources.corpusFor(draft.sources);
    } catch (e) {
      this.log(`Source Check: reading the config or sources for ${uri} failed: ${(e as Error).stack ?? String(e)}`);
      return undefined;
    }
    this.checks++;
    return { steps: this.timed(checkingDraft(doc.getText(), corpus, draft, { maxFileSize: this.settings().maxFileSize })), corpus };
  }

  /** A check's steps, each step's time added to `checkMs`. */
  private *timed<T>(steps: Steps<T>): Steps<T> {
    for (;;) {
      const started = performance.now();
      let next: IteratorResult<void, T>;
      try {
        next = steps.next();
      } finally {
        this.checkMs += performance.now() - started;
      }
      if (next.done) return next.value;
      yield;
    }
  }

  private run(uri: string): { doc: TextDocument; result: CheckResult | Refusal; corpus: Corpus } | undefined {
    const doc = this.documents.get(uri);
    if (!doc || !this.ready || !this.isDraft(doc)) return undefined;
    const cached = this.cache.get(uri);
    if (cached && cached.version === doc.version && cached.epoch === this.epoch)
      return { doc, result: cached.result, corpus: cached.corpus };
    const job = this.start(uri, doc);
    return job && this.store(uri, doc, job.corpus, drain(job.steps));
  }

  /** A check's outcome cached for the document's version (a refusal logged with its reason). */
  private store(
    uri: string,
    doc: TextDocument,
    corpus: Corpus,
    checked: Checked,
  ): { doc: TextDocument; result: CheckResult | Refusal; corpus: Corpus } {
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
