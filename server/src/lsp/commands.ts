// The server's commands (`workspace/executeCommand`), so every LSP client gets the
// newsroom's workflow, not only VS Code: check every draft of the workspace (opened
// or not, as `ignore` and `.source-check.json` say), list a draft's claims with their
// verdicts and sources (the Claims view), make its fact-check sheet, cite every
// unattributed claim at once, and say what a file is (a draft, or a source and how
// many drafts cite it). Each command maps checker data to the protocol; no checking
// logic lives here.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import {
  ExecuteCommandRequest,
  type Connection,
  type Diagnostic,
  type ExecuteCommandParams,
  type Location,
  type Range,
  type TextDocuments,
  type TextEdit as LspTextEdit,
  type WorkDoneProgressReporter,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { ClaimKind, Corpus, FindingCode, Severity } from "../index.js";
import { checkingDraft } from "../config/draft-settings.js";
import type { Checked } from "../findings/limits.js";
import { isDraftFile } from "../config/markdown-files.js";
import { drain, type Steps } from "../steps.js";
import { renderSheetCsv, renderSheetHtml, sheetRows, type SheetRow } from "../report/sheet.js";
import { VERDICT_GROUPS, type VerdictGroup } from "../report/claims.js";
import { mergeEdits } from "./code-actions.js";
import { fileUri, filePath, rangeIn, rangeInSource, sourceUri } from "./convert.js";
import { toDiagnostic } from "./diagnostics.js";
import { inSlices, type DraftResult, type Drafts } from "./documents.js";
import type { ProjectConfigs } from "./project-configs.js";
import type { Settings } from "./settings.js";
import type { WorkspaceSources } from "./workspace-sources.js";

/** The commands' names: the `server.` infix keeps them apart from the VS Code client's palette commands. */
export const COMMANDS = {
  checkWorkspace: "sourceCheck.server.checkWorkspace",
  claims: "sourceCheck.server.claims",
  sheet: "sourceCheck.server.sheet",
  citeAllUnattributed: "sourceCheck.server.citeAllUnattributed",
  documentStatus: "sourceCheck.server.documentStatus",
} as const;

export const COMMAND_IDS: string[] = Object.values(COMMANDS);

/** Folders never searched for drafts. */
const SKIPPED_FOLDERS = new Set(["node_modules", "out", "dist"]);
/** A workspace with more Markdown files than this is checked only this far (and says so). */
export const MAX_WORKSPACE_FILES = 5000;

export interface CommandContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  drafts: Drafts;
  sources: WorkspaceSources;
  configs: ProjectConfigs;
  settings: () => Settings;
  roots: () => string[];
  /** Whether the client takes versioned documentChanges in a WorkspaceEdit. */
  documentChanges: () => boolean;
  /** Whether the client lets the server create progress (window.workDoneProgress). */
  workDoneProgress: () => boolean;
  /** Publishes a draft's diagnostics and remembers that the client holds them. */
  publish: (uri: string, diagnostics: Diagnostic[], version?: number) => void;
  logError: (message: string) => void;
}

export interface WorkspaceCheckResult {
  /** The drafts checked (opened or not). */
  drafts: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Drafts not checked (too large, not UTF-8, unreadable…), with why. */
  skipped: { uri: string; reason: string }[];
  /** Each checked draft with findings, and its counts. */
  files: { uri: string; errors: number; warnings: number; infos: number }[];
  /** True when the workspace had more Markdown files than the server looks at. */
  truncated: boolean;
}

/** One claim as the Claims view shows it. */
export interface ClaimItem {
  kind: ClaimKind;
  text: string;
  range: Range;
  group: VerdictGroup;
  groupLabel: string;
  verdict: string;
  code?: FindingCode;
  severity?: Severity;
  source?: { id: string; publisher: string; title: string; date?: string; url?: string };
  sourceSentence?: string;
  /** Where the source's sentence is: open it to read the passage. */
  sourceLocation?: Location;
}

export interface ClaimsResult {
  uri: string;
  groups: { group: VerdictGroup; label: string }[];
  claims: ClaimItem[];
}

export type DocumentStatus =
  | { kind: "draft"; errors: number; warnings: number; infos: number; claims: number }
  | { kind: "source"; id?: string; publisher?: string; citedBy: number; drafts: number }
  | { kind: "not-checked"; reason: string };

export function registerCommands(ctx: CommandContext): void {
  // As a plain request, not onExecuteCommand: that one takes the client's progress token out of the params.
  ctx.connection.onRequest(ExecuteCommandRequest.type, async (params: ExecuteCommandParams) => {
    try {
      const args = params.arguments ?? [];
      switch (params.command) {
        case COMMANDS.checkWorkspace:
          return await checkWorkspace(
            ctx,
            params.workDoneToken !== undefined ? ctx.connection.window.attachWorkDoneProgress(params.workDoneToken) : undefined,
          );
        case COMMANDS.claims:
          return await claims(ctx, uriArg(args[0]));
        case COMMANDS.sheet:
          return await sheet(ctx, uriArg(args[0]), args[1] === "html" ? "html" : "csv");
        case COMMANDS.citeAllUnattributed:
          return await citeAll(ctx, uriArg(args[0]), args[1] !== false);
        case COMMANDS.documentStatus:
          return await documentStatus(ctx, uriArg(args[0]));
        default:
          return null;
      }
    } catch (e) {
      ctx.logError(`Source Check: ${params.command} failed: ${(e as Error).stack ?? String(e)}`);
      return null;
    }
  });
}

function uriArg(arg: unknown): string {
  if (typeof arg === "string") return arg;
  const uri = (arg as { uri?: unknown } | null)?.uri;
  if (typeof uri === "string") return uri;
  throw new Error("the command needs a document URI as its first argument");
}

/** Every Markdown file under the workspace folders (not in hidden folders or node_modules), at most MAX_WORKSPACE_FILES. */
export function workspaceMarkdownFiles(roots: string[]): { files: string[]; truncated: boolean } {
  const files: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string): boolean => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name.startsWith(".") || SKIPPED_FOLDERS.has(e.name)) continue;
        if (!walk(path)) return false;
      } else if (e.isFile() && isDraftFile(e.name) && !seen.has(path)) {
        if (files.length >= MAX_WORKSPACE_FILES) return false;
        seen.add(path);
        files.push(path);
      }
    }
    return true;
  };
  let truncated = false;
  for (const root of roots) if (!walk(root)) truncated = true;
  return { files, truncated };
}

/** A draft checked as the server checks open ones: the open version (waited for while it is checked in slices), else the file on disk (checked in slices). */
async function draftAt(ctx: CommandContext, uri: string): Promise<DraftResult | { refusal: string } | undefined> {
  if (ctx.documents.get(uri)) {
    const r = await ctx.drafts.whenChecked(uri);
    if (r) return r;
    const refusal = ctx.drafts.refusal(uri);
    return refusal ? { refusal: refusal.message } : undefined;
  }
  const read = readDraftOnDisk(ctx, uri);
  if (!read || "refusal" in read) return read;
  return checkedOnDisk(read, (await inSlices(read.steps))!);
}

/**
 * A draft that is not open, read from disk and checked at once, as the server checks
 * open ones: for `workspace/diagnostic` (pull-diagnostics.ts), whose reports are made
 * synchronously. Undefined when the file is not a draft to check.
 */
export function draftOnDisk(ctx: CommandContext, uri: string): DraftResult | { refusal: string } | undefined {
  const read = readDraftOnDisk(ctx, uri);
  if (!read || "refusal" in read) return read;
  return checkedOnDisk(read, drain(read.steps));
}

interface DiskDraft {
  doc: TextDocument;
  corpus: Corpus;
  steps: Steps<Checked>;
}

/** A draft file read from disk, with its check in steps (not yet run); a refusal when it cannot be read or is too large. */
function readDraftOnDisk(ctx: CommandContext, uri: string): DiskDraft | { refusal: string } | undefined {
  const path = filePath(uri);
  if (!path) return undefined;
  const settings = ctx.settings();
  let text: string;
  try {
    if (statSync(path).size > settings.maxFileSize) return { refusal: "is larger than sourceCheck.maxFileSize" };
    const bytes = readFileSync(path);
    if (bytes.includes(0)) return { refusal: "is not a text file" };
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (e) {
    return { refusal: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const doc = TextDocument.create(uri, "markdown", 0, text);
  if (!ctx.drafts.isDraft(doc)) return undefined;
  const corpus = ctx.drafts.corpusFor(doc);
  return { doc, corpus, steps: checkingDraft(text, corpus, ctx.configs.forUri(uri), { maxFileSize: settings.maxFileSize }) };
}

function checkedOnDisk({ doc, corpus }: DiskDraft, checked: Checked): DraftResult | { refusal: string } {
  if ("refusal" in checked) return { refusal: checked.refusal.message };
  return { doc, result: checked.result, corpus };
}

function isChecked(d: DraftResult | { refusal: string } | undefined): d is DraftResult {
  return d !== undefined && !("refusal" in d);
}

function counts(draft: DraftResult): { errors: number; warnings: number; infos: number } {
  const f = draft.result.findings;
  return {
    errors: f.filter((x) => x.severity === "error").length,
    warnings: f.filter((x) => x.severity === "warning").length,
    infos: f.filter((x) => x.severity === "info").length,
  };
}

async function checkWorkspace(ctx: CommandContext, attached: WorkDoneProgressReporter | undefined): Promise<WorkspaceCheckResult> {
  let progress = attached;
  if (!progress && ctx.workDoneProgress()) {
    try {
      progress = await ctx.connection.window.createWorkDoneProgress();
    } catch {
      progress = undefined;
    }
  }
  const { files, truncated } = workspaceMarkdownFiles(ctx.roots());
  progress?.begin("Source Check: checking the drafts", 0, `${files.length} Markdown file${files.length === 1 ? "" : "s"}`, false);
  const out: WorkspaceCheckResult = { drafts: 0, errors: 0, warnings: 0, infos: 0, skipped: [], files: [], truncated };
  try {
    for (const [i, path] of files.entries()) {
      const uri = ctx.documents.all().find((d) => filePath(d.uri) === path)?.uri ?? fileUri(path);
      const draft = await draftAt(ctx, uri);
      if (draft && "refusal" in draft) out.skipped.push({ uri, reason: draft.refusal });
      else if (draft) {
        out.drafts++;
        const c = counts(draft);
        out.errors += c.errors;
        out.warnings += c.warnings;
        out.infos += c.infos;
        if (c.errors + c.warnings + c.infos > 0) out.files.push({ uri, ...c });
        // Open drafts are published by the editor's own checks; the others here.
        if (!ctx.documents.get(uri))
          ctx.publish(
            uri,
            draft.result.findings.map((f) => toDiagnostic(f, draft.doc)),
          );
      }
      progress?.report(Math.round(((i + 1) / Math.max(1, files.length)) * 100), relative(ctx.roots()[0] ?? "", path) || basename(path));
      // Let other requests (hovers, edits) through between drafts.
      await new Promise((done) => setImmediate(done));
    }
  } finally {
    progress?.done();
  }
  return out;
}

function claimItems(draft: DraftResult): ClaimItem[] {
  const rows = sheetRows(draft.doc.getText(), draft.result, draft.corpus);
  return rows.map((r) => toClaimItem(r, draft.doc, draft.corpus));
}

function toClaimItem(r: SheetRow, doc: TextDocument, corpus: Corpus): ClaimItem {
  const item: ClaimItem = {
    kind: r.kind,
    text: r.claim,
    range: rangeIn(doc, r.span),
    group: r.group,
    groupLabel: VERDICT_GROUPS.find((g) => g.group === r.group)!.label,
    verdict: r.verdict,
  };
  if (r.code) item.code = r.code;
  if (r.severity) item.severity = r.severity;
  if (r.source) item.source = r.source;
  if (r.sourceSentence) item.sourceSentence = r.sourceSentence;
  const source = r.source && corpus.source(r.source.id);
  if (source && r.sourceSpan) item.sourceLocation = { uri: sourceUri(source), range: rangeInSource(source, r.sourceSpan) };
  return item;
}

async function claims(ctx: CommandContext, uri: string): Promise<ClaimsResult | null> {
  const draft = await draftAt(ctx, uri);
  if (!isChecked(draft)) return null;
  return { uri, groups: VERDICT_GROUPS.map(({ group, label }) => ({ group, label })), claims: claimItems(draft) };
}

function shownPath(ctx: CommandContext, uri: string): string {
  const path = filePath(uri);
  if (!path) return uri;
  for (const root of ctx.roots()) {
    const rel = relative(root, path);
    if (rel && !rel.startsWith("..") && !rel.startsWith(sep)) return rel.split(sep).join("/");
  }
  return basename(path);
}

async function sheet(
  ctx: CommandContext,
  uri: string,
  format: "csv" | "html",
): Promise<{ format: string; content: string; rows: number } | null> {
  const draft = await draftAt(ctx, uri);
  if (!isChecked(draft)) return null;
  const text = draft.doc.getText();
  const path = shownPath(ctx, uri);
  const sheets = [{ path, text, rows: sheetRows(text, draft.result, draft.corpus) }];
  const content = format === "html" ? renderSheetHtml(sheets, { title: `Fact-check sheet: ${path}` }) : renderSheetCsv(sheets);
  return { format, content, rows: sheets[0].rows.length };
}

const UNATTRIBUTED = new Set<FindingCode>(["figure-unattributed", "quote-unattributed"]);

/** One edit citing the backing source of every unattributed claim; applied through the client unless `apply` is false. */
async function citeAll(
  ctx: CommandContext,
  uri: string,
  apply: boolean,
): Promise<{ edit: WorkspaceEdit; cited: number; applied: boolean } | null> {
  const draft = await ctx.drafts.whenChecked(uri);
  if (!draft) return null;
  const unattributed = draft.result.findings.filter((f) => UNATTRIBUTED.has(f.code) && f.fixes.length > 0);
  const edits: LspTextEdit[] = mergeEdits(unattributed.map((f) => f.fixes[0].edits)).map((e) => ({
    range: rangeIn(draft.doc, e.span),
    newText: e.newText,
  }));
  const edit: WorkspaceEdit = ctx.documentChanges()
    ? { documentChanges: [{ textDocument: { uri, version: draft.doc.version }, edits }] }
    : { changes: { [uri]: edits } };
  let applied = false;
  if (apply && edits.length > 0) applied = (await ctx.connection.workspace.applyEdit({ label: "Cite all unattributed", edit })).applied;
  return { edit, cited: unattributed.length, applied };
}

/** Texts of workspace drafts already checked for the status of a source, by path and modification time. */
const citingCache = new Map<string, { mtime: number; cites: Set<string> }>();

async function documentStatus(ctx: CommandContext, uri: string): Promise<DocumentStatus> {
  const doc = ctx.documents.get(uri);
  if (!ctx.settings().enable) return { kind: "not-checked", reason: "Source Check is turned off (sourceCheck.enable)" };
  const governing = ctx.configs.forUri(uri);
  if (ctx.sources.isSourceDocument(uri, governing.sources.folders)) {
    const path = filePath(uri);
    const corpus = ctx.drafts.corpusFor(doc ?? TextDocument.create(uri, "markdown", 0, ""));
    const source = [corpus, ctx.sources.corpus].flatMap((c) => c.sources).find((s) => s.path === path);
    const { files } = workspaceMarkdownFiles(ctx.roots());
    let citedBy = 0;
    let drafts = 0;
    for (const file of files) {
      const cites = await citedSourcesOf(ctx, file);
      if (!cites) continue;
      drafts++;
      if (source && cites.has(source.id)) citedBy++;
    }
    return { kind: "source", ...(source ? { id: source.id, publisher: source.publisher } : {}), citedBy, drafts };
  }
  const draft = await draftAt(ctx, uri);
  if (draft && "refusal" in draft) return { kind: "not-checked", reason: `this draft ${draft.refusal}` };
  if (!draft) {
    const reason = governing.ignored ? "ignored by its .source-check.json" : "not a Markdown draft";
    return { kind: "not-checked", reason };
  }
  return { kind: "draft", ...counts(draft), claims: draft.result.claims.length };
}

/** The source ids a workspace draft cites, or undefined when the file is not a draft. */
async function citedSourcesOf(ctx: CommandContext, path: string): Promise<Set<string> | undefined> {
  const uri = ctx.documents.all().find((d) => filePath(d.uri) === path)?.uri ?? fileUri(path);
  let mtime: number;
  try {
    mtime = statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
  const open = ctx.documents.get(uri);
  const key = `${path}\u0000${open ? `v${open.version}` : ""}`;
  const cached = citingCache.get(key);
  if (cached && cached.mtime === mtime) return cached.cites;
  const draft = await draftAt(ctx, uri);
  if (!isChecked(draft)) return undefined;
  const cites = new Set(draft.result.citations.flatMap((c) => c.sources));
  citingCache.set(key, { mtime, cites });
  return cites;
}
