// The checker's public face: what the server, the CLI and tests import. Pure: reading
// sources and configs from disk is the Node host's (server/src/node/).
export * from "./model.js";
export { check, type CheckOptions } from "./findings/check.js";
export { CODES, codeInfo, docsUrl } from "./findings/codes.js";
export { Corpus, type SourceIndex } from "./corpus/corpus.js";
export { readSourceFile, isSourceProblem } from "./corpus/source-file.js";
export { mergeSources, duplicateId, type LoadedSources } from "./corpus/source-set.js";
export { LineIndex, lineBreakOf, type Position } from "./parsing/positions.js";
export type { CitationStyle } from "./findings/fixes.js";
export { forgetAll } from "./memo.js";
