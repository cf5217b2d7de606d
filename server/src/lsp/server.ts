// The language server's wiring: one connection, the open documents, the workspace's
// sources, and a handler per LSP request that maps checker data to the protocol
// (diagnostics.ts, hover.ts, code-actions.ts, completion.ts, definition.ts). No
// checking happens here. Run directly (VS Code forks it with --node-ipc) or through
// bin/source-check-server.js (--stdio).
//
// Each draft is governed by the nearest `.source-check.json` above it, read as the CLI
// reads it (project-configs.ts): a broken one is reported on its own file, and any
// change to one re-reads them all and re-checks the open drafts.
//
// Diagnostics go to the client one of two ways, as it announces: pulled (LSP 3.17
// `textDocument/diagnostic` and `workspace/diagnostic`, pull-diagnostics.ts) where the
// client supports it, else pushed (`textDocument/publishDiagnostics`) after each
// debounced check. Either way a diagnostic carries only its message, range and code;
// the evidence is fetched by hover and go to source.

import { basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  ErrorCodes,
  ResponseError,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { codeActions, FIX_ALL_KIND, resolveCodeAction } from "./code-actions.js";
import { COMMAND_IDS, registerCommands, type CommandContext } from "./commands.js";
import { completions } from "./completion.js";
import { CONFIG_FILE_NAME } from "../config/project-config.js";
import { filePath, fileUri, setReadOnlySourceFolder } from "./convert.js";
import { bundledSourcesDir } from "../node/sources.js";
import { definitionAt } from "./definition.js";
import { DIAGNOSTIC_SOURCE, publishSourceProblems, toDiagnostic } from "./diagnostics.js";
import { Drafts } from "./documents.js";
import { hoverAt } from "./hover.js";
import type { Refusal } from "../findings/limits.js";
import { editorDefaults, ProjectConfigs } from "./project-configs.js";
import { registerPullDiagnostics, type PullDiagnostics } from "./pull-diagnostics.js";
import { CheckScheduler } from "./scheduler.js";
import { DEFAULT_SETTINGS, readSettings, sameCorpusSettings, type Settings } from "./settings.js";
import { SourceWatcher, WorkspaceSources, type SourceChange } from "./workspace-sources.js";

interface ClientSupport {
  configuration: boolean;
  configurationRegistration: boolean;
  watchRegistration: boolean;
  relativePatterns: boolean;
  documentChanges: boolean;
  workspaceFolders: boolean;
  workDoneProgress: boolean;
  /** The client pulls diagnostics (textDocument.diagnostic): the server does not push a draft's. */
  pullDiagnostics: boolean;
  /** The client re-pulls when asked (workspace.diagnostics.refreshSupport). */
  diagnosticRefresh: boolean;
  /** The client resolves a code action's edit when it is picked (codeAction.resolveSupport with "edit"). */
  resolveEdits: boolean;
  /** The client shows a diagnostic's message in the hover over its range (initializationOptions.diagnosticsInHover; VS Code's client says so). */
  diagnosticsInHover: boolean;
  /** The least time between two walks of the workspace for workspace/diagnostic (initializationOptions.workspaceDiagnosticsIntervalMs). */
  workspaceIntervalMs: number;
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const log = (message: string): void => connection.console.log(message);
  const logError = (message: string): void => connection.console.error(message);

  const documents = new TextDocuments(TextDocument);
  let initialSettings: Settings = { ...DEFAULT_SETTINGS };
  let settings: Settings = initialSettings;
  let roots: string[] = [];
  let support: ClientSupport = {
    configuration: false,
    configurationRegistration: false,
    watchRegistration: false,
    relativePatterns: false,
    documentChanges: false,
    workspaceFolders: false,
    workDoneProgress: false,
    pullDiagnostics: false,
    diagnosticRefresh: false,
    resolveEdits: false,
    diagnosticsInHover: false,
    workspaceIntervalMs: WORKSPACE_INTERVAL_MS,
  };
  const sources = new WorkspaceSources(log);
  const configs = new ProjectConfigs(() => editorDefaults(settings, sources.folders));
  const drafts = new Drafts(documents, sources, () => settings, logError, configs);
  let watcher: SourceWatcher | undefined;
  /** The sources' revision whose problems are published and whose folders are watched. */
  let sourcesRevision = -1;
  /** Config files carrying problem diagnostics, by URI, with what was published. */
  let brokenConfigs = new Map<string, string>();
  /** Drafts whose diagnostics the client holds, to clear on close. */
  const published = new Set<string>();
  /** Source files carrying problem diagnostics. */
  let brokenSources = new Set<string>();
  const justOpened = new Set<string>();

  const scheduler = new CheckScheduler(() => settings.debounceMs, publishDiagnostics);
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((done) => (markReady = done));
  /** Pushes of a draft's diagnostics, for sourceCheck/stats; and, for pushes after an edit, the time from its last change to the push, on the server's clock. */
  let pushes = 0;
  const editToPush = { count: 0, totalMs: 0 };
  const lastChange = new Map<string, number>();
  let refreshQueued = false;

  /** Asks a pulling client to pull again (once per turn of the event loop, however many drafts were re-checked). */
  function refreshPulled(): void {
    if (!support.diagnosticRefresh || refreshQueued) return;
    refreshQueued = true;
    setImmediate(() => {
      refreshQueued = false;
      void connection.languages.diagnostics.refresh().catch(() => undefined);
    });
  }

  async function publishDiagnostics(uri: string, generation: number): Promise<void> {
    if (support.pullDiagnostics) {
      await checkForPull(uri, generation);
      return;
    }
    try {
      // The check runs in slices: requests are answered, and an edit overtakes it, while it runs.
      await drafts.checkInSlices(uri);
      if (!scheduler.isCurrent(uri, generation)) return;
      const doc = documents.get(uri);
      if (!doc || !drafts.ready) return;
      if (!drafts.isDraft(doc)) {
        if (published.delete(uri) && !brokenSources.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
        return;
      }
      const version = doc.version;
      const checked = drafts.resultFor(uri);
      // A draft not checked (too large, too deep, the checker failed) gets one diagnostic
      // saying why; a check overtaken by an edit is dropped.
      const refusal = checked ? undefined : drafts.refusal(uri);
      if ((!checked && !refusal) || !scheduler.isCurrent(uri, generation) || documents.get(uri)?.version !== version) return;
      const diagnostics = checked ? checked.result.findings.map((f) => toDiagnostic(f, doc)) : [refusalDiagnostic(refusal!)];
      published.add(uri);
      pushes++;
      void connection.sendDiagnostics({ uri, version, diagnostics });
      const changed = lastChange.get(uri);
      if (changed !== undefined) {
        lastChange.delete(uri);
        editToPush.count++;
        editToPush.totalMs += performance.now() - changed;
      }
    } catch (e) {
      logError(`Source Check: publishing diagnostics for ${uri} failed: ${(e as Error).stack ?? String(e)}`);
    } finally {
      syncConfigsAndSources();
    }
  }

  /**
   * The debounced check of a draft whose client pulls: checked now, so the pulls that
   * wait for it are answered from the cache; a client that did not pull (it pulls on
   * open or save only) is asked to pull again.
   */
  async function checkForPull(uri: string, generation: number): Promise<void> {
    try {
      const doc = documents.get(uri);
      if (!doc || !drafts.ready) return;
      // Whether a pull waits for this check, asked before the check's first pause: the
      // scheduler lets the waiting pulls go once the check has started.
      const waited = pull.waitingFor(uri) > 0;
      // In slices, as a pushed check runs: requests are answered, and an edit overtakes it, while it runs.
      if (drafts.isDraft(doc)) await drafts.checkInSlices(uri);
      if (!scheduler.isCurrent(uri, generation)) return;
      if (!waited) refreshPulled();
    } catch (e) {
      logError(`Source Check: checking ${uri} failed: ${(e as Error).stack ?? String(e)}`);
    } finally {
      syncConfigsAndSources();
    }
  }

  /**
   * After a check, which may have read a config or loaded a corpus for one: publish
   * the configs' and the sources' problems, and watch the folders now in use.
   */
  function syncConfigsAndSources(): void {
    if (!drafts.ready) return;
    try {
      if (sources.revision !== sourcesRevision) {
        sourcesRevision = sources.revision;
        brokenSources = publishSourceProblems(connection, sources.problemsByPath, brokenSources);
        watcher?.watch(sources.allFolders);
      }
      publishConfigProblems();
      watcher?.watchConfigs(roots, [...configs.problemsByPath.keys()]);
    } catch (e) {
      logError(`Source Check: publishing config problems failed: ${(e as Error).stack ?? String(e)}`);
    }
  }

  /** Each config file's problems on the file itself; a config mended (or no longer read) is cleared. */
  function publishConfigProblems(): void {
    const now = new Map<string, string>();
    for (const [path, problems] of configs.problemsByPath) {
      if (problems.length === 0) continue;
      const uri = fileUri(path);
      const diagnostics: Diagnostic[] = problems.map((message) => {
        const at = /line (\d+), column (\d+)/.exec(message);
        const position = at ? { line: Number(at[1]) - 1, character: Math.max(0, Number(at[2]) - 1) } : { line: 0, character: 0 };
        return {
          range: { start: position, end: position },
          severity: DiagnosticSeverity.Error,
          source: DIAGNOSTIC_SOURCE,
          message: `${CONFIG_FILE_NAME} ${message}.`,
        };
      });
      const key = JSON.stringify(diagnostics);
      now.set(uri, key);
      if (brokenConfigs.get(uri) !== key) void connection.sendDiagnostics({ uri, diagnostics });
    }
    for (const uri of brokenConfigs.keys()) if (!now.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    brokenConfigs = now;
  }

  /** A `.source-check.json` was created, changed or deleted: read the configs again and re-check. */
  function onConfigChange(path: string, change: SourceChange): void {
    log(`Source Check: ${path} ${change}; reading the project configs again.`);
    configs.clear();
    sources.dropConfigCorpora();
    // Read the open drafts' configs now, so problems of a mended config clear even before a check.
    for (const doc of documents.all()) configs.forUri(doc.uri);
    syncConfigsAndSources();
    recheckAll();
  }

  function recheckAll(): void {
    drafts.invalidate();
    for (const doc of documents.all()) scheduler.schedule(doc.uri, 0);
  }

  function loadSources(): void {
    sources.load(settings, roots);
    sourcesRevision = sources.revision;
    brokenSources = publishSourceProblems(connection, sources.problemsByPath, brokenSources);
    watcher?.watch(sources.allFolders);
  }

  function onSourceChange(path: string, change: SourceChange): void {
    try {
      if (basename(path) === CONFIG_FILE_NAME) {
        onConfigChange(path, change);
        return;
      }
      if (!sources.update(path, change)) return;
      log(`Source Check: ${path} ${change}; ${sources.corpus.size} source(s).`);
      for (const [file, problems] of sources.problemsByPath) {
        if (file.startsWith(path)) for (const p of problems) log(`Source Check: ${file} ${p.message}`);
      }
      brokenSources = publishSourceProblems(connection, sources.problemsByPath, brokenSources);
      recheckAll();
    } catch (e) {
      logError(`Source Check: updating the sources after ${path} ${change} failed: ${(e as Error).stack ?? String(e)}`);
    }
  }

  async function readConfiguration(): Promise<Settings> {
    if (!support.configuration) return settings;
    try {
      return readSettings(await connection.workspace.getConfiguration("sourceCheck"), initialSettings);
    } catch (e) {
      logError(`Source Check: could not read the settings (${(e as Error).message}).`);
      return settings;
    }
  }

  async function applySettings(next: Settings): Promise<void> {
    const previous = settings;
    settings = next;
    if (!drafts.ready || !sameCorpusSettings(previous, next)) loadSources();
    drafts.ready = true;
    markReady();
    recheckAll();
  }

  /**
   * Wraps a request handler: params without a document URI (or, where one is due, a
   * position) are answered with an InvalidParams error; an exception is logged and
   * answered with the fallback. The server never dies of a request.
   */
  function guard<P, R>(
    what: string,
    fallback: R,
    handler: (params: P) => R | Promise<R>,
    needs: "position" | "range" | "code-action" | "none" = "none",
  ): (params: P) => Promise<R | ResponseError<void>> {
    return async (params) => {
      const problem = invalidParams(params, needs);
      if (problem) return new ResponseError(ErrorCodes.InvalidParams, `Source Check: ${what}: ${problem}`);
      try {
        return await handler(params);
      } catch (e) {
        logError(`Source Check: ${what} failed: ${(e as Error).stack ?? String(e)}`);
        return fallback;
      }
    };
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    support = {
      configuration: caps.workspace?.configuration === true,
      configurationRegistration: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      watchRegistration: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      relativePatterns: caps.workspace?.didChangeWatchedFiles?.relativePatternSupport === true,
      documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
      workspaceFolders: caps.workspace?.workspaceFolders === true,
      workDoneProgress: caps.window?.workDoneProgress === true,
      pullDiagnostics: caps.textDocument?.diagnostic !== undefined,
      diagnosticRefresh: caps.workspace?.diagnostics?.refreshSupport === true,
      resolveEdits: caps.textDocument?.codeAction?.resolveSupport?.properties.includes("edit") === true,
      diagnosticsInHover: (params.initializationOptions as { diagnosticsInHover?: unknown } | undefined)?.diagnosticsInHover === true,
      workspaceIntervalMs: workspaceInterval(params.initializationOptions),
    };
    roots = workspaceRoots(params);
    initialSettings = readSettings(params.initializationOptions);
    // A client that serves `source-check-source:` URIs (ours) opens the bundled sources read-only.
    const readOnly = (params.initializationOptions as { readOnlySources?: unknown } | undefined)?.readOnlySources === true;
    try {
      setReadOnlySourceFolder(readOnly ? bundledSourcesDir() : undefined);
    } catch {
      setReadOnlySourceFolder(undefined);
    }
    settings = initialSettings;
    watcher = new SourceWatcher({
      connection,
      dynamicRegistration: support.watchRegistration,
      relativePatternSupport: support.relativePatterns,
      onChange: onSourceChange,
      log,
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        completionProvider: { triggerCharacters: ["@", "^"] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: support.resolveEdits },
        executeCommandProvider: { commands: COMMAND_IDS },
        // Drafts do not depend on one another (a source's change is a refresh), and every draft in the workspace can be pulled.
        ...(support.pullDiagnostics
          ? { diagnosticProvider: { identifier: DIAGNOSTIC_SOURCE, interFileDependencies: false, workspaceDiagnostics: true } }
          : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "source-check", version: "0.1.0" },
    };
  });

  connection.onInitialized(async () => {
    try {
      if (support.configurationRegistration) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: "sourceCheck" }).catch(() => undefined);
      }
      if (support.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((event) => {
          const removed = new Set(event.removed.map((f) => filePath(f.uri)));
          roots = [
            ...roots.filter((r) => !removed.has(r)),
            ...event.added.map((f) => filePath(f.uri)).filter((p): p is string => p !== undefined),
          ];
          loadSources();
          watcher?.watchConfigs(roots, [...configs.problemsByPath.keys()]);
          recheckAll();
        });
      }
      await applySettings(await readConfiguration());
      watcher?.watchConfigs(roots, []);
    } catch (e) {
      logError(`Source Check: starting failed: ${(e as Error).stack ?? String(e)}`);
      drafts.ready = true;
      markReady();
    }
  });

  connection.onDidChangeConfiguration(async (params) => {
    try {
      const next = support.configuration ? await readConfiguration() : readSettings(params.settings, initialSettings);
      await applySettings(next);
    } catch (e) {
      logError(`Source Check: applying the settings failed: ${(e as Error).stack ?? String(e)}`);
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    try {
      watcher?.handle(params.changes);
    } catch (e) {
      logError(`Source Check: handling file changes failed: ${(e as Error).stack ?? String(e)}`);
    }
  });

  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
    // A pulling client gets an open draft's diagnostics by pulling: what Check All pushed for it goes.
    if (support.pullDiagnostics) clearPushed(event.document.uri);
  });
  documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    lastChange.set(uri, performance.now());
    // A document just opened is checked at once; edits wait for a pause in typing.
    scheduler.schedule(uri, justOpened.delete(uri) ? 0 : undefined);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    scheduler.cancel(uri);
    drafts.forget(uri);
    justOpened.delete(uri);
    lastChange.delete(uri);
    if (published.delete(uri) && !brokenSources.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onHover(
    guard(
      "hover",
      null,
      async (params) => {
        const draft = await drafts.whenChecked(params.textDocument.uri);
        return draft
          ? hoverAt(draft, draft.doc.offsetAt(params.position), draft.corpus, { diagnosticsInHover: support.diagnosticsInHover })
          : null;
      },
      "position",
    ),
  );

  connection.onCodeAction(
    guard(
      "code actions",
      [],
      async (params) => {
        const draft = await drafts.whenChecked(params.textDocument.uri);
        return draft ? codeActions(draft, params, { documentChanges: support.documentChanges, resolveEdits: support.resolveEdits }) : [];
      },
      "code-action",
    ),
  );

  connection.onCodeActionResolve(async (action) => {
    try {
      const uri = (action.data as { uri?: unknown } | undefined)?.uri;
      // The check is cached when the titles were offered; one overtaken since is waited for in slices.
      const draft = typeof uri === "string" ? await drafts.whenChecked(uri) : undefined;
      return (draft && resolveCodeAction(draft, action, { documentChanges: support.documentChanges })) ?? action;
    } catch (e) {
      logError(`Source Check: resolving a code action failed: ${(e as Error).stack ?? String(e)}`);
      return action;
    }
  });

  connection.onCompletion(
    guard(
      "completion",
      [],
      (params) => {
        const doc = documents.get(params.textDocument.uri);
        return doc && drafts.ready && drafts.isDraft(doc) ? completions(doc, params, drafts.corpusFor(doc)) : [];
      },
      "position",
    ),
  );

  connection.onDefinition(
    guard(
      "go to source",
      null,
      async (params) => {
        const draft = await drafts.whenChecked(params.textDocument.uri);
        return draft ? definitionAt(draft, draft.doc.offsetAt(params.position), draft.corpus) : null;
      },
      "position",
    ),
  );

  /** Clears the diagnostics pushed for a document the client now pulls. */
  function clearPushed(uri: string): void {
    if (published.delete(uri) && !brokenSources.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  const commandContext: CommandContext = {
    connection,
    documents,
    drafts,
    sources,
    configs,
    settings: () => settings,
    roots: () => roots,
    documentChanges: () => support.documentChanges,
    workDoneProgress: () => support.workDoneProgress,
    publish: (uri, diagnostics) => {
      // A pulling client that pulls the workspace has these already, and a push would show them twice.
      if (support.pullDiagnostics && pull.inWorkspace.has(uri)) return;
      published.add(uri);
      pushes++;
      void connection.sendDiagnostics({ uri, diagnostics });
    },
    logError,
  };
  registerCommands(commandContext);

  // Registered whatever the client said: a client that pulls without announcing it is answered too.
  const pull: PullDiagnostics = registerPullDiagnostics({
    ...commandContext,
    scheduler,
    ready: () => ready,
    refusalDiagnostic,
    pulled: (uri) => {
      if (support.pullDiagnostics) clearPushed(uri);
    },
    workspaceIntervalMs: () => support.workspaceIntervalMs,
  });

  // For tests and the bench: how much work the server did (checks run and their time, diagnostics pushed, pulls answered).
  connection.onRequest("sourceCheck/stats", () => ({
    checks: drafts.checks,
    checkMs: drafts.checkMs,
    pushes,
    editToPush,
    pulls: pull.answered,
  }));

  // For tests and bug reports: the server process's memory, as Node counts it (after a
  // full garbage collection when node runs with --expose-gc).
  connection.onRequest("sourceCheck/memoryUsage", () => {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage();
  });

  connection.onShutdown(() => {
    scheduler.dispose();
    watcher?.dispose();
  });

  process.on("uncaughtException", (e) => logError(`Source Check: unexpected error: ${e.stack ?? String(e)}`));
  exitWhenTheClientGoes(() => {
    scheduler.dispose();
    watcher?.dispose();
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

/**
 * The server ends when its client does. A closed stdin and a client's `processId` that
 * no longer runs are vscode-languageserver's to notice; this adds a parent process
 * that has gone where the client gave no process id (the server is re-parented, so its
 * parent's id changes), and SIGTERM. Each is noticed between slices of a check
 * (documents.ts `checkInSlices`), so a long check never keeps an orphan alive.
 */
function exitWhenTheClientGoes(cleanUp: () => void): void {
  const parent = process.ppid;
  const exit = (code: number): never => {
    try {
      cleanUp();
    } finally {
      process.exit(code);
    }
  };
  const watchdog = setInterval(() => {
    if (process.ppid !== parent) exit(1);
  }, 1_000);
  watchdog.unref();
  process.once("SIGTERM", () => exit(0));
}

function isPosition(p: unknown): boolean {
  const q = p as { line?: unknown; character?: unknown } | null;
  return typeof q === "object" && q !== null && Number.isInteger(q.line) && Number.isInteger(q.character);
}

/** What is wrong with a request's params, if anything: no document URI, or no position or range where one is due. */
function invalidParams(params: unknown, needs: "position" | "range" | "code-action" | "none"): string | undefined {
  const p = params as { textDocument?: { uri?: unknown }; position?: unknown; range?: unknown; context?: unknown } | null;
  if (typeof p !== "object" || p === null || typeof p.textDocument?.uri !== "string") return "params need textDocument.uri";
  if (needs === "position" && !isPosition(p.position)) return "params need a position with whole-number line and character";
  if ((needs === "range" || needs === "code-action") && !isRange(p.range)) return "params need a range of two positions";
  if (needs === "code-action") {
    const context = p.context as { diagnostics?: unknown; only?: unknown } | undefined;
    if (typeof context !== "object" || context === null) return "params need a context";
    if (
      !Array.isArray(context.diagnostics) ||
      !context.diagnostics.every((d) => typeof d === "object" && d !== null && isRange((d as { range?: unknown }).range))
    ) {
      return "context.diagnostics must be an array of diagnostics, each with a range";
    }
    if (context.only !== undefined && !(Array.isArray(context.only) && context.only.every((k) => typeof k === "string")))
      return "context.only must be an array of code action kinds";
  }
  return undefined;
}

function isRange(range: unknown): boolean {
  const r = range as { start?: unknown; end?: unknown } | null | undefined;
  return typeof r === "object" && r !== null && isPosition(r.start) && isPosition(r.end);
}

/** The one diagnostic of a draft that was not checked, at its start. */
function refusalDiagnostic(refusal: Refusal): Diagnostic {
  const setting = refusal.reason === "too-large" ? " (sourceCheck.maxFileSize)" : "";
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: `not-checked`,
    message: `Source Check did not check this draft: it ${refusal.message}${setting}.`,
  };
}

/** How often, at most, the workspace is walked for a client that keeps pulling it (VS Code asks again 2 s after each answer). */
const WORKSPACE_INTERVAL_MS = 10_000;

function workspaceInterval(options: unknown): number {
  const ms = (options as { workspaceDiagnosticsIntervalMs?: unknown } | undefined)?.workspaceDiagnosticsIntervalMs;
  return typeof ms === "number" && Number.isFinite(ms) && ms >= 0 ? Math.min(ms, 600_000) : WORKSPACE_INTERVAL_MS;
}

function workspaceRoots(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const roots = uris.map(filePath).filter((p): p is string => p !== undefined);
  if (roots.length === 0 && params.rootPath) roots.push(resolve(params.rootPath));
  return roots;
}

// Started as a module by the client (node module transport): run.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) startServer();
