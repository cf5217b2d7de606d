// Reading sources from disk: the bundled articles and a writer's folders. This is
// the one place the corpus touches the file system; the CLI and the server both
// call it, so they read the same sources the same way.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Source, SourceProblem } from "../model.js";
import { isSourceProblem, readSourceFile } from "./source-file.js";
import { Corpus } from "./corpus.js";

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

export interface LoadedSources {
  sources: Source[];
  problems: SourceProblem[];
}

/** Markdown files in a folder (not recursive into hidden folders), sorted for a stable order. */
export function sourceFilesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".")) continue;
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(?:md|markdown)$/i.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function readSourceFolder(dir: string, bundled = false): LoadedSources {
  const result: LoadedSources = { sources: [], problems: [] };
  let files: string[];
  try {
    files = sourceFilesIn(dir);
  } catch (e) {
    result.problems.push({ path: dir, message: `cannot be read as a folder of sources (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
    return result;
  }
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      result.problems.push({ path: file, message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      continue;
    }
    const read = readSourceFile(file, text, bundled);
    if (isSourceProblem(read)) result.problems.push(read);
    else result.sources.push(read);
  }
  return result;
}

/**
 * The sources of a corpus, in order: bundled first, then each folder. A later source
 * with an id already taken is a problem named by its file; the first keeps the id.
 */
export function mergeSources(parts: LoadedSources[]): LoadedSources {
  const out: LoadedSources = { sources: [], problems: [] };
  const byId = new Map<string, Source>();
  for (const part of parts) {
    out.problems.push(...part.problems);
    for (const s of part.sources) {
      const taken = byId.get(s.id);
      if (taken) {
        out.problems.push({ path: s.path, message: `has id "${s.id}", which ${taken.path} already uses` });
        continue;
      }
      byId.set(s.id, s);
      out.sources.push(s);
    }
  }
  return out;
}

export interface CorpusOptions {
  bundled?: boolean;
  folders?: string[];
}

export function loadCorpus(options: CorpusOptions = {}): { corpus: Corpus; problems: SourceProblem[] } {
  const parts: LoadedSources[] = [];
  if (options.bundled !== false) parts.push(readSourceFolder(bundledSourcesDir(), true));
  for (const folder of options.folders ?? []) parts.push(readSourceFolder(folder));
  const merged = mergeSources(parts);
  return { corpus: Corpus.of(merged.sources), problems: merged.problems };
}
