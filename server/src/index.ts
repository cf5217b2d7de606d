// The checker's public face: what the server, the CLI and tests import.
export * from "./model.js";
export { check, type CheckOptions } from "./findings/check.js";
export { CODES, codeInfo, docsUrl } from "./findings/codes.js";
export { Corpus, type SourceIndex } from "./corpus/corpus.js";
export { readSourceFile, isSourceProblem } from "./corpus/source-file.js";
export { loadCorpus, readSourceFolder, mergeSources, bundledSourcesDir, type CorpusOptions } from "./corpus/load.js";
export { LineIndex, lineBreakOf, type Position } from "./parsing/positions.js";
export type { CitationStyle } from "./findings/fixes.js";
export { forgetAll } from "./memo.js";
