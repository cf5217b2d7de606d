// Reading sources from disk: the bundled articles and a writer's folders. The one
// place source files are read; the CLI and the language server both call it, so they
// read the same sources the same way (which files: config/markdown-files.ts; which
// source keeps an id: corpus/source-set.ts).

import { readdirSync, realpathSync, statSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Source, SourceProblem } from "../model.js";
import { isSourceFile } from "../config/markdown-files.js";
import { isSourceProblem, readSourceFile } from "../corpus/source-file.js";
import { Corpus } from "../corpus/corpus.js";
import { mergeSources, type LoadedSources } from "../corpus/source-set.js";
import { DEFAULT_MAX_FILE_SIZE, refusalFor } from "../findings/limits.js";
import { overLimit, readRegularFile } from "./read-file.js";

export { mergeSources, type LoadedSources };

/** Where the bundled articles are: `server/sources/` beside the compiled code, or beside a bundle. */
export function bundledSourcesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, "../../../../server/sources"), join(here, "../server/sources"), join(here, "sources")]) {
    try {
      if (statSync(candidate).isDirectory()) return resolve(candidate);
    } catch {
      // not here; try the next place
    }
  }
  throw new Error(`the bundled sources are missing (looked beside ${here})`);
}

/** Source files in a folder and its subfolders (hidden ones left out), in name order. */
export function sourceFilesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".")) continue;
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (isSourceFile(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * One source file read from disk: the source, or why it cannot be used. Only a regular
 * file is read, at most `maxFileSize` + 1 bytes of it, and a source is held to the
 * drafts' limits (size, line length, nesting, emphasis marks): what the checker would
 * refuse to read as a draft it does not index as a source either.
 */
export function readSourcePath(
  path: string,
  bundled = false,
  maxFileSize = DEFAULT_MAX_FILE_SIZE,
  folder?: string,
): Source | SourceProblem {
  if (folder !== undefined) {
    const outside = outsideFolder(path, folder);
    if (outside) return { path, message: outside };
  }
  const read = readRegularFile(path, maxFileSize);
  if ("problem" in read) return { path, message: read.problem };
  const over = overLimit(read, maxFileSize);
  if (over) return { path, message: `${over}; not read` };
  const text = read.bytes.toString("utf8");
  const refusal = refusalFor(text, { maxFileSize });
  if (refusal) return { path, message: `${refusal.message}; not read` };
  return readSourceFile(path, text, bundled);
}

/**
 * Why a file is not to be read as one of a folder's sources, if it is not: its real
 * path (every link followed) lies outside the folder's real path, so a link such as
 * `sources/s.md -> /elsewhere/secret.md` never brings another file's text into hovers,
 * evidence or reports.
 */
export function outsideFolder(path: string, folder: string): string | undefined {
  let realFolder: string;
  let real: string;
  try {
    realFolder = realpathSync(folder);
  } catch {
    return undefined; // the folder is gone: reading the file says so
  }
  try {
    real = realpathSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? undefined : `cannot be read (${code ?? (e as Error).message})`;
  }
  if (real === realFolder || real.startsWith(realFolder.endsWith(sep) ? realFolder : realFolder + sep)) return undefined;
  return `is a link to ${real}, outside the source folder ${realFolder}; not read`;
}

/** The sources of a folder; `root` is the source folder the files must lie inside (the folder itself unless it is one of its sub-folders). */
export function readSourceFolder(dir: string, bundled = false, maxFileSize = DEFAULT_MAX_FILE_SIZE, root = dir): LoadedSources {
  const result: LoadedSources = { sources: [], problems: [] };
  let files: string[];
  try {
    files = sourceFilesIn(dir);
  } catch (e) {
    result.problems.push({
      path: dir,
      message: `cannot be read as a folder of sources (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    });
    return result;
  }
  for (const file of files) {
    const read = readSourcePath(file, bundled, maxFileSize, root);
    if (isSourceProblem(read)) result.problems.push(read);
    else result.sources.push(read);
  }
  return result;
}

/** The bundled articles ship with the checker: a draft limit set low (for drafts) never drops them; the default still holds. */
export function bundledLimit(maxFileSize = DEFAULT_MAX_FILE_SIZE): number {
  return Math.max(maxFileSize, DEFAULT_MAX_FILE_SIZE);
}

export interface CorpusOptions {
  bundled?: boolean;
  folders?: string[];
  /** The most bytes a source file may have (the drafts' limit, `--max-file-size`). */
  maxFileSize?: number;
}

/** The parts of a source set, read from disk in corpus order: the bundled articles first, then each folder. */
export function readSourceParts(options: CorpusOptions = {}): LoadedSources[] {
  const parts: LoadedSources[] = [];
  if (options.bundled !== false) parts.push(readSourceFolder(bundledSourcesDir(), true, bundledLimit(options.maxFileSize)));
  for (const folder of options.folders ?? []) parts.push(readSourceFolder(folder, false, options.maxFileSize));
  return parts;
}

export function loadCorpus(options: CorpusOptions = {}): { corpus: Corpus; problems: SourceProblem[] } {
  const merged = mergeSources(readSourceParts(options));
  const corpus = Corpus.of(merged.sources);
  return { corpus, problems: [...merged.problems, ...corpus.failures] };
}
