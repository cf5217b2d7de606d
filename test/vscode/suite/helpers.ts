// Shared by the extension-host tests: the workspace the launcher prepared, fresh
// copies of its drafts (so an applied fix never leaks into the next test), and
// waiting on what the language server publishes.

import * as vscode from "vscode";

export const SOURCE = "source-check";
export const EXTENSION_ID = "source-check.source-check";

/** The launcher's workspace folder: draft.md (examples/draft.md) and news-brief.md (the public brief). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error("no workspace folder: the launcher must open one");
  return folder.uri;
}

let copies = 0;

/** A fresh copy of one of the workspace's drafts, opened and shown in an editor. */
export async function openCopy(name: "draft.md" | "news-brief.md", tag: string): Promise<vscode.TextEditor> {
  const root = workspaceRoot();
  const text = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, name));
  const copy = vscode.Uri.joinPath(root, "copies", `${name.replace(/\.md$/, "")}.${tag}.${++copies}.md`);
  await vscode.workspace.fs.writeFile(copy, text);
  const doc = await vscode.workspace.openTextDocument(copy);
  return vscode.window.showTextDocument(doc);
}

/** Our diagnostics for a document. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** The diagnostic's code as a string (the server sends `{ value, target }` with a link to the README). */
export function codeOf(d: vscode.Diagnostic): string {
  const code = d.code;
  if (code === undefined) return "";
  return typeof code === "object" ? String(code.value) : String(code);
}

/** Polls until `accept` holds for our diagnostics on `uri`; fails with what was last seen. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const ds = ours(uri);
      return accept(ds) ? ds : undefined;
    },
    () => `${what}; last seen: ${JSON.stringify(ours(uri).map(describe))}`,
    timeoutMs,
  );
}

/** Polls `probe` (sync or async) every 100 ms until it returns something other than undefined. */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: () => string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const SEVERITY = ["error", "warning", "info", "hint"];

/** "line:code:severity" (0-based line), for assertions and messages. */
export function describe(d: vscode.Diagnostic): string {
  return `${d.range.start.line}:${codeOf(d)}:${SEVERITY[d.severity]}`;
}

/** Where `needle` starts on `line` (0-based). */
export function positionOf(doc: vscode.TextDocument, line: number, needle: string): vscode.Position {
  const at = doc.lineAt(line).text.indexOf(needle);
  if (at < 0) throw new Error(`“${needle}” is not on line ${line}: ${doc.lineAt(line).text}`);
  return new vscode.Position(line, at);
}

/** A hover's contents as one Markdown string. */
export function hoverMarkdown(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === "string" ? c : "value" in c ? c.value : ""))
    .join("\n\n");
}

/**
 * Quick fixes VS Code offers for a diagnostic, as the lightbulb asks for them, each
 * resolved as VS Code resolves the one the writer picks (the server sends edits only
 * on codeAction/resolve; `resolved: 0` leaves them as offered).
 */
export async function quickFixes(uri: vscode.Uri, d: vscode.Diagnostic, resolved = 100): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    "vscode.executeCodeActionProvider",
    uri,
    d.range,
    vscode.CodeActionKind.QuickFix.value,
    resolved,
  );
  return (actions ?? []).filter((a): a is vscode.CodeAction => "title" in a && !("command" in a && typeof a.command === "string"));
}

/** Sets a `sourceCheck` setting for the workspace (undefined removes it). */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration("sourceCheck").update(key, value, vscode.ConfigurationTarget.Workspace);
}
