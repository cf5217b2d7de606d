// A small LSP client for tests: spawns `node bin/source-check-server.js --stdio` as a
// real child process and talks JSON-RPC to it over its stdin/stdout, as an editor
// would. It keeps the documents it opens (applying its own edits) and every
// diagnostic the server publishes.

import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type FileEvent,
  type Hover,
  type InitializeResult,
  type Location,
  type MessageConnection,
  type Position,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type TextEdit,
  type WorkspaceDiagnosticReport,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";

export const REPO = process.cwd();
export const SERVER = resolve(REPO, "bin/source-check-server.js");
export const DRAFTS = resolve(REPO, "test/eval/public/drafts");
export const BUNDLED_SOURCES = resolve(REPO, "server/sources");

export function fileUri(path: string): string {
  return pathToFileURL(resolve(path)).href;
}

export interface StartOptions {
  initializationOptions?: unknown;
  workspaceFolders?: string[];
  /** Answer workspace/configuration with this `sourceCheck` section (and advertise the capability). */
  configuration?: Record<string, unknown>;
  /** Advertise dynamic registration of file watchers (default true). */
  watchRegistration?: boolean;
  /** Advertise window.workDoneProgress: the server may create progress (default false). */
  workDoneProgress?: boolean;
  /** Advertise pull diagnostics (textDocument.diagnostic, workspace.diagnostics.refreshSupport), as VS Code does (default false). */
  pull?: boolean;
  /** Advertise codeAction.resolveSupport for "edit", as VS Code does: actions come without edits, resolved when picked (default false). */
  resolveCodeActions?: boolean;
}

interface Waiter {
  uri: string;
  accept: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly registrations: Registration[] = [];
  readonly logs: string[] = [];
  /** Every $/progress notification, in order. */
  readonly progress: { token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } }[] = [];
  /** Every workspace/applyEdit the server asked for (each is applied to the open document). */
  readonly appliedEdits: WorkspaceEdit[] = [];
  /** How many times the server asked to pull diagnostics again (workspace/diagnostic/refresh). */
  refreshes = 0;
  initializeResult?: InitializeResult;
  private readonly documents = new Map<string, TextDocument>();
  private waiters: Waiter[] = [];
  private exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    this.exited = new Promise((done) => child.once("exit", (code) => done(code)));
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [SERVER, "--stdio"], { cwd: REPO, stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection);
    connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => client.receive(p));
    connection.onNotification("window/logMessage", (p: { message: string }) => {
      client.logs.push(p.message);
    });
    connection.onRequest("client/registerCapability", (p: { registrations: Registration[] }) => {
      client.registrations.push(...p.registrations);
      return null;
    });
    connection.onRequest("client/unregisterCapability", () => null);
    connection.onRequest("window/workDoneProgress/create", () => null);
    connection.onRequest("workspace/diagnostic/refresh", () => {
      client.refreshes++;
      return null;
    });
    connection.onNotification("$/progress", (p: TestClient["progress"][number]) => {
      client.progress.push(p);
    });
    connection.onRequest("workspace/applyEdit", (p: { edit: WorkspaceEdit }) => {
      client.appliedEdits.push(p.edit);
      for (const uri of Object.keys(p.edit.changes ?? {})) client.applyEdit(uri, p.edit);
      return { applied: true };
    });
    connection.onRequest("workspace/configuration", (p: { items: { section?: string }[] }) =>
      p.items.map((item) => (item.section === "sourceCheck" ? (options.configuration ?? {}) : null)),
    );
    connection.listen();

    const capabilities: ClientCapabilities = {
      window: { workDoneProgress: options.workDoneProgress ?? false },
      workspace: {
        configuration: options.configuration !== undefined,
        didChangeConfiguration: { dynamicRegistration: false },
        didChangeWatchedFiles: { dynamicRegistration: options.watchRegistration ?? true, relativePatternSupport: true },
        workspaceEdit: { documentChanges: false },
        workspaceFolders: true,
        ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        hover: { contentFormat: ["markdown", "plaintext"] },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source.fixAll"] } },
          isPreferredSupport: true,
          ...(options.resolveCodeActions ? { dataSupport: true, resolveSupport: { properties: ["edit"] } } : {}),
        },
        completion: { completionItem: { snippetSupport: false } },
        definition: {},
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
    };
    const folders = options.workspaceFolders ?? [REPO];
    try {
      client.initializeResult = await withTimeout(
        connection.sendRequest<InitializeResult>("initialize", {
          processId: process.pid,
          rootUri: fileUri(folders[0]),
          workspaceFolders: folders.map((f) => ({ uri: fileUri(f), name: f })),
          capabilities,
          initializationOptions: options.initializationOptions,
        }),
        10000,
        `initialize (stderr: ${stderr})`,
      );
    } catch (e) {
      child.kill();
      throw e;
    }
    await connection.sendNotification("initialized", {});
    return client;
  }

  open(path: string, text: string, languageId = "markdown"): TextDocument {
    const uri = path.includes(":") && !path.startsWith("/") ? path : fileUri(path);
    const doc = TextDocument.create(uri, languageId, 1, text);
    this.documents.set(uri, doc);
    void this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId, version: 1, text } });
    return doc;
  }

  document(uri: string): TextDocument {
    const doc = this.documents.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    return doc;
  }

  /** Sends an incremental change and applies it to the client's copy. */
  change(uri: string, edits: { range: Range; text: string }[]): TextDocument {
    const doc = this.document(uri);
    const next = TextDocument.update(doc, edits, doc.version + 1);
    this.documents.set(uri, next);
    void this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: next.version },
      contentChanges: edits,
    });
    return next;
  }

  /** Applies a workspace edit's changes for one document, as an editor would, and sends them. */
  applyEdit(uri: string, edit: WorkspaceEdit): TextDocument {
    const edits: TextEdit[] = edit.changes?.[uri] ?? [];
    const doc = this.document(uri);
    const text = TextDocument.applyEdits(doc, edits);
    const end = doc.positionAt(doc.getText().length);
    return this.change(uri, [{ range: { start: { line: 0, character: 0 }, end }, text }]);
  }

  close(uri: string): void {
    this.documents.delete(uri);
    void this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  /**
   * The latest diagnostics for a document that satisfy `accept`: already received,
   * or the next to arrive.
   */
  diagnostics(
    uri: string,
    accept: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<PublishDiagnosticsParams> {
    const latest = this.published.filter((p) => p.uri === uri).at(-1);
    if (latest && accept(latest)) return Promise.resolve(latest);
    return withTimeout(
      new Promise<PublishDiagnosticsParams>((resolve) => this.waiters.push({ uri, accept, resolve })),
      timeoutMs,
      `diagnostics for ${uri}`,
    );
  }

  /** Diagnostics for the document's current version. */
  diagnosticsFor(doc: TextDocument, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.diagnostics(doc.uri, (p) => p.version === doc.version, timeoutMs).then((p) => p.diagnostics);
  }

  /** textDocument/diagnostic: a pull of one document's diagnostics (cancelled through `token` if given). */
  pull(uri: string, previousResultId?: string, token?: CancellationToken): Promise<DocumentDiagnosticReport> {
    const params = { textDocument: { uri }, identifier: "source-check", ...(previousResultId ? { previousResultId } : {}) };
    return token
      ? this.connection.sendRequest("textDocument/diagnostic", params, token)
      : this.connection.sendRequest("textDocument/diagnostic", params);
  }

  /** workspace/diagnostic: every draft's diagnostics in the workspace. */
  pullWorkspace(previousResultIds: { uri: string; value: string }[] = []): Promise<WorkspaceDiagnosticReport> {
    return this.connection.sendRequest("workspace/diagnostic", { identifier: "source-check", previousResultIds });
  }

  /** The server's own counters: checks run, diagnostics pushed, pulls answered. */
  stats(): Promise<{ checks: number; checkMs: number; pushes: number; pulls: number }> {
    return this.connection.sendRequest("sourceCheck/stats");
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest("textDocument/codeAction", { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    return this.connection.sendRequest("codeAction/resolve", action);
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result: CompletionItem[] | CompletionList | null = await this.connection.sendRequest("textDocument/completion", {
      textDocument: { uri },
      position,
    });
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  executeCommand<T>(command: string, args: unknown[] = [], workDoneToken?: string): Promise<T> {
    return this.connection.sendRequest<T>("workspace/executeCommand", {
      command,
      arguments: args,
      ...(workDoneToken ? { workDoneToken } : {}),
    });
  }

  definition(uri: string, position: Position): Promise<Location | Location[] | null> {
    return this.connection.sendRequest("textDocument/definition", { textDocument: { uri }, position });
  }

  watchedFilesChanged(changes: FileEvent[]): void {
    void this.connection.sendNotification("workspace/didChangeWatchedFiles", { changes });
  }

  changeConfiguration(settings: unknown): void {
    void this.connection.sendNotification("workspace/didChangeConfiguration", { settings });
  }

  async shutdown(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest("shutdown"), 3000, "shutdown");
      await this.connection.sendNotification("exit");
      await withTimeout(this.exited, 3000, "exit");
    } catch {
      // fall through to the kill below
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null) this.child.kill();
    }
  }

  private receive(p: PublishDiagnosticsParams): void {
    this.published.push(p);
    const ready = this.waiters.filter((w) => w.uri === p.uri && w.accept(p));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(p);
  }
}

/** The position of the `occurrence`-th `needle` on a (0-based) line of a document. */
export function positionOf(doc: TextDocument, line: number, needle: string, occurrence = 1): Position {
  const lineText = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = lineText.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found on line ${line}: ${lineText}`);
  }
  return { line, character: at };
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

export function hoverText(hover: Hover | null): string {
  if (!hover) return "";
  const c = hover.contents;
  if (typeof c === "string") return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === "string" ? x : x.value)).join("\n");
  return c.value;
}
