// The VS Code client: starts the Source Check language server for Markdown drafts
// and shows the active draft's findings in the status bar. All checking happens in
// the server; this file only wires VS Code to it.

import { existsSync } from "node:fs";
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { isDraftFile, MARKDOWN_GLOB } from "../../server/src/config/markdown-files.js";

/**
 * Where the server is: compiled by tsc during development (`npm run build`), or
 * bundled by esbuild in the package (`npm run package`; the .vsix has no out/).
 */
const SERVER_CANDIDATES = ["out/server/src/lsp/server.js", "dist/server.cjs"];

/** The scheme the server gives bundled sources when the client serves them read-only (server/src/lsp/convert.ts). */
const SOURCE_SCHEME = "source-check-source";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // SOURCE_CHECK_SERVER_PATH runs another server module instead (the real-editor
  // tests set it to a missing file to prove that a broken server fails them).
  const override = process.env.SOURCE_CHECK_SERVER_PATH;
  const candidates = override ? [override] : SERVER_CANDIDATES.map((p) => context.asAbsolutePath(p));
  const serverModule = candidates.find((p) => existsSync(p));
  if (!serverModule) {
    void vscode.window.showErrorMessage(`Source Check: the language server is missing (looked for ${candidates.join(", ")}).`);
    return;
  }
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "markdown" },
      // The files the CLI checks too (.mdx has no language of its own without an extension).
      { scheme: "file", pattern: MARKDOWN_GLOB },
    ],
    synchronize: { configurationSection: "sourceCheck" },
    diagnosticCollectionName: "source-check",
    // Hovers quote the sources: never trusted, never HTML.
    markdown: { isTrusted: false, supportHtml: false },
    // Go to source opens a bundled article read-only, through the provider below.
    initializationOptions: { readOnlySources: true },
  };
  context.subscriptions.push(readOnlySources(context));
  client = new LanguageClient("sourceCheck", "Source Check", serverOptions, clientOptions);
  context.subscriptions.push(statusBar());
  await client.start();
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
      if (!fold(file.path).startsWith(fold(root.path)) || file.path.split("/").includes("..")) throw new Error(`Source Check serves only its bundled sources, not ${uri.toString()}`);
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    },
  });
}

/** "Source Check: 2 errors, 1 warning" for the active Markdown draft; opens the Problems panel. */
function statusBar(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem("sourceCheck.status", vscode.StatusBarAlignment.Right, 100);
  item.name = "Source Check";
  item.command = "workbench.actions.view.problems";
  const update = (): void => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || (editor.document.languageId !== "markdown" && !isDraftFile(editor.document.uri.path))) {
      item.hide();
      return;
    }
    const ours = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === "source-check");
    const errors = ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
    item.text = errors + warnings === 0 ? "$(pass) Source Check" : `$(error) ${errors} $(warning) ${warnings} Source Check`;
    item.tooltip = errors + warnings === 0 ? "Source Check: every figure and quote checks out" : `Source Check: ${plural(errors, "error")}, ${plural(warnings, "warning")}`;
    item.show();
  };
  update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (e.uris.some((u) => u.toString() === active)) update();
    }),
  );
}
