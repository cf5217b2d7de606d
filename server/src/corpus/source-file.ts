// A source article file: Markdown whose YAML front matter holds its metadata
// (id, title, publisher; optionally date, url, author). The bundled articles and a
// writer's own use this one format. A file that cannot be used yields a problem that
// names the file and what is wrong, never an exception.

import { parseDocument, YAMLParseError, YAMLWarning } from "yaml";
import type { Source, SourceProblem } from "../model.js";

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$/;
const FRONT_MATTER = /^(?:\uFEFF)?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function readSourceFile(path: string, text: string, bundled = false): Source | SourceProblem {
  const problem = (message: string, start = 0, end = 0): SourceProblem => ({ path, message, span: { start, end } });
  if (text.includes("\u0000")) return problem("is not a text file (it contains NUL bytes)");
  if (text.trim() === "") return problem("is empty");
  const fm = FRONT_MATTER.exec(text);
  if (!fm) return problem("has no YAML front matter: a source starts with ---, then id, title and publisher, then ---");
  const fmStart = fm[0].indexOf(fm[1]);
  let meta: unknown;
  try {
    // Warnings (an unknown tag such as !!js/function) are problems of this file, not lines the
    // yaml library prints to stderr: the front matter holds plain fields.
    const doc = parseDocument(fm[1], { logLevel: "silent" });
    const trouble = doc.errors[0] ?? doc.warnings[0];
    if (trouble) throw trouble;
    meta = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const at = (e instanceof YAMLParseError || e instanceof YAMLWarning) && e.pos ? fmStart + e.pos[0] : fmStart;
    const first = (e as Error).message.split("\n")[0].replace(/:\s*$/, "");
    const what = e instanceof Error && e.name === "YAMLWarning" ? "YAML that is not plain fields" : "that is not valid YAML";
    return problem(`has front matter ${what}: ${first}`, at, at + 1);
  }
  if (!meta || typeof meta !== "object" || Array.isArray(meta))
    return problem("has front matter that is not a set of fields (id, title, publisher)", fmStart, fmStart + fm[1].length);
  const fields = meta as Record<string, unknown>;
  const field = (name: string): string | undefined => {
    const v = fields[name];
    if (v === undefined || v === null) return undefined;
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return typeof v === "string" || typeof v === "number" ? String(v).trim() : undefined;
  };
  const where = (name: string): [number, number] => {
    const m = new RegExp(`^${name}\\s*:.*$`, "m").exec(fm[1]);
    return m ? [fmStart + m.index, fmStart + m.index + m[0].length] : [fmStart, fmStart];
  };
  for (const name of ["id", "title", "publisher"]) {
    if (!field(name)) return problem(`has no ${name} in its front matter`, ...where(name));
  }
  const id = field("id")!;
  if (!ID.test(id)) return problem(`has id "${id}", but an id is lowercase letters, digits and hyphens`, ...where("id"));
  const date = field("date");
  if (date !== undefined && !DATE.test(date)) return problem(`has date "${date}", but a date is YYYY-MM-DD or YYYY-MM`, ...where("date"));
  const bodyStart = fm.index + fm[0].length;
  if (text.slice(bodyStart).trim() === "") return problem("has front matter but no article text");
  return {
    id,
    title: field("title")!,
    publisher: field("publisher")!,
    date,
    url: field("url"),
    author: field("author"),
    path,
    text,
    bodyStart,
    bundled,
  };
}

export function isSourceProblem(x: Source | SourceProblem): x is SourceProblem {
  return !("id" in x);
}
