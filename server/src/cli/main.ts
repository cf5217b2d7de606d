// The headless CLI: `source-check [options] <files, folders or globs…>`. An
// adapter: it reads files, calls `check`, and renders findings; it holds no checking
// logic. Exit status: 0 no error-severity finding, 1 at least one, 2 the run
// itself failed (bad option, unreadable file, broken source or config).
//
// Each draft is governed by the nearest `.source-check.json` above it (see
// config/project-config.ts): its source folders, bundled flag, citation style, rules
// and ignore globs. Command-line flags add to it (`--sources`) or override it
// (`--no-bundled`, `--citation-style`). A corpus is loaded once per distinct set of
// source folders.

import { readFileSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { check } from "../findings/check.js";
import { loadCorpus } from "../corpus/load.js";
import type { Corpus } from "../corpus/corpus.js";
import type { CheckResult, Finding, Source, Span } from "../model.js";
import { LineIndex } from "../parsing/positions.js";
import type { CitationStyle } from "../findings/fixes.js";
import {
  applyRules,
  checkSourceFolders,
  isIgnored,
  ProjectConfigCache,
  sourceFolders,
  type ProjectConfig,
} from "../config/project-config.js";
import { expandInputs } from "./inputs.js";
import { FORMATS, type Format } from "./formats.js";
import type { FileReport, ReportedFinding, RunProblem } from "./report.js";

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

const USAGE = `Usage: source-check [options] <files, folders or globs…>

Checks the figures and quotes in Markdown drafts against the source articles.

Options:
  --format <name>          stylish (default), json, sarif or github
  --sources <dir>          add a folder of source articles (repeatable)
  --no-bundled             leave the bundled articles out
  --citation-style <s>     footnote (default), pandoc or link: how fixes cite
  --max-warnings <n>       exit 1 when there are more than n warnings
  --quiet                  report errors only (warnings still count for --max-warnings)
  --no-config              ignore .source-check.json files
  --allow-outside-sources  let a .source-check.json name source folders outside its own folder
  -h, --help               show this help
  -v, --version            show the version`;

interface Options {
  format: Format;
  sources: string[];
  /** False with --no-bundled; otherwise each draft's config decides (default true). */
  bundled?: boolean;
  citationStyle?: CitationStyle;
  maxWarnings?: number;
  quiet: boolean;
  config: boolean;
  allowOutsideSources: boolean;
  inputs: string[];
}

class UsageError extends Error {}

const FLAGS_WITHOUT_VALUE = new Set(["--no-bundled", "--quiet", "--no-config", "--allow-outside-sources", "--help", "--version"]);

function parseArgs(argv: string[]): Options | "help" | "version" {
  const o: Options = { format: "stylish", sources: [], quiet: false, config: true, allowOutsideSources: false, inputs: [] };
  let onlyInputs = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (onlyInputs || a === "-" || !a.startsWith("-")) {
      o.inputs.push(a);
      continue;
    }
    if (a === "--") {
      onlyInputs = true;
      continue;
    }
    const name = a.startsWith("--") ? a.split("=")[0] : a;
    if (FLAGS_WITHOUT_VALUE.has(name) && a.includes("=")) throw new UsageError(`${name} takes no value`);
    const value = (): string => {
      const eq = a.indexOf("=");
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (name) {
      case "-h":
      case "--help":
        return "help";
      case "-v":
      case "--version":
        return "version";
      case "--format":
      case "-f": {
        const f = value();
        if (!(f in FORMATS)) throw new UsageError(`--format must be one of ${Object.keys(FORMATS).join(", ")}, not "${f}"`);
        o.format = f as Format;
        break;
      }
      case "--sources":
        o.sources.push(value());
        break;
      case "--no-bundled":
        o.bundled = false;
        break;
      case "--citation-style": {
        const s = value();
        if (!["footnote", "pandoc", "link"].includes(s)) throw new UsageError(`--citation-style must be footnote, pandoc or link, not "${s}"`);
        o.citationStyle = s as CitationStyle;
        break;
      }
      case "--max-warnings": {
        const raw = value();
        const n = Number(raw);
        if (raw.trim() === "" || !Number.isInteger(n) || n < 0) throw new UsageError(`--max-warnings takes a whole number of 0 or more, not "${raw}"`);
        o.maxWarnings = n;
        break;
      }
      case "--quiet":
        o.quiet = true;
        break;
      case "--no-config":
        o.config = false;
        break;
      case "--allow-outside-sources":
        o.allowOutsideSources = true;
        break;
      default:
        throw new UsageError(`unknown option ${a}`);
    }
  }
  if (o.inputs.length === 0) throw new UsageError("no drafts given");
  return o;
}

export function run(argv: string[], io: CliIO): number {
  let options: Options | "help" | "version";
  try {
    options = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`source-check: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (options === "help") {
    io.stdout(USAGE + "\n");
    return 0;
  }
  if (options === "version") {
    io.stdout(version() + "\n");
    return 0;
  }
  const opts = options;

  const problems: RunProblem[] = [];
  const reported = new Set<string>();
  const fail = (path: string, message: string): void => {
    const line = `${path}: ${message}`;
    if (reported.has(line)) return;
    reported.add(line);
    problems.push({ path, message });
    io.stderr(`source-check: ${line}\n`);
  };
  /** A path for messages: relative to the working folder when inside it. */
  const display = (abs: string): string => {
    const rel = relative(io.cwd, abs);
    return rel === "" ? "." : rel.startsWith(".." + sep) || rel === ".." || isAbsolute(rel) ? abs : rel;
  };

  // The command line's source folders: checked once, then added to every draft's corpus.
  const cliFolders: { abs: string; shown: string }[] = [];
  for (const dir of opts.sources) {
    const abs = resolve(io.cwd, dir);
    try {
      if (!statSync(abs).isDirectory()) fail(dir, "is not a folder of sources");
      else cliFolders.push({ abs, shown: dir });
    } catch (e) {
      fail(dir, `cannot be read as a folder of sources (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  const shownFolder = new Map(cliFolders.map((f) => [f.abs, f.shown]));
  /** A source problem's path as the user would write it: under the folder as given. */
  const shownSourcePath = (p: string): string => {
    for (const [abs, shown] of shownFolder) {
      if (p === abs) return shown;
      if (p.startsWith(abs + sep)) return shown.replace(/[\\/]+$/, "") + "/" + p.slice(abs.length + 1).split(sep).join("/");
    }
    return isAbsolute(p) ? display(p) : p;
  };

  // One corpus per distinct (bundled, folders).
  const corpora = new Map<string, Corpus>();
  const corpusFor = (bundled: boolean, folders: string[]): Corpus => {
    const key = JSON.stringify([bundled, folders]);
    let corpus = corpora.get(key);
    if (!corpus) {
      const loaded = loadCorpus({ bundled, folders });
      for (const p of loaded.problems) fail(shownSourcePath(p.path), `source ${p.message}`);
      corpus = loaded.corpus;
      corpora.set(key, corpus);
    }
    return corpus;
  };

  // Each config once: its problems reported once, its source folders resolved once.
  const configs = new ProjectConfigCache({ allowOutsideSources: opts.allowOutsideSources });
  const settled = new Map<string, { config: ProjectConfig; folders: string[] }>();
  const settingsFor = (draftAbs: string): { configPath?: string; config: ProjectConfig; folders: string[] } => {
    if (!opts.config) return { config: {}, folders: [] };
    const found = configs.find(draftAbs);
    if (!found) return { config: {}, folders: [] };
    let s = settled.get(found.path);
    if (!s) {
      if ("problem" in found) {
        fail(display(found.problem.path), found.problem.message);
        s = { config: {}, folders: [] };
      } else {
        const escape = checkSourceFolders(found.path, found.config, { allowOutsideSources: opts.allowOutsideSources });
        if (escape) fail(display(escape.path), escape.message);
        const folders = escape ? [] : sourceFolders(found.path, found.config);
        for (const [i, abs] of folders.entries()) {
          if (!shownFolder.has(abs)) shownFolder.set(abs, display(abs));
          if (!isDir(abs)) fail(display(found.path), `"sources[${i}]" "${found.config.sources![i]}" is not a folder (${display(abs)})`);
        }
        s = { config: found.config, folders: folders.filter(isDir) };
      }
      settled.set(found.path, s);
    }
    return { configPath: found.path, ...s };
  };

  const { files, missing } = expandInputs(opts.inputs, io.cwd);
  for (const m of missing) fail(m.path, m.message);

  const reports: FileReport[] = [];
  const usedSources = new Map<string, Source>();
  for (const path of files) {
    const abs = resolve(io.cwd, path);
    const { configPath, config, folders } = settingsFor(abs);
    if (configPath && isIgnored(configPath, config, abs)) continue;
    let text: string;
    try {
      text = readFileSync(abs, "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      fail(path, code === "EISDIR" ? "is a folder" : `cannot be read (${code ?? (e as Error).message})`);
      continue;
    }
    if (text.includes("\u0000")) {
      fail(path, "is not a text file (it contains NUL bytes)");
      continue;
    }
    const bundled = opts.bundled === false ? false : config.bundled ?? true;
    const allFolders = [...new Set([...folders, ...cliFolders.map((f) => f.abs)])];
    const corpus = corpusFor(bundled, allFolders);
    for (const s of corpus.sources) if (!usedSources.has(s.id)) usedSources.set(s.id, s);
    const result: CheckResult = check(text, corpus, { citationStyle: opts.citationStyle ?? config.citationStyle ?? "footnote" });
    const findings = applyRules(withContext(text, result), config.rules);
    reports.push({ path, text, claims: result.claims.length, findings });
  }
  if (corpora.size === 0) {
    // No draft was checked: still read the command line's sources, so a broken one is reported.
    for (const s of corpusFor(opts.bundled ?? true, cliFolders.map((f) => f.abs)).sources) usedSources.set(s.id, s);
  }

  const errors = count(reports, "error");
  const warnings = count(reports, "warning");
  const shown = opts.quiet ? reports.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === "error") })) : reports;
  io.stdout(FORMATS[opts.format]({ reports: shown, sources: [...usedSources.values()], version: version(), cwd: io.cwd, problems }));

  const tooManyWarnings = opts.maxWarnings !== undefined && warnings > opts.maxWarnings;
  if (tooManyWarnings) io.stderr(`source-check: ${warnings} warning${warnings === 1 ? "" : "s"}, more than --max-warnings ${opts.maxWarnings}\n`);
  if (problems.length > 0) return 2;
  if (errors > 0 || tooManyWarnings) return 1;
  return 0;
}

function count(reports: FileReport[], severity: Finding["severity"]): number {
  return reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === severity).length, 0);
}

/** The findings with the sentence each stands in (its claim's; else a claim sentence around it; else its lines). */
function withContext(text: string, result: CheckResult): ReportedFinding[] {
  const sentenceOf = new Map<Finding, Span>();
  for (const c of result.claims) if (c.finding) sentenceOf.set(c.finding, c.claim.sentence);
  let lines: LineIndex | undefined;
  return result.findings.map((f) => {
    let context = sentenceOf.get(f) ?? result.claims.find((c) => c.claim.sentence.start <= f.span.start && f.span.end <= c.claim.sentence.end)?.claim.sentence;
    if (!context) {
      lines ??= new LineIndex(text);
      const first = lines.positionAt(f.span.start).line;
      const last = lines.positionAt(f.span.end).line;
      context = { start: lines.lineStart(first), end: lines.lineEnd(last) };
    }
    return { ...f, context };
  });
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

let cachedVersion: string | undefined;
export function version(): string {
  if (cachedVersion === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL("../../../../package.json", import.meta.url), "utf8")) as { version: string };
      cachedVersion = pkg.version;
    } catch {
      cachedVersion = "unknown";
    }
  }
  return cachedVersion;
}
