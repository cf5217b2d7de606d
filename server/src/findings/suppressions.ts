// Inline suppression, in markdownlint's grammar under our prefix:
//   <!-- source-check-disable-next-line [codes] -->   the next line
//   <!-- source-check-disable-line [codes] -->        the comment's own line
//   <!-- source-check-disable [codes] --> … <!-- source-check-enable [codes] -->
//   <!-- source-check-disable-file [codes] -->        the whole draft
// No codes means every code. The CLI and the editor both go through `check`, so
// both honour them alike.

import type { Finding, FindingCode } from "../model.js";
import { LineIndex } from "../parsing/positions.js";

const DIRECTIVE = /<!--\s*source-check-(disable-next-line|disable-line|disable-file|disable|enable)((?:\s+[a-z-]+)*)\s*-->/g;

type Scope = Set<FindingCode> | "all";

export function applySuppressions(text: string, findings: Finding[]): Finding[] {
  if (!text.includes("source-check-")) return findings;
  const lines = new LineIndex(text);
  const perLine = new Map<number, Scope[]>();
  const ranges: { from: number; to: number; scope: Scope }[] = [];
  const open: { from: number; scope: Scope }[] = [];
  let file: Scope[] = [];
  const add = (line: number, scope: Scope): void => {
    perLine.set(line, [...(perLine.get(line) ?? []), scope]);
  };
  for (const m of text.matchAll(DIRECTIVE)) {
    const codes = m[2].trim().split(/\s+/).filter(Boolean) as FindingCode[];
    const scope: Scope = codes.length ? new Set(codes) : "all";
    const line = lines.positionAt(m.index).line;
    switch (m[1]) {
      case "disable-next-line":
        add(lines.positionAt(m.index + m[0].length).line + 1, scope);
        break;
      case "disable-line":
        add(line, scope);
        break;
      case "disable-file":
        file = [...file, scope];
        break;
      case "disable":
        open.push({ from: line, scope });
        break;
      case "enable":
        // Close what this enables: the same codes, or everything when none are named.
        for (let i = open.length - 1; i >= 0; i--) {
          if (scope === "all" || sameScope(open[i].scope, scope)) {
            ranges.push({ from: open[i].from, to: line, scope: open[i].scope });
            open.splice(i, 1);
          }
        }
        break;
    }
  }
  for (const o of open) ranges.push({ from: o.from, to: Infinity, scope: o.scope });
  const covers = (scope: Scope, code: FindingCode): boolean => scope === "all" || scope.has(code);
  return findings.filter((f) => {
    const line = lines.positionAt(f.span.start).line;
    if (file.some((s) => covers(s, f.code))) return false;
    if ((perLine.get(line) ?? []).some((s) => covers(s, f.code))) return false;
    return !ranges.some((r) => line >= r.from && line <= r.to && covers(r.scope, f.code));
  });
}

function sameScope(a: Scope, b: Scope): boolean {
  if (a === "all" || b === "all") return a === b;
  return a.size === b.size && [...a].every((c) => b.has(c));
}
