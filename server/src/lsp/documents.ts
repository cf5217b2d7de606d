// The open drafts and their check results. A result is cached per document version
// and corpus/settings epoch, so diagnostics, hovers, code actions and definitions of
// one version all read the same check, and a hover after a keystroke never waits
// for the debounce.

import type { TextDocuments } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { check, type CheckResult } from "../index.js";
import type { Settings } from "./settings.js";
import type { WorkspaceSources } from "./workspace-sources.js";

export interface DraftResult {
  doc: TextDocument;
  result: CheckResult;
}

interface CachedResult {
  version: number;
  epoch: number;
  result: CheckResult;
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
  ) {}

  /** Whether a document is a draft to check: Markdown, checking enabled, not itself a source. */
  isDraft(doc: TextDocument): boolean {
    if (!this.settings().enable) return false;
    const markdown = doc.languageId === "markdown" || /\.(?:md|markdown)$/i.test(doc.uri);
    return markdown && !this.sources.isSourceDocument(doc.uri);
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
   * document is not an open draft, the corpus is not loaded yet, or the checker failed
   * (which is logged).
   */
  resultFor(uri: string): DraftResult | undefined {
    const doc = this.documents.get(uri);
    if (!doc || !this.ready || !this.isDraft(doc)) return undefined;
    const cached = this.cache.get(uri);
    if (cached && cached.version === doc.version && cached.epoch === this.epoch) return { doc, result: cached.result };
    try {
      const result = check(doc.getText(), this.sources.corpus, { citationStyle: this.settings().citationStyle });
      this.cache.set(uri, { version: doc.version, epoch: this.epoch, result });
      return { doc, result };
    } catch (e) {
      this.log(`Source Check: checking ${uri} (version ${doc.version}) failed: ${(e as Error).stack ?? String(e)}`);
      return undefined;
    }
  }
}
