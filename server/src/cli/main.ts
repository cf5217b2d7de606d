// The headless CLI: `source-check [options] <files, folders or globs…>`. An
// adapter: it reads files, calls `check`, and renders findings; it holds no checking
// logic. Exit status: 0 no error-severity finding, 1 at least one, 2 the run
// itself failed (bad option, unreadable file, broken source or config).
//
// Each draft is governed by the nearest `.source-check.json` above it: its source
// folders, bundled flag, citation style, rules and ignore globs. Command-line flags add
// to it (`--sources`) or override it (`--no-bundled`, `--citation-style`). The core
// decides all that (config/draft-settings.ts), as it does for the language server; a
// corpus is loaded once per distinct source set.

import { readFileSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { loadCorpus } from "../node/sources.js";
import { overLimit, readRegularFile } from "../node/read-file.js";
import { nodeHost } from "../node/host.js";
import type { Corpus } from "../corpus/corpus.js";
import type { CheckResult, Finding, Source, Span } from "../model.js";
import { LineIndex } from "../parsing/positions.js";
import type { CitationStyle } from "../findings/fixes.js";
import { checkDraft, DraftSettingsResolver, sourceSetKey, type SourceSet } from "../config/draft-settings.js";
import { expandInputs } from "./inputs.js";
import { DEFAULT_MAX_FILE_SIZE, formatCount } from "../findings/limits.js";
import { FORMATS, type Format } from "./formats.js";
import { printable } from "./terminal.js";
import type { FileReport, ReportedFinding, RunProblem } from "./report.js";
import { sheetRows } from "../report/sheet.js";
import { ArchiveCorpus } from "../corpus/store.js";
import { indexCommand, openStore } from "./archive.js";

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

const USAGE = `Usage: source-check [options] <files, folders or globs…>
       source-check index [options] <folders…>   (build the archive; index --help)

Checks the figures and quotes in Markdown drafts against the source articles.

Options:
  --format <name>          stylish (default), json, sarif, github, or the fact-check
                           sheet: csv or html (one row per claim, with its source)
  --sources <dir>          add a folder of source articles (repeatable)
  --no-bundled             leave the bundled articles out
  --index <dir>            select each draft's sources from the on-disk index in
                           this folder too (built by source-check index)
  --citation-style <s>     footnote (default), pandoc or link: how fixes cite
  --max-warnings <n>       exit 1 when there are more than n warnings
  --quiet                  report errors only (warnings still count for --max-warnings)
  --max-file-size <size>   skip (and report, exit 2) drafts larger than this: bytes,
                           or with k or m (1024-based); default 1m
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
  maxFileSize: number;
  config: boolean;
  allowOutsideSources: boolean;
  /** --index: an on-disk index for every draft, whatever its config says. */
  archive?: { index: string };
  inputs: string[];
}

class UsageError extends Error {}

const FLAGS_WITHOUT_VALUE = new Set(["--no-bundled", "--quiet", "--no-config", "--allow-outside-sources", "--help", "--version"]);

function parseArgs(argv: string[]): Options | "help" | "version" {
  const o: Options = {
    format: "stylish",
    sources: [],
    quiet: false,
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    config: true,
    allowOutsideSources: false,
    inputs: [],
  };
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
      case "--index":
        o.archive = { index: value() };
        break;
      case "--citation-style": {
        const s = value();
        if (!["footnote", "pandoc", "link"].includes(s))
          throw new UsageError(`--citation-style must be footnote, pandoc or link, not "${s}"`);
        o.citationStyle = s as CitationStyle;
        break;
      }
      case "--max-warnings": {
        const raw = value();
        const n = Number(raw);
        if (raw.trim() === "" || !Number.isInteger(n) || n < 0)
          throw new UsageError(`--max-warnings takes a whole number of 0 or more, not "${raw}"`);
        o.maxWarnings = n;
        break;
      }
      case "--quiet":
        o.quiet = true;
        break;
      case "--max-file-size":
        o.maxFileSize = parseSize(value());
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

/** A --max-file-size value: bytes, or with k or m (1024-based). */
function parseSize(raw: string): number {
  const m = /^(\d+)\s*([km]?)i?b?$/i.exec(raw.trim());
  const n = m ? Number(m[1]) * (m[2] === "" ? 1 : m[2].toLowerCase() === "k" ? 1024 : 1024 * 1024) : NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`--max-file-size takes a size in bytes of 1 or more (e.g. 1048576, 512k, 2m), not "${raw}"`);
  return n;
}

/** The archives of a run, one per source set, shared by the prefetch and the check. */
class Archives {
  private readonly byKey = new Map<string, ArchiveCorpus | { broken: string }>();

  get(set: SourceSet, base: () => Corpus): ArchiveCorpus | { broken: string } {
    const key = sourceSetKey(set);
    let archive = this.byKey.get(key);
    if (!archive) {
      archive = new ArchiveCorpus(base(), openStore(set.archive!));
      this.byKey.set(key, archive);
    }
    return archive;
  }

  breaks(set: SourceSet, message: string): void {
    this.byKey.set(sourceSetKey(set), { broken: message });
  }

  async close(): Promise<void> {
    for (const a of this.byKey.values()) if (a instanceof ArchiveCorpus) await a.store.close?.();
  }
}

/**
 * The CLI's entry point: `index …` builds an archive; anything else is a check. A
 * check against the PostgreSQL archive asks it first, for every draft (the checker
 * itself is synchronous), then checks as `run` does.
 */
export async function main(argv: string[], terminal: CliIO): Promise<number> {
  const io: CliIO = { ...terminal, stderr: (s) => terminal.stderr(printable(s)) };
  if (argv[0] === "index")
    return indexCommand(argv.slice(1), io, terminal.stderr, (raw) => {
      try {
        return parseSize(raw);
      } catch (e) {
        throw new Error((e as Error).message, { cause: e });
      }
    });
  const archives = new Archives();
  try {
    const options = parseArgs(argv);
    if (typeof options !== "string") {
      const settings = new DraftSettingsResolver(nodeHost, {
        useConfigs: options.config,
        allowOutsideSources: options.allowOutsideSources,
      });
      // The command line's folders as run reads them, so each draft's source set is the one run checks against.
      const folders = options.sources.map((d) => resolve(io.cwd, d)).filter((d) => nodeHost.isDirectory(d));
      if (options.archive) options.archive = { index: resolve(io.cwd, options.archive.index) };
      const adapter = adapterSettings(options, folders);
      const { files } = expandInputs(options.inputs, io.cwd);
      for (const path of files) {
        const abs = resolve(io.cwd, path);
        const draft = settings.forDraft(abs, adapter);
        const set = draft.sources;
        if (draft.ignored || !set.archive || !("postgres" in set.archive)) continue;
        const text = readDraft(abs, options.maxFileSize, () => undefined);
        if (text === undefined) continue;
        const archive = archives.get(set, () => corpusOf(set, options.maxFileSize).corpus);
        if (!(archive instanceof ArchiveCorpus)) continue;
        try {
          await archive.prefetch(text);
        } catch (e) {
          archives.breaks(set, (e as Error).message);
        }
      }
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    // run says what is wrong with the command line
  }
  try {
    return run(argv, terminal, archives);
  } finally {
    await archives.close();
  }
}

/** The sources always in memory for a set: the bundled articles and the folders (an archive's are selected per draft). */
function corpusOf(set: SourceSet, maxFileSize: number): ReturnType<typeof loadCorpus> {
  return loadCorpus({ bundled: set.bundled, folders: set.folders, maxFileSize });
}

function adapterSettings(opts: Options, folders: string[]) {
  return {
    folders,
    defaults: { bundled: true, citationStyle: "footnote" as const },
    overrides: { bundled: opts.bundled, citationStyle: opts.citationStyle, archive: opts.archive },
  };
}

export function run(argv: string[], terminal: CliIO, archives = new Archives()): number {
  // Everything written to stderr, and the formats a person reads, are printable: no control character from a file reaches the terminal.
  const io: CliIO = { ...terminal, stderr: (s) => terminal.stderr(printable(s)) };
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

  if (opts.archive) opts.archive = { index: resolve(io.cwd, opts.archive.index) };
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
      if (p.startsWith(abs + sep))
        return (
          shown.replace(/[\\/]+$/, "") +
          "/" +
          p
            .slice(abs.length + 1)
            .split(sep)
            .join("/")
        );
    }
    return isAbsolute(p) ? display(p) : p;
  };

  // One corpus per distinct source set.
  const corpora = new Map<string, Corpus>();
  const corpusFor = (set: SourceSet): Corpus => {
    const key = sourceSetKey(set);
    let corpus = corpora.get(key);
    if (!corpus) {
      const loaded = corpusOf(set, opts.maxFileSize);
      for (const p of loaded.problems) fail(shownSourcePath(p.path), `source ${p.message}`);
      corpus = loaded.corpus;
      corpora.set(key, corpus);
    }
    return corpus;
  };

  // Each draft's settings, as the core decides them (config/draft-settings.ts): the
  // command line's flags override a config, which overrides the built-in defaults.
  const settings = new DraftSettingsResolver(nodeHost, { useConfigs: opts.config, allowOutsideSources: opts.allowOutsideSources }, display);
  const adapter = adapterSettings(
    opts,
    cliFolders.map((f) => f.abs),
  );
  /** Each config's problems are reported once, when it is first read. */
  const reportedConfigs = new Set<string>();
  const settingsFor = (draftAbs: string) => {
    const s = settings.forDraft(draftAbs, adapter);
    const settled = s.configPath === undefined ? undefined : settings.configs.get(s.configPath);
    if (settled && !reportedConfigs.has(settled.path)) {
      reportedConfigs.add(settled.path);
      for (const p of settled.problems) fail(display(p.path), p.message);
      for (const abs of settled.folders) if (!shownFolder.has(abs)) shownFolder.set(abs, display(abs));
    }
    return s;
  };

  const { files, missing } = expandInputs(opts.inputs, io.cwd);
  for (const m of missing) fail(m.path, m.message);

  const reports: FileReport[] = [];
  const usedSources = new Map<string, Source>();
  for (const path of files) {
    const abs = resolve(io.cwd, path);
    const draft = settingsFor(abs);
    if (draft.ignored) continue;
    const text = readDraft(abs, opts.maxFileSize, (message) => fail(path, message));
    if (text === undefined) continue;
    let corpus: Corpus;
    if (draft.sources.archive) {
      // The store's sources for this draft, beside the set's own (corpus/store.ts).
      const set = draft.sources;
      const base = corpusFor({ bundled: set.bundled, folders: set.folders });
      const archive = archives.get(set, () => base);
      try {
        if (!(archive instanceof ArchiveCorpus)) throw new Error(archive.broken);
        corpus = archive.corpusFor(text);
      } catch (e) {
        fail(path, `cannot be checked against the archive: ${(e as Error).message}`);
        continue;
      }
    } else corpus = corpusFor(draft.sources);
    for (const s of corpus.sources) if (!usedSources.has(s.id)) usedSources.set(s.id, s);
    const checked = checkDraft(text, corpus, draft, { maxFileSize: opts.maxFileSize });
    if ("refusal" in checked) {
      fail(path, `${checked.refusal.message}${checked.refusal.reason === "too-large" ? " (--max-file-size)" : ""}; not checked`);
      continue;
    }
    reports.push({
      path,
      text,
      claims: checked.result.claims.length,
      findings: withContext(text, checked.result),
      // Only the fact-check sheet's formats read its rows: no other run pays for them.
      sheet: opts.format === "csv" || opts.format === "html" ? sheetRows(text, checked.result, corpus) : [],
    });
  }
  if (corpora.size === 0) {
    // No draft was checked: still read the command line's sources, so a broken one is reported.
    for (const s of corpusFor({ bundled: opts.bundled ?? true, folders: cliFolders.map((f) => f.abs) }).sources) usedSources.set(s.id, s);
  }

  const errors = count(reports, "error");
  const warnings = count(reports, "warning");
  const shown = opts.quiet ? reports.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === "error") })) : reports;
  const output = FORMATS[opts.format]({ reports: shown, sources: [...usedSources.values()], version: version(), cwd: io.cwd, problems });
  // JSON and SARIF escape control characters themselves (and are read by programs).
  io.stdout(opts.format === "stylish" || opts.format === "github" ? printable(output) : output);

  const tooManyWarnings = opts.maxWarnings !== undefined && warnings > opts.maxWarnings;
  if (tooManyWarnings)
    io.stderr(`source-check: ${warnings} warning${warnings === 1 ? "" : "s"}, more than --max-warnings ${opts.maxWarnings}\n`);
  if (problems.length > 0) return 2;
  if (errors > 0 || tooManyWarnings) return 1;
  return 0;
}

/**
 * A draft's text, or undefined after reporting why it cannot be checked: unreadable,
 * over the size limit (known from its size before it is read), binary (NUL bytes), or
 * not UTF-8. A UTF-8 byte order mark is left out, as editors leave it out, so lines
 * and columns are the editor's.
 */
function readDraft(abs: string, maxFileSize: number, fail: (message: string) => void): string | undefined {
  // Only a regular file, and at most one byte past the limit: a FIFO, a device (which
  // says it has 0 bytes) or a file growing while it is read is never read to its end.
  const read = readRegularFile(abs, maxFileSize);
  if ("problem" in read) {
    fail(read.kind === "not-regular" ? read.problem.replace(/; not read$/, "; not checked") : read.problem);
    return undefined;
  }
  const bytes = read.bytes;
  const over = overLimit(read, maxFileSize);
  if (over) {
    fail(`${over} (--max-file-size); not checked`);
    return undefined;
  }
  if (bytes.includes(0)) {
    fail("is not a text file (it contains NUL bytes)");
    return undefined;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    fail(`is not valid UTF-8 (the first bad byte is at offset ${formatCount(firstInvalidUtf8(bytes))}); save it as UTF-8`);
    return undefined;
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = b === 0xe0 ? 0xa0 : 0x80;
      if (b === 0xed) max = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = b === 0xf0 ? 0x90 : 0x80;
      if (b === 0xf4) max = 0x8f;
    } else {
      return i;
    }
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += need + 1;
  }
  return bytes.length;
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
    let context =
      sentenceOf.get(f) ??
      result.claims.find((c) => c.claim.sentence.start <= f.span.start && f.span.end <= c.claim.sentence.end)?.claim.sentence;
    if (!context) {
      lines ??= new LineIndex(text);
      const first = lines.positionAt(f.span.start).line;
      const last = lines.positionAt(f.span.end).line;
      context = { start: lines.lineStart(first), end: lines.lineEnd(last) };
    }
    // The finding's own properties as they are: its fixes stay made on first read (only
    // the formats that print fixes read them), where a spread would make them now.
    return Object.defineProperties(
      {},
      {
        ...Object.getOwnPropertyDescriptors(f),
        context: { value: context, enumerable: true, writable: true, configurable: true },
      },
    ) as ReportedFinding;
  });
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
