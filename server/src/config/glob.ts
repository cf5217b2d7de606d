// Globs without a dependency, for the CLI's inputs and a project config's `ignore`:
// `*` and `?` within a path segment, `**` across segments, `{a,b}` alternatives and
// `[abc]` classes. Paths are matched with forward slashes.

export function hasGlobMagic(s: string): boolean {
  return /[*?[{]/.test(s);
}

export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      re += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) re += "\\[";
      else {
        const body = glob.slice(i + 1, close);
        const negated = body.startsWith("!") || body.startsWith("^");
        const chars = (negated ? body.slice(1) : body).replace(/[\\\]^]/g, "\\$&");
        re += negated ? `[^/${chars}]` : `[${chars}]`;
        i = close;
      }
    } else if (c === "{") {
      const close = glob.indexOf("}", i);
      if (close < 0) re += "\\{";
      else {
        re += `(?:${glob.slice(i + 1, close).split(",").map(escapeRegExp).join("|")})`;
        i = close;
      }
    } else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}$`);
}

/**
 * Whether a relative path (forward slashes) is matched by an ignore pattern: the
 * pattern matches the path itself or one of its folders (so `archive` and
 * `archive/` ignore everything under `archive`).
 */
export function matchesIgnore(relPath: string, pattern: string): boolean {
  const p = pattern.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, "");
  if (p === "") return false;
  const re = globToRegExp(p);
  const parts = relPath.split("/");
  for (let n = parts.length; n >= 1; n--) {
    if (re.test(parts.slice(0, n).join("/"))) return true;
  }
  return false;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+^${}()|[\]\\]/g, "\\$&");
}
