// The bundled corpus and the source-file format: both articles load with their
// metadata, the page chrome of the captured pages is gone, every paragraph of the
// articles is kept verbatim, and a broken source file says what is wrong with it.

import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { isSourceProblem, mergeSources, readSourceFile } from "../../server/src/index.js";
import { loadCorpus, readSourceFolder, bundledSourcesDir } from "../../server/src/node/sources.js";
import type { Source, SourceProblem } from "../../server/src/model.js";

const SEEDS = resolve(process.cwd(), "test/fixtures/captured");

/** Lines of the captured pages that are page chrome, not the article (the headline is the title). */
const CHROME: Record<string, string[]> = {
  "ctv-news": [
    "Skip to main content",
    "An RCMP vehicle is pictured in an undated image. (File photo) An RCMP vehicle is pictured in an undated image. (File photo)",
    "Share",
    "CTVNews.ca Top Stories",
    "Ontario man agrees to remove backyard hockey rink",
    "A Markham hockey buff who built a massive backyard ice rink without permissions or permits has reluctantly agreed to remove the sprawling surface, following a years-long dispute with the city and his neighbours.",
    "Stay Connected",
  ],
  "naija-times": ["Journalism in the service of society", "Comments are closed.", "Naija Times"],
};
const HEADLINE: Record<string, string> = {
  "ctv-news": "RCMP investigating reports of Chinese 'police stations' operating in Ontario",
  "naija-times": "CANADA: Chinese ‘police stations’ under investigation",
};
const SUBHEADS = ["Consulate says stations are for driver’s licence renewal"];

function bundled(): Map<string, Source> {
  const { corpus, problems } = loadCorpus();
  assert.deepEqual(problems, []);
  return new Map(corpus.sources.map((s) => [s.id, s]));
}

function body(source: Source): string {
  return source.text.slice(source.bodyStart);
}

function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

describe("corpus: the bundled articles", () => {
  it("loads both articles with their ids, titles, publishers and dates", () => {
    const sources = bundled();
    assert.deepEqual([...sources.keys()].sort(), ["ctv-news", "naija-times"]);
    const ctv = sources.get("ctv-news")!;
    assert.equal(ctv.title, HEADLINE["ctv-news"]);
    assert.equal(ctv.publisher, "CTV News Toronto");
    assert.equal(ctv.date, "2022-10");
    assert.equal(ctv.bundled, true);
    const naija = sources.get("naija-times")!;
    assert.equal(naija.title, HEADLINE["naija-times"]);
    assert.equal(naija.publisher, "Naija Times");
    assert.equal(naija.date, "2022-10");
    assert.equal(naija.bundled, true);
  });

  it("reads every bundled file without a problem", () => {
    const { sources, problems } = readSourceFolder(bundledSourcesDir(), true);
    assert.deepEqual(problems, []);
    assert.equal(sources.length, 2);
  });

  for (const id of ["ctv-news", "naija-times"]) {
    describe(`${id}: made from the captured page`, () => {
      const seedPath = join(SEEDS, `${id}.txt`);

      it("has none of the page chrome", () => {
        const text = body(bundled().get(id)!);
        for (const phrase of [
          "Skip to main content",
          "Comments are closed.",
          "CTVNews.ca Top Stories",
          "Markham",
          "hockey",
          "Stay Connected",
          "Journalism in the service of society",
          "pictured in an undated image",
          "(File photo)",
        ]) {
          assert.ok(!text.includes(phrase), `the bundled ${id} still has ${JSON.stringify(phrase)}`);
        }
        assert.ok(!/^\s*Share\s*$/m.test(text), `the bundled ${id} still has the "Share" line`);
        assert.ok(!/^\s*Naija Times\s*$/m.test(text), `the bundled ${id} still has the trailing "Naija Times" line`);
        assert.ok(
          !/^\s*#*\s*(?:RCMP investigating reports|CANADA: Chinese)/m.test(text),
          `the bundled ${id} repeats its headline in the body`,
        );
      });

      it("keeps every paragraph of the article verbatim, in order, and nothing else", () => {
        const seed = readFileSync(seedPath, "utf8");
        const chrome = new Set([...CHROME[id], HEADLINE[id]]);
        const expected = seed
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter((l) => l && !chrome.has(l));
        const actual = paragraphs(body(bundled().get(id)!)).map((p) => (SUBHEADS.some((h) => p === `## ${h}`) ? p.slice(3) : p));
        for (const line of expected)
          assert.ok(actual.includes(line), `the bundled ${id} lacks the paragraph ${JSON.stringify(line.slice(0, 80))}…`);
        assert.deepEqual(actual, expected);
      });
    });
  }

  it("keeps chrome out of the evidence: no indexed sentence mentions the hockey rink", () => {
    const { corpus } = loadCorpus();
    for (const index of corpus.all) {
      for (const s of index.sentences)
        assert.ok(!/hockey|Markham|Skip to main|Comments are closed/.test(s.text), `${index.source.id}: ${s.text}`);
    }
  });

  it("indexes the figures a draft is checked against", () => {
    const { corpus } = loadCorpus();
    const ctv = corpus.index("ctv-news")!;
    const phrases = ctv.figures.map((f) => `${f.value.type === "count" ? f.value.value : f.text} ${f.unit ?? f.noun ?? ""}`.trim());
    for (const p of ["54 station", "30 country", "230000 suspect", "21 page", "Dec. 1"])
      assert.ok(phrases.includes(p), `ctv-news figures lack ${p}: ${phrases.join(", ")}`);
    const naija = corpus.index("naija-times")!;
    const years = naija.figures.filter((f) => f.value.type === "date").map((f) => f.text);
    for (const y of ["April 2021", "July 2022", "2018", "1989"])
      assert.ok(years.includes(y), `naija-times dates lack ${y}: ${years.join(", ")}`);
  });
});

describe("source files: validation", () => {
  const GOOD = "---\nid: globe\ntitle: A title\npublisher: The Globe\ndate: 2022-10-28\n---\n\nThe article.\n";

  function problem(text: string, path = "sources/bad.md"): SourceProblem {
    const read = readSourceFile(path, text);
    assert.ok(isSourceProblem(read), `expected a problem for ${JSON.stringify(text)}, got source ${"id" in read ? read.id : ""}`);
    assert.equal(read.path, path, "the problem names its file");
    return read;
  }

  it("reads a good file with its metadata and where the body starts", () => {
    const read = readSourceFile("sources/globe.md", GOOD);
    assert.ok(!isSourceProblem(read));
    assert.deepEqual(
      { id: read.id, title: read.title, publisher: read.publisher, date: read.date, path: read.path, bundled: read.bundled },
      { id: "globe", title: "A title", publisher: "The Globe", date: "2022-10-28", path: "sources/globe.md", bundled: false },
    );
    assert.equal(GOOD.slice(read.bodyStart).trim(), "The article.");
  });

  it("reads optional url and author, a month date, and CRLF line endings", () => {
    const text =
      "---\r\nid: globe-2\r\ntitle: T\r\npublisher: P\r\ndate: 2022-10\r\nurl: https://example.com/a\r\nauthor: AFP\r\n---\r\n\r\nBody.\r\n";
    const read = readSourceFile("g.md", text);
    assert.ok(!isSourceProblem(read), isSourceProblem(read) ? read.message : "");
    assert.equal(read.date, "2022-10");
    assert.equal(read.url, "https://example.com/a");
    assert.equal(read.author, "AFP");
    assert.equal(text.slice(read.bodyStart).trim(), "Body.");
  });

  it("says a file without front matter has none", () => {
    assert.match(problem("Just an article.\n").message, /no YAML front matter/);
  });

  it("says front matter that is not YAML is not valid YAML, and points into it", () => {
    const text = "---\nid: [oops\ntitle: T\npublisher: P\n---\n\nBody.\n";
    const p = problem(text);
    assert.match(p.message, /not valid YAML/);
    assert.ok(
      p.span && p.span.start >= 4 && p.span.start < text.indexOf("\n---"),
      `span ${JSON.stringify(p.span)} is inside the front matter`,
    );
  });

  it("says front matter that is not a set of fields is not", () => {
    assert.match(problem("---\n- id\n- title\n---\n\nBody.\n").message, /not a set of fields/);
  });

  for (const field of ["id", "title", "publisher"]) {
    it(`names a missing ${field}`, () => {
      const lines = ["id: globe", "title: T", "publisher: P"].filter((l) => !l.startsWith(field));
      assert.match(problem(`---\n${lines.join("\n")}\n---\n\nBody.\n`).message, new RegExp(`no ${field}\\b`));
    });
  }

  it("names an empty field as missing", () => {
    assert.match(problem("---\nid: globe\ntitle: \npublisher: P\n---\n\nBody.\n").message, /no title\b/);
  });

  it("names a bad id and says what an id is, pointing at its line", () => {
    const text = "---\nid: The Globe\ntitle: T\npublisher: P\n---\n\nBody.\n";
    const p = problem(text);
    assert.match(p.message, /id "The Globe"/);
    assert.match(p.message, /lowercase letters, digits and hyphens/);
    assert.equal(text.slice(p.span!.start, p.span!.end), "id: The Globe");
  });

  for (const bad of ["28/10/2022", "2022-13", "2022-10-32", "October 2022"]) {
    it(`names a bad date (${bad}) and says what a date is`, () => {
      const p = problem(`---\nid: globe\ntitle: T\npublisher: P\ndate: ${bad}\n---\n\nBody.\n`);
      assert.ok(p.message.includes(`"${bad}"`), p.message);
      assert.match(p.message, /YYYY-MM-DD or YYYY-MM/);
    });
  }

  it("says an empty file is empty", () => {
    assert.match(problem("").message, /is empty/);
    assert.match(problem(" \n\n\t\n").message, /is empty/);
  });

  it("says a binary file (NUL bytes) is not a text file", () => {
    assert.match(problem("---\nid: a\u0000b\n---\n").message, /not a text file/);
  });

  it("says a file with front matter and no body has no article text", () => {
    assert.match(problem("---\nid: globe\ntitle: T\npublisher: P\n---\n\n  \n").message, /no article text/);
    assert.match(problem("---\nid: globe\ntitle: T\npublisher: P\n---").message, /no article text/);
  });
});

describe("source folders: duplicate ids", () => {
  it("mergeSources keeps the first and names the second file and the first", () => {
    const first = readSourceFile("one/globe.md", "---\nid: globe\ntitle: T\npublisher: P\n---\n\nA.\n") as Source;
    const second = readSourceFile("two/globe-again.md", "---\nid: globe\ntitle: T2\npublisher: P2\n---\n\nB.\n") as Source;
    const merged = mergeSources([
      { sources: [first], problems: [] },
      { sources: [second], problems: [] },
    ]);
    assert.deepEqual(
      merged.sources.map((s) => s.path),
      ["one/globe.md"],
    );
    assert.equal(merged.problems.length, 1);
    assert.equal(merged.problems[0].path, "two/globe-again.md");
    assert.match(merged.problems[0].message, /"globe"/);
    assert.ok(merged.problems[0].message.includes("one/globe.md"), merged.problems[0].message);
  });

  it("a writer's folder that reuses a bundled id is a problem naming the writer's file; the bundled article stays", () => {
    const dir = mkdtempSync(join(tmpdir(), "source-check-corpus-"));
    try {
      const file = join(dir, "copy.md");
      writeFileSync(file, "---\nid: ctv-news\ntitle: Copy\npublisher: Someone Else\n---\n\nA copy.\n");
      writeFileSync(join(dir, "broken.md"), "no front matter\n");
      const { corpus, problems } = loadCorpus({ folders: [dir] });
      assert.equal(corpus.source("ctv-news")?.publisher, "CTV News Toronto");
      assert.equal(corpus.size, 2);
      const paths = problems.map((p) => p.path).sort();
      assert.deepEqual(paths, [join(dir, "broken.md"), file].sort());
      assert.match(problems.find((p) => p.path === file)!.message, /ctv-news/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a folder that does not exist is a problem, not an exception", () => {
    const { sources, problems } = readSourceFolder(join(tmpdir(), "source-check-no-such-folder-7f3a"));
    assert.deepEqual(sources, []);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /cannot be read/);
  });
});
