// The fuzz stage "hostile sources" (issue 14): a folder of sources as an untrusted
// wire feed or a cloned repository would hand it over. Each case is plain data (so a
// failing one can be kept under test/regressions/ as JSON and replayed): files with
// random front matter (fields missing, malformed, YAML tags and alias bombs, control
// characters, markup and odd URLs) and random bodies (made-up news Markdown, nesting and
// emphasis past the limits, long lines, NUL bytes, BOMs, unclosed fences and comments,
// links of every scheme), and other kinds of entry: FIFOs named like sources, links
// inside the folder, out of it (to a file holding a secret, to a folder, to devices),
// dangling links and folders named like sources. Each case is written to a scratch
// folder, loaded as the CLI and the server load sources (node/sources.ts loadCorpus),
// and a draft citing every id is checked against it. Held to:
// - loading and checking never throw, and each takes less than LOAD_TIME_BOUND_MS;
// - every problem names a path inside the folder; one bad file never drops the others
//   (the canary source, always present, is always loaded);
// - no source in the corpus lies outside the folder, and no text from outside it (the
//   secret) reaches the corpus, a finding, its evidence or its fixes;
// - every span of the check lies inside its text (the draft's, or the source's).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import fc from "fast-check";
import { check, type CheckResult, type Span } from "../../server/src/index.js";
import { loadCorpus } from "../../server/src/node/sources.js";
import { madeUpDraft } from "./arbitraries.js";

/** How long loading one case's sources, or checking its draft, may take: far above the usual tens of milliseconds. */
export const LOAD_TIME_BOUND_MS = 10_000;
/** The limit the sources are loaded with (`--max-file-size`), small so that oversized bodies are quick to write. */
const MAX_FILE_SIZE = 200_000;
/** The words of the file outside the folder that links point at: they must never be read. */
export const SECRET = "OUTSIDE-SECRET-7f3a";

export type SourceEntry =
  | { kind: "file"; name: string; frontMatter: string[]; body: string; crlf?: boolean; bom?: boolean }
  | { kind: "raw"; name: string; text: string }
  | { kind: "fifo"; name: string }
  | { kind: "link-inside"; name: string; target: string }
  | { kind: "link-outside"; name: string }
  | { kind: "link-outside-folder"; name: string }
  | { kind: "link-device"; name: string; device: string }
  | { kind: "dangling"; name: string }
  | { kind: "folder-named-md"; name: string };

export interface SourcesCase {
  entries: SourceEntry[];
}

const NAMES = ["feed.md", "a.md", "b.markdown", "wire/c.md", "wire/deep/d.md", "e.mdx", "notes.txt", "Z.md", "sub/f.md", "g.MD"];

const FIELD_LINES: readonly string[] = [
  "id: wire-one",
  "id: wire-two",
  "id: wire-one",
  "id: Not An Id",
  "id: ''",
  "id: ../../etc",
  "id: 54",
  "id: [a, b]",
  "title: Council counts 54 stations",
  "title: 'A title\\nwith a line break'",
  'title: "Two\\n\\n- a list item\\n[x](javascript:alert(1))"',
  "title: <img src=x onerror=alert(1)>",
  "title: \u001b[31mred\u001b[0m",
  "publisher: The Wire",
  "publisher: CTV News Toronto",
  "publisher: 'Wire ** News'",
  "publisher: \u0007bell",
  "date: 2022-10",
  "date: 2022-13-45",
  "date: yesterday",
  "url: https://wire.example/story",
  "url: javascript:alert(1)",
  "url: https://wire.example/<script>",
  "url: http://wire example/space",
  "url: https://login\\.evil\\-wire\\.example/reset",
  "author: Staff",
  "fn: !!js/function 'function () { return 1 }'",
  "bin: !!binary AAAA",
  "a: &a [x, x, x, x, x, x, x, x, x]",
  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
  "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
  "- not a field",
  "{ unclosed",
  "  indented: field",
  "---",
  "",
];

const line = (key: string, values: readonly string[]): fc.Arbitrary<string> => fc.constantFrom(...values.map((v) => `${key}: ${v}`));
const optional = (a: fc.Arbitrary<string>): fc.Arbitrary<string[]> =>
  fc.option(a, { nil: undefined }).map((x) => (x === undefined ? [] : [x]));

/** Front matter that mostly makes a source: id, title and publisher (often hostile values), and now and then more. */
const fieldsOfASource: fc.Arbitrary<string[]> = fc
  .tuple(
    line("id", ["wire-one", "wire-two", "wire-three", "wire-one", "Not An Id"]),
    line("title", [
      "Council counts 54 stations",
      "'A title\\nwith a line break'",
      '"Two\\n\\n- a list item\\n[x](javascript:alert(1))"',
      "<img src=x onerror=alert(1)>",
      "\u001b[31mred\u001b[0m",
      "'*emphasis* and `code` and [@canary-source]'",
    ]),
    line("publisher", ["The Wire", "CTV News Toronto", "'Wire ** News'", "Canary Daily", "'\u0007bell'"]),
    optional(line("date", ["2022-10", "2022-10-03", "2022-13-45"])),
    optional(
      line("url", [
        "https://wire.example/story",
        "javascript:alert(1)",
        "https://wire.example/<script>",
        "'http://wire example/space'",
        "https://login\\.evil\\-wire\\.example/reset",
      ]),
    ),
    optional(fc.constantFrom("fn: !!js/function 'function () { return 1 }'", "a: &a [x, x]", "author: Staff", "extra: [1, 2]")),
  )
  .map(([id, title, publisher, date, url, extra]) => [id, title, publisher, ...date, ...url, ...extra]);

const HOSTILE_BODIES: readonly fc.Arbitrary<string>[] = [
  fc.integer({ min: 1, max: 5_000 }).map((n) => `${">".repeat(n)} deep`),
  fc.integer({ min: 1, max: 3_000 }).map((n) => Array.from({ length: n }, (_, i) => `${"  ".repeat(i)}- item`).join("\n")),
  fc.integer({ min: 1, max: 20_000 }).map((n) => "*".repeat(n)),
  fc.integer({ min: 1, max: 60_000 }).map((n) => "5 ".repeat(n)),
  fc.integer({ min: 1, max: 5_000 }).map((n) => "54 stations\n".repeat(n)),
  fc.constantFrom(
    "The RCMP said 54 stations were found.\u0000",
    "```\nunclosed fence with 54 stations",
    "<!-- unclosed comment with 54 stations",
    "[a link](javascript:alert(1)) and <https://x.example/a b> and [ref][x]\n\n[x]: data:text/html,hi",
    "“Quote without an end, said the mayor. 54 stations.",
    "\uFEFF\uFEFFtwo BOMs, 30 countries",
    "\r\r\n\n\r 54 \u2028 stations \u2029",
    "| a | b |\n| - | - |\n| 54 | stations |",
    "[^1]\n\n[^1]: 54 stations",
    "\ud800 lone surrogate and 30 countries",
  ),
];

const body: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: madeUpDraft() },
  { weight: 2, arbitrary: fc.oneof(...HOSTILE_BODIES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);

const name = fc.constantFrom(...NAMES);

const entry: fc.Arbitrary<SourceEntry> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("file" as const),
      name,
      frontMatter: fc.oneof(
        { weight: 3, arbitrary: fieldsOfASource },
        { weight: 1, arbitrary: fc.array(fc.constantFrom(...FIELD_LINES), { maxLength: 8 }) },
      ),
      body,
      crlf: fc.boolean(),
      bom: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("raw" as const), name, text: fc.string({ maxLength: 300 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("fifo" as const), name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("link-inside" as const), name, target: name }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("link-outside" as const), name }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("link-outside-folder" as const), name: fc.constantFrom("wire", "linked", "sub") }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("link-device" as const),
      name,
      device: fc.constantFrom("/dev/zero", "/dev/null", "/dev/urandom", "/dev/tty"),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("dangling" as const), name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("folder-named-md" as const), name }) },
);

export function sourcesCase(): fc.Arbitrary<SourcesCase> {
  return fc.record({ entries: fc.array(entry, { minLength: 1, maxLength: 6 }) });
}

/** The one source every case holds: it must load whatever its neighbours are. */
const CANARY = [
  "---",
  "id: canary-source",
  "title: The canary",
  "publisher: Canary Daily",
  "---",
  "",
  "The council counted 54 stations in 2022.",
  "",
].join("\n");

/** Writes a case: `<root>/sources/` (the folder loaded) and `<root>/outside/` (what links point out to). */
export function writeCase(root: string, c: SourcesCase): string {
  const sources = join(root, "sources");
  const outside = join(root, "outside");
  mkdirSync(sources, { recursive: true });
  mkdirSync(outside, { recursive: true });
  const secret = [
    "---",
    "id: secret-source",
    "title: Secret",
    "publisher: Secret Wire",
    "---",
    "",
    `${SECRET}: 54 stations in 30 countries.`,
    "",
  ].join("\n");
  writeFileSync(join(outside, "secret.md"), secret);
  writeFileSync(join(sources, "canary.md"), CANARY);
  const taken = new Set<string>(["canary.md"]);
  for (const e of c.entries) {
    // One entry per path (the first wins), its folders made first; a path under a name already a file is left out.
    if (taken.has(e.name) || [...taken].some((t) => e.name.startsWith(`${t}/`) || t.startsWith(`${e.name}/`))) continue;
    const path = join(sources, e.name);
    try {
      mkdirSync(join(path, ".."), { recursive: true });
    } catch {
      continue;
    }
    taken.add(e.name);
    switch (e.kind) {
      case "file": {
        let text = `---\n${e.frontMatter.join("\n")}\n---\n\n${e.body}\n`;
        if (e.crlf) text = text.replace(/\n/g, "\r\n");
        if (e.bom) text = `\uFEFF${text}`;
        writeFileSync(path, text);
        break;
      }
      case "raw":
        writeFileSync(path, e.text);
        break;
      case "fifo":
        execFileSync("mkfifo", [path]);
        break;
      case "link-inside":
        symlinkSync(join(sources, e.target), path);
        break;
      case "link-outside":
        symlinkSync(join(outside, "secret.md"), path);
        break;
      case "link-outside-folder":
        symlinkSync(outside, path);
        break;
      case "link-device":
        symlinkSync(e.device, path);
        break;
      case "dangling":
        symlinkSync(join(root, "nowhere", "gone.md"), path);
        break;
      case "folder-named-md":
        mkdirSync(path, { recursive: true });
        break;
    }
  }
  return sources;
}

function within(span: Span, length: number, what: string): void {
  assert.ok(
    Number.isInteger(span.start) && Number.isInteger(span.end) && 0 <= span.start && span.start <= span.end && span.end <= length,
    `${what} span ${span.start}..${span.end} is not inside 0..${length}`,
  );
}

function timed<T>(what: string, run: () => T): T {
  const start = performance.now();
  let out: T;
  try {
    out = run();
  } catch (e) {
    assert.fail(`${what} threw ${(e as Error)?.stack ?? String(e)}`);
  }
  const took = performance.now() - start;
  assert.ok(took < LOAD_TIME_BOUND_MS, `${what} took ${took.toFixed(0)} ms, more than ${LOAD_TIME_BOUND_MS} ms`);
  return out;
}

/** Writes a case to a scratch folder, loads and checks it, and holds it to every invariant above; the folder is removed after. */
export function assertSourcesInvariants(c: SourcesCase): void {
  const root = mkdtempSync(join(tmpdir(), "source-check-hostile-sources-"));
  try {
    const folder = writeCase(root, c);
    const real = realpathSync(folder);
    const { corpus, problems } = timed("loading the sources", () =>
      loadCorpus({ bundled: false, folders: [folder], maxFileSize: MAX_FILE_SIZE }),
    );
    for (const p of problems) {
      assert.ok(p.path === folder || p.path.startsWith(folder + sep), `a problem names ${p.path}, outside the folder: ${p.message}`);
      assert.ok(!p.message.includes(SECRET), `a problem quotes the file outside the folder: ${p.message}`);
    }
    assert.ok(corpus.source("canary-source"), `the canary source was dropped: ${problems.map((p) => `${p.path} ${p.message}`).join("; ")}`);
    for (const s of corpus.sources) {
      const at = realpathSync(s.path);
      assert.ok(at.startsWith(real + sep), `the corpus holds ${s.path}, whose real path ${at} lies outside the folder`);
      assert.ok(!s.text.includes(SECRET), `the corpus holds the text of the file outside the folder (as ${s.path})`);
    }
    const ids = corpus.sources.map((s) => s.id);
    const draft = [
      "# A draft",
      "",
      `The council counted 54 stations in 2022 [@canary-source]. ${ids.map((id) => `[@${id}]`).join(" ")}`,
      "",
      `“Quote without an end,” the mayor said of the 30 countries${ids.length ? ` [@${ids[ids.length - 1]}]` : ""}.`,
      "",
      "The Wire reported 54 stations.[^w]",
      "",
      "[^w]: The Wire, https://wire.example/story",
      "",
    ].join("\n");
    const result: CheckResult = timed("checking a draft against the sources", () => check(draft, corpus));
    for (const f of result.findings) {
      within(f.span, draft.length, `${f.code} finding`);
      const said = JSON.stringify({ message: f.message, evidence: f.evidence, fixes: f.fixes });
      assert.ok(!said.includes(SECRET), `a ${f.code} finding carries the text of the file outside the folder`);
      for (const e of f.evidence) {
        const source = corpus.source(e.source);
        assert.ok(source, `evidence from unknown source ${e.source}`);
        within(e.span, source.text.length, `evidence from ${e.source}`);
        if (e.mark) within(e.mark, e.excerpt.length, `mark in evidence from ${e.source}`);
      }
      for (const fix of f.fixes) for (const edit of fix.edits) within(edit.span, draft.length, `edit of “${fix.title}”`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** A failing case's regression fixture (test/regressions/sources-*.json): where it came from, and the case. */
export function sourcesRegressionFile(c: SourcesCase, about: string): string {
  return JSON.stringify({ about, case: c }, null, 2) + "\n";
}

export interface SourcesFuzzFailure {
  seed: number;
  path?: string;
  case: SourcesCase;
  error: string;
}

/**
 * One run of the stage: `runs` seeded cases within a time limit; a failure comes back
 * shrunk. `before` sees each case before it runs (the child process prints it).
 */
export function fuzzHostileSources(options: { runs: number; seed: number; timeLimitMs: number; before?: (c: SourcesCase) => void }): {
  cases: number;
  interrupted: boolean;
  failure?: SourcesFuzzFailure;
} {
  const property = (c: SourcesCase) => {
    options.before?.(c);
    assertSourcesInvariants(c);
  };
  const details = fc.check(fc.property(sourcesCase(), property), {
    seed: options.seed,
    numRuns: options.runs,
    interruptAfterTimeLimit: options.timeLimitMs,
    markInterruptAsFailure: false,
  });
  const failure =
    details.failed && details.counterexample
      ? {
          seed: details.seed,
          path: details.counterexamplePath ?? undefined,
          case: details.counterexample[0],
          error: details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance),
        }
      : undefined;
  return { cases: details.numRuns, interrupted: details.interrupted, failure };
}
