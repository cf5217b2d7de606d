// What the CLI checks: files as given, Markdown files under folders, and globs
// ("drafts/**/*.md"), expanded here without a dependency. Paths stay as the user
// wrote them, so reports name files the way the user does.

import { readdirSync, statSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { compileGlob, hasGlobMagic, isGlobProblem } from "../config/glob.js";
import { isDraftFile } from "../config/markdown-files.js";

export interface Inputs {
  files: string[];
  missing: { path: string; message: string }[];
}

const IGNORED_DIRS = new Set(["node_modules", ".git"]);

export function expandInputs(inputs: string[], cwd: string): Inputs {
  const files: string[] = [];
  const missing: Inputs["missing"] = [];
  const seen = new Set<string>();
  const add = (p: string): void => {
    const key = resolve(cwd, p);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(p);
    }
  };
  for (const input of inputs) {
    if (hasGlobMagic(input)) {
      const found = glob(input, cwd);
      if ("problem" in found) {
        missing.push({ path: input, message: found.problem });
        continue;
      }
      const matched = found.filter(isDraftFile);
      if (matched.length === 0) missing.push({ path: input, message: "matches no file" });
      matched.forEach(add);
      continue;
    }
    let stat;
    try {
      stat = statSync(resolve(cwd, input));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      missing.push({ path: input, message: code === "ENOENT" ? "no such file" : `cannot be read (${code})` });
      continue;
    }
    if (stat.isDirectory()) {
      const found = walk(resolve(cwd, input)).map((abs) => join(input, abs.slice(resolve(cwd, input).length + 1)));
      found.filter(isDraftFile).forEach(add);
    } else {
      add(input);
    }
  }
  return { files, missing };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith(".") || IGNORED_DIRS.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Files matching a glob: `*` and `?` within a path segment, `**` across segments, `{a,b}` alternatives. */
export function glob(pattern: string, cwd: string): string[] | { problem: string } {
  const normal = pattern.split(/[\\/]/).join("/");
  const segments = normal.split("/");
  const firstGlob = segments.findIndex((s) => hasGlobMagic(s));
  const base = segments.slice(0, firstGlob).join("/");
  const baseAbs = resolve(cwd, base || ".");
  const re = compileGlob(segments.slice(firstGlob).join("/"));
  if (isGlobProblem(re)) return re;
  return walk(baseAbs)
    .map((abs) =>
      abs
        .slice(baseAbs.length + 1)
        .split(sep)
        .join("/"),
    )
    .filter((rel) => re.test(rel))
    .map((rel) => (base ? `${base}/${rel}` : rel));
}
