// Hostile drafts: each is checked, or refused with a reason a person can act on;
// never a crash, never silence, never a position outside the text. The checker's
// limits are in server/src/findings/limits.ts; the CLI's handling of bytes (binary, not
// UTF-8, BOM, too large) in server/src/cli/main.ts.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { check } from "../../server/src/index.js";
import { loadCorpus } from "../../server/src/node/sources.js";
import { run } from "../../server/src/cli/main.js";
import {
  checkWithinLimits,
  DEFAULT_MAX_FILE_SIZE,
  MAX_LINE_LENGTH,
  MAX_EMPHASIS_MARKS,
  MAX_NESTING,
  refusalFor,
} from "../../server/src/findings/limits.js";
import { assertPositionsInside } from "../fuzz/invariants.js";

const { corpus } = loadCorpus();
const limits = { maxFileSize: DEFAULT_MAX_FILE_SIZE };
const SENTENCE = "Safeguard Defenders says China runs 54 police stations in 30 countries [@ctv-news].\n\n";

function timed<T>(f: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = f();
  return { value, ms: performance.now() - start };
}

function refused(text: string): string {
  const { value, ms } = timed(() => checkWithinLimits(text, corpus, {}, limits));
  assert.ok("refusal" in value, "checked, though it should have been refused");
  assert.ok(ms < 20_000, `took ${ms} ms`);
  return value.refusal.message;
}

function checked(text: string) {
  const value = checkWithinLimits(text, corpus, {}, limits);
  assert.ok("result" in value, `refused: ${"refusal" in value ? value.refusal.message : ""}`);
  assertPositionsInside(text, value.result);
  return value.result;
}

describe("hostile drafts: the checker's limits", function () {
  this.timeout(60_000);

  it("refuses a 10 MB draft at once, naming its size and the limit", () => {
    const text = SENTENCE.repeat(Math.ceil(10_000_000 / SENTENCE.length));
    const { value, ms } = timed(() => refusalFor(text, limits));
    assert.ok(ms < 1000, `deciding took ${ms} ms`);
    assert.match(value?.message ?? "", /^is 10,0\d\d,\d\d\d bytes, more than the limit of 1,048,576 bytes$/);
  });

  it("counts bytes of UTF-8, not characters: 200,000 lines of “é” are 600,000 bytes", () => {
    const text = "é\n".repeat(200_000);
    assert.equal(refusalFor(text, { maxFileSize: 500_000 })?.message, "is 600,000 bytes, more than the limit of 500,000 bytes");
    assert.equal(refusalFor(text, { maxFileSize: 600_000 }), undefined);
  });

  it("refuses a 1 MB line, naming the line and the limit", () => {
    const message = refused(`# Title\n\n${"54 stations in 30 countries ".repeat(36_000)}\n`);
    assert.equal(message, `has a line of 1,008,000 characters (line 3), more than the limit of 100,000`);
    assert.equal(MAX_LINE_LENGTH, 100_000);
  });

  it("checks a line just under the line limit", () => {
    checked(`${"x".repeat(MAX_LINE_LENGTH - 20)} 54 stations.\n`);
  });

  it("refuses 10,000-deep blockquotes and lists before parsing them", () => {
    assert.match(
      refused(`${">".repeat(10_000)} 54 stations\n`),
      /^nests blockquotes or lists 10,000 deep \(line 1\), more than the limit of 100$/,
    );
    assert.match(refused(`${"- ".repeat(10_000)}54 stations\n`), /nests blockquotes or lists 10,000 deep/);
    assert.match(refused(`${"1. ".repeat(10_000)}54 stations\n`), /nests blockquotes or lists 10,000 deep/);
    assert.match(refused(`${"> - ".repeat(5_000)}54 stations\n`), /nests blockquotes or lists 10,000 deep/);
    assert.match(
      refused(Array.from({ length: 300 }, (_, i) => `${"  ".repeat(i)}- 54 stations`).join("\n")),
      /nests blockquotes or lists \d+ deep \(line \d+\)/,
    );
  });

  it("checks nesting up to the limit", () => {
    const result = checked(`${"> ".repeat(MAX_NESTING)}China runs 54 police stations.\n`);
    assert.ok(result.claims.some((c) => c.claim.text === "54"));
  });

  it("refuses 10,000-deep emphasis before parsing it, naming the line and the limit", () => {
    assert.equal(
      refused(`# Title\n\n${"*".repeat(10_000)}54 stations${"*".repeat(10_000)}\n`),
      "has 20,000 emphasis marks (* or _) on line 3, more than the limit of 1,000",
    );
    assert.equal(MAX_EMPHASIS_MARKS, 1_000);
  });

  it("checks a line with emphasis marks up to the limit", () => {
    const result = checked(`${"_".repeat(MAX_EMPHASIS_MARKS - 4)} **54 police stations**\n`);
    assert.ok(result.claims.some((c) => c.claim.text === "54"));
  });

  it("reports a stack overflow in the checker as too deep, and checks normally afterwards", () => {
    const before = check(SENTENCE, corpus).findings;
    // A corpus whose look-ups recurse without end: the overflow happens inside check().
    const recursing = new Proxy(corpus, {
      get(target, key, receiver) {
        if (key === "sources") {
          const down = (n: number): number => down(n + 1) + 1;
          down(0);
        }
        return Reflect.get(target, key, receiver);
      },
    });
    const value = checkWithinLimits("China runs [@ctv-news] 54 police stations.", recursing, {}, limits);
    assert.ok("refusal" in value, "checked, though the checker overflowed its stack");
    assert.equal(value.refusal.message, "is nested too deeply to check (the checker ran out of stack)");
    assert.deepEqual(check(SENTENCE, corpus).findings, before);
  });

  it("reports any other failure of the checker with its message", () => {
    const broken = { ...corpus, sources: null } as unknown as typeof corpus;
    const value = checkWithinLimits("China runs [@ctv-news] 54 police stations.", broken, {}, limits);
    assert.ok("refusal" in value);
    assert.equal(value.refusal.reason, "failed");
    assert.match(value.refusal.message, /^could not be checked: the checker failed \(.+\)$/);
  });
});

describe("hostile drafts: odd characters", () => {
  it("NUL bytes: checked, positions inside", () => {
    const text = "China runs 54\u0000 police\u0000 stations [@ctv-news].\u0000\n\u0000";
    assert.ok(checked(text).claims.some((c) => c.claim.text === "54"));
  });

  it("a BOM: left out of the Markdown, positions still in the text with the BOM", () => {
    for (const body of [
      "“The The The” he said <https://example.com>.\n",
      "China runs 54 police stations.\n",
      "---\ntitle: x\n---\n\nChina runs 54 police stations.\n",
    ]) {
      const plain = check(body, corpus);
      const bom = check(`\uFEFF${body}`, corpus);
      assertPositionsInside(`\uFEFF${body}`, bom);
      assert.deepEqual(
        bom.claims.map((c) => [c.claim.text, c.claim.span.start - 1, c.claim.span.end - 1]),
        plain.claims.map((c) => [c.claim.text, c.claim.span.start, c.claim.span.end]),
      );
      assert.deepEqual(
        bom.findings.map((f) => [f.code, f.span.start - 1]),
        plain.findings.map((f) => [f.code, f.span.start]),
      );
    }
  });

  it("lone surrogates: checked, positions inside", () => {
    const text = "China runs 5\uD8004 police \uDC00stations “\uD800” in 30 countries [@ctv-news\uDFFF].\n\uD83D";
    checked(text);
  });

  it("right-to-left and zero-width marks around and inside numbers: no crash, no position outside", () => {
    for (const mark of ["\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u202E", "\u2066", "\u2069", "\uFEFF", "\u00AD"]) {
      for (const text of [
        `China runs 5${mark}4 police stations.`,
        `China runs ${mark}54${mark} police stations.`,
        `It cost 1${mark},000 dollars in 2${mark}022.`,
      ]) {
        const result = checked(text);
        // The claim's text is what a reader sees: the invisible marks are not in it.
        for (const c of result.claims)
          assert.equal(
            text
              .slice(c.claim.span.start, c.claim.span.end)
              .replace(/[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g, ""),
            c.claim.text,
          );
      }
    }
  });

  // A mark inside a number does not split it: the prose leaves invisible marks out.
  it("a zero-width or direction mark inside a number reads as 54, never as 5 and 4", () => {
    for (const mark of ["\u200B", "\u200E"]) {
      const values = check(`China runs 5${mark}4 police stations.`, corpus).claims.map((c) => c.claim.figure?.value);
      assert.ok(
        values.every((v) => v?.type === "count" && v.value === 54),
        JSON.stringify(values),
      );
    }
  });

  it("full-width and Arabic-Indic digits are not read as figures (no NFKC folding): nothing wrong is claimed", () => {
    for (const text of [
      "China runs ５４ police stations in ３０ countries.",
      "China runs ٥٤ police stations in ٣٠ countries.",
      "China runs ۵۴ police stations.",
    ]) {
      assert.deepEqual(
        checked(text).claims.filter((c) => c.claim.kind === "figure"),
        [],
      );
    }
  });
});

describe("hostile drafts: the CLI", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "source-check-hostile-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function cli(args: string[]): { status: number; stdout: string; stderr: string } {
    let stdout = "";
    let stderr = "";
    const status = run(["--no-config", ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: dir });
    return { status, stdout, stderr };
  }
  const file = (name: string, content: string | Buffer): string => {
    writeFileSync(join(dir, name), content);
    return name;
  };

  it("skips a 10 MB draft before reading it: exit 2, one stderr line naming the file, its size and the limit; the others are checked", () => {
    const big = file("big.md", Buffer.alloc(10 * 1024 * 1024, "a"));
    const good = file("good.md", "China runs 35 police stations [@ctv-news].\n");
    const r = cli(["--format", "json", big, good]);
    assert.equal(r.status, 2);
    assert.equal(
      r.stderr,
      "source-check: big.md: is 10,485,760 bytes, more than the limit of 1,048,576 bytes (--max-file-size); not checked\n",
    );
    const report = JSON.parse(r.stdout) as { files: { path: string; findings: unknown[] }[] };
    assert.deepEqual(
      report.files.map((f) => f.path),
      ["good.md"],
    );
  });

  it("honours --max-file-size in bytes, k or m, and refuses a bad value", () => {
    const draft = file("small.md", "China runs 54 police stations.\n".repeat(100));
    assert.match(
      cli(["--max-file-size", "1k", draft]).stderr,
      /small\.md: is 3,100 bytes, more than the limit of 1,024 bytes \(--max-file-size\); not checked/,
    );
    assert.equal(cli(["--max-file-size=4k", "--quiet", draft]).status, 0);
    assert.equal(cli(["--max-file-size", "1m", "--quiet", draft]).status, 0);
    for (const bad of ["0", "-5", "lots", "1.5k"]) {
      const r = cli(["--max-file-size", bad, draft]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /--max-file-size takes a size in bytes of 1 or more/);
    }
  });

  it("skips a draft with a 1 MB line, naming the line", () => {
    const r = cli([file("line.md", `Title\n\n${"54 stations ".repeat(83_000)}\n`)]);
    assert.equal(r.status, 2);
    assert.equal(
      r.stderr,
      "source-check: line.md: has a line of 996,000 characters (line 3), more than the limit of 100,000; not checked\n",
    );
  });

  it("skips 10,000-deep nesting", () => {
    const r = cli([file("deep.md", `${"> ".repeat(10_000)}54 stations\n`)]);
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /^source-check: deep\.md: nests blockquotes or lists 10,000 deep \(line 1\), more than the limit of 100; not checked\n$/,
    );
  });

  it("says a binary file is not a text file", () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    const r = cli([file("photo.md", bytes)]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "source-check: photo.md: is not a text file (it contains NUL bytes)\n");
  });

  it("says a file that is not UTF-8 is not, and where", () => {
    const latin1 = Buffer.from("Caf\xe9 owners say China runs 54 stations.\n", "latin1");
    const r = cli([file("latin1.md", latin1), file("ok.md", "Fine.\n")]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "source-check: latin1.md: is not valid UTF-8 (the first bad byte is at offset 3); save it as UTF-8\n");
    // Overlong forms, surrogates and truncated sequences too.
    for (const [bytes, at] of [
      [[0x41, 0xc0, 0x80], 1],
      [[0x41, 0x42, 0xed, 0xa0, 0x80], 2],
      [[0xe2, 0x82], 0],
      [[0xf5, 0x80, 0x80, 0x80], 0],
    ] as const) {
      const name = file(`bad-${at}-${bytes.length}.md`, Buffer.from(bytes as readonly number[]));
      assert.match(cli([name]).stderr, new RegExp(`is not valid UTF-8 \\(the first bad byte is at offset ${at}\\)`));
    }
  });

  it("reads past a BOM: the same lines and columns as without one", () => {
    const body = "# Brief\n\nChina runs 35 police stations in 30 countries [@ctv-news].\n";
    const plain = cli(["--format", "json", file("plain.md", body)]);
    const bom = cli(["--format", "json", file("bom.md", `\uFEFF${body}`)]);
    const findings = (out: string) =>
      (JSON.parse(out) as { files: { findings: { code: string; line: number; column: number }[] }[] }).files[0].findings.map((f) => [
        f.code,
        f.line,
        f.column,
      ]);
    assert.ok(findings(plain.stdout).length > 0);
    assert.deepEqual(findings(bom.stdout), findings(plain.stdout));
  });

  it("reports NUL bytes, and still checks the other files", () => {
    const r = cli([
      "--format",
      "json",
      file("nul.md", "China runs 54\u0000 stations.\n"),
      file("fine.md", "China runs 35 police stations [@ctv-news].\n"),
    ]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /nul\.md: is not a text file \(it contains NUL bytes\)/);
    assert.equal((JSON.parse(r.stdout) as { files: unknown[] }).files.length, 1);
  });
});
