// Offsets to LSP ranges and paths to URIs, in one place. Draft offsets go through
// the open TextDocument; source offsets through a LineIndex of the source's text,
// built once per source.

import { relative, resolve, isAbsolute } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Range } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { LineIndex, type Source, type Span } from "../index.js";

export function rangeIn(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export function spanIn(doc: TextDocument, range: Range): Span {
  return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
}

export function fileUri(path: string): string {
  return pathToFileURL(resolve(path)).href;
}

/** The file path of a `file:` URI, or undefined for any other scheme. */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** The scheme of a bundled source opened read-only (the VS Code client serves it from the file). */
export const SOURCE_SCHEME = "source-check-source";
let readOnlyFolder: string | undefined;

/** With a client that serves SOURCE_SCHEME (initializationOptions `readOnlySources`), sources in this folder open read-only. */
export function setReadOnlySourceFolder(folder: string | undefined): void {
  readOnlyFolder = folder === undefined ? undefined : resolve(folder);
}

/** Where a source opens: its file, or for a bundled source with a client that supports it, a read-only view of it. */
export function sourceUri(source: Source): string {
  const uri = fileUri(source.path);
  if (readOnlyFolder === undefined) return uri;
  const rel = relative(readOnlyFolder, resolve(source.path));
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? `${SOURCE_SCHEME}${uri.slice("file".length)}` : uri;
}

const sourceLines = new WeakMap<Source, LineIndex>();

export function rangeInSource(source: Source, span: Span): Range {
  let lines = sourceLines.get(source);
  if (!lines) {
    lines = new LineIndex(source.text);
    sourceLines.set(source, lines);
  }
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

export function rangeInText(text: string, span: Span): Range {
  const lines = new LineIndex(text);
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}
