// The corpora the server checks against: the bundled articles plus the writer's
// source folders (the settings', and a project config's), each loaded once and then updated file by file as the folders change
// (created, changed, deleted), so that a new source backs a figure without a restart.
// Sources that cannot be used are kept as problems, by file, for diagnostics.

import { existsSync, readFileSync, statSync, watch, type FSWatcher } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve, sep } from "node:path";
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
import { CONFIG_FILE_NAME } from "../config/project-config.js";
import { filePath } from "./convert.js";
import type { Settings } from "./settings.js";

export type SourceChange = "created" | "changed" | "deleted";

const MARKDOWN_FILE = /\.(?:md|markdown)$/i;

/** One corpus: the articles of one source set (bundled or not, and its folders). */
interface CorpusEntry {
  bundled: boolean;
  folders: string[];
  corpus: Corpus;
  problems: Map<string, SourceProblem[]>;
}

/**
 * The corpora drafts are checked against. The base one is the editor's settings
 * (bundled articles and `sourceCheck.sources`); a draft governed by a
 * `.source-check.json` may need another (its own source folders, its own `bundled`).
 * Each distinct source set is loaded once and kept up to date file by file.
 */
export class WorkspaceSources {
  /** The settings' source folders, absolute. */
  folders: string[] = [];
  /** Bumped whenever a corpus is loaded or dropped (source folders and problems may differ). */
  revision = 0;
  private bundled = true;
  private bundledDir?: string;
  private base: CorpusEntry = { bundled: false, folders: [], corpus: Corpus.of([]), problems: new Map() };
  private readonly extra = new Map<string, CorpusEntry>();

  constructor(private readonly log: (message: string) => void) {}

  /** The settings' corpus (drafts without a project config check against it). */
  get corpus(): Corpus {
    return this.base.corpus;
  }

  /** (Re)loads the settings' corpus; any corpus for a project config is dropped, to be loaded again on demand. */
  load(settings: Settings, workspaceRoots: string[]): void {
    this.folders = resolveFolders(settings.sources, workspaceRoots);
    this.bundledDir = undefined;
    this.bundled = settings.includeBundledSources;
    try {
      this.bundledDir = bundledSourcesDir();
    } catch (e) {
      if (this.bundled) this.log(`Source Check: ${(e as Error).message}; going on without the bundled articles.`);
    }
    this.extra.clear();
    this.base = this.loadEntry(this.bundled, this.folders);
    this.revision++;
  }

  /**
   * The corpus for a source set: `bundled` (undefined: the settings decide) and the
   * settings' folders joined by `folders` (a project config's, absolute, first, as the
   * CLI puts its config's folders before its command line's).
   */
  corpusFor(bundled: boolean | undefined, folders: string[]): Corpus {
    const wantBundled = bundled ?? this.bundled;
    const all = [...new Set([...folders, ...this.folders])];
    if (wantBundled === this.bundled && sameList(all, this.folders)) return this.base.corpus;
    const key = JSON.stringify([wantBundled, all]);
    let entry = this.extra.get(key);
    if (!entry) {
      entry = this.loadEntry(wantBundled, all);
      this.extra.set(key, entry);
      this.revision++;
    }
    return entry.corpus;
  }

  /** Drops the corpora loaded for project configs (a config changed); they load again on demand. */
  dropConfigCorpora(): void {
    if (this.extra.size === 0) return;
    this.extra.clear();
    this.revision++;
  }

  /** Every folder any corpus reads, absolute. */
  get allFolders(): string[] {
    return [...new Set(this.entries().flatMap((e) => e.folders))];
  }

  /** Problems by file path, over every corpus. */
  get problemsByPath(): ReadonlyMap<string, SourceProblem[]> {
    const out = new Map<string, SourceProblem[]>();
    for (const entry of this.entries()) {
      for (const [path, list] of entry.problems) {
        const have = out.get(path) ?? [];
        for (const p of list) if (!have.some((h) => h.message === p.message)) have.push(p);
        out.set(path, have);
      }
    }
    return out;
  }

  /** Whether a path lies in one of the source folders (the settings' or a loaded config's). */
  inSourceFolder(path: string): boolean {
    return this.entries().some((e) => e.folders.some((f) => within(path, f)));
  }

  /** Whether a document is a source (in a source folder or the bundled articles), not a draft. */
  isSourceDocument(uri: string, extraFolders: string[] = []): boolean {
    const path = filePath(uri);
    if (!path) return false;
    const bundledInUse = this.entries().some((e) => e.bundled);
    return (
      this.inSourceFolder(path) ||
      extraFolders.some((f) => within(path, f)) ||
      (bundledInUse && this.bundledDir !== undefined && within(path, this.bundledDir))
    );
  }

  /**
   * Applies one file event to every corpus that reads the path. Returns whether
   * anything may have changed (false for paths outside all source folders).
   */
  update(rawPath: string, change: SourceChange): boolean {
    const path = resolve(rawPath);
    let touched = false;
    for (const entry of this.entries()) {
      if (!entry.folders.some((f) => within(path, f))) continue;
      touched = true;
      updateEntry(entry, path, change);
    }
    return touched;
  }

  private entries(): CorpusEntry[] {
    return [this.base, ...this.extra.values()];
  }

  private loadEntry(bundled: boolean, folders: string[]): CorpusEntry {
    const useBundled = bundled && this.bundledDir !== undefined;
    const { corpus, problems } = loadCorpus({ bundled: useBundled, folders });
    const entry: CorpusEntry = { bundled: useBundled, folders, corpus, problems: new Map() };
    for (const p of problems) addProblem(entry, p);
    this.log(`Source Check: ${corpus.size} source(s) from ${[useBundled ? "the bundled articles" : "", ...folders].filter(Boolean).join(", ") || "nowhere"}.`);
    for (const p of problems) this.log(`Source Check: ${p.path} ${p.message}`);
    return entry;
  }
}

function updateEntry(entry: CorpusEntry, path: string, change: SourceChange): void {
  let corpus = entry.corpus;
  // Whatever was read from this path (or beneath it, for a folder) goes first.
  for (const s of corpus.sources) if (within(s.path, path)) corpus = corpus.withoutPath(s.path);
  for (const p of [...entry.problems.keys()]) if (within(p, path)) entry.problems.delete(p);
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
        addProblem(entry, item);
        continue;
      }
      const taken = corpus.source(item.id);
      if (taken) addProblem(entry, { path: item.path, message: `has id "${item.id}", which ${taken.path} already uses` });
      else corpus = corpus.with(item);
    }
  }
  entry.corpus = corpus;
}

function addProblem(entry: CorpusEntry, problem: SourceProblem): void {
  const path = resolve(problem.path);
  entry.problems.set(path, [...(entry.problems.get(path) ?? []), { ...problem, path }]);
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
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
 * Watches the source folders and the project config files: through the client's file
 * watcher when it offers one (dynamic registration of workspace/didChangeWatchedFiles),
 * else with fs.watch.
 */
export class SourceWatcher {
  private registration?: Promise<Disposable | undefined>;
  private configRegistration?: Promise<Disposable | undefined>;
  private fsWatchers: FSWatcher[] = [];
  private configFsWatchers: FSWatcher[] = [];
  private configKey?: string;
  private pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: WatchOptions) {}

  watch(folders: string[]): void {
    this.disposeSources();
    if (folders.length === 0) return;
    if (this.options.dynamicRegistration) {
      const watchers: FileSystemWatcher[] = folders.map((folder) =>
        this.options.relativePatternSupport
          ? { globPattern: { baseUri: pathToFileURL(folder).href, pattern: "**/*.{md,markdown}" } }
          : { globPattern: `${folder.split(sep).join("/")}/**/*.{md,markdown}` },
      );
      this.registration = this.register(watchers);
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

  /**
   * Watches `.source-check.json` files: with the client's watcher, one glob
   * for `.source-check.json` in any folder, registered once; else fs.watch on the workspace folders
   * (recursively) and on the folders of the config files found outside them.
   */
  watchConfigs(workspaceRoots: string[], configFiles: string[]): void {
    if (this.options.dynamicRegistration) {
      this.configRegistration ??= this.register([{ globPattern: `**/${CONFIG_FILE_NAME}` }]);
      return;
    }
    const dirs = [
      ...workspaceRoots.map((path) => ({ path, recursive: true })),
      ...[...new Set(configFiles.map((f) => dirname(f)))]
        .filter((d) => !workspaceRoots.some((r) => within(d, r)))
        .map((path) => ({ path, recursive: false })),
    ];
    const key = JSON.stringify(dirs);
    if (key === this.configKey) return;
    this.configKey = key;
    for (const w of this.configFsWatchers) w.close();
    this.configFsWatchers = [];
    for (const dir of dirs) {
      try {
        const watcher = watch(dir.path, { recursive: dir.recursive }, (_event, name) => {
          if (name && basename(name.toString()) === CONFIG_FILE_NAME) this.settle(join(dir.path, name.toString()));
        });
        watcher.on("error", (e) => this.options.log(`Source Check: stopped watching ${dir.path} for config files (${e.message}).`));
        this.configFsWatchers.push(watcher);
      } catch (e) {
        this.options.log(`Source Check: cannot watch ${dir.path} for config files (${(e as Error).message}).`);
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
    this.disposeSources();
    const registration = this.configRegistration;
    this.configRegistration = undefined;
    void registration?.then((d) => d?.dispose());
    for (const w of this.configFsWatchers) w.close();
    this.configFsWatchers = [];
    this.configKey = undefined;
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }

  private disposeSources(): void {
    const registration = this.registration;
    this.registration = undefined;
    void registration?.then((d) => d?.dispose());
    for (const w of this.fsWatchers) w.close();
    this.fsWatchers = [];
  }

  private register(watchers: FileSystemWatcher[]): Promise<Disposable | undefined> {
    return this.options.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch((e: unknown) => {
      this.options.log(`Source Check: could not register file watchers (${(e as Error).message}).`);
      return undefined;
    });
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
