// Fixture drafts with their expected findings beside them, in textlint's
// case/{input, output} style: test/cases/<what-it-pins>/draft.md is checked against
// the bundled corpus, and its findings must be exactly those in expected.json, no
// more and no fewer.
//
// expected.json is an array of { line, column?, code, text }, as the evaluation's
// labels are: `line` is 1-based, `text` is the claim's text or any substring of
// that line the finding's span must overlap, and `column` (1-based, UTF-16), when
// given, is where the finding must start. Each case is also checked with its line
// endings swapped (LF ⇄ CRLF): the findings must not move.

import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { check, loadCorpus, LineIndex, type Finding } from "../server/src/index.js";

const CASES = resolve(process.cwd(), "test/cases");

interface Expected {
  line: number;
  column?: number;
  code: string;
  text: string;
}

interface Located {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  text: string;
}

function locate(text: string, findings: Finding[]): Located[] {
  const lines = new LineIndex(text);
  return findings.map((f) => {
    const start = lines.positionAt(f.span.start);
    const end = lines.positionAt(f.span.end);
    return {
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      code: f.code,
      text: text.slice(f.span.start, f.span.end),
    };
  });
}

function show(f: { line: number; column?: number; code: string; text: string }): string {
  return `${f.line}:${f.column ?? "?"} ${f.code} ${JSON.stringify(f.text)}`;
}

const { corpus, problems } = loadCorpus();

describe("cases: fixture drafts and their findings", () => {
  it("the bundled corpus loads cleanly", () => {
    assert.deepEqual(problems, []);
  });

  const names = existsSync(CASES) ? readdirSync(CASES).filter((n) => statSync(join(CASES, n)).isDirectory()).sort() : [];

  it("there are cases to run", () => {
    assert.ok(names.length >= 15, `expected at least 15 cases in ${CASES}, found ${names.length}`);
  });

  for (const name of names) {
    describe(name, () => {
      const dir = join(CASES, name);
      const draft = readFileSync(join(dir, "draft.md"), "utf8");
      const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as Expected[];
      const lines = draft.split(/\r\n|\n|\r/);

      it("reports exactly the expected findings", () => {
        const targets = expected.map((e) => {
          const lineText = lines[e.line - 1] ?? "";
          const at = lineText.indexOf(e.text);
          assert.ok(at >= 0, `expected.json: ${JSON.stringify(e.text)} is not on line ${e.line} of ${name}/draft.md`);
          return { ...e, start: at + 1, end: at + 1 + e.text.length, hit: false };
        });
        const actual = locate(draft, check(draft, corpus).findings);
        const unexpected: Located[] = [];
        for (const f of actual) {
          const t = targets.find(
            (e) =>
              !e.hit &&
              e.line === f.line &&
              e.code === f.code &&
              (e.column === undefined || e.column === f.column) &&
              f.column < e.end &&
              (f.endLine > f.line || f.endColumn > e.start),
          );
          if (t) t.hit = true;
          else unexpected.push(f);
        }
        const missed = targets.filter((e) => !e.hit);
        if (missed.length || unexpected.length) {
          assert.fail(
            [
              `${name}: findings differ from expected.json`,
              ...missed.map((e) => `  missing:    ${show(e)}`),
              ...unexpected.map((f) => `  unexpected: ${show(f)}`),
              `  all found:  ${actual.length ? actual.map(show).join("; ") : "(none)"}`,
            ].join("\n"),
          );
        }
      });

      it("reports one finding per claim, at most", () => {
        const result = check(draft, corpus);
        const claimSpans = result.findings.filter((f) => f.claim.kind !== "citation").map((f) => `${f.span.start}-${f.span.end}`);
        assert.equal(new Set(claimSpans).size, claimSpans.length, `several findings on one claim: ${claimSpans.join(", ")}`);
      });

      it("reports the same findings with the other line endings", () => {
        const crlf = draft.includes("\r\n");
        const swapped = crlf ? draft.replace(/\r\n/g, "\n") : draft.replace(/\n/g, "\r\n");
        const strip = (fs: Located[]): Omit<Located, "text">[] => fs.map(({ text: _text, ...rest }) => rest);
        assert.deepEqual(strip(locate(swapped, check(swapped, corpus).findings)), strip(locate(draft, check(draft, corpus).findings)));
      });
    });
  }
});
