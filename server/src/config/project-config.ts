// The project config file, `.source-check.json`: found by walking up from a draft's
// folder (the nearest one wins; configs are not merged), read identically by the CLI
// and the language server. Parsing and rule application are pure; finding a config
// and checking its source folders on disk are the only file-system calls here.
//
//   {
//     "$schema": "…/schemas/source-check.schema.json",
//     "sources": ["sources"],          // folders of source articles, relative to this file
//     "bundled": true,                 // include the bundled articles
//     "citationStyle": "footnote",     // how fixes cite: footnote, pandoc or link
//     "rules": { "figure-unattributed": "off", "quote-unsupported": "info" },
//     "ignore": ["archive/**", "drafts/*.notes.md"]   // drafts to skip, relative to this file
//   }

import { readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep, win32, posix } from "node:path";
import type { FindingCode, Severity } from "../model.js";
import { CODES } from "../findings/codes.js";
import { matchesIgnore } from "./glob.js";

export const CONFIG_FILE_NAME = ".source-check.json";

export type RuleSetting = "off" | Severity;
export type CitationStyleSetting = "footnote" | "pandoc" | "link";

export interface ProjectConfig {
  $schema?: string;
  /** Folders of source articles, relative to the config file's folder. */
  sources?: string[];
  /** Whether the bundled articles are in the corpus (default true). */
  bundled?: boolean;
  citationStyle?: CitationStyleSetting;
  /** Per code: turn it off, or report it with another severity. */
  rules?: Partial<Record<FindingCode, RuleSetting>>;
  /** Globs, relative to the config file's folder, of drafts not to check. */
  ignore?: string[];
}

/** A config file that cannot be used, and why; `message` names the field. */
export interface ConfigProblem {
  path: string;
  message: string;
}

export interface ParseOptions {
  /** Let `sources` name folders outside the config file's folder (the CLI's --allow-outside-sources). */
  allowOutsideSources?: boolean;
}

export type ParsedConfig = { config: ProjectConfig } | { problem: ConfigProblem };
export type FoundConfig = { path: string; config: ProjectConfig } | { path: string; problem: ConfigProblem };

const KEYS = ["$schema", "sources", "bundled", "citationStyle", "rules", "ignore"] as const;
const RULE_SETTINGS: readonly RuleSetting[] = ["off", "error", "warning", "info"];
const CITATION_STYLES: readonly CitationStyleSetting[] = ["footnote", "pandoc", "link"];
const KNOWN_CODES = new Set<string>(CODES.map((c) => c.code));

/** Reads a config file's text. `path` is only used to name the file and to place its source folders. */
export function parseProjectConfig(path: string, text: string, options: ParseOptions = {}): ParsedConfig {
  const problem = (message: string): ParsedConfig => ({ problem: { path, message } });
  let data: unknown;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") return problem("is empty; it must hold a JSON object");
  try {
    data = JSON.parse(body);
  } catch (e) {
    return problem(`is not valid JSON (${jsonErrorWhere(body, (e as Error).message)})`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return problem("must hold a JSON object");
  const raw = data as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      return problem(`has an unknown field "${key}" (known fields: ${KEYS.join(", ")})`);
    }
  }
  const config: ProjectConfig = {};

  if (raw.$schema !== undefined) {
    if (typeof raw.$schema !== "string") return problem(`"$schema" must be a string`);
    config.$schema = raw.$schema;
  }

  if (raw.sources !== undefined) {
    if (!Array.isArray(raw.sources)) return problem(`"sources" must be an array of folder paths`);
    const sources: string[] = [];
    for (const [i, s] of raw.sources.entries()) {
      const field = `"sources[${i}]"`;
      if (typeof s !== "string" || s.trim() === "") return problem(`${field} must be a non-empty folder path`);
      if (!options.allowOutsideSources) {
        if (isAbsolute(s) || win32.isAbsolute(s)) {
          return problem(`${field} is the absolute path "${s}"; source folders must be relative and inside the config file's folder (or run with --allow-outside-sources)`);
        }
        if (escapes(s)) {
          return problem(`${field} "${s}" leads outside the config file's folder; source folders must lie inside it (or run with --allow-outside-sources)`);
        }
      }
      sources.push(s);
    }
    config.sources = sources;
  }

  if (raw.bundled !== undefined) {
    if (typeof raw.bundled !== "boolean") return problem(`"bundled" must be true or false`);
    config.bundled = raw.bundled;
  }

  if (raw.citationStyle !== undefined) {
    if (!CITATION_STYLES.includes(raw.citationStyle as CitationStyleSetting)) {
      return problem(`"citationStyle" must be one of ${CITATION_STYLES.map((s) => `"${s}"`).join(", ")}, not ${JSON.stringify(raw.citationStyle)}`);
    }
    config.citationStyle = raw.citationStyle as CitationStyleSetting;
  }

  if (raw.rules !== undefined) {
    if (typeof raw.rules !== "object" || raw.rules === null || Array.isArray(raw.rules)) {
      return problem(`"rules" must be an object mapping codes to "off", "error", "warning" or "info"`);
    }
    const rules: Partial<Record<FindingCode, RuleSetting>> = {};
    for (const [code, setting] of Object.entries(raw.rules as Record<string, unknown>)) {
      if (!KNOWN_CODES.has(code)) {
        return problem(`"rules" names the unknown code "${code}" (known codes: ${[...KNOWN_CODES].join(", ")})`);
      }
      if (!RULE_SETTINGS.includes(setting as RuleSetting)) {
        const hint = setting === "warn" ? ` (did you mean "warning"?)` : "";
        return problem(`"rules.${code}" must be "off", "error", "warning" or "info", not ${JSON.stringify(setting)}${hint}`);
      }
      rules[code as FindingCode] = setting as RuleSetting;
    }
    config.rules = rules;
  }

  if (raw.ignore !== undefined) {
    if (!Array.isArray(raw.ignore)) return problem(`"ignore" must be an array of globs`);
    for (const [i, g] of raw.ignore.entries()) {
      if (typeof g !== "string" || g.trim() === "") return problem(`"ignore[${i}]" must be a non-empty glob`);
    }
    config.ignore = raw.ignore as string[];
  }
  return { config };
}

/** Whether a relative path, once normalised, climbs out of its base folder. */
function escapes(p: string): boolean {
  const normal = posix.normalize(p.replace(/\\/g, "/"));
  return normal === ".." || normal.startsWith("../");
}

/** "line 3, column 5: Expected double-quoted property name" from V8's "… at position 12". */
function jsonErrorWhere(text: string, message: string): string {
  const m = /^(.*?)(?: in JSON)? at position (\d+)/.exec(message);
  if (!m) return message.replace(/, ".*" is not valid JSON$/s, "");
  const at = Number(m[2]);
  const before = text.slice(0, at);
  const line = before.split(/\r\n|\r|\n/).length;
  const column = at - Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) ;
  return `line ${line}, column ${column}: ${m[1]}`;
}

/** Reads and parses one config file; a file that cannot be read is a problem too. */
export function readProjectConfig(path: string, options: ParseOptions = {}): FoundConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    return { path, problem: { path, message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` } };
  }
  const parsed = parseProjectConfig(path, text, options);
  return "config" in parsed ? { path, config: parsed.config } : { path, problem: parsed.problem };
}

/**
 * The config that governs a draft: the nearest `.source-check.json` in the draft's
 * folder or above it, up to the file-system root. Undefined when there is none.
 */
export function findProjectConfig(draftPath: string, options: ParseOptions = {}): FoundConfig | undefined {
  const path = configPathFor(resolve(dirname(draftPath)));
  return path === undefined ? undefined : readProjectConfig(path, options);
}

function configPathFor(dir: string, cache?: Map<string, string | null>): string | undefined {
  const visited: string[] = [];
  let found: string | undefined;
  for (let d = dir; ; ) {
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

/**
 * Finds configs for many drafts, reading each folder and each config file once.
 * The language server drops it (or calls `clear`) when a config file changes.
 */
export class ProjectConfigCache {
  private readonly dirs = new Map<string, string | null>();
  private readonly configs = new Map<string, FoundConfig>();

  constructor(private readonly options: ParseOptions = {}) {}

  find(draftPath: string): FoundConfig | undefined {
    const path = configPathFor(resolve(dirname(draftPath)), this.dirs);
    if (path === undefined) return undefined;
    let found = this.configs.get(path);
    if (!found) {
      found = readProjectConfig(path, this.options);
      this.configs.set(path, found);
    }
    return found;
  }

  clear(): void {
    this.dirs.clear();
    this.configs.clear();
  }
}

/** The config's source folders, as absolute paths. */
export function sourceFolders(configPath: string, config: ProjectConfig): string[] {
  const base = dirname(resolve(configPath));
  return (config.sources ?? []).map((s) => resolve(base, s));
}

/**
 * A source folder that exists but, through a symbolic link, lies outside the config
 * file's folder: a problem unless outside sources are allowed. (Paths that escape
 * by their spelling are already refused by `parseProjectConfig`.)
 */
export function checkSourceFolders(configPath: string, config: ProjectConfig, options: ParseOptions = {}): ConfigProblem | undefined {
  if (options.allowOutsideSources) return undefined;
  let base: string;
  try {
    base = realpathSync(dirname(resolve(configPath)));
  } catch {
    return undefined;
  }
  for (const [i, folder] of sourceFolders(configPath, config).entries()) {
    let real: string;
    try {
      real = realpathSync(folder);
    } catch {
      continue; // a missing folder is reported when the corpus is read
    }
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

/** Whether the config's `ignore` globs skip this draft. */
export function isIgnored(configPath: string, config: ProjectConfig, draftPath: string): boolean {
  if (!config.ignore?.length) return false;
  const rel = relative(dirname(resolve(configPath)), resolve(draftPath)).split(sep).join("/");
  if (rel.startsWith("../") || isAbsolute(rel)) return false;
  return config.ignore.some((g) => matchesIgnore(rel, g));
}

/** Findings as the config's `rules` want them: "off" drops a code, a severity replaces its own. */
export function applyRules<T extends { code: FindingCode; severity: Severity }>(findings: T[], rules: ProjectConfig["rules"]): T[] {
  if (!rules || Object.keys(rules).length === 0) return findings;
  const out: T[] = [];
  for (const f of findings) {
    const setting = rules[f.code];
    if (setting === undefined) out.push(f);
    else if (setting !== "off") out.push(setting === f.severity ? f : { ...f, severity: setting });
  }
  return out;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
