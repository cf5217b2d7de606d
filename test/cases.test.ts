// Fixture drafts with their expected findings beside them, in textlint's
// case/{input, output} style: "this draft, these sources, these findings".
//
//   test/cases/<what-it-pins>/
//     draft.md              the draft
//     expected.json         its findings, exactly: no more and no fewer
//     sources/              optional: the case's own source articles; the case is then
//                           checked against them alone (a story the bundled articles
//                           know nothing of), unless its config says otherwise
//     .source-check.json    optional: the project config, read as the CLI reads it
//                           (sources, bundled, rules, citationStyle)
//
// expected.json is an array of { line, column?, code, text, severity?, message?, fixes? }:
// `line` is 1-based, `text` is the claim's text or any substring of that line the
// finding's span must overlap, `column` (1-based, UTF-16), when given, is where the
// finding must start; `severity`, `message` and `fixes` (the quick fixes' titles, in
// order), when given, must be exactly the finding's. Each case is also checked with
// its line endings swapped (LF ⇄ CRLF): the findings must not move.
//
// UPDATE_CASES=1 rewrites every expected.json from what the checker now reports
// (messages and fix titles included): run it on purpose, then read the diff.

import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { check, LineIndex, type CheckOptions, type Corpus, type Finding } from "../server/src/index.js";
import { withRules } from "../server/src/config/project-config.js";
import { DraftSettingsResolver, type AdapterSettings, type DraftSettings } from "../server/src/config/draft-settings.js";
import { loadCorpus } from "../server/src/node/sources.js";
import { nodeHost } from "../server/src/node/host.js";

const CASES = resolve(process.cwd(), "test/cases");

interface Expected {
  line: number;
  column?: number;
  code: string;
  text: string;
  severity?: string;
  message?: string;
  fixes?: string[];
}

const UPDATE = process.env.UPDATE_CASES === "1";

interface Located {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  text: string;
  severity: string;
  message: string;
  fixes: string[];
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
      severity: f.severity,
      message: f.message,
      fixes: f.fixes.map((x) => x.title),
    };
  });
}

function show(f: Expected): string {
  const extra = [f.severity, f.message && JSON.stringify(f.message), f.fixes && `fixes ${JSON.stringify(f.fixes)}`].filter(Boolean);
  return `${f.line}:${f.column ?? "?"} ${f.code} ${JSON.stringify(f.text)}${extra.length ? ` (${extra.join("; ")})` : ""}`;
}

/** UPDATE_CASES=1: expected.json from what the checker reports now, with messages and fix titles. */
function writeExpected(dir: string, draft: string, lines: string[], world: World): void {
  const found = locate(draft, findingsOf(draft, world)).map((f) => {
    const lineText = lines[f.line - 1] ?? "";
    // The claim's own text where it sits on its first line, else that line from the finding's start.
    const text = f.endLine === f.line && lineText.includes(f.text) ? f.text : lineText.slice(f.column - 1);
    const entry: Expected = { line: f.line, code: f.code, text, severity: f.severity, message: f.message, fixes: f.fixes };
    // A column only where the text alone would not say which occurrence is meant.
    if (lineText.indexOf(text) !== f.column - 1) entry.column = f.column;
    return entry;
  });
  writeFileSync(join(dir, "expected.json"), JSON.stringify(found, null, 2) + "\n");
}

const bundled = loadCorpus();

/** A case's world: its corpus, its check options and its rules, decided by the core as for the CLI and the server. */
interface World {
  corpus: Corpus;
  options: CheckOptions;
  settings: DraftSettings;
  problems: string[];
}

const configs = new DraftSettingsResolver(nodeHost, { useConfigs: true, allowOutsideSources: false });
const DEFAULTS: AdapterSettings = { folders: [], defaults: { bundled: true, citationStyle: "footnote" } };

function worldOf(dir: string): World {
  const draftPath = join(dir, "draft.md");
  const settled = configs.configFor(draftPath);
  // Without a config, a case's own sources/ are its whole corpus (as `--no-bundled --sources sources`).
  const own = !settled && existsSync(join(dir, "sources"));
  const settings = configs.forDraft(
    draftPath,
    own ? { folders: [join(dir, "sources")], defaults: { ...DEFAULTS.defaults, bundled: false } } : DEFAULTS,
  );
  const problems = (settled?.problems ?? []).map((p) => p.message);
  const { bundled: withBundled, folders } = settings.sources;
  if (withBundled && folders.length === 0)
    return { corpus: bundled.corpus, options: { citationStyle: settings.citationStyle }, settings, problems };
  const loaded = loadCorpus(settings.sources);
  problems.push(...loaded.problems.map((p) => `${p.path}: ${p.message}`));
  return { corpus: loaded.corpus, options: { citationStyle: settings.citationStyle }, settings, problems };
}

function findingsOf(draft: string, world: World): Finding[] {
  return withRules(check(draft, world.corpus, world.options), world.settings.rules).findings;
}

describe("cases: fixture drafts and their findings", () => {
  it("the bundled corpus loads cleanly", () => {
    assert.deepEqual(bundled.problems, []);
  });

  const names = existsSync(CASES)
    ? readdirSync(CASES)
        .filter((n) => statSync(join(CASES, n)).isDirectory())
        .sort()
    : [];

  it("there are cases to run", () => {
    assert.ok(names.length >= 15, `expected at least 15 cases in ${CASES}, found ${names.length}`);
  });

  for (const name of names) {
    describe(name, () => {
      const dir = join(CASES, name);
      const draft = readFileSync(join(dir, "draft.md"), "utf8");
      const world = worldOf(dir);
      const lines = draft.split(/\r\n|\n|\r/);
      if (UPDATE) writeExpected(dir, draft, lines, world);
      const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as Expected[];

      it("has a world that loads cleanly (its config and its sources)", () => {
        assert.deepEqual(world.problems, []);
      });

      it("reports exactly the expected findings", () => {
        const targets = expected.map((e) => {
          const lineText = lines[e.line - 1] ?? "";
          const at = lineText.indexOf(e.text);
          assert.ok(at >= 0, `expected.json: ${JSON.stringify(e.text)} is not on line ${e.line} of ${name}/draft.md`);
          return { ...e, start: at + 1, end: at + 1 + e.text.length, hit: false };
        });
        const actual = locate(draft, findingsOf(draft, world));
        const unexpected: Located[] = [];
        for (const f of actual) {
          const t = targets.find(
            (e) =>
              !e.hit &&
              e.line === f.line &&
              e.code === f.code &&
              (e.column === undefined || e.column === f.column) &&
              (e.severity === undefined || e.severity === f.severity) &&
              (e.message === undefined || e.message === f.message) &&
              (e.fixes === undefined || JSON.stringify(e.fixes) === JSON.stringify(f.fixes)) &&
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
        const result = check(draft, world.corpus, world.options);
        const claimSpans = result.findings.filter((f) => f.claim.kind !== "citation").map((f) => `${f.span.start}-${f.span.end}`);
        assert.equal(new Set(claimSpans).size, claimSpans.length, `several findings on one claim: ${claimSpans.join(", ")}`);
      });

      it("reports the same findings with the other line endings", () => {
        const crlf = draft.includes("\r\n");
        const swapped = crlf ? draft.replace(/\r\n/g, "\n") : draft.replace(/\n/g, "\r\n");
        const strip = (fs: Located[]): Omit<Located, "text">[] => fs.map(({ text: _text, ...rest }) => rest);
        assert.deepEqual(strip(locate(swapped, findingsOf(swapped, world))), strip(locate(draft, findingsOf(draft, world))));
      });
    });
  }
});
