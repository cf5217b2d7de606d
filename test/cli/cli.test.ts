// The CLI as a process: the JSON contract, exit statuses, stylish output, options.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  cleanTemp,
  cli,
  cliJson,
  CLEAN_DRAFT,
  DRAFTS,
  NEWS_BRIEF,
  ROOT,
  tempDir,
  WARNING_DRAFT,
  write,
  BRIDGES_DRAFT,
  BRIDGES_SOURCE,
  source,
} from "./helpers.js";

after(cleanTemp);

describe("CLI: the JSON contract and exit statuses", () => {
  it("exits 1 and reports the news brief's 35 countries as a figure-mismatch naming CTV News Toronto and 30", () => {
    const { status, report } = cliJson([NEWS_BRIEF]);
    assert.equal(status, 1);
    assert.equal(report.version, 1);
    assert.equal(report.files.length, 1);
    assert.equal(report.files[0].path, NEWS_BRIEF, "path is as given on the command line");
    const f = report.files[0].findings.find((x) => x.code === "figure-mismatch" && x.line === 9);
    assert.ok(f, `no figure-mismatch on line 9: ${JSON.stringify(report.files[0].findings.map((x) => [x.code, x.line]))}`);
    assert.equal(f.severity, "error");
    assert.equal(f.claim.kind, "figure");
    assert.match(f.claim.text, /^35\b/);
    assert.match(f.message, /CTV News Toronto/);
    assert.match(f.message, /\b30\b/);
    // The column points at "35" on line 9 of the file (1-based, end exclusive).
    const line9 = readFileSync(join(ROOT, NEWS_BRIEF), "utf8").split("\n")[8];
    assert.equal(line9.slice(f.column - 1, f.column + 1), "35");
    assert.ok(f.evidence.some((e) => e.source === "ctv-news"));
    const edit = f.fixes[0]?.edits[0];
    assert.ok(edit, "a fix replacing the figure");
    assert.equal(edit.newText, "30");
  });

  it("gives every finding every field of the contract, with the right types", () => {
    const { report } = cliJson([`${DRAFTS}/explainer.md`, NEWS_BRIEF, `${DRAFTS}/newsletter.md`]);
    assert.deepEqual(Object.keys(report).sort(), ["files", "sources", "version"]);
    assert.deepEqual(report.sources.map((s) => s.id).sort(), ["ctv-news", "naija-times"]);
    for (const s of report.sources) assert.deepEqual(Object.keys(s).sort(), ["id", "publisher", "title"]);
    assert.equal(report.files.length, 3);
    let n = 0;
    for (const file of report.files) {
      assert.deepEqual(Object.keys(file).sort(), ["claims", "findings", "path"]);
      assert.ok(Number.isInteger(file.claims) && file.claims >= file.findings.length);
      for (const f of file.findings) {
        n++;
        assert.deepEqual(Object.keys(f).sort(), [
          "claim",
          "code",
          "column",
          "endColumn",
          "endLine",
          "evidence",
          "fixes",
          "line",
          "message",
          "severity",
        ]);
        for (const k of ["line", "column", "endLine", "endColumn"] as const)
          assert.ok(Number.isInteger(f[k]) && f[k] >= 1, `${k} of ${f.code}`);
        assert.ok(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column));
        assert.ok(["error", "warning", "info"].includes(f.severity));
        assert.deepEqual(Object.keys(f.claim).sort(), ["kind", "text"]);
        for (const e of f.evidence) assert.deepEqual(Object.keys(e).sort(), ["excerpt", "source"]);
        for (const x of f.fixes) {
          assert.equal(typeof x.title, "string");
          for (const e of x.edits) assert.deepEqual(Object.keys(e).sort(), ["column", "endColumn", "endLine", "line", "newText"]);
        }
      }
    }
    assert.ok(n >= 6, `expected the eval drafts to have findings, got ${n}`);
  });

  it("exits 0 with no output on a clean draft", () => {
    const dir = tempDir();
    const draft = write(dir, "clean.md", CLEAN_DRAFT);
    const r = cli([draft]);
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, "");
    assert.equal(r.status, 0);
    const j = cliJson([draft]);
    assert.equal(j.status, 0);
    assert.equal(j.report.files[0].claims >= 2, true, "54 and 30 are claims");
    assert.deepEqual(j.report.files[0].findings, []);
  });

  it("exits 2 and names a missing file on stderr, while still checking and printing the others", () => {
    const { status, stderr, report } = cliJson(["no-such-draft.md", NEWS_BRIEF]);
    assert.equal(status, 2);
    const lines = stderr.trim().split("\n");
    assert.equal(lines.length, 1, stderr);
    assert.match(lines[0], /^source-check: no-such-draft\.md: \S.*$/);
    assert.equal(report.files.length, 1);
    assert.equal(report.files[0].path, NEWS_BRIEF);
    assert.ok(report.files[0].findings.some((f) => f.code === "figure-mismatch"));
  });

  it("exits 2 when a draft is not text, naming it, and checks the others", () => {
    const dir = tempDir();
    const bin = write(dir, "binary.md", "abc\u0000def");
    const good = write(dir, "clean.md", CLEAN_DRAFT);
    const { status, stderr, report } = cliJson([bin, good]);
    assert.equal(status, 2);
    assert.match(stderr, new RegExp(`^source-check: ${bin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: .*NUL`, "m"));
    assert.deepEqual(
      report.files.map((f) => f.path),
      [good],
    );
  });

  it("exits 2 on an unknown option, naming it, and prints no report", () => {
    const r = cli(["--frobnicate", NEWS_BRIEF]);
    assert.equal(r.status, 2);
    assert.match(r.stderr.split("\n")[0], /^source-check: unknown option --frobnicate$/);
    assert.equal(r.stdout, "");
  });

  it("exits 2 on a bad option value and on no drafts", () => {
    assert.equal(cli(["--format", "xml", NEWS_BRIEF]).status, 2);
    assert.equal(cli(["--max-warnings", "lots", NEWS_BRIEF]).status, 2);
    assert.equal(cli(["--max-warnings"]).status, 2);
    const none = cli([]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no drafts given/);
  });

  it("prints its version and help", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    assert.deepEqual(cli(["--version"]), { status: 0, stdout: pkg.version + "\n", stderr: "" });
    const help = cli(["--help"]);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--max-warnings/);
  });
});

describe("CLI: stylish output", () => {
  it("prints the path, then one `line:col  severity  message  code` row per finding, then a summary", () => {
    const { report } = cliJson([NEWS_BRIEF]);
    const findings = report.files[0].findings;
    const r = cli([NEWS_BRIEF]);
    assert.equal(r.status, 1);
    const lines = r.stdout.split("\n");
    const at = lines.indexOf(NEWS_BRIEF);
    assert.ok(at >= 0, `no path line in:\n${r.stdout}`);
    const rows = lines.slice(at + 1, at + 1 + findings.length);
    findings.forEach((f, i) => {
      const m = /^ {2}(\d+):(\d+) +(error|warning|info) {2}(.+?) {2,}([a-z-]+)$/.exec(rows[i]);
      assert.ok(m, `row ${i} does not look like a stylish row: ${JSON.stringify(rows[i])}`);
      assert.deepEqual([Number(m[1]), Number(m[2]), m[3], m[4].trim(), m[5]], [f.line, f.column, f.severity, f.message, f.code]);
    });
    const errors = findings.filter((f) => f.severity === "error").length;
    const warnings = findings.filter((f) => f.severity === "warning").length;
    const summary = lines.find((l) => l.startsWith("✖"));
    assert.equal(
      summary,
      `✖ ${findings.length} problems (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"})`,
    );
  });
});

describe("CLI: --quiet and --max-warnings (as ESLint)", () => {
  it("--quiet reports errors only and still exits 1 for them", () => {
    const { status, report } = cliJson(["--quiet", NEWS_BRIEF]);
    assert.equal(status, 1);
    const codes = report.files[0].findings.map((f) => f.severity);
    assert.ok(codes.length > 0);
    assert.deepEqual([...new Set(codes)], ["error"]);
    const stylish = cli(["--quiet", NEWS_BRIEF]).stdout;
    assert.doesNotMatch(stylish, /warning {2}/);
    assert.match(stylish, /\(\d+ errors?, 0 warnings\)/);
  });

  it("a warnings-only draft exits 0, and prints nothing under --quiet", () => {
    const dir = tempDir();
    const draft = write(dir, "warn.md", WARNING_DRAFT);
    const plain = cliJson([draft]);
    assert.equal(plain.status, 0);
    assert.deepEqual(
      plain.report.files[0].findings.map((f) => f.severity),
      ["warning"],
    );
    const quiet = cli(["--quiet", draft]);
    assert.equal(quiet.status, 0);
    assert.equal(quiet.stdout, "");
  });

  it("--max-warnings N exits 1 when warnings exceed N, 0 when they do not", () => {
    const dir = tempDir();
    const draft = write(dir, "warn.md", WARNING_DRAFT);
    const over = cli(["--max-warnings", "0", draft]);
    assert.equal(over.status, 1);
    assert.match(over.stderr, /1 warning, more than --max-warnings 0/);
    assert.equal(cli(["--max-warnings=1", draft]).status, 0);
    assert.equal(cli(["--max-warnings", "5", draft]).status, 0);
  });

  it("with --quiet, warnings are not shown but still count for --max-warnings (ESLint ≥ 7.23)", () => {
    const dir = tempDir();
    const draft = write(dir, "warn.md", WARNING_DRAFT);
    const r = cliJson(["--quiet", "--max-warnings", "0", draft]);
    assert.equal(r.status, 1);
    assert.deepEqual(r.report.files[0].findings, []);
    assert.match(r.stderr, /more than --max-warnings 0/);
  });

  it("errors exit 1 whatever --max-warnings allows", () => {
    assert.equal(cli(["--max-warnings", "100", NEWS_BRIEF]).status, 1);
  });
});

describe("CLI: --sources and --no-bundled", () => {
  it("--sources DIR adds a folder of sources that backs a figure", () => {
    const dir = tempDir();
    write(dir, "sources/my-paper.md", BRIDGES_SOURCE);
    const draft = write(dir, "bridges.md", BRIDGES_DRAFT);
    const without = cliJson([draft]);
    assert.equal(without.status, 1);
    assert.deepEqual(
      without.report.files[0].findings.map((f) => f.code),
      ["citation-unknown"],
    );
    const withIt = cliJson(["--sources", join(dir, "sources"), draft]);
    assert.equal(withIt.status, 0, withIt.stderr);
    assert.deepEqual(withIt.report.files[0].findings, []);
    assert.ok(withIt.report.sources.some((s) => s.id === "my-paper" && s.publisher === "The Daily Test"));
    assert.ok(
      withIt.report.sources.some((s) => s.id === "ctv-news"),
      "the bundled sources stay",
    );
  });

  it("--no-bundled leaves the bundled articles out", () => {
    const dir = tempDir();
    const draft = write(dir, "clean.md", CLEAN_DRAFT);
    const r = cliJson(["--no-bundled", draft]);
    assert.equal(r.status, 1);
    assert.deepEqual(r.report.sources, []);
    assert.deepEqual(
      r.report.files[0].findings.map((f) => f.code),
      ["citation-unknown"],
    );
  });

  it("a broken source in --sources is named on stderr with exit 2, and the drafts are still checked", () => {
    const dir = tempDir();
    write(dir, "src/my-paper.md", BRIDGES_SOURCE);
    write(dir, "src/broken.md", "This article has no front matter.\n");
    const draft = write(dir, "bridges.md", BRIDGES_DRAFT);
    const r = cliJson(["--sources", join(dir, "src"), draft, NEWS_BRIEF]);
    assert.equal(r.status, 2);
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 1, r.stderr);
    assert.equal(lines[0].startsWith(`source-check: ${join(dir, "src", "broken.md")}: `), true, lines[0]);
    assert.match(lines[0], /front matter/);
    assert.deepEqual(
      r.report.files.map((f) => f.path),
      [draft, NEWS_BRIEF],
    );
    assert.deepEqual(r.report.files[0].findings, [], "the good source in the same folder is used");
  });

  it("names a --sources folder as given when it is relative", () => {
    const dir = tempDir();
    write(dir, "src/dup.md", source("ctv-news", "Someone Else", "Another article with 12 things."));
    const draft = write(dir, "clean.md", CLEAN_DRAFT);
    const r = cli(["--sources", "src", draft], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^source-check: src\/dup\.md: source has id "ctv-news"/m);
  });

  it("a --sources path that is not a folder exits 2, naming it", () => {
    const dir = tempDir();
    const draft = write(dir, "clean.md", CLEAN_DRAFT);
    const r = cliJson(["--sources", join(dir, "nope"), draft]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, new RegExp(`^source-check: ${join(dir, "nope")}: `, "m"));
    assert.equal(r.report.files.length, 1);
  });
});

describe("CLI: folders and globs", () => {
  it("a folder means the Markdown files under it, in order, skipping hidden folders and other files", () => {
    const dir = tempDir();
    write(dir, "drafts/b.md", CLEAN_DRAFT);
    write(dir, "drafts/a.md", CLEAN_DRAFT);
    write(dir, "drafts/sub/c.markdown", CLEAN_DRAFT);
    write(dir, "drafts/notes.txt", "not a draft 35");
    write(dir, "drafts/.hidden/d.md", CLEAN_DRAFT);
    const r = cliJson(["drafts"], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      r.report.files.map((f) => f.path),
      ["drafts/a.md", "drafts/b.md", "drafts/sub/c.markdown"],
    );
  });

  it("expands globs itself (no shell): * within a folder, ** across folders", () => {
    const dir = tempDir();
    write(dir, "drafts/a.md", CLEAN_DRAFT);
    write(dir, "drafts/sub/b.md", WARNING_DRAFT);
    write(dir, "drafts/sub/c.txt", "x");
    assert.deepEqual(
      cliJson(["drafts/*.md"], dir).report.files.map((f) => f.path),
      ["drafts/a.md"],
    );
    assert.deepEqual(
      cliJson(["drafts/**/*.md"], dir).report.files.map((f) => f.path),
      ["drafts/a.md", "drafts/sub/b.md"],
    );
    assert.deepEqual(
      cliJson(["**/b.{md,markdown}"], dir).report.files.map((f) => f.path),
      ["drafts/sub/b.md"],
    );
  });

  it("a glob that matches nothing exits 2 naming it; a file given twice is checked once", () => {
    const dir = tempDir();
    write(dir, "drafts/a.md", CLEAN_DRAFT);
    const r = cliJson(["nothing/*.md", "drafts/a.md", "./drafts/a.md"], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^source-check: nothing\/\*\.md: matches no file$/m);
    assert.deepEqual(
      r.report.files.map((f) => f.path),
      ["drafts/a.md"],
    );
  });
});
