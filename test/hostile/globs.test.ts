// Issue 14, item 4: an `ignore` glob from a cloned repository's config cannot freeze the
// CLI or the server. "*a*a*a*a*a*a*a*a*a*a*a*ab" against a 40-letter name hung past 30 s
// (a backtracking regular expression); "**/**/…" eight deep cost seconds a match; nested
// braces {a,{b,c}} matched the wrong files. Globs are now matched by an automaton
// (server/src/config/glob.ts). Times are asserted only loosely: "does not hang".

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileGlob, isGlobProblem, matchesIgnore, type Glob } from "../../server/src/config/glob.js";
import { parseProjectConfig } from "../../server/src/config/project-config.js";
import { BIN } from "../cli/helpers.js";

function glob(pattern: string): Glob {
  const g = compileGlob(pattern);
  assert.ok(!isGlobProblem(g), isGlobProblem(g) ? g.problem : "");
  return g;
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = f();
  return { value, ms: performance.now() - start };
}

describe("hostile sources: item 4, globs", function () {
  this.timeout(60_000);

  it("the CLI with a pathological ignore glob finishes (a child process, killed at 30 s)", () => {
    const dir = mkdtempSync(join(tmpdir(), "source-check-glob-"));
    try {
      const name = "a".repeat(40);
      mkdirSync(join(dir, "drafts"));
      writeFileSync(join(dir, "drafts", `${name}.md`), "The harbour had 17 lighthouses.\n");
      writeFileSync(
        join(dir, ".source-check.json"),
        JSON.stringify({ ignore: ["*a*a*a*a*a*a*a*a*a*a*a*ab", "**/**/**/**/**/**/**/**/z"] }),
      );
      const r = spawnSync(process.execPath, [BIN, "--format", "json", "drafts"], {
        cwd: dir,
        encoding: "utf8",
        timeout: 30_000,
        env: { ...process.env, NO_COLOR: "1" },
      });
      assert.notEqual(r.signal, "SIGTERM", "the CLI hung on the glob");
      assert.equal(JSON.parse(r.stdout).files.length, 1, r.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("matches stars without backtracking: many stars against long names", () => {
    const name = "a".repeat(40);
    const { value, ms } = timed(() => glob("*a*a*a*a*a*a*a*a*a*a*a*ab").test(name));
    assert.equal(value, false);
    assert.ok(ms < 5_000, `${ms} ms`);
    const long = "a".repeat(10_000);
    const stars = `${"*a".repeat(500)}b`;
    assert.equal(timed(() => glob(stars).test(long)).value, false);
    assert.equal(glob(stars).test(`${long}b`), true);
    assert.equal(glob("*a*a*a*a*a*a*a*a*a*a*a*ab").test(`${name}b`), true);
  });

  it("matches globstars eight deep against deep paths at once", () => {
    const g = glob("**/**/**/**/**/**/**/**/x.md");
    const deep = `${"d/".repeat(200)}y.md`;
    const { value, ms } = timed(() => {
      let any = false;
      for (let i = 0; i < 100; i++) any ||= g.test(deep) || matchesIgnore(deep, "**/**/**/**/**/**/**/**/x.md");
      return any;
    });
    assert.equal(value, false);
    assert.ok(ms < 10_000, `${ms} ms`);
    assert.equal(g.test(`${"d/".repeat(200)}x.md`), true);
    assert.equal(g.test("x.md"), true);
    assert.equal(g.test("ax.md"), false);
  });

  it("reads nested braces right: {a,{b,c}} is a, b or c and nothing else", () => {
    const g = glob("{a,{b,c}}.md");
    for (const yes of ["a.md", "b.md", "c.md"]) assert.equal(g.test(yes), true, yes);
    for (const no of ["{b.md", "c}.md", "{b,c}.md", "a,{b.md", "d.md"]) assert.equal(g.test(no), false, no);
    assert.equal(glob("x{a,{b,{c,d}}e}y").test("xdey"), true);
    assert.equal(glob("x{a,{b,{c,d}}e}y").test("xay"), true);
    assert.equal(glob("x{a,{b,{c,d}}e}y").test("xdy"), false);
    assert.equal(glob("{a,b}{1,2}/*.md").test("b2/n.md"), true);
    // An unclosed brace is a literal character.
    assert.equal(glob("{a,b.md").test("{a,b.md"), true);
  });

  it("keeps the glob language: *, ?, **, classes and ranges, folders of an ignore", () => {
    assert.equal(glob("drafts/*.md").test("drafts/x.md"), true);
    assert.equal(glob("drafts/*.md").test("drafts/a/x.md"), false);
    assert.equal(glob("drafts/?.md").test("drafts/x.md"), true);
    assert.equal(glob("[a-c]x[!0-9].md").test("bxy.md"), true);
    assert.equal(glob("[a-c]x[!0-9].md").test("bx1.md"), false);
    assert.equal(glob("[!a]").test("/"), false);
    assert.equal(glob("**").test("a/b/c"), true);
    assert.equal(matchesIgnore("archive/2020/a.md", "archive/"), true);
    assert.equal(matchesIgnore("archived/a.md", "archive"), false);
  });

  it("refuses braces that expand past the limit, naming the config file and the field", () => {
    const P = "/project/.source-check.json";
    const bomb = "{a,b}".repeat(11);
    const parsed = parseProjectConfig(P, JSON.stringify({ ignore: ["ok/**", bomb] }));
    assert.ok("problem" in parsed);
    assert.equal(parsed.problem.path, P);
    assert.equal(parsed.problem.message, `"ignore[1]" has braces that expand to more than 1,000 alternatives`);
    const nested = `${"{a,".repeat(2_000)}b${"}".repeat(2_000)}`;
    const deep = timed(() => parseProjectConfig(P, JSON.stringify({ ignore: [nested] })));
    assert.ok("problem" in deep.value && /"ignore\[0\]" is a glob of 8,001 characters/.test(deep.value.problem.message));
    const wide = `{${Array.from({ length: 500 }, (_, i) => `x${i}`).join(",")}}/*.md`;
    assert.ok("config" in parseProjectConfig(P, JSON.stringify({ ignore: [wide] })));
  });
});
