// The VS Code client: starts the Source Check language server for Markdown drafts,
// puts its commands in the palette (check every draft, the Claims view, the
// fact-check sheet, cite all unattributed, restart, output) and says in the status bar
// what the active file is: a draft and its findings, or a source and how many drafts
// cite it. All checking happens in the server; this file only wires VS Code to it.

import { existsSync } from "node:fs";
import * as vscode from "vscode";
import {
  ExecuteCommandRequest,
  LanguageClient,
  State,
  TransportKind,
  WorkDoneProgress,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { isDraftFile, MARKDOWN_GLOB } from "../../server/src/config/markdown-files.js";
import { ClaimsView, toRange, type ClaimsNode, type ClaimsResult } from "./claims-view.js";

/**
 * Where the server is: compiled by tsc during development (`npm run build`), or
 * bundled by esbuild in the package (`npm run package`; the .vsix has no out/).
 */
const SERVER_CANDIDATES = ["out/server/src/lsp/server.js", "dist/server.cjs"];

/** The scheme the server gives bundled sources when the client serves them read-only (server/src/lsp/convert.ts). */
const SOURCE_SCHEME = "source-check-source";

/** The server's commands (server/src/lsp/commands.ts). */
const SERVER = {
  checkWorkspace: "sourceCheck.server.checkWorkspace",
  claims: "sourceCheck.server.claims",
  sheet: "sourceCheck.server.sheet",
  citeAllUnattributed: "sourceCheck.server.citeAllUnattributed",
  documentStatus: "sourceCheck.server.documentStatus",
};

let client: LanguageClient | undefined;

/** What the extension hands the tests (and other extensions): the client and the Claims view. */
export interface SourceCheckApi {
  client(): LanguageClient | undefined;
  claims(): ClaimsResult | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<SourceCheckApi | undefined> {
  // SOURCE_CHECK_SERVER_PATH runs another server module instead (the real-editor
  // tests set it to a missing file to prove that a broken server fails them).
  const override = process.env.SOURCE_CHECK_SERVER_PATH;
  const candidates = override ? [override] : SERVER_CANDIDATES.map((p) => context.asAbsolutePath(p));
  const serverModule = candidates.find((p) => existsSync(p));
  if (!serverModule) {
    void vscode.window.showErrorMessage(`Source Check: the language server is missing (looked for ${candidates.join(", ")}).`);
    return undefined;
  }
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const output = vscode.window.createOutputChannel("Source Check", { log: true });
  context.subscriptions.push(output);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "markdown" },
      // The files the CLI checks too (.mdx has no language of its own without an extension).
      { scheme: "file", pattern: MARKDOWN_GLOB },
    ],
    synchronize: { configurationSection: "sourceCheck" },
    diagnosticCollectionName: "source-check",
    // The server answers pulls (LSP 3.17) once the writer pauses: pull on every change, and it coalesces them.
    diagnosticPullOptions: { onChange: true, onSave: false },
    outputChannel: output,
    // Hovers quote the sources: never trusted, never HTML.
    markdown: { isTrusted: false, supportHtml: false },
    // Go to source opens a bundled article read-only, through the provider below. VS Code
    // shows a diagnostic's message above the hover card: the card need not say it again.
    initializationOptions: { readOnlySources: true, diagnosticsInHover: true },
  };
  context.subscriptions.push(readOnlySources(context));
  client = new LanguageClient("sourceCheck", "Source Check", serverOptions, clientOptions);
  const ask = async <T>(command: string, ...args: unknown[]): Promise<T | null> => {
    if (!client || client.state !== State.Running) return null;
    return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) as T | null;
  };

  const claimsView = new ClaimsView((uri) => ask<ClaimsResult>(SERVER.claims, uri));
  const tree = vscode.window.createTreeView("sourceCheck.claims", { treeDataProvider: claimsView, showCollapseAll: true });
  context.subscriptions.push(claimsView, tree);
  const status = statusBar(ask);
  context.subscriptions.push(status);
  const refresh = (): void => {
    void claimsView.refresh(vscode.window.activeTextEditor?.document);
    void status.update();
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(refresh),
    // The draft was checked again (an edit, a source changed): the view follows.
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (e.uris.some((u) => u.toString() === active)) refresh();
    }),
    client.onDidChangeState(() => refresh()),
  );

  const draftUri = (arg: unknown): vscode.Uri | undefined => {
    if (arg instanceof vscode.Uri) return arg;
    if (typeof arg === "string") return vscode.Uri.parse(arg);
    const doc = vscode.window.activeTextEditor?.document;
    return doc && (doc.languageId === "markdown" || isDraftFile(doc.uri.path)) ? doc.uri : undefined;
  };
  const noDraft = (): undefined => {
    void vscode.window.showInformationMessage("Source Check: open a Markdown draft first.");
    return undefined;
  };

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- VS Code passes commands whatever their caller gives
  const command = (name: string, run: (...args: any[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(name, run));
  };

  command("sourceCheck.checkWorkspace", () =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: "Source Check", cancellable: false },
      async (progress) => {
        if (!client || client.state !== State.Running) return null;
        // The server reports each draft on our token; the notification shows it.
        const token = `source-check-${Date.now()}`;
        let last = 0;
        const listening = client.onProgress(WorkDoneProgress.type, token, (value) => {
          if (value.kind === "end") return;
          const pct = value.percentage ?? last;
          progress.report({ message: value.message, increment: Math.max(0, pct - last) });
          last = pct;
        });
        try {
          const result = (await client.sendRequest(ExecuteCommandRequest.type, {
            command: SERVER.checkWorkspace,
            arguments: [],
            workDoneToken: token,
          })) as {
            drafts: number;
            errors: number;
            warnings: number;
            infos: number;
            truncated: boolean;
          } | null;
          if (result) {
            const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? "" : "s"}`;
            const found = result.errors + result.warnings + result.infos;
            void vscode.window
              .showInformationMessage(
                `Source Check: ${plural(result.drafts, "draft")} checked: ${plural(result.errors, "error")}, ${plural(result.warnings, "warning")}, ${result.infos} info${result.truncated ? " (only the first 5,000 Markdown files)" : ""}.`,
                ...(found > 0 ? ["Show Problems"] : []),
              )
              .then((choice) => choice && vscode.commands.executeCommand("workbench.actions.view.problems"));
          }
          return result;
        } finally {
          listening.dispose();
        }
      },
    ),
  );
  command("sourceCheck.showClaims", async () => {
    await vscode.commands.executeCommand("sourceCheck.claims.focus");
    return claimsView.refresh(vscode.window.activeTextEditor?.document);
  });
  command("sourceCheck.revealClaim", async (node: ClaimsNode) => {
    if (!node || node.type === "group") return;
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(node.uri), { preserveFocus: false });
    const range = toRange(node.claim.range);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  });
  command("sourceCheck.openSourcePassage", async (node: ClaimsNode) => {
    if (!node || node.type === "group" || !node.claim.sourceLocation) return;
    const { uri, range } = node.claim.sourceLocation;
    await vscode.window.showTextDocument(vscode.Uri.parse(uri), {
      selection: toRange(range),
      preview: true,
      viewColumn: vscode.ViewColumn.Beside,
    });
  });
  command("sourceCheck.exportSheet", async (arg?: unknown, format?: "csv" | "html", target?: vscode.Uri) => {
    const uri = draftUri(arg);
    if (!uri) return noDraft();
    const chosen =
      format ??
      (
        await vscode.window.showQuickPick(
          [
            { label: "CSV", description: "for a spreadsheet", format: "csv" as const },
            { label: "HTML", description: "a printable page, claims highlighted", format: "html" as const },
          ],
          { title: "Source Check: Export Fact-Check Sheet" },
        )
      )?.format;
    if (!chosen) return undefined;
    const sheet = await ask<{ content: string; rows: number }>(SERVER.sheet, uri.toString(), chosen);
    if (!sheet) {
      void vscode.window.showWarningMessage("Source Check: this draft could not be checked, so it has no sheet.");
      return undefined;
    }
    const suggested = uri.with({ path: uri.path.replace(/\.[^./]+$/, "") + `.fact-check.${chosen}` });
    const file =
      target ??
      (await vscode.window.showSaveDialog({
        defaultUri: suggested.scheme === "file" ? suggested : undefined,
        filters: chosen === "csv" ? { CSV: ["csv"] } : { HTML: ["html"] },
      }));
    if (!file) return undefined;
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(sheet.content));
    if (!target)
      void vscode.window.showInformationMessage(
        `Source Check: ${sheet.rows} claim${sheet.rows === 1 ? "" : "s"} written to ${vscode.workspace.asRelativePath(file)}.`,
      );
    return { uri: file, rows: sheet.rows };
  });
  command("sourceCheck.citeAllUnattributed", async (arg?: unknown) => {
    const uri = draftUri(arg);
    if (!uri) return noDraft();
    const r = await ask<{ cited: number; applied: boolean }>(SERVER.citeAllUnattributed, uri.toString());
    if (r && r.cited === 0) void vscode.window.showInformationMessage("Source Check: nothing unattributed to cite.");
    return r;
  });
  command("sourceCheck.restartServer", async () => {
    if (!client) return false;
    await client.restart();
    return client.state === State.Running;
  });
  command("sourceCheck.showOutput", () => output.show(true));

  await client.start();
  refresh();
  return { client: () => client, claims: () => claimsView.current };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/**
 * Bundled sources as read-only documents: the server links to them as
 * `source-check-source:<path>`, and this serves the file's text, only from inside the
 * extension's own folder.
 */
function readOnlySources(context: vscode.ExtensionContext): vscode.Disposable {
  const root = context.extensionUri.with({ path: context.extensionUri.path.replace(/\/*$/, "/") });
  return vscode.workspace.registerTextDocumentContentProvider(SOURCE_SCHEME, {
    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
      const file = uri.with({ scheme: "file", query: "", fragment: "" });
      const fold = (p: string): string => (process.platform === "win32" ? p.toLowerCase() : p);
      if (!fold(file.path).startsWith(fold(root.path)) || file.path.split("/").includes(".."))
        throw new Error(`Source Check serves only its bundled sources, not ${uri.toString()}`);
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    },
  });
}

type Status =
  | { kind: "draft"; errors: number; warnings: number; infos: number; claims: number }
  | { kind: "source"; publisher?: string; citedBy: number; drafts: number }
  | { kind: "not-checked"; reason: string };

/**
 * The status bar says what the active file is, honestly: on a draft its findings by
 * severity (info included) and a click opens the Claims view; on a source that it is a
 * source and how many drafts cite it; on anything else, nothing.
 */
function statusBar(ask: <T>(command: string, ...args: unknown[]) => Promise<T | null>): vscode.Disposable & { update(): Promise<void> } {
  const item = vscode.window.createStatusBarItem("sourceCheck.status", vscode.StatusBarAlignment.Right, 100);
  item.name = "Source Check";
  let generation = 0;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  const update = async (): Promise<void> => {
    const mine = ++generation;
    const editor = vscode.window.activeTextEditor;
    if (!editor || (editor.document.languageId !== "markdown" && !isDraftFile(editor.document.uri.path))) {
      item.hide();
      return;
    }
    let status: Status | null;
    try {
      status = await ask<Status>(SERVER.documentStatus, editor.document.uri.toString());
    } catch {
      status = null;
    }
    if (mine !== generation) return;
    if (!status || status.kind === "not-checked") {
      item.hide();
      return;
    }
    if (status.kind === "source") {
      item.text = `$(book) Source · cited by ${status.citedBy} of ${plural(status.drafts, "draft")}`;
      item.tooltip = `Source Check: ${status.publisher ? `${status.publisher}: ` : ""}a source article, not checked itself. ${plural(status.citedBy, "draft")} in the workspace cite${status.citedBy === 1 ? "s" : ""} it.`;
      item.command = undefined;
      item.show();
      return;
    }
    const { errors, warnings, infos, claims } = status;
    item.text = `$(error) ${errors} $(warning) ${warnings} $(info) ${infos} Source Check`;
    item.tooltip = `Source Check: ${plural(claims, "claim")} checked; ${plural(errors, "error")}, ${plural(warnings, "warning")}, ${infos} info. Click for the Claims view.`;
    item.command = "sourceCheck.showClaims";
    item.show();
  };
  return Object.assign(vscode.Disposable.from(item), { update });
}
