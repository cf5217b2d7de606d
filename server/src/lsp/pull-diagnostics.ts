// Pull diagnostics (LSP 3.17), for a client that asks for them: `textDocument/diagnostic`
// for one draft, open or on disk, and `workspace/diagnostic` for every draft under the
// workspace folders, so a draft's problems are in the Problems panel before it is
// opened. A client that does not announce `textDocument.diagnostic` gets pushed
// diagnostics instead (server.ts), never both.
//
// A pull of an open draft waits for the writer to pause (the scheduler's debounce): a
// client that pulls on every keystroke cancels the pulls it no longer wants, and the
// one left is answered with the version the writer paused on, checked once. Each report
// has a result id (the draft's version, or the file's size and time on disk, and the
// settings' epoch), so a draft that has not changed is answered "unchanged" and a file
// on disk that has not changed is not read again.
//
// A client pulls the workspace again as soon as it has an answer (VS Code two seconds
// later). The server walks the workspace at most once per `workspaceIntervalMs`: a pull
// that comes sooner is held until that time, or until the settings, the sources or a
// config change (then it is answered at once), or until the client cancels it.

import { statSync } from "node:fs";
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from "vscode-languageserver/node";
import type { Refusal } from "../findings/limits.js";
import { draftOnDisk, workspaceMarkdownFiles, type CommandContext } from "./commands.js";
import { filePath, fileUri } from "./convert.js";
import { toDiagnostic } from "./diagnostics.js";
import type { CheckScheduler } from "./scheduler.js";

export interface PullContext extends CommandContext {
  scheduler: CheckScheduler;
  /** Resolves once the settings and sources are loaded for the first time. */
  ready: () => Promise<void>;
  /** The one diagnostic of a draft the checker refused. */
  refusalDiagnostic: (refusal: Refusal) => Diagnostic;
  /** The client now holds pulled diagnostics for this document: any pushed ones for it must go. */
  pulled: (uri: string) => void;
  /** The least time between two walks of the workspace for `workspace/diagnostic`. */
  workspaceIntervalMs: () => number;
}

export interface PullDiagnostics {
  /** How many pulls of this document wait for its check. */
  waitingFor(uri: string): number;
  /** Documents a workspace pull has reported: the client has them without a push. */
  readonly inWorkspace: ReadonlySet<string>;
  /** Pull requests answered, for sourceCheck/stats. */
  answered: number;
}

type Report = { kind: "full"; resultId: string; items: Diagnostic[] } | { kind: "unchanged"; resultId: string };

export function registerPullDiagnostics(ctx: PullContext): PullDiagnostics {
  const waiting = new Map<string, number>();
  const inWorkspace = new Set<string>();
  const state: PullDiagnostics = { waitingFor: (uri) => waiting.get(uri) ?? 0, inWorkspace, answered: 0 };

  /** The open document with this URI (as the client spells it), or undefined. */
  const openDocument = (uri: string) => ctx.documents.get(uri);

  const report = (resultId: string, previous: string | undefined, items: () => Diagnostic[]): Report =>
    previous === resultId ? { kind: "unchanged", resultId } : { kind: "full", resultId, items: items() };

  /** An open draft's report, once the writer has paused. */
  async function openReport(uri: string, previous: string | undefined, token: CancellationToken): Promise<Report> {
    waiting.set(uri, (waiting.get(uri) ?? 0) + 1);
    try {
      await Promise.race([ctx.scheduler.settled(uri), cancelled(token)]);
    } finally {
      const left = (waiting.get(uri) ?? 1) - 1;
      if (left > 0) waiting.set(uri, left);
      else waiting.delete(uri);
    }
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, "Source Check: the pull was cancelled");
    // The check runs in slices (the scheduler's, or one started now): wait for it without blocking the server.
    await Promise.race([ctx.drafts.whenChecked(uri), cancelled(token)]);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, "Source Check: the pull was cancelled");
    return openNow(uri, previous);
  }

  /** An open draft's report for its current version, checked now if it was not yet. */
  function openNow(uri: string, previous: string | undefined): Report {
    const doc = openDocument(uri);
    if (!doc) return diskReport(uri, previous);
    const resultId = `open:${ctx.drafts.epoch}:${doc.version}`;
    if (!ctx.drafts.isDraft(doc)) return report(resultId, previous, () => []);
    const checked = ctx.drafts.resultFor(uri);
    const refusal = checked ? undefined : ctx.drafts.refusal(uri);
    return report(resultId, previous, () =>
      checked ? checked.result.findings.map((f) => toDiagnostic(f, doc)) : refusal ? [ctx.refusalDiagnostic(refusal)] : [],
    );
  }

  /** A draft on disk: read and checked only when its size or time changed, or the settings did. */
  function diskReport(uri: string, previous: string | undefined): Report {
    const path = filePath(uri);
    let stamp = "gone";
    try {
      if (path) {
        const stat = statSync(path);
        stamp = `${stat.size}:${stat.mtimeMs}`;
      }
    } catch {
      // gone: no diagnostics
    }
    return report(`disk:${ctx.drafts.epoch}:${stamp}`, previous, () => {
      if (stamp === "gone") return [];
      const draft = draftOnDisk(ctx, uri);
      if (!draft) return [];
      if ("refusal" in draft) return [ctx.refusalDiagnostic({ reason: "failed", message: draft.refusal } as Refusal)];
      return draft.result.findings.map((f) => toDiagnostic(f, draft.doc));
    });
  }

  ctx.connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    await ctx.ready();
    const uri = params.textDocument.uri;
    const answer = openDocument(uri) ? await openReport(uri, params.previousResultId, token) : diskReport(uri, params.previousResultId);
    state.answered++;
    ctx.pulled(uri);
    return answer.kind === "full"
      ? { kind: DocumentDiagnosticReportKind.Full, resultId: answer.resultId, items: answer.items }
      : { kind: DocumentDiagnosticReportKind.Unchanged, resultId: answer.resultId };
  });

  let lastWalk: { at: number; epoch: number } | undefined;

  /** Waits until the workspace may be walked again: the interval is up, the epoch moved, or the pull was cancelled. */
  async function walkDue(token: CancellationToken): Promise<void> {
    const last = lastWalk;
    if (!last) return;
    const until = last.at + ctx.workspaceIntervalMs();
    while (Date.now() < until && ctx.drafts.epoch === last.epoch && !token.isCancellationRequested) {
      await Promise.race([new Promise((done) => setTimeout(done, Math.min(250, until - Date.now()))), cancelled(token)]);
    }
  }

  ctx.connection.languages.diagnostics.onWorkspace(async (params, token) => {
    await ctx.ready();
    await walkDue(token);
    if (token.isCancellationRequested) return { items: [] };
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const open = new Map(ctx.documents.all().map((d) => [filePath(d.uri), d]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const { files } = workspaceMarkdownFiles(ctx.roots());
    for (const path of files) {
      if (token.isCancellationRequested) break;
      const doc = open.get(path);
      // An open draft is reported as the editor holds it, at its version; one the writer is
      // typing in is left out (its document pull, or the next workspace pull, has it).
      if (doc && ctx.scheduler.pending(doc.uri)) continue;
      const uri = doc?.uri ?? fileUri(path);
      // An open draft's check runs in slices, waited for here rather than run at once.
      if (doc) {
        await ctx.drafts.whenChecked(doc.uri);
        if (token.isCancellationRequested) break;
        if (ctx.scheduler.pending(doc.uri)) continue;
      }
      const answer = doc ? openNow(doc.uri, previous.get(uri)) : diskReport(uri, previous.get(uri));
      const version = doc ? doc.version : null;
      items.push(
        answer.kind === "full"
          ? { kind: DocumentDiagnosticReportKind.Full, uri, version, resultId: answer.resultId, items: answer.items }
          : { kind: DocumentDiagnosticReportKind.Unchanged, uri, version, resultId: answer.resultId },
      );
      inWorkspace.add(uri);
      ctx.pulled(uri);
      // Let edits, hovers and document pulls through between drafts.
      if (answer.kind === "full") await new Promise((done) => setImmediate(done));
    }
    lastWalk = { at: Date.now(), epoch: ctx.drafts.epoch };
    state.answered++;
    return { items };
  });

  return state;
}

function cancelled(token: CancellationToken): Promise<void> {
  return new Promise((done) => {
    if (token.isCancellationRequested) done();
    else token.onCancellationRequested(() => done());
  });
}
