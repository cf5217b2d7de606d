// Shared by the CLI tests: run `bin/source-check.js` as a real process from the repo
// root, and make throw-away drafts and sources.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (tests compile to out/test/cli). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const BIN = join(ROOT, "bin/source-check.js");
/** The shared evaluation drafts, relative to ROOT as a user would type them. */
export const DRAFTS = "test/eval/public/drafts";
export const NEWS_BRIEF = `${DRAFTS}/news-brief.md`;

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface JsonFinding {
  code: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  claim: { kind: string; text: string };
  evidence: { source: string; excerpt: string }[];
  fixes: { title: string; edits: { line: number; column: number; endLine: number; endColumn: number; newText: string }[] }[];
}

export interface JsonReport {
  version: number;
  sources: { id: string; title: string; publisher: string }[];
  files: { path: string; claims: number; findings: JsonFinding[] }[];
}

export function cliJson(args: string[], cwd = ROOT): Run & { report: JsonReport } {
  const r = cli(["--format", "json", ...args], cwd);
  let report: JsonReport;
  try {
    report = JSON.parse(r.stdout) as JsonReport;
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return { ...r, report };
}

const made: string[] = [];

/** A fresh temporary folder, removed by `cleanTemp`. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "source-check-cli-"));
  made.push(dir);
  return dir;
}

export function cleanTemp(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Writes a file under `dir`, making its folders; returns its absolute path. */
export function write(dir: string, rel: string, text: string): string {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

/** A source article in the contract's format. */
export function source(id: string, publisher: string, body: string): string {
  return `---\nid: ${id}\ntitle: ${publisher} on ${id}\npublisher: ${publisher}\n---\n\n${body}\n`;
}

/** A draft whose only claim is cited and backed by the bundled CTV News article. */
export const CLEAN_DRAFT = "# Stations\n\nChina has opened 54 stations in 30 countries [@ctv-news].\n";
/** A draft with one warning (an unattributed figure the bundled sources back) and nothing else. */
export const WARNING_DRAFT = "# Stations\n\nThree of the stations are in the Toronto area.\n";
/** A source and a draft citing it: the draft is clean only when the source is in the corpus. */
export const BRIDGES_SOURCE = source("my-paper", "The Daily Test", "The city has 17 bridges, officials said.");
export const BRIDGES_DRAFT = "# Bridges\n\nThe city has 17 bridges [@my-paper].\n";
