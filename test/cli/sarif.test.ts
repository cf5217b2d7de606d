// `--format sarif`: structure, agreement with the JSON report, fingerprints that
// survive edits elsewhere in the file, and validation against the official SARIF
// 2.1.0 schema when a package that ships it is installed.

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { cleanTemp, cli, cliJson, DRAFTS, NEWS_BRIEF, ROOT, tempDir, WARNING_DRAFT, write } from "./helpers.js";

after(cleanTemp);

/* eslint-disable @typescript-eslint/no-explicit-any */
type Sarif = any;

function sarif(args: string[], cwd = ROOT): { status: number | null; log: Sarif; stderr: string } {
  const r = cli(["--format", "sarif", ...args], cwd);
  return { status: r.status, log: JSON.parse(r.stdout), stderr: r.stderr };
}

const CODES = [
  "figure-mismatch",
  "quote-mismatch",
  "quote-misattributed",
  "citation-unknown",
  "citation-mismatch",
  "figure-unsupported",
  "quote-unsupported",
  "figure-unattributed",
  "quote-unattributed",
];
const ALL = [`${DRAFTS}/explainer.md`, NEWS_BRIEF, `${DRAFTS}/newsletter.md`];

describe("CLI: --format sarif", () => {
  it("is a SARIF 2.1.0 log with one run, the tool's version and one rule per code", () => {
    const { status, log } = sarif([NEWS_BRIEF]);
    assert.equal(status, 1);
    assert.equal(log.version, "2.1.0");
    assert.match(log.$schema, /sarif-schema-2\.1\.0\.json$|sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0].tool.driver;
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    assert.equal(driver.name, "source-check");
    assert.equal(driver.version, pkg.version);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(
      driver.rules.map((r: Sarif) => r.id),
      CODES,
    );
    for (const rule of driver.rules) {
      assert.equal(typeof rule.name, "string");
      assert.ok(rule.shortDescription.text.length > 0);
      assert.ok(rule.fullDescription.text.length > rule.shortDescription.text.length);
      assert.match(rule.helpUri, new RegExp(`^https://.*#${rule.id}$`));
      assert.ok(["error", "warning", "note"].includes(rule.defaultConfiguration.level));
    }
    assert.equal(driver.rules[0].defaultConfiguration.level, "error");
    assert.equal(driver.rules[5].defaultConfiguration.level, "warning");
  });

  it("has one result per finding, at the finding's place, with the finding's rule, level and message", () => {
    const { report } = cliJson(ALL);
    const { log } = sarif(ALL);
    const run = log.runs[0];
    const expected = report.files.flatMap((file) => file.findings.map((f) => ({ file: file.path, f })));
    assert.equal(run.results.length, expected.length);
    run.results.forEach((r: Sarif, i: number) => {
      const { file, f } = expected[i];
      assert.equal(r.ruleId, f.code);
      assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
      assert.equal(r.level, f.severity === "info" ? "note" : f.severity);
      assert.equal(r.message.text, f.message);
      assert.equal(r.locations.length, 1);
      const loc = r.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, file.replace(/^\.\//, ""), "the path as given, relative");
      assert.equal(loc.artifactLocation.uriBaseId, "%SRCROOT%");
      assert.deepEqual(
        [loc.region.startLine, loc.region.startColumn, loc.region.endLine, loc.region.endColumn],
        [f.line, f.column, f.endLine, f.endColumn],
      );
      assert.equal(typeof r.partialFingerprints["sourceCheckClaim/v1"], "string");
    });
    assert.equal(run.originalUriBaseIds["%SRCROOT%"].uri, pathToFileURL(ROOT).href + "/");
    assert.equal(run.columnKind, "utf16CodeUnits");
    // The figure-mismatch's fix becomes a SARIF fix replacing "35" with "30".
    const mismatch = run.results.find(
      (r: Sarif) => r.ruleId === "figure-mismatch" && r.locations[0].physicalLocation.region.startLine === 9,
    );
    const replacement = mismatch.fixes[0].artifactChanges[0].replacements[0];
    assert.equal(replacement.insertedContent.text, "30");
    assert.equal(replacement.deletedRegion.startLine, 9);
  });

  it("gives an absolute path a file: URI and no base", () => {
    const dir = tempDir();
    const draft = write(dir, "my draft.md", WARNING_DRAFT);
    const { log } = sarif([draft]);
    const loc = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.equal(loc.uri, pathToFileURL(draft).href);
    assert.match(loc.uri, /my%20draft\.md$/);
    assert.equal(loc.uriBaseId, undefined);
  });

  it("keeps partialFingerprints when lines are inserted above, and changes them when the claim changes", () => {
    const dir = tempDir();
    const text = readFileSync(join(ROOT, NEWS_BRIEF), "utf8");
    const lines = text.split("\n");
    const titleAt = lines.findIndex((l) => l.startsWith("# "));
    const shifted = [
      ...lines.slice(0, titleAt + 1),
      "",
      "An editor's note was added here.",
      "It was revised since.",
      ...lines.slice(titleAt + 1),
    ].join("\n");
    const a = write(dir, "a.md", text);
    const b = write(dir, "b.md", shifted);
    const ra = sarif([a]).log.runs[0].results;
    const rb = sarif([b]).log.runs[0].results;
    assert.ok(ra.length >= 3);
    assert.equal(rb.length, ra.length);
    const print = (r: Sarif): string => r.partialFingerprints["sourceCheckClaim/v1"];
    ra.forEach((r: Sarif, i: number) => {
      assert.equal(rb[i].locations[0].physicalLocation.region.startLine, r.locations[0].physicalLocation.region.startLine + 3);
      assert.equal(print(rb[i]), print(r), `fingerprint of ${r.ruleId} moved with its line`);
    });
    assert.equal(new Set(ra.map(print)).size, ra.length, "fingerprints are distinct within a file");

    const edited = write(dir, "c.md", text.replace("in 35 countries", "in 36 countries"));
    const rc = sarif([edited]).log.runs[0].results;
    const mismatch = (rs: Sarif[]): Sarif =>
      rs.find((r) => r.ruleId === "figure-mismatch" && r.locations[0].physicalLocation.region.startLine === 9);
    assert.ok(mismatch(rc), "36 is still a mismatch");
    assert.notEqual(print(mismatch(rc)), print(mismatch(ra)));
  });

  it("tells identical findings apart by an occurrence counter", () => {
    const dir = tempDir();
    const sentence = "Three of the stations are in the Toronto area.";
    const draft = write(dir, "twice.md", `# Twice\n\n${sentence}\n\n${sentence}\n`);
    const results = sarif([draft]).log.runs[0].results;
    assert.equal(results.length, 2);
    const [p1, p2] = results.map((r: Sarif) => r.partialFingerprints["sourceCheckClaim/v1"] as string);
    assert.notEqual(p1, p2);
    assert.equal(p1.split(":")[0], p2.split(":")[0]);
    assert.deepEqual([p1.split(":")[1], p2.split(":")[1]], ["1", "2"]);
  });

  it("marks the run unsuccessful and lists what failed when the run exits 2", () => {
    const { status, log } = sarif(["missing.md", NEWS_BRIEF]);
    assert.equal(status, 2);
    const inv = log.runs[0].invocations[0];
    assert.equal(inv.executionSuccessful, false);
    assert.match(inv.toolExecutionNotifications[0].message.text, /^missing\.md: /);
    assert.ok(log.runs[0].results.length > 0);
    assert.equal(sarif([NEWS_BRIEF]).log.runs[0].invocations[0].executionSuccessful, true);
  });

  describe("against the official SARIF 2.1.0 JSON schema", () => {
    const candidates = [
      process.env.SARIF_SCHEMA,
      join(ROOT, "test/fixtures/sarif-schema-2.1.0.json"),
      join(ROOT, "node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json"),
      join(ROOT, "node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"),
    ].filter((p): p is string => !!p);
    const schemaPath = candidates.find((p) => existsSync(p));

    /** A validator for the schema's dialect, or undefined when that dialect's Ajv is not installed. */
    function validator(): (((data: unknown) => boolean) & { errors?: unknown }) | undefined {
      const schema = JSON.parse(readFileSync(schemaPath!, "utf8"));
      const require = createRequire(join(ROOT, "package.json"));
      const dialect = String(schema.$schema ?? "");
      const module = dialect.includes("2020-12")
        ? "ajv/dist/2020"
        : dialect.includes("2019-09")
          ? "ajv/dist/2019"
          : dialect.includes("draft-04")
            ? "ajv-draft-04"
            : "ajv";
      let Ajv: any;
      try {
        Ajv = require(module).default;
      } catch {
        return undefined;
      }
      // Formats (uri, date-time) need ajv-formats, which is not installed: URIs are checked below.
      // The 2.1.0-rtm.5 schema has a pattern that is only valid without the u flag.
      const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
      return ajv.compile(schema);
    }

    it("validates", function () {
      // Skipped until a package that ships the schema is installed (or SARIF_SCHEMA names the file).
      const validate = schemaPath ? validator() : undefined;
      if (!validate) this.skip();
      for (const args of [ALL, ["missing.md", NEWS_BRIEF]]) {
        const { log } = sarif(args);
        assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
        for (const r of log.runs[0].results) {
          const uri = r.locations[0].physicalLocation.artifactLocation.uri;
          assert.doesNotThrow(() => new URL(uri, "file:///base/"));
        }
      }
      // The validator can fail: a level SARIF does not have is refused.
      const { log } = sarif([NEWS_BRIEF]);
      log.runs[0].results[0].level = "info";
      assert.equal(validate(log), false);
    });
  });
});
