// The archive in the CLI: `source-check index <folders…>` builds or updates a store
// (the on-disk index, or the PostgreSQL archive), and a check whose source set names
// an archive (`.source-check.json` "archive", or `--index <dir>`) selects each draft's
// sources from it (corpus/store.ts).

import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { archiveOf, type ArchiveSpec } from "../config/project-config.js";
import { governingConfigPath, readProjectConfig } from "../config/draft-settings.js";
import { IndexError, updateIndex, DiskStore, type UpdateReport } from "../node/disk-index.js";
import { PostgresStore, updatePostgres } from "../node/postgres-store.js";
import type { CorpusStore } from "../corpus/store.js";
import { nodeHost } from "../node/host.js";
import { formatCount } from "../findings/limits.js";
/** The CLI's streams and working folder (cli/main.ts `CliIO`). */
interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

export const INDEX_USAGE = `Usage: source-check index [options] <folders of source articles…>

Builds or updates the archive that checks select their sources from: only added,
changed and removed files are read again. Progress goes to stderr.

Where it goes (the first that applies):
  --index-dir <dir>        an on-disk index in this folder
  --postgres <url>         the PostgreSQL archive at this URL (credentials from the
                           environment: PGPASSWORD, PGUSER, or ~/.pgpass)
  the nearest .source-check.json's "archive", from the working folder up
  .source-check/index beside the nearest .source-check.json
  the OS cache folder (~/.cache/source-check/…), when there is no config

Options:
  --max-file-size <size>   leave out source files larger than this (default 1m)
  -h, --help               show this help`;

/** The store an archive spec names. */
export function openStore(spec: ArchiveSpec): CorpusStore {
  return "postgres" in spec ? new PostgresStore(spec.postgres) : new DiskStore(spec.index);
}

/** The default index folder for a working folder: beside its config, else in the OS cache folder. */
export function defaultArchive(cwd: string): { spec: ArchiveSpec; why: string } {
  const config = governingConfigPath(join(cwd, "draft.md"), nodeHost.isFile);
  if (config) {
    const found = readProjectConfig(config, nodeHost);
    const spec = "config" in found ? archiveOf(config, found.config) : undefined;
    if (spec) return { spec, why: `the "archive" of ${config}` };
    return { spec: { index: resolve(dirname(config), ".source-check/index") }, why: `beside ${config}` };
  }
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  const key = createHash("sha256").update(resolve(cwd)).digest("hex").slice(0, 12);
  return { spec: { index: join(cache, "source-check", `index-${key}`) }, why: "in the OS cache folder (no .source-check.json here)" };
}

/** `source-check index …`: 0 built; 2 failed, or built with sources left out (each named on stderr). */
export async function indexCommand(
  argv: string[],
  io: CliIO,
  bar: (s: string) => void,
  parseSize: (raw: string) => number,
): Promise<number> {
  let spec: ArchiveSpec | undefined;
  let maxFileSize: number | undefined;
  const folders: string[] = [];
  try {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      const name = a.split("=")[0];
      const value = (): string => {
        const eq = a.indexOf("=");
        if (eq > 0) return a.slice(eq + 1);
        const v = argv[++i];
        if (v === undefined) throw new Error(`${a} needs a value`);
        return v;
      };
      if (a === "-h" || a === "--help") {
        io.stdout(INDEX_USAGE + "\n");
        return 0;
      } else if (name === "--index-dir") spec = { index: resolve(io.cwd, value()) };
      else if (name === "--postgres") spec = { postgres: value() };
      else if (name === "--max-file-size") maxFileSize = parseSize(value());
      else if (a.startsWith("-")) throw new Error(`unknown option ${a}`);
      else folders.push(resolve(io.cwd, a));
    }
    if (folders.length === 0) throw new Error("no folders of source articles given");
  } catch (e) {
    io.stderr(`source-check index: ${(e as Error).message}\n${INDEX_USAGE}\n`);
    return 2;
  }
  for (const f of folders) {
    let ok: boolean;
    try {
      ok = statSync(f).isDirectory();
    } catch {
      ok = false;
    }
    if (!ok) {
      io.stderr(`source-check index: ${f}: is not a folder of sources\n`);
      return 2;
    }
  }
  const where = spec ? { spec, why: "as given" } : defaultArchive(io.cwd);
  const target = "postgres" in where.spec ? `the PostgreSQL archive` : where.spec.index;
  io.stderr(`source-check index: ${target} (${where.why})\n`);
  const started = Date.now();
  let lastShown = 0;
  const progress = (done: number, total: number): void => {
    const now = Date.now();
    if (done !== total && now - lastShown < 250) return;
    lastShown = now;
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    bar(
      `\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${formatCount(done)}/${formatCount(total)} files, ${((now - started) / 1000).toFixed(1)} s`,
    );
  };
  let report: UpdateReport;
  try {
    report =
      "postgres" in where.spec
        ? await updatePostgres(where.spec.postgres, folders, { maxFileSize, progress })
        : updateIndex(where.spec.index, folders, { maxFileSize, progress });
  } catch (e) {
    io.stderr(`\nsource-check index: ${e instanceof IndexError ? e.message : (e as Error).message}\n`);
    return 2;
  }
  io.stderr("\n");
  if (report.rebuilt) io.stderr(`source-check index: rebuilt from nothing: ${report.rebuilt}\n`);
  for (const p of report.problems) io.stderr(`source-check index: ${p.path}: source ${p.message}; left out\n`);
  io.stderr(
    `source-check index: ${formatCount(report.total)} sources (${formatCount(report.added)} added, ${formatCount(report.changed)} changed, ${formatCount(report.removed)} removed, ${formatCount(report.unchanged)} unchanged) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return report.problems.length > 0 ? 2 : 0;
}
