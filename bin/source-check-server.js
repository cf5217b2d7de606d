#!/usr/bin/env node
// The Source Check language server, for any editor that speaks LSP.
const HELP = `Usage: source-check-server [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]

Runs the Source Check language server: diagnostics, hovers, quick fixes, completion
and go-to-source for figures and quotes in Markdown drafts. Talks LSP over stdio
unless another transport is given.

Settings come from workspace/configuration (section "sourceCheck") or from
initializationOptions of the same shape:
  enable                 check Markdown drafts (default true)
  sources                folders of source articles, relative to the workspace folder
  includeBundledSources  include the bundled articles (default true)
  debounceMs             pause after typing before re-checking (default 200)
  citationStyle          "footnote" | "pandoc" | "link": how quick fixes cite
`;

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(HELP);
} else {
  // vscode-languageserver picks the transport from argv; stdio is ours by default.
  if (!args.some((a) => /^--(?:stdio|node-ipc|socket|pipe)\b/.test(a))) process.argv.push("--stdio");
  const { startServer } = await import("../out/server/src/lsp/server.js");
  startServer();
}
