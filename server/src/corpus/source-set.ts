// The sources of a corpus, from what was read of its folders: the one rule for ids
// that the CLI and the language server share. Parts come in order (the bundled
// articles first, then each folder, each folder's files in name order); a later
// source with an id already taken is a problem named by its file, and the first keeps
// the id. The language server applies it again after every change to a folder, so an
// edit never leaves it with other sources than a fresh run of the CLI.

import type { Source, SourceProblem } from "../model.js";

export interface LoadedSources {
  sources: Source[];
  problems: SourceProblem[];
}

/** The problem of a source whose id another already has. */
export function duplicateId(source: Source, taken: Source): SourceProblem {
  return { path: source.path, message: `has id "${source.id}", which ${taken.path} already uses` };
}

export function mergeSources(parts: LoadedSources[]): LoadedSources {
  const out: LoadedSources = { sources: [], problems: [] };
  const byId = new Map<string, Source>();
  for (const part of parts) {
    out.problems.push(...part.problems);
    for (const s of part.sources) {
      const taken = byId.get(s.id);
      if (taken) {
        out.problems.push(duplicateId(s, taken));
        continue;
      }
      byId.set(s.id, s);
      out.sources.push(s);
    }
  }
  return out;
}
