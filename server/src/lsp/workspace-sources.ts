// The corpus the server checks against: the bundled articles plus the writer's
// source folders, loaded once and then updated file by file as the folders change
// (created, changed, deleted), so that a new source backs a figure without a restart.
// Sources that cannot be used are kept as problems, by file, for diagnostics.

import { existsSync, readFileSync, statSync, watch, type FSWatcher } from "node:fs";
import { isAbsolute, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Connection,
  type Disposable,
  type FileEvent,
  type FileSystemWatcher,
} from "vscode-languageserver/node";
import {
  Corpus,
  bundledSourcesDir,
  isSourceProblem,
  loadCorpus,
  readSourceFile,
  readSourceFolder,
  type Source,
  type SourceProblem,
} from "../index.js";
import { filePath } from "./convert.js";
import type { Settings } from "./settings.js";

export type SourceChange = "created" | "changed" | "deleted";

const MARKDOWN_FILE = /\.(?:md|markdown)$/i;

export class WorkspaceSources {
  corpus: Corpus = Corpus.of([]);
  /** The writer's source folders, absolute. */
  folders: string[] = [];
  private bundledDir?: string;
  private problems = new Map<string, SourceProblem[]>();

  constructor(private readonly log: (message: string) => void) {}

  /** (Re)loads the whole corpus from the settings' folders. */
  load(settings: Settings, workspaceRoots: string[]): void {
    this.folders = resolveFolders(settings.sources, workspaceRoots);
    this.bundledDir = undefined;
    let bundled = settings.includeBundledSources;
    if (bundled) {
      try {
        this.bundledDir = bundledSourcesDir();
      } catch (e) {
        this.log(`Source Check: ${(e as Error).message}; going on without the bundled articles.`);
        bundled = false;
      }
    }
    const { corpus, problems } = loadCorpus({ bundled, folders: this.folders });
    this.corpus = corpus;
    this.problems = new Map();
    for (const p of problems) this.addProblem(p);
    this.log(`Source Check: ${corpus.size} source(s) from ${[bundled ? "the bundled articles" : "", ...this.folders].filter(Boolean).join(", ") || "nowhere"}.`);
    for (const p of problems) this.log(`Source Check: ${p.path} ${p.message}`);
  }

  /** Problems by file path. */
  get problemsByPath(): ReadonlyMap<string, SourceProblem[]> {
    return this.problems;
  }

  /** Whether a path lies in one of the writer's source folders. */
  inSourceFolder(path: string): boolean {
    return this.folders.some((f) => within(path, f));
  }

  /** Whether a document is a source (in a source folder or the bundled articles), not a draft. */
  isSourceDocument(uri: string): boolean {
    const path = filePath(uri);
    if (!path) return false;
    return this.inSourceFolder(path) || (this.bundledDir !== undefined && within(path, this.bundledDir));
  }

  /**
   * Applies one file event to the corpus. Returns whether anything may have changed
   * (false for paths outside the source folders).
   */
  update(rawPath: string, change: SourceChange): boolean {
    const path = resolve(rawPath);
    if (!this.inSourceFolder(path)) return false;
    let corpus = this.corpus;
    // Whatever was read from this path (or beneath it, for a folder) goes first.
    for (const s of corpus.sources) if (within(s.path, path)) corpus = corpus.withoutPath(s.path);
    for (const p of [...this.problems.keys()]) if (within(p, path)) this.problems.delete(p);
    if (change !== "deleted") {
      let isFolder = false;
      try {
        isFolder = statSync(path).isDirectory();
      } catch {
        // gone again already: treat as deleted
      }
      const read: Array<Source | SourceProblem> = [];
      if (isFolder) {
        const folder = readSourceFolder(path);
        read.push(...folder.sources, ...folder.problems);
      } else if (MARKDOWN_FILE.test(path) && existsSync(path)) {
        try {
          read.push(readSourceFile(path, readFileSync(path, "utf8")));
        } catch (e) {
          read.push({ path, message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
        }
      }
      for (const item of read) {
        if (isSourceProblem(item)) {
          this.addProblem(item);
          continue;
        }
        const taken = corpus.source(item.id);
        if (taken) this.addProblem({ path: item.path, message: `has id "${item.id}", which ${taken.path} already uses` });
        else corpus = corpus.with(item);
      }
    }
    this.corpus = corpus;
    return true;
  }

  private addProblem(problem: SourceProblem): void {
    const path = resolve(problem.path);
    this.problems.set(path, [...(this.problems.get(path) ?? []), { ...problem, path }]);
  }
}

/** Source folders as absolute paths: relative ones against the workspace folder that has them. */
export function resolveFolders(folders: string[], workspaceRoots: string[]): string[] {
  const out = new Set<string>();
  for (const folder of folders) {
    if (isAbsolute(folder) || workspaceRoots.length === 0) {
      out.add(resolve(folder));
      continue;
    }
    const candidates = workspaceRoots.map((root) => resolve(root, folder));
    const existing = candidates.filter(isFolder);
    for (const c of existing.length ? existing : candidates.slice(0, 1)) out.add(c);
  }
  return [...out];
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function within(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

export interface WatchOptions {
  connection: Connection;
  /** Whether the client registers file watchers for us (workspace/didChangeWatchedFiles). */
  dynamicRegistration: boolean;
  relativePatternSupport: boolean;
  onChange: (path: string, change: SourceChange) => void;
  log: (message: string) => void;
}

/**
 * Watches the source folders: through the client's file watcher when it offers one
 * (dynamic registration of workspace/didChangeWatchedFiles), else with fs.watch.
 */
export class SourceWatcher {
  private registration?: Promise<Disposable | undefined>;
  private fsWatchers: FSWatcher[] = [];
  private pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: WatchOptions) {}

  watch(folders: string[]): void {
    this.dispose();
    if (folders.length === 0) return;
    if (this.options.dynamicRegistration) {
      const watchers: FileSystemWatcher[] = folders.map((folder) =>
        this.options.relativePatternSupport
          ? { globPattern: { baseUri: pathToFileURL(folder).href, pattern: "**/*.{md,markdown}" } }
          : { globPattern: `${folder.split(sep).join("/")}/**/*.{md,markdown}` },
      );
      this.registration = this.options.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers })
        .catch((e: unknown) => {
          this.options.log(`Source Check: could not register file watchers (${(e as Error).message}).`);
          return undefined;
        });
      return;
    }
    for (const folder of folders) {
      try {
        const watcher = watch(folder, { recursive: true }, (_event, name) => {
          if (name) this.settle(join(folder, name.toString()));
        });
        watcher.on("error", (e) => this.options.log(`Source Check: stopped watching ${folder} (${e.message}).`));
        this.fsWatchers.push(watcher);
      } catch (e) {
        this.options.log(`Source Check: cannot watch ${folder} (${(e as Error).message}).`);
      }
    }
  }

  /** Handles the client's workspace/didChangeWatchedFiles events. */
  handle(changes: FileEvent[]): void {
    for (const change of changes) {
      const path = filePath(change.uri);
      if (!path) continue;
      this.options.onChange(path, change.type === FileChangeType.Deleted ? "deleted" : change.type === FileChangeType.Created ? "created" : "changed");
    }
  }

  dispose(): void {
    const registration = this.registration;
    this.registration = undefined;
    void registration?.then((d) => d?.dispose());
    for (const w of this.fsWatchers) w.close();
    this.fsWatchers = [];
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }

  // fs.watch fires several events for one save; wait until they settle.
  private settle(path: string): void {
    clearTimeout(this.pending.get(path));
    this.pending.set(
      path,
      setTimeout(() => {
        this.pending.delete(path);
        this.options.onChange(path, existsSync(path) ? "changed" : "deleted");
      }, 50),
    );
  }
}
