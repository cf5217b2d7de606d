// The import graph's shape, checked by `npm run lint` (dependency-cruiser): no cycle
// between files, and the pipeline's stages in order. A stage may import the stages
// before it, never one after:
//
//   model, memo, steps  <  parsing < claims < corpus < matching < findings  <  config  <  node  <  cli, lsp
//
// (findings/codes.ts, the one list of codes, imports nothing, and the model names its types.)
// (server/src/config is the pure logic of a draft's settings and sources; server/src/node
// is the Node host both adapters share: reading configs and source folders from disk.)
// The client (client/src) may import no server code but the pure config logic.

const STAGES = ["parsing", "claims", "corpus", "matching", "findings", "config", "node"];
const ADAPTERS = ["cli", "lsp"];

/** Folders under server/src that come after stage i. */
const after = (i) => [...STAGES.slice(i + 1), ...ADAPTERS];

module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      comment: "Files import each other in one direction only (type-only imports count too).",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    ...STAGES.map((stage, i) => ({
      name: `${stage}-before-later-stages`,
      comment: `server/src/${stage} imports no later stage (${after(i).join(", ")}).`,
      severity: "error",
      from: { path: `^server/src/${stage}/` },
      to: { path: `^server/src/(?:${after(i).join("|")})/` },
    })),
    {
      name: "shared-modules-first",
      comment:
        "The modules beside the stages (model.ts, memo.ts, steps.ts) come before every stage; the model may name the codes, whose one list (findings/codes.ts) is a leaf.",
      severity: "error",
      from: { path: "^server/src/(?:model|memo|steps)\\.ts$" },
      to: { path: "^server/src/[^/]+/", pathNot: "^server/src/findings/codes\\.ts$" },
    },
    {
      name: "codes-are-a-leaf",
      comment: "The list of codes imports nothing of ours, so every stage may depend on it through the model.",
      severity: "error",
      from: { path: "^server/src/findings/codes\\.ts$" },
      to: { path: "^(?:server|client)/src/" },
    },
    {
      name: "index-is-the-checker",
      severity: "error",
      from: { path: "^server/src/index\\.ts$" },
      to: { path: `^server/src/(?:node|${ADAPTERS.join("|")})/` },
    },
    {
      name: "adapters-apart",
      comment: "The CLI and the language server share the core and the Node host, not each other's code.",
      severity: "error",
      from: { path: "^server/src/cli/" },
      to: { path: "^server/src/lsp/" },
    },
    {
      name: "adapters-apart-lsp",
      severity: "error",
      from: { path: "^server/src/lsp/" },
      to: { path: "^server/src/cli/" },
    },
    {
      name: "client-is-thin",
      comment: "The VS Code client talks to the server over LSP; of the server's code it may share only the pure config logic.",
      severity: "error",
      from: { path: "^client/src/" },
      to: { path: "^server/src/(?!config/)" },
    },
    {
      name: "product-imports-no-test",
      severity: "error",
      from: { path: "^(?:server|client)/src/" },
      to: { path: "^test/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(?:out|dist|node_modules)/" },
    // Type-only imports are edges too: a cycle through types is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
  },
};
