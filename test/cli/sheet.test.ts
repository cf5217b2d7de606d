// The fact-check sheet from the CLI: `--format csv` (RFC 4180, safe in a spreadsheet)
// and `--format html` (a standalone page: nothing runs, nothing loads, all escaped).

import assert from "node:assert/strict";
import { cleanTemp, cli, tempDir, write } from "./helpers.js";

after(cleanTemp);

/** An RFC 4180 reader: quoted fields, doubled quotes, CRLF records. Strict: throws on anything else. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const record: string[] = [];
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new Error("unterminated quoted field");
          field += text.slice(i, q);
          i = q + 1;
          if (text[i] === '"') {
            field += '"';
            i++;
          } else break;
        }
      } else {
        const m = /^[^,\r\n"]*/.exec(text.slice(i))![0];
        field = m;
        i += m.length;
      }
      record.push(field);
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text.startsWith("\r\n", i)) {
        i += 2;
        break;
      }
      throw new Error(`expected , or CRLF at ${i}, found ${JSON.stringify(text.slice(i, i + 10))}`);
    }
    records.push(record);
  }
  return records;
}

function hostileWorld(): { dir: string; draft: string } {
  const dir = tempDir();
  write(
    dir,
    "sources/daily.md",
    [
      "---",
      "id: daily",
      `title: '=HYPERLINK("http://evil.example/","open me")'`,
      'publisher: "@Daily <b>Test</b>"',
      "date: 2031-04-02",
      "url: https://daily.example/bridges?a=1&b=2",
      "---",
      "",
      'The city has 17 bridges, "officials" said, & more are planned, on Tuesday.',
      "",
      "The port handled 420 ships last year, according to the harbour board.",
      "",
    ].join("\n"),
  );
  const draft = write(
    dir,
    "draft.md",
    [
      "# Bridges <img src=x onerror=alert(2)>",
      "",
      "The city has 17 bridges [@daily].",
      "",
      "The port handled 420 ships last year.",
      "",
      "The city has 19 tunnels, the mayor said. <script>alert('x')</script>",
      "",
    ].join("\n"),
  );
  return { dir, draft };
}

describe("CLI: the fact-check sheet as CSV", () => {
  it("gives a header and one row per claim, with verdict, pile, source and the source's sentence", () => {
    const { dir } = hostileWorld();
    const r = cli(["--format", "csv", "--no-bundled", "--sources", "sources", "draft.md"], dir);
    assert.equal(r.stderr, "");
    const rows = parseCsv(r.stdout);
    const header = rows[0];
    assert.deepEqual(header, [
      "Draft",
      "Line",
      "Claim",
      "Kind",
      "Verdict",
      "Pile",
      "Finding",
      "Publisher",
      "Title",
      "Date",
      "URL",
      "Source's sentence",
      "Checked by",
    ]);
    const body = rows.slice(1).map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
    assert.ok(
      rows.every((cells) => cells.length === header.length),
      "every record has every field",
    );
    const byClaim = new Map(body.map((b) => [b.Claim, b]));
    const bridges = byClaim.get("17");
    assert.ok(bridges, `no row for 17: ${JSON.stringify(body.map((b) => b.Claim))}`);
    assert.equal(bridges.Draft, "draft.md");
    assert.equal(bridges.Line, "3");
    assert.equal(bridges.Pile, "Backed and cited");
    assert.equal(bridges.Finding, "");
    assert.equal(bridges.Date, "2031-04-02");
    assert.equal(bridges.URL, "https://daily.example/bridges?a=1&b=2");
    // The quotes of the source's sentence survive the round trip.
    assert.equal(bridges["Source's sentence"], 'The city has 17 bridges, "officials" said, & more are planned, on Tuesday.');
    assert.equal(bridges["Checked by"], "");
    const ships = byClaim.get("420");
    assert.ok(ships);
    assert.equal(ships.Pile, "Unattributed");
    assert.equal(ships.Finding, "figure-unattributed");
    assert.match(ships["Source's sentence"], /420 ships/);
    const tunnels = byClaim.get("19");
    assert.ok(tunnels);
    assert.equal(tunnels.Pile, "Unsupported");
    assert.equal(tunnels.Publisher, "");
    assert.equal(tunnels["Source's sentence"], "");
  });

  it("defuses cells a spreadsheet would run as formulas (= + - @) with a leading apostrophe", () => {
    const { dir } = hostileWorld();
    const rows = parseCsv(cli(["--format", "csv", "--no-bundled", "--sources", "sources", "draft.md"], dir).stdout);
    const bridges = rows.find((cells) => cells[2] === "17")!;
    assert.equal(bridges[8], `'=HYPERLINK("http://evil.example/","open me")`, "the title");
    assert.equal(bridges[7], "'@Daily <b>Test</b>", "the publisher");
    for (const cells of rows) for (const cell of cells) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `a live formula: ${cell}`);
    // And every line of the output is CRLF-terminated, with nothing after the last one.
    const out = cli(["--format", "csv", "--no-bundled", "--sources", "sources", "draft.md"], dir).stdout;
    assert.ok(out.endsWith("\r\n"));
    assert.equal(out.replace(/\r\n/g, "").includes("\n"), false, "no bare LF");
  });

  it("has a row for every claim the JSON report counts, across several drafts", () => {
    const { dir } = hostileWorld();
    write(dir, "second.md", "# More\n\nThe port handled 420 ships last year [@daily].\n");
    const rows = parseCsv(cli(["--format", "csv", "--no-bundled", "--sources", "sources", "draft.md", "second.md"], dir).stdout).slice(1);
    const json = JSON.parse(cli(["--format", "json", "--no-bundled", "--sources", "sources", "draft.md", "second.md"], dir).stdout) as {
      files: { path: string; claims: number }[];
    };
    for (const f of json.files) assert.equal(rows.filter((r) => r[0] === f.path).length, f.claims, f.path);
    assert.equal(rows.find((r) => r[0] === "second.md")![5], "Backed and cited");
  });
});

describe("CLI: the fact-check sheet as HTML", () => {
  it("is one standalone page: a strict CSP, no script, nothing remote, every piece of text escaped", () => {
    const { dir } = hostileWorld();
    const r = cli(["--format", "html", "--no-bundled", "--sources", "sources", "draft.md"], dir);
    const html = r.stdout;
    assert.match(html, /^<!DOCTYPE html>/);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    assert.ok(csp, "a CSP meta");
    assert.match(csp[1], /default-src 'none'/);
    assert.match(csp[1], /style-src 'sha256-[A-Za-z0-9+/=]+'/);
    assert.doesNotMatch(csp[1], /unsafe|script-src/);
    assert.doesNotMatch(html, /<script/i, "the draft's <script> is text");
    assert.doesNotMatch(html, /<img/i, "the draft's <img> is text");
    assert.doesNotMatch(html, /<b>Test/, "the publisher's <b> is text");
    assert.match(html, /&lt;script&gt;alert\(&#39;x&#39;\)&lt;\/script&gt;/);
    assert.match(html, /&quot;officials&quot; said, &amp; more/);
    assert.match(html, /&lt;img src=x onerror=alert\(2\)&gt;/);
    assert.match(html, /@Daily &lt;b&gt;Test&lt;\/b&gt;/);
    assert.match(html, /https:\/\/daily\.example\/bridges\?a=1&amp;b=2/);
    // Nothing to fetch: no src, no stylesheet links, and the only hrefs point inside the page.
    assert.doesNotMatch(html, /<[^>]*\ssrc=/i);
    assert.doesNotMatch(html, /<link/i);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) assert.match(href, /^#/, `a link out of the page: ${href}`);
  });

  it("highlights each claim in the draft by its pile and numbers it to its row", () => {
    const { dir } = hostileWorld();
    const html = cli(["--format", "html", "--no-bundled", "--sources", "sources", "draft.md"], dir).stdout;
    const marks = [...html.matchAll(/<mark class="(\w+)"[^>]*>([^<]*)<sup><a href="#(d1-c\d+)">(\d+)<\/a><\/sup><\/mark>/g)].map((m) => ({
      pile: m[1],
      text: m[2],
      target: m[3],
    }));
    assert.deepEqual(
      marks.map((m) => [m.pile, m.text]),
      [
        ["backed", "17"],
        ["unattributed", "420"],
        ["unsupported", "19"],
      ],
    );
    for (const m of marks) assert.match(html, new RegExp(`<tr id="${m.target}">`), `row ${m.target}`);
    assert.equal((html.match(/<tr id=/g) ?? []).length, 3);
  });
});
