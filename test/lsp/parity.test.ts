// The CLI and the editor never disagree about a draft: for one project folder (a
// .source-check.json with its own sources, bundled articles off, rules that change
// severities, a citation style; a source folder with a subfolder, an .mdx source and
// two sources claiming one id; drafts in .md and .mdx), `source-check --format json`
// and the language server, driven over a real stdio connection, report the same
// findings: the same codes, severities, places, messages, evidence and fix titles.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver/node";
import { REPO, TestClient, fileUri, hoverText } from "./client.js";

const source = (id: string, publisher: string, body: string): string =>
  `---\nid: ${id}\ntitle: ${publisher} report\npublisher: ${publisher}\ndate: 2024-03\n---\n\n${body}\n`;

/** The project: every file, by path relative to its folder. */
const PROJECT: Record<string, string> = {
  ".source-check.json": JSON.stringify({
    sources: ["sources"],
    bundled: false,
    citationStyle: "pandoc",
    rules: { "figure-unsupported": "info", "figure-unattributed": "error" },
  }),
  // Two sources with one id: the first in name order keeps it (42 ferries, not 40).
  "sources/01-courier.md": source(
    "vale-courier",
    "Vale Courier",
    "The river authority said 42 ferries crossed the Marrow each week last year.",
  ),
  "sources/vale-courier.md": source(
    "vale-courier",
    "Vale Courier",
    "The river authority said 40 ferries crossed the Marrow each week last year.",
  ),
  "sources/reports/harbour.mdx": source(
    "marrow-harbour",
    "Marrow Harbour Board",
    "The board counted 1,250 passengers on the busiest day of the summer.",
  ),
  "drafts/ferries.md": [
    "# Ferries on the Marrow",
    "",
    "The river authority said 42 ferries crossed the Marrow each week last year.",
    "",
    "Fares rose by 12 percent, the operator said.",
    "",
    "The board counted 1,300 passengers on the busiest day of the summer.",
    "",
  ].join("\n"),
  "drafts/harbour.mdx": [
    "import Chart from './chart.js'",
    "",
    "# The harbour in summer",
    "",
    "The board counted 1,250 passengers on the busiest day of the summer [@marrow-harbour].",
    "",
    "Some 30 gulls nested on the pier, according to [@gull-survey].",
    "",
  ].join("\n"),
};

const DRAFTS = ["drafts/ferries.md", "drafts/harbour.mdx"];

const SEVERITY: Record<number, string> = {
  [DiagnosticSeverity.Error]: "error",
  [DiagnosticSeverity.Warning]: "warning",
  [DiagnosticSeverity.Information]: "info",
};

interface Seen {
  code: string;
  severity: string;
  at: string;
  message: string;
  evidence: string[];
  fixes: string[];
}

interface CliFinding {
  code: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  evidence: { source: string; excerpt: string }[];
  fixes: { title: string }[];
}

describe("parity: the CLI and the language server report the same findings for one folder", function () {
  let dir: string;
  let client: TestClient;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "source-check-parity-"));
    for (const [rel, text] of Object.entries(PROJECT)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    client = await TestClient.start({ workspaceFolders: [dir], initializationOptions: { debounceMs: 0 } });
  });
  after(async () => {
    await client?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The CLI on the drafts folder (so that it picks the .mdx draft itself), by draft. */
  function cli(): { byDraft: Map<string, Seen[]>; stderr: string } {
    const r = spawnSync(process.execPath, [resolve(REPO, "bin/source-check.js"), "--format", "json", "drafts"], {
      cwd: dir,
      encoding: "utf8",
    });
    if (r.error) throw r.error;
    const report = JSON.parse(r.stdout) as { files: { path: string; findings: CliFinding[] }[] };
    const byDraft = new Map<string, Seen[]>();
    for (const file of report.files) {
      byDraft.set(
        file.path.split("\\").join("/"),
        file.findings.map((f) => ({
          code: f.code,
          severity: f.severity,
          at: `${f.line}:${f.column}-${f.endLine}:${f.endColumn}`,
          message: f.message,
          evidence: f.evidence.length ? [f.evidence[0].excerpt.replace(/\s+/g, "")] : [],
          fixes: f.fixes.map((x) => x.title),
        })),
      );
    }
    return { byDraft, stderr: r.stderr };
  }

  /** The CLI's first excerpt for a finding, looked for in the server's hover card (its Markdown undone, spaces dropped). */
  async function firstExcerptIn(uri: string, d: Diagnostic, wanted: string | undefined): Promise<string[]> {
    const card = hoverText(await client.hover(uri, d.range.start))
      .replace(/\\(.)/g, "$1")
      .replace(/\*\*|`/g, "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&")
      .replace(/\s+/g, "");
    if (wanted === undefined) return [];
    return [card.includes(wanted) ? wanted : `not in the hover: ${card}`];
  }

  /** The server's diagnostics for a draft opened as an editor would (.mdx with its own language id), with each one's quick fixes. */
  async function server(rel: string, fromCli: Seen[] = []): Promise<Seen[]> {
    const doc = client.open(join(dir, rel), PROJECT[rel], rel.endsWith(".mdx") ? "mdx" : "markdown");
    const diagnostics = await client.diagnosticsFor(doc, 15000);
    const seen: Seen[] = [];
    for (const d of diagnostics) {
      const actions = await client.codeActions(doc.uri, d.range, [d], ["quickfix"]);
      seen.push({
        code: String(d.code),
        severity: SEVERITY[d.severity!],
        at: `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`,
        message: typeof d.message === "string" ? d.message : (d.message as { value: string }).value,
        // The deciding passage, as the hover shows it (diagnostics carry no evidence); the CLI's first excerpt.
        evidence: await firstExcerptIn(doc.uri, d, fromCli[seen.length]?.evidence[0]),
        // The finding's fixes; the editor adds one of its own (a suppression comment), which the CLI has no use for.
        fixes: actions
          .filter((a) => a.diagnostics?.some((x: Diagnostic) => x.code === d.code && sameRange(x, d)) ?? true)
          .map((a) => a.title)
          .filter((title) => title !== `Disable source-check for this line (${d.code})`),
      });
    }
    return seen;
  }

  it("gives the same findings for each draft, .mdx included", async () => {
    const { byDraft, stderr } = cli();
    assert.deepEqual([...byDraft.keys()].sort(), DRAFTS, `the CLI checked ${[...byDraft.keys()].join(", ")}`);
    for (const rel of DRAFTS) {
      const fromServer = await server(rel, byDraft.get(rel));
      assert.deepEqual(fromServer, byDraft.get(rel), `${rel}: the server and the CLI disagree`);
    }
    // Not agreement on nothing: the config's rules, its sources and the id rule are at work.
    const ferries = byDraft.get("drafts/ferries.md")!;
    assert.deepEqual(
      ferries.map((f) => `${f.at.split(":")[0]}:${f.code}:${f.severity}`),
      ["3:figure-unattributed:error", "5:figure-unsupported:info", "7:figure-mismatch:error"],
    );
    assert.ok(
      byDraft.get("drafts/harbour.mdx")!.some((f) => f.code === "citation-unknown"),
      "the .mdx draft was checked",
    );
    assert.match(stderr, /vale-courier\.md: source has id "vale-courier", which .*01-courier\.md already uses/);
  });

  it("reports the source that lost its id on that source's file", async () => {
    const problems = await client.diagnostics(fileUri(join(dir, "sources/vale-courier.md")), (p) => p.diagnostics.length > 0, 15000);
    assert.match(problems.diagnostics[0].message as string, /has id "vale-courier", which .*01-courier\.md already uses/);
  });
});

function sameRange(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}
