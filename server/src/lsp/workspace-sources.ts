// The corpora the server checks against: the bundled articles plus the writer's
// source folders (the settings', and a project config's), each source set loaded once
// and then updated file by file as its folders change (created, changed, deleted), so
// that a new source backs a figure without a restart. After each change the core's
// rule for ids (corpus/source-set.ts) is applied again to what was read, so a corpus
// always holds what a fresh run of the CLI would load. Sources that cannot be used are
// kept as problems, by file, for diagnostics.

import { existsSync, lstatSync, readdirSync, statSync, watch, type Dirent, type FSWatcher } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Connection,
  type Disposable,
  type FileEvent,
  type FileSystemWatcher,
} from "vscode-languageserver/node";
import { Corpus, isSourceProblem, mergeSources, type LoadedSources, type Source, type SourceProblem } from "../index.js";
import { bundledLimit, bundledSourcesDir, outsideFolder, readSourceFolder, readSourcePath } from "../node/sources.js";
import { CONFIG_FILE_NAME } from "../config/project-config.js";
import { MARKDOWN_GLOB, isSourceFile } from "../config/markdown-files.js";
import { sourceSetKey, type SourceSet } from "../config/draft-settings.js";
import { filePath } from "./convert.js";
import type { Settings } from "./settings.js";
import { DEFAULT_MAX_FILE_SIZE } from "../findings/limits.js";

export type SourceChange = "created" | "changed" | "deleted";

/** What was read of one folder of a source set: each file's source or problem, in the folder's name order. */
interface FolderRead {
  folder: string;
  bundled: boolean;
  /** The folder itself cannot be read. */
  problem?: SourceProblem;
  files: Map<string, Source | SourceProblem>;
}

/** One corpus: the articles of one source set. */
interface CorpusEntry {
  set: SourceSet;
  /** The bundled articles' folder (when in the set), then each folder. */
  reads: FolderRead[];
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
  private bundledDir?: string;
  private base: CorpusEntry = { set: { bundled: false, folders: [] }, reads: [], corpus: Corpus.of([]), problems: new Map() };
  private readonly extra = new Map<string, CorpusEntry>();
  /** The most bytes a source file may have (sourceCheck.maxFileSize, as for drafts). */
  private maxFileSize = DEFAULT_MAX_FILE_SIZE;

  constructor(private readonly log: (message: string) => void) {}

  /** The settings' corpus (drafts without a project config check against it). */
  get corpus(): Corpus {
    return this.base.corpus;
  }

  /** (Re)loads the settings' corpus; any corpus for a project config is dropped, to be loaded again on demand. */
  load(settings: Settings, workspaceRoots: string[]): void {
    this.folders = resolveFolders(settings.sources, workspaceRoots);
    this.maxFileSize = settings.maxFileSize;
    this.bundledDir = undefined;
    try {
      this.bundledDir = bundledSourcesDir();
    } catch (e) {
      if (settings.includeBundledSources) this.log(`Source Check: ${(e as Error).message}; going on without the bundled articles.`);
    }
    this.extra.clear();
    this.base = this.loadEntry({ bundled: settings.includeBundledSources, folders: this.folders });
    this.revision++;
  }

  /** The corpus of a source set (as config/draft-settings.ts decides it for a draft). */
  corpusFor(set: SourceSet): Corpus {
    const wanted = this.usable(set);
    const key = sourceSetKey(wanted);
    if (key === sourceSetKey(this.base.set)) return this.base.corpus;
    let entry = this.extra.get(key);
    if (!entry) {
      entry = this.loadEntry(wanted);
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
    return [...new Set(this.entries().flatMap((e) => e.set.folders))];
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
    return this.entries().some((e) => e.set.folders.some((f) => within(path, f)));
  }

  /** Whether a document is a source (in a source folder or the bundled articles), not a draft. */
  isSourceDocument(uri: string, extraFolders: string[] = []): boolean {
    const path = filePath(uri);
    if (!path) return false;
    const bundledInUse = this.entries().some((e) => e.set.bundled);
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
      const reads = entry.reads.filter((r) => !r.bundled && (within(path, r.folder) || within(r.folder, path)));
      if (reads.length === 0) continue;
      touched = true;
      for (const read of reads) updateRead(read, path, change, this.maxFileSize);
      settle(entry);
    }
    return touched;
  }

  private entries(): CorpusEntry[] {
    return [this.base, ...this.extra.values()];
  }

  /** The set as it can be loaded: no bundled articles when they are missing. */
  private usable(set: SourceSet): SourceSet {
    return { bundled: set.bundled && this.bundledDir !== undefined, folders: set.folders };
  }

  private loadEntry(wanted: SourceSet): CorpusEntry {
    const set = this.usable(wanted);
    const reads: FolderRead[] = [];
    if (set.bundled) reads.push(readFolder(this.bundledDir!, true, bundledLimit(this.maxFileSize)));
    for (const folder of set.folders) reads.push(readFolder(folder, false, this.maxFileSize));
    const entry: CorpusEntry = { set, reads, corpus: Corpus.of([]), problems: new Map() };
    settle(entry);
    this.log(
      `Source Check: ${entry.corpus.size} source(s) from ${[set.bundled ? "the bundled articles" : "", ...set.folders].filter(Boolean).join(", ") || "nowhere"}.`,
    );
    for (const list of entry.problems.values()) for (const p of list) this.log(`Source Check: ${p.path} ${p.message}`);
    return entry;
  }
}

function readFolder(folder: string, bundled: boolean, maxFileSize: number, root = folder): FolderRead {
  const loaded = readSourceFolder(folder, bundled, maxFileSize, root);
  const read: FolderRead = { folder, bundled, files: new Map() };
  for (const item of [...loaded.sources, ...loaded.problems]) {
    if (item.path === folder) read.problem = item as SourceProblem;
    else read.files.set(item.path, item);
  }
  read.files = new Map([...read.files].sort(([a], [b]) => byName(folder, a, b)));
  return read;
}

/** A folder's files in the order its reading walks them: name by name, folder by folder. */
function byName(folder: string, a: string, b: string): number {
  const x = relative(folder, a).split(sep);
  const y = relative(folder, b).split(sep);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = x[i].localeCompare(y[i]);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

/** What was read under `path` (a file, or a folder) is read again, or forgotten if it is gone. */
function updateRead(read: FolderRead, path: string, change: SourceChange, maxFileSize: number): void {
  if (within(read.folder, path)) {
    // The source folder itself (or a folder above it) changed: read it all again.
    const again =
      change === "deleted" && !existsSync(read.folder)
        ? { ...read, files: new Map(), problem: undefined }
        : readFolder(read.folder, read.bundled, maxFileSize);
    read.files = again.files;
    read.problem = again.problem;
    return;
  }
  for (const p of [...read.files.keys()]) if (within(p, path)) read.files.delete(p);
  if (change !== "deleted") {
    // lstat, not stat: a link to a folder is not walked (the folder's own read does not
    // walk one either), and a file's real path must lie inside the source folder.
    let isFolder = false;
    try {
      isFolder = lstatSync(path).isDirectory() && outsideFolder(path, read.folder) === undefined;
    } catch {
      // gone again already: treat as deleted
    }
    if (isFolder) {
      const below = readFolder(path, read.bundled, maxFileSize, read.folder);
      for (const [p, item] of below.files) read.files.set(p, item);
    } else if (isSourceFile(path) && existsSync(path)) {
      read.files.set(path, readSourcePath(path, read.bundled, maxFileSize, read.folder));
    }
  }
  read.files = new Map([...read.files].sort(([a], [b]) => byName(read.folder, a, b)));
}

/** The entry's corpus and problems from what was read, by the core's rule for ids; unchanged sources keep their indexes. */
function settle(entry: CorpusEntry): void {
  const parts: LoadedSources[] = entry.reads.map((r) => {
    const part: LoadedSources = { sources: [], problems: r.problem ? [r.problem] : [] };
    for (const item of r.files.values()) {
      if (isSourceProblem(item)) part.problems.push(item);
      else part.sources.push(item);
    }
    return part;
  });
  const merged = mergeSources(parts);
  entry.corpus = Corpus.of(merged.sources, entry.corpus);
  entry.problems = new Map();
  for (const p of [...merged.problems, ...entry.corpus.failures]) {
    const path = resolve(p.path);
    entry.problems.set(path, [...(entry.problems.get(path) ?? []), { ...p, path }]);
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
 * Watches the source folders and the project config files: through the client's file
 * watcher when it offers one (dynamic registration of workspace/didChangeWatchedFiles),
 * else with fs.watch.
 */
export class SourceWatcher {
  private registration?: Promise<Disposable | undefined>;
  private configRegistration?: Promise<Disposable | undefined>;
  /** The server's own watchers of the source folders, one per folder and sub-folder. */
  private fsWatchers = new Map<string, FSWatcher>();
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
          ? { globPattern: { baseUri: pathToFileURL(folder).href, pattern: MARKDOWN_GLOB } }
          : { globPattern: `${folder.split(sep).join("/")}/${MARKDOWN_GLOB}` },
      );
      this.registration = this.register(watchers);
      return;
    }
    for (const folder of folders) this.watchTree(folder, folder);
  }

  /**
   * Watches one folder and its sub-folders, each with its own non-recursive fs.watch:
   * a watch on a folder sees a file renamed over another (an atomic save, as vim and
   * `git checkout` write), a delete and a new file alike, where a recursive watch on
   * Linux watched the replaced file itself and lost it. A new sub-folder is watched
   * when it appears; a link to a folder is not followed (lstat).
   */
  private watchDir(dir: string, folder: string): void {
    if (this.fsWatchers.has(dir)) return;
    try {
      const watcher = watch(dir, (_event, name) => {
        if (!name) return;
        const path = join(dir, name.toString());
        this.settle(path);
        let isDir = false;
        try {
          isDir = lstatSync(path).isDirectory();
        } catch {
          // gone
        }
        if (isDir && !basename(path).startsWith(".")) this.watchTree(path, folder);
        else if (!isDir) for (const d of [...this.fsWatchers.keys()]) if (within(d, path)) this.unwatchDir(d);
      });
      watcher.on("error", () => this.unwatchDir(dir));
      this.fsWatchers.set(dir, watcher);
    } catch (e) {
      if (dir === folder) this.options.log(`Source Check: cannot watch ${folder} (${(e as Error).message}).`);
    }
  }

  /** Watches a folder and every sub-folder below it (hidden ones and links left out). */
  private watchTree(dir: string, folder: string): void {
    this.watchDir(dir, folder);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith(".")) this.watchTree(join(dir, e.name), folder);
  }

  private unwatchDir(dir: string): void {
    this.fsWatchers.get(dir)?.close();
    this.fsWatchers.delete(dir);
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
      this.options.onChange(
        path,
        change.type === FileChangeType.Deleted ? "deleted" : change.type === FileChangeType.Created ? "created" : "changed",
      );
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
    for (const w of this.fsWatchers.values()) w.close();
    this.fsWatchers.clear();
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
