// The headless CLI: `source-check [options] <files, folders or globs…>`. An
// adapter: it reads files, calls `check`, and renders findings; it holds no checking
// logic. Exit status: 0 no error-severity finding, 1 at least one, 2 the run
// itself failed (bad option, unreadable file, broken source).

import { readFileSync, statSync } from "node:fs";
import { check } from "../findings/check.js";
import { loadCorpus } from "../corpus/load.js";
import type { CheckResult, SourceProblem } from "../model.js";
import { expandInputs } from "./inputs.js";
import { FORMATS, type Format, type FileReport } from "./formats.js";
import type { CitationStyle } from "../findings/fixes.js";

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

const USAGE = `Usage: source-check [options] <files, folders or globs…>

Checks the figures and quotes in Markdown drafts against the source articles.

Options:
  --format <name>       stylish (default), json, sarif or github
  --sources <dir>       add a folder of source articles (repeatable)
  --no-bundled          leave the bundled articles out
  --citation-style <s>  footnote (default), pandoc or link: how fixes cite
  --max-warnings <n>    exit 1 when there are more than n warnings
  --quiet               report errors only
  -h, --help            show this help
  -v, --version         show the version`;

interface Options {
  format: Format;
  sources: string[];
  bundled: boolean;
  citationStyle: CitationStyle;
  maxWarnings?: number;
  quiet: boolean;
  inputs: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Options | "help" | "version" {
  const o: Options = { format: "stylish", sources: [], bundled: true, citationStyle: "footnote", quiet: false, inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const eq = a.indexOf("=");
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    const name = a.startsWith("--") ? a.split("=")[0] : a;
    switch (name) {
      case "-h":
      case "--help":
        return "help";
      case "-v":
      case "--version":
        return "version";
      case "--format": {
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
        const n = Number(value());
        if (!Number.isInteger(n) || n < 0) throw new UsageError("--max-warnings takes a whole number of 0 or more");
        o.maxWarnings = n;
        break;
      }
      case "--quiet":
        o.quiet = true;
        break;
      default:
        if (a.startsWith("-") && a !== "-") throw new UsageError(`unknown option ${a}`);
        o.inputs.push(a);
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

  let failed = false;
  const fail = (path: string, message: string): void => {
    failed = true;
    io.stderr(`source-check: ${path}: ${message}\n`);
  };

  for (const dir of options.sources) {
    try {
      if (!statSync(dir).isDirectory()) fail(dir, "is not a folder of sources");
    } catch (e) {
      fail(dir, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  const { corpus, problems } = loadCorpus({ bundled: options.bundled, folders: options.sources.filter(isDir) });
  for (const p of problems) reportSourceProblem(p, fail);

  const { files, missing } = expandInputs(options.inputs, io.cwd);
  for (const m of missing) fail(m.path, m.message);

  const reports: FileReport[] = [];
  for (const path of files) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      fail(path, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      continue;
    }
    if (text.includes("\u0000")) {
      fail(path, "is not a text file (it contains NUL bytes)");
      continue;
    }
    const result: CheckResult = check(text, corpus, { citationStyle: options.citationStyle });
    const findings = options.quiet ? result.findings.filter((f) => f.severity === "error") : result.findings;
    reports.push({ path, text, claims: result.claims.length, findings });
  }

  io.stdout(FORMATS[options.format]({ reports, corpus }));
  if (failed) return 2;
  const errors = reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === "error").length, 0);
  const warnings = reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === "warning").length, 0);
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(`source-check: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function reportSourceProblem(p: SourceProblem, fail: (path: string, message: string) => void): void {
  fail(p.path, `source ${p.message}`);
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../../../package.json", import.meta.url), "utf8")) as { version: string };
    return pkg.version;
  } catch {
    return "unknown";
  }
}
