// Offsets to LSP ranges and paths to URIs, in one place. Draft offsets go through
// the open TextDocument; source offsets through a LineIndex of the source's text,
// built once per source.

import { resolve } from "node:path";
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
