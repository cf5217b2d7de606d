// `--format github`: one workflow command per finding, escaped as the Actions runner expects.

import assert from "node:assert/strict";
import { cleanTemp, cli, cliJson, DRAFTS, NEWS_BRIEF, tempDir, WARNING_DRAFT, write } from "./helpers.js";
import { escapeData, escapeProperty } from "../../server/src/cli/github.js";

after(cleanTemp);

const LINE = /^::(error|warning|notice) file=([^,]*),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=([^,:]+)::(.*)$/;

describe("CLI: --format github", () => {
  it("prints one annotation per finding, with its place, code and message", () => {
    const args = [`${DRAFTS}/explainer.md`, NEWS_BRIEF];
    const { report } = cliJson(args);
    const r = cli(["--format", "github", ...args]);
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split("\n");
    const expected = report.files.flatMap((file) => file.findings.map((f) => ({ path: file.path, f })));
    assert.equal(lines.length, expected.length);
    lines.forEach((line, i) => {
      const m = LINE.exec(line);
      assert.ok(m, `not a workflow command: ${line}`);
      const { path, f } = expected[i];
      assert.equal(m[1], f.severity === "info" ? "notice" : f.severity);
      assert.equal(m[2], path);
      assert.deepEqual(m.slice(3, 7).map(Number), [f.line, f.column, f.endLine, f.endColumn]);
      assert.equal(m[7], f.code);
      assert.equal(m[8], escapeData(f.message));
    });
    assert.ok(lines.some((l) => l.startsWith("::warning ")));
    assert.ok(lines.some((l) => l.startsWith("::error ")));
  });

  it("prints nothing for a clean run", () => {
    const dir = tempDir();
    const draft = write(dir, "clean.md", "# Stations\n\nChina has opened 54 stations in 30 countries [@ctv-news].\n");
    assert.deepEqual(cli(["--format", "github", draft]), { status: 0, stdout: "", stderr: "" });
  });

  it("escapes % CR LF in messages and also : and , in properties", () => {
    assert.equal(escapeData("100% sure\r\nnext: a, b"), "100%25 sure%0D%0Anext: a, b");
    assert.equal(escapeProperty("C:\\drafts\\a,b%.md"), "C%3A\\drafts\\a%2Cb%25.md");
    assert.equal(escapeProperty("line1\nline2"), "line1%0Aline2");
  });

  it("escapes a file name with a comma, a colon and a percent sign", () => {
    const dir = tempDir();
    write(dir, "drafts/a,b:c%d.md", WARNING_DRAFT);
    const r = cli(["--format", "github", "drafts/a,b:c%d.md"], dir);
    assert.equal(r.status, 0, r.stderr);
    const line = r.stdout.trimEnd();
    assert.equal(line.split("\n").length, 1);
    assert.match(line, /^::warning file=drafts\/a%2Cb%3Ac%25d\.md,line=3,col=1,endLine=3,endColumn=\d+,title=figure-unattributed::/);
    assert.ok(LINE.test(line));
  });
});
