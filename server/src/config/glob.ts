// Globs without a dependency, for the CLI's inputs and a project config's `ignore`:
// `*` and `?` within a path segment, `**` across segments, `{a,b}` alternatives (nested
// ones too: `{a,{b,c}}` is a, b or c) and `[abc]`, `[a-z]`, `[!abc]` classes. Paths are
// matched with forward slashes.
//
// A glob is compiled to a small automaton and a path is matched by walking it with the
// set of states it can be in, never by backtracking: the cost is at most the path's
// length times the glob's, whatever the glob (a regular expression built from
// "*a*a*a*a*a*a*a*a*a*a*a*ab" takes exponential time on 40 letters; libraries that
// compile globs to regular expressions, picomatch 4 included, hang on it too).

export function hasGlobMagic(s: string): boolean {
  return /[*?[{]/.test(s);
}

/** The most alternatives one glob's braces may expand to ({a,b}{c,d} is four). */
export const MAX_ALTERNATIVES = 1_000;
/** The longest glob accepted, in characters. */
export const MAX_GLOB_LENGTH = 4_096;

type Step =
  | { kind: "char"; char: string }
  | { kind: "one" } // ?: any character but "/"
  | { kind: "class"; negated: boolean; chars: string; ranges: Array<[string, string]> }
  | { kind: "star" } // *: any run of characters without "/"
  | { kind: "any" } // ** not followed by "/": any run of characters
  | { kind: "folders" }; // **/: nothing, or any run of characters ending in "/"

export interface Glob {
  /** Whether the glob matches the whole path. */
  test(path: string): boolean;
  /** Whether the glob matches the path or one of its folders (a prefix ending before a "/"). */
  testPathOrFolder(path: string): boolean;
}

export interface GlobProblem {
  problem: string;
}

export function isGlobProblem(x: Glob | GlobProblem): x is GlobProblem {
  return "problem" in x;
}

/** A glob compiled for matching, or what is wrong with it. */
export function compileGlob(glob: string): Glob | GlobProblem {
  if (glob.length > MAX_GLOB_LENGTH)
    return {
      problem: `is a glob of ${glob.length.toLocaleString("en-US")} characters, more than the limit of ${MAX_GLOB_LENGTH.toLocaleString("en-US")}`,
    };
  const alternatives = expandBraces(glob);
  if (alternatives === undefined) {
    return { problem: `has braces that expand to more than ${MAX_ALTERNATIVES.toLocaleString("en-US")} alternatives` };
  }
  const programs = [...new Set(alternatives)].map(compile);
  return {
    test: (path) => programs.some((p) => run(p, path, false)),
    testPathOrFolder: (path) => programs.some((p) => run(p, path, true)),
  };
}

/** The glob's brace alternatives written out: "a{b,{c,d}}e" is abe, ace, ade; undefined past the limit. */
function expandBraces(glob: string): string[] | undefined {
  const open = findBrace(glob);
  if (!open) return [glob];
  const { start, end, parts } = open;
  const head = glob.slice(0, start);
  const rest = expandBraces(glob.slice(end + 1));
  if (!rest) return undefined;
  const out: string[] = [];
  for (const part of parts) {
    const inner = expandBraces(part);
    if (!inner) return undefined;
    for (const i of inner) {
      for (const r of rest) {
        if (out.length >= MAX_ALTERNATIVES) return undefined;
        out.push(head + i + r);
      }
    }
  }
  return out;
}

/** The first "{" with a matching "}", and its top-level comma-separated parts. */
function findBrace(glob: string): { start: number; end: number; parts: string[] } | undefined {
  for (let start = glob.indexOf("{"); start >= 0; start = glob.indexOf("{", start + 1)) {
    let depth = 0;
    let partStart = start + 1;
    const parts: string[] = [];
    for (let i = start; i < glob.length; i++) {
      const c = glob[i];
      if (c === "{") depth++;
      else if (c === "}") {
        depth--;
        if (depth === 0) {
          parts.push(glob.slice(partStart, i));
          return { start, end: i, parts };
        }
      } else if (c === "," && depth === 1) {
        parts.push(glob.slice(partStart, i));
        partStart = i + 1;
      }
    }
    // This "{" is never closed: it is a literal character; try a later one.
  }
  return undefined;
}

function compile(glob: string): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      let j = i;
      while (glob[j] === "*") j++;
      const slash = glob[j] === "/";
      const step: Step = slash ? { kind: "folders" } : { kind: "any" };
      // "**/**/" is "**/": consecutive steps of the same kind add nothing but states.
      if (steps.at(-1)?.kind !== step.kind) steps.push(step);
      i = slash ? j : j - 1;
    } else if (c === "*") {
      if (steps.at(-1)?.kind !== "star") steps.push({ kind: "star" });
    } else if (c === "?") steps.push({ kind: "one" });
    else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) steps.push({ kind: "char", char: c });
      else {
        let body = glob.slice(i + 1, close);
        const negated = body.startsWith("!") || body.startsWith("^");
        if (negated) body = body.slice(1);
        let chars = "";
        const ranges: Array<[string, string]> = [];
        for (let k = 0; k < body.length; k++) {
          if (body[k + 1] === "-" && k + 2 < body.length) {
            ranges.push([body[k], body[k + 2]]);
            k += 2;
          } else chars += body[k];
        }
        steps.push({ kind: "class", negated, chars, ranges });
        i = close;
      }
    } else steps.push({ kind: "char", char: c });
  }
  return steps;
}

function accepts(step: Step, c: string): boolean {
  switch (step.kind) {
    case "char":
      return step.char === c;
    case "one":
      return c !== "/";
    case "class": {
      if (c === "/") return false;
      const inside = step.chars.includes(c) || step.ranges.some(([lo, hi]) => lo <= c && c <= hi);
      return inside !== step.negated;
    }
    default:
      return false;
  }
}

/**
 * Walks the automaton: state i means "the first i steps are matched". A star-like step
 * can match nothing (state i also means state i+1) or consume a character and stay; a
 * "**\/" step that has consumed part of a folder's name is in its own state ("inside"),
 * which only a "/" leaves.
 */
function run(steps: Step[], path: string, orFolder: boolean): boolean {
  const n = steps.length;
  let at = new Uint8Array(n + 1);
  let next = new Uint8Array(n + 1);
  let inside = new Uint8Array(n + 1);
  let nextInside = new Uint8Array(n + 1);
  const close = (set: Uint8Array): void => {
    for (let i = 0; i < n; i++) {
      const kind = steps[i].kind;
      if (set[i] && (kind === "star" || kind === "any" || kind === "folders")) set[i + 1] = 1;
    }
  };
  at[0] = 1;
  close(at);
  for (let p = 0; p < path.length; p++) {
    const c = path[p];
    if (orFolder && c === "/" && at[n]) return true;
    next.fill(0);
    nextInside.fill(0);
    let alive = false;
    for (let i = 0; i < n; i++) {
      if (!at[i] && !inside[i]) continue;
      const step = steps[i];
      if (step.kind === "folders") {
        if (c === "/") next[i] = 1;
        else nextInside[i] = 1;
        alive = true;
        continue;
      }
      if (!at[i]) continue;
      if (step.kind === "star") {
        if (c !== "/") next[i] = 1;
      } else if (step.kind === "any") next[i] = 1;
      else if (accepts(step, c)) next[i + 1] = 1;
    }
    close(next);
    for (let i = 0; i <= n && !alive; i++) alive = next[i] === 1;
    if (!alive) return false;
    [at, next] = [next, at];
    [inside, nextInside] = [nextInside, inside];
  }
  return at[n] === 1;
}

/**
 * Whether a relative path (forward slashes) is matched by an ignore pattern: the
 * pattern matches the path itself or one of its folders (so `archive` and
 * `archive/` ignore everything under `archive`). A glob that cannot be compiled
 * matches nothing (project configs refuse such globs when they are read).
 */
export function matchesIgnore(relPath: string, pattern: string): boolean {
  const glob = ignoreGlob(pattern);
  return glob !== undefined && !isGlobProblem(glob) && glob.testPathOrFolder(relPath);
}

const compiled = new Map<string, Glob | GlobProblem | undefined>();

/** An ignore pattern, normalised (backslashes, a leading ./, trailing slashes) and compiled once. */
export function ignoreGlob(pattern: string): Glob | GlobProblem | undefined {
  let glob = compiled.get(pattern);
  if (glob === undefined && !compiled.has(pattern)) {
    const p = pattern.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, "");
    glob = p === "" ? undefined : compileGlob(p);
    if (compiled.size >= 1_000) compiled.clear();
    compiled.set(pattern, glob);
  }
  return glob;
}
