// The project config file, `.source-check.json`: its fields, how its text is read,
// where its source folders are, which drafts it ignores, and how its rules change the
// findings. Pure: which config governs a draft, and the file-system questions that
// takes, are in draft-settings.ts, asked of a host the adapters give it.
//
//   {
//     "$schema": "…/schemas/source-check.schema.json",
//     "sources": ["sources"],          // folders of source articles, relative to this file
//     "bundled": true,                 // include the bundled articles
//     "citationStyle": "footnote",     // how fixes cite: footnote, pandoc or link
//     "rules": { "figure-unattributed": "off", "quote-unsupported": "info" },
//     "ignore": ["archive/**", "drafts/*.notes.md"]   // drafts to skip, relative to this file
//   }

import { dirname, isAbsolute, relative, resolve, sep, win32, posix } from "node:path";
import type { CheckResult, Finding, FindingCode, Severity } from "../model.js";
import { CODES } from "../findings/codes.js";
import { ignoreGlob, isGlobProblem, matchesIgnore } from "./glob.js";

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
  /**
   * A big corpus kept in a store (corpus/store.ts): an on-disk index (`index`: its
   * folder relative to this file, or true for `.source-check/index` beside it) or a
   * PostgreSQL archive (`postgres`: a URL without credentials).
   */
  archive?: { index?: string | true; postgres?: string };
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

const KEYS = ["$schema", "sources", "bundled", "citationStyle", "rules", "ignore", "archive"] as const;
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
          return problem(
            `${field} is the absolute path "${s}"; source folders must be relative and inside the config file's folder (or run with --allow-outside-sources)`,
          );
        }
        if (escapes(s)) {
          return problem(
            `${field} "${s}" leads outside the config file's folder; source folders must lie inside it (or run with --allow-outside-sources)`,
          );
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
      return problem(
        `"citationStyle" must be one of ${CITATION_STYLES.map((s) => `"${s}"`).join(", ")}, not ${JSON.stringify(raw.citationStyle)}`,
      );
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
      const glob = ignoreGlob(g);
      if (glob && isGlobProblem(glob)) return problem(`"ignore[${i}]" ${glob.problem}`);
    }
    config.ignore = raw.ignore as string[];
  }

  if (raw.archive !== undefined) {
    const a = raw.archive as Record<string, unknown>;
    if (typeof a !== "object" || a === null || Array.isArray(a))
      return problem(`"archive" must be an object: {"index": true} or {"postgres": "postgresql://host/database"}`);
    const keys = Object.keys(a);
    if (keys.length !== 1 || !["index", "postgres"].includes(keys[0]))
      return problem(`"archive" must hold exactly one of "index" or "postgres", not ${JSON.stringify(keys)}`);
    if (a.index !== undefined) {
      if (a.index !== true && (typeof a.index !== "string" || a.index.trim() === ""))
        return problem(`"archive.index" must be true (.source-check/index beside this file) or a folder path relative to this file`);
      if (
        typeof a.index === "string" &&
        !options.allowOutsideSources &&
        (isAbsolute(a.index) || win32.isAbsolute(a.index) || escapes(a.index))
      )
        return problem(
          `"archive.index" "${a.index}" lies outside the config file's folder; an index must lie inside it (or run with --allow-outside-sources)`,
        );
      config.archive = { index: a.index as string | true };
    } else {
      if (typeof a.postgres !== "string") return problem(`"archive.postgres" must be a postgresql:// URL`);
      const why = archiveUrlProblem(a.postgres);
      if (why) return problem(`"archive.postgres" ${why}`);
      config.archive = { postgres: a.postgres };
    }
  }
  return { config };
}

/** Why a PostgreSQL URL cannot be an archive's, if it cannot: not a postgresql:// URL, or holding a password. */
export function archiveUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL (postgresql://host[:port]/database)`;
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") return `"${url}" is not a postgresql:// URL`;
  if (parsed.password || parsed.searchParams.has("password"))
    return "holds a password; credentials come from the environment (PGPASSWORD, or ~/.pgpass), never from the file";
  return undefined;
}

/** The archive a config names, placed: an index folder as an absolute path. */
export function archiveOf(configPath: string, config: ProjectConfig): ArchiveSpec | undefined {
  const a = config.archive;
  if (!a) return undefined;
  if (a.postgres !== undefined) return { postgres: a.postgres };
  const base = dirname(resolve(configPath));
  return { index: a.index === true || a.index === undefined ? resolve(base, ".source-check/index") : resolve(base, a.index) };
}

/** Where a corpus's big part is kept: an on-disk index's folder, or a PostgreSQL URL. */
export type ArchiveSpec = { index: string } | { postgres: string };

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
  const column = at - Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r"));
  return `line ${line}, column ${column}: ${m[1]}`;
}

/** The config's source folders, as absolute paths. */
export function sourceFolders(configPath: string, config: ProjectConfig): string[] {
  const base = dirname(resolve(configPath));
  return (config.sources ?? []).map((s) => resolve(base, s));
}

/** Whether the config's `ignore` globs skip this draft. */
export function isIgnored(configPath: string, config: ProjectConfig, draftPath: string): boolean {
  if (!config.ignore?.length) return false;
  const rel = relative(dirname(resolve(configPath)), resolve(draftPath))
    .split(sep)
    .join("/");
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

/** A check result as the config's rules want it; claims point at the ruled findings (none for a code turned off). */
export function withRules(result: CheckResult, rules: ProjectConfig["rules"]): CheckResult {
  if (!rules || Object.keys(rules).length === 0) return result;
  const ruled = new Map<Finding, Finding | undefined>();
  for (const f of result.findings) ruled.set(f, applyRules([f], rules)[0]);
  return {
    ...result,
    findings: result.findings.map((f) => ruled.get(f)).filter((f): f is Finding => f !== undefined),
    claims: result.claims.map((c) => (c.finding && ruled.has(c.finding) ? { ...c, finding: ruled.get(c.finding) } : c)),
  };
}
