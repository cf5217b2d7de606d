// A draft's settings and its sources, decided in one place for the CLI and the
// language server, so that the two never disagree about a draft:
//
// - which `.source-check.json` governs it: the nearest in its folder or above (configs
//   are not merged); one that cannot be used is a problem, and its drafts get the defaults;
// - its source set: the bundled articles or not, and its folders: the config's (those
//   that are folders, never outside the config's folder unless allowed) and then the
//   adapter's own (the CLI's --sources, the editor's sourceCheck.sources);
// - its citation style and rules, and whether its config's `ignore` skips it;
// - the check itself, with the rules applied to the findings.
//
// Precedence: an adapter's `overrides` (the CLI's flags) beat the config, which beats
// the adapter's `defaults` (the CLI's built-ins, the editor's settings).
//
// Pure: the file-system questions (is there a file here, what does it say, where does a
// link lead) are asked of a `SettingsHost`; server/src/node/host.ts answers them from disk.

import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Corpus } from "../corpus/corpus.js";
import type { CitationStyle } from "../findings/fixes.js";
import { checkingWithinLimits, type Checked, type Limits } from "../findings/limits.js";
import { drain, type Steps } from "../steps.js";
import {
  archiveOf,
  CONFIG_FILE_NAME,
  isIgnored,
  parseProjectConfig,
  sourceFolders,
  withRules,
  type ArchiveSpec,
  type ConfigProblem,
  type FoundConfig,
  type ParseOptions,
  type ProjectConfig,
} from "./project-config.js";

/** The file-system questions settings take; the adapters answer them. */
export interface SettingsHost {
  isFile(path: string): boolean;
  isDirectory(path: string): boolean;
  /** The file's text; throws (an error with a `code` such as ENOENT) when it cannot be read. */
  readText(path: string): string;
  /** The path with its symbolic links resolved; undefined when it does not exist. */
  realpath(path: string): string | undefined;
}

/** The sources a draft is checked against. */
export interface SourceSet {
  bundled: boolean;
  /** Absolute, in order: the config's, then the adapter's; no folder twice. */
  folders: string[];
  /** A store whose sources join these for each draft, selected by what the draft says (corpus/store.ts). */
  archive?: ArchiveSpec;
}

/** One key per distinct source set, so that each corpus is loaded once. */
export function sourceSetKey(set: SourceSet): string {
  return JSON.stringify(set.archive ? [set.bundled, set.folders, set.archive] : [set.bundled, set.folders]);
}

/** How configs are read: the CLI's flags, or the server's fixed choices. */
export interface ConfigReading {
  /** Read `.source-check.json` files (the CLI's --no-config turns this off). */
  useConfigs: boolean;
  /** Let a config name source folders outside its own folder (the CLI's --allow-outside-sources). */
  allowOutsideSources: boolean;
}

/** What an adapter brings to every draft's settings. */
export interface AdapterSettings {
  /** The adapter's own source folders, absolute; they come after a config's. */
  folders: string[];
  /** What holds where a config says nothing. */
  defaults: { bundled: boolean; citationStyle: CitationStyle };
  /** What holds whatever a config says. */
  overrides?: { bundled?: boolean; citationStyle?: CitationStyle; archive?: ArchiveSpec };
}

export interface DraftSettings {
  /** The governing config file, when there is one. */
  configPath?: string;
  /** The config in force: empty when there is none, or it cannot be used. */
  config: ProjectConfig;
  /** The config's `ignore` globs skip this draft. */
  ignored: boolean;
  sources: SourceSet;
  citationStyle: CitationStyle;
  rules: ProjectConfig["rules"];
}

/** A config problem: `config` when the file cannot be used at all, `sources` when one of its folders cannot. */
export interface SettingsProblem extends ConfigProblem {
  kind: "config" | "sources";
}

/** A config file as read and settled: its usable source folders, and what is wrong with it. */
export interface SettledConfig {
  path: string;
  config: ProjectConfig;
  /** Its source folders that are folders, absolute. */
  folders: string[];
  problems: SettingsProblem[];
}

/**
 * The config file that governs a draft: the nearest `.source-check.json` in the
 * draft's folder or above it, up to the root; undefined when there is none.
 * `cache` (folder → config path, or null for none) spares asking twice.
 */
export function governingConfigPath(
  draftPath: string,
  isFile: (path: string) => boolean,
  cache?: Map<string, string | null>,
): string | undefined {
  const visited: string[] = [];
  let found: string | undefined;
  for (let d = resolve(dirname(draftPath)); ;) {
    const cached = cache?.get(d);
    if (cached !== undefined) {
      found = cached ?? undefined;
      break;
    }
    visited.push(d);
    const candidate = join(d, CONFIG_FILE_NAME);
    if (isFile(candidate)) {
      found = candidate;
      break;
    }
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const v of visited) cache?.set(v, found ?? null);
  return found;
}

/** Reads and parses one config file; a file that cannot be read is a problem too. */
export function readProjectConfig(path: string, host: Pick<SettingsHost, "readText">, options: ParseOptions = {}): FoundConfig {
  let text: string;
  try {
    text = host.readText(path);
  } catch (e) {
    return { path, problem: { path, message: `cannot be read (${(e as { code?: string }).code ?? (e as Error).message})` } };
  }
  const parsed = parseProjectConfig(path, text, options);
  return "config" in parsed ? { path, config: parsed.config } : { path, problem: parsed.problem };
}

/**
 * A source folder that exists but, through a symbolic link, lies outside the config
 * file's folder: a problem unless outside sources are allowed. (Paths that escape by
 * their spelling are already refused by `parseProjectConfig`.)
 */
export function checkSourceFolders(
  configPath: string,
  config: ProjectConfig,
  host: Pick<SettingsHost, "realpath">,
  options: ParseOptions = {},
): ConfigProblem | undefined {
  if (options.allowOutsideSources) return undefined;
  const base = host.realpath(dirname(resolve(configPath)));
  if (base === undefined) return undefined;
  for (const [i, folder] of sourceFolders(configPath, config).entries()) {
    const real = host.realpath(folder);
    if (real === undefined) continue; // a missing folder is a problem of its own
    const rel = relative(base, real);
    if (rel === ".." || rel.startsWith(".." + sep) || isAbsolute(rel)) {
      return {
        path: configPath,
        message: `"sources[${i}]" "${config.sources![i]}" is a link to ${real}, outside the config file's folder; source folders must lie inside it (or run with --allow-outside-sources)`,
      };
    }
  }
  return undefined;
}

/** A config read and checked: its folders that can be used, and its problems. */
export function settleConfig(
  found: FoundConfig,
  host: SettingsHost,
  options: ParseOptions = {},
  show: (path: string) => string = (p) => p,
): SettledConfig {
  if ("problem" in found) return { path: found.path, config: {}, folders: [], problems: [{ ...found.problem, kind: "config" }] };
  const problems: SettingsProblem[] = [];
  const escape = checkSourceFolders(found.path, found.config, host, options);
  if (escape) problems.push({ ...escape, kind: "sources" });
  const folders = escape ? [] : sourceFolders(found.path, found.config);
  const usable: string[] = [];
  for (const [i, abs] of folders.entries()) {
    if (host.isDirectory(abs)) usable.push(abs);
    else
      problems.push({
        path: found.path,
        kind: "sources",
        message: `"sources[${i}]" "${found.config.sources![i]}" is not a folder (${show(abs)})`,
      });
  }
  return { path: found.path, config: found.config, folders: usable, problems };
}

function withArchive(set: SourceSet, archive: ArchiveSpec | undefined): SourceSet {
  return archive ? { ...set, archive } : set;
}

/** A draft's settings from its settled config (or none), as the adapter's settings and precedence say. */
export function draftSettings(draftPath: string, settled: SettledConfig | undefined, adapter: AdapterSettings): DraftSettings {
  const config = settled?.config ?? {};
  const bundled = adapter.overrides?.bundled ?? config.bundled ?? adapter.defaults.bundled;
  return {
    configPath: settled?.path,
    config,
    ignored: settled !== undefined && isIgnored(settled.path, config, draftPath),
    sources: withArchive(
      { bundled, folders: [...new Set([...(settled?.folders ?? []), ...adapter.folders])] },
      adapter.overrides?.archive ?? (settled ? archiveOf(settled.path, config) : undefined),
    ),
    citationStyle: adapter.overrides?.citationStyle ?? config.citationStyle ?? adapter.defaults.citationStyle,
    rules: config.rules,
  };
}

/**
 * Settings for many drafts: each folder's config looked up once, each config read and
 * settled once. The language server calls `clear` when a config file changes.
 */
export class DraftSettingsResolver {
  private readonly dirs = new Map<string, string | null>();
  private readonly settled = new Map<string, SettledConfig>();

  constructor(
    private readonly host: SettingsHost,
    private readonly reading: ConfigReading,
    /** How a path is shown in a problem's message (the CLI shows paths relative to its working folder). */
    private readonly show: (path: string) => string = (p) => p,
  ) {}

  forDraft(draftPath: string, adapter: AdapterSettings): DraftSettings {
    return draftSettings(draftPath, this.configFor(draftPath), adapter);
  }

  /** The settled config governing a draft, if any (read now if need be). */
  configFor(draftPath: string): SettledConfig | undefined {
    if (!this.reading.useConfigs) return undefined;
    const path = governingConfigPath(draftPath, (p) => this.host.isFile(p), this.dirs);
    if (path === undefined) return undefined;
    let s = this.settled.get(path);
    if (!s) {
      const options = { allowOutsideSources: this.reading.allowOutsideSources };
      s = settleConfig(readProjectConfig(path, this.host, options), this.host, options, this.show);
      this.settled.set(path, s);
    }
    return s;
  }

  /** The config files read so far, by path. */
  get configs(): ReadonlyMap<string, SettledConfig> {
    return this.settled;
  }

  /** A config file changed: forget every config and every folder's lookup. */
  clear(): void {
    this.dirs.clear();
    this.settled.clear();
  }
}

/** A draft checked as its settings say: within the limits, with the config's rules applied. */
export function checkDraft(text: string, corpus: Corpus, settings: DraftSettings, limits: Limits): Checked {
  return drain(checkingDraft(text, corpus, settings, limits));
}

/** `checkDraft` in steps, for the language server to run in slices between requests. */
export function* checkingDraft(text: string, corpus: Corpus, settings: DraftSettings, limits: Limits): Steps<Checked> {
  const checked = yield* checkingWithinLimits(text, corpus, { citationStyle: settings.citationStyle }, limits);
  return "refusal" in checked ? checked : { result: withRules(checked.result, settings.rules) };
}
