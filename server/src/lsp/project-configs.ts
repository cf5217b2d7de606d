// The project config file, `.source-check.json`, as the language server reads it:
// exactly as the CLI does (config/project-config.ts, and the CLI's `settingsFor`), so
// the CLI and the editor never disagree about a draft. For each draft the nearest
// config above it governs: its source folders (relative to the config, never outside
// its folder: the server has no --allow-outside-sources), `bundled`, `citationStyle`,
// `rules` and `ignore`. A config that cannot be used is reported on its own file and
// its drafts are checked with the defaults (the editor's settings), as the CLI does.
//
// Precedence: the CLI lets its command-line flags override a config, and the config
// override the built-in defaults. The editor's settings are the user's defaults, not
// a per-run instruction, so here the config wins: a config's `bundled` and
// `citationStyle` override `sourceCheck.includeBundledSources` and
// `sourceCheck.citationStyle`; its `sources` join `sourceCheck.sources` (as the CLI's
// config folders join its --sources).

import { statSync } from "node:fs";
import {
  checkSourceFolders,
  isIgnored,
  ProjectConfigCache,
  sourceFolders,
  type ProjectConfig,
} from "../config/project-config.js";
import { filePath } from "./convert.js";

export interface DraftConfig {
  /** The governing config file, when there is one. */
  configPath?: string;
  /** The config to apply: empty for none, or for one that cannot be used. */
  config: ProjectConfig;
  /** Its source folders that exist, absolute. */
  folders: string[];
}

interface Settled {
  config: ProjectConfig;
  folders: string[];
  /** Why the config (or one of its source folders) cannot be used. */
  problems: string[];
}

const NONE: DraftConfig = Object.freeze({ config: {}, folders: [] }) as DraftConfig;

export class ProjectConfigs {
  // The server never allows source folders outside a config's folder.
  private readonly cache = new ProjectConfigCache({ allowOutsideSources: false });
  private readonly settled = new Map<string, Settled>();

  /** The config governing a document (by URI); none for non-file documents. */
  forUri(uri: string): DraftConfig {
    const path = filePath(uri);
    return path ? this.forPath(path) : NONE;
  }

  forPath(draftPath: string): DraftConfig {
    const found = this.cache.find(draftPath);
    if (!found) return NONE;
    let s = this.settled.get(found.path);
    if (!s) {
      if ("problem" in found) {
        s = { config: {}, folders: [], problems: [`${found.problem.message}; drafts under it are checked with the defaults`] };
      } else {
        const problems: string[] = [];
        const escape = checkSourceFolders(found.path, found.config, { allowOutsideSources: false });
        if (escape) problems.push(escape.message);
        const folders = escape ? [] : sourceFolders(found.path, found.config);
        for (const [i, abs] of folders.entries()) {
          if (!isDir(abs)) problems.push(`"sources[${i}]" "${found.config.sources![i]}" is not a folder (${abs})`);
        }
        s = { config: found.config, folders: folders.filter(isDir), problems };
      }
      this.settled.set(found.path, s);
    }
    return { configPath: found.path, config: s.config, folders: s.folders };
  }

  /** Whether the config's `ignore` globs skip this document. */
  isIgnored(uri: string): boolean {
    const path = filePath(uri);
    if (!path) return false;
    const { configPath, config } = this.forPath(path);
    return configPath !== undefined && isIgnored(configPath, config, path);
  }

  /** The config files read so far, and the problems of each (empty when it is fine). */
  get problemsByPath(): ReadonlyMap<string, string[]> {
    return new Map([...this.settled].map(([path, s]) => [path, s.problems]));
  }

  /** A config file changed: forget every config and every folder's lookup. */
  clear(): void {
    this.cache.clear();
    this.settled.clear();
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
