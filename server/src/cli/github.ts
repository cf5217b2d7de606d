// `--format github`: GitHub Actions workflow commands, one line per finding, which
// the runner turns into annotations on the pull request's diff:
//   ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=CODE::MESSAGE
// Escaping follows the runner's rules: in the message, % CR LF; in properties, also : and ,.

import type { Severity } from "../model.js";
import { LineIndex } from "../parsing/positions.js";
import { location, type RenderInput } from "./report.js";

export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function githubCommand(severity: Severity): "error" | "warning" | "notice" {
  return severity === "info" ? "notice" : severity;
}

export function renderGithub({ reports }: RenderInput): string {
  const out: string[] = [];
  for (const r of reports) {
    const lines = new LineIndex(r.text);
    const file = r.path.replace(/\\/g, "/");
    for (const f of r.findings) {
      const l = location(lines, f.span);
      const props = [
        `file=${escapeProperty(file)}`,
        `line=${l.line}`,
        `col=${l.column}`,
        `endLine=${l.endLine}`,
        `endColumn=${l.endColumn}`,
        `title=${escapeProperty(f.code)}`,
      ].join(",");
      out.push(`::${githubCommand(f.severity)} ${props}::${escapeData(f.message)}`);
    }
  }
  return out.length ? out.join("\n") + "\n" : "";
}
