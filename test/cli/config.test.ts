// The project config file `.source-check.json`: how the CLI finds and applies it,
// the pure API the language server shares, and the JSON schema editors complete from.

import assert from "node:assert/strict";
import { readFileSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { BRIDGES_DRAFT, BRIDGES_SOURCE, cleanTemp, cli, cliJson, NEWS_BRIEF, ROOT, tempDir, write } from "./helpers.js";
import { applyRules, CONFIG_FILE_NAME, isIgnored, parseProjectConfig, type ProjectConfig } from "../../server/src/config/project-config.js";
import { DraftSettingsResolver, governingConfigPath, readProjectConfig } from "../../server/src/config/draft-settings.js";
import { nodeHost } from "../../server/src/node/host.js";
import { CODES } from "../../server/src/findings/codes.js";
import type { Finding } from "../../server/src/model.js";

after(cleanTemp);

const newsBrief = readFileSync(join(ROOT, NEWS_BRIEF), "utf8");
const config = (dir: string, value: unknown, rel = CONFIG_FILE_NAME): string =>
  write(dir, rel, typeof value === "string" ? value : JSON.stringify(value, null, 2));

describe("config: the CLI applies the nearest .source-check.json", () => {
  it("rules turn a code off or change its severity, and the exit status follows", () => {
    const dir = tempDir();
    const draft = write(dir, "drafts/brief.md", newsBrief);
    const before = cliJson([draft]);
    const codes = before.report.files[0].findings.map((f) => f.code);
    assert.ok(codes.includes("figure-unattributed") && codes.includes("figure-mismatch"));

    config(dir, { rules: { "figure-unattributed": "off", "figure-mismatch": "info" } });
    const after = cliJson([draft]);
    const findings = after.report.files[0].findings;
    assert.ok(!findings.some((f) => f.code === "figure-unattributed"), "off drops the code");
    const mismatch = findings.find((f) => f.code === "figure-mismatch");
    assert.equal(mismatch?.severity, "info");
    assert.equal(findings.length, before.report.files[0].findings.filter((f) => f.code !== "figure-unattributed").length);

    // Everything that is an error, downgraded: the run passes.
    const errors = [...new Set(before.report.files[0].findings.filter((f) => f.severity === "error").map((f) => f.code))];
    config(dir, { rules: Object.fromEntries(errors.map((c) => [c, "warning"])) });
    const relaxed = cliJson([draft]);
    assert.equal(relaxed.status, 0, relaxed.stderr);
    assert.ok(relaxed.report.files[0].findings.every((f) => f.severity === "warning"));
    // And a warning raised to an error fails it.
    config(dir, { rules: { "figure-unattributed": "error" } });
    const strict = cliJson([write(dir, "drafts/warn.md", "# S\n\nThree of the stations are in the Toronto area.\n")]);
    assert.equal(strict.status, 1);
    assert.deepEqual(
      strict.report.files[0].findings.map((f) => f.severity),
      ["error"],
    );
  });

  it("ignore globs, relative to the config file, skip drafts in folders and globs", () => {
    const dir = tempDir();
    config(dir, { ignore: ["drafts/archive", "**/*.notes.md"] });
    write(dir, "drafts/a.md", newsBrief);
    write(dir, "drafts/archive/old.md", newsBrief);
    write(dir, "drafts/archive/deeper/older.md", newsBrief);
    write(dir, "drafts/b.notes.md", newsBrief);
    const r = cliJson(["drafts"], dir);
    assert.deepEqual(
      r.report.files.map((f) => f.path),
      ["drafts/a.md"],
    );
    const g = cliJson(["drafts/**/*.md"], dir);
    assert.deepEqual(
      g.report.files.map((f) => f.path),
      ["drafts/a.md"],
    );
    // From another working folder the globs still count from the config file.
    const elsewhere = cliJson([join(dir, "drafts")]);
    assert.deepEqual(
      elsewhere.report.files.map((f) => f.path),
      [join(dir, "drafts/a.md")],
    );
  });

  it("sources are folders relative to the config file, found from drafts below it", () => {
    const dir = tempDir();
    config(dir, { sources: ["sources"] });
    write(dir, "sources/my-paper.md", BRIDGES_SOURCE);
    const draft = write(dir, "drafts/deep/down/bridges.md", BRIDGES_DRAFT);
    const r = cliJson([draft]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.report.files[0].findings, []);
    assert.ok(r.report.sources.some((s) => s.id === "my-paper"));
    // --no-config ignores it.
    const bare = cliJson(["--no-config", draft]);
    assert.deepEqual(
      bare.report.files[0].findings.map((f) => f.code),
      ["citation-unknown"],
    );
  });

  it("the nearest config wins and configs are not merged; bundled:false drops the bundled sources", () => {
    const dir = tempDir();
    config(dir, { sources: ["sources"] });
    write(dir, "sources/my-paper.md", BRIDGES_SOURCE);
    config(dir, { bundled: false }, `inner/${CONFIG_FILE_NAME}`);
    const outer = write(dir, "bridges.md", BRIDGES_DRAFT);
    const inner = write(dir, "inner/bridges.md", BRIDGES_DRAFT);
    const r = cliJson([outer, inner]);
    assert.deepEqual(r.report.files[0].findings, []);
    assert.deepEqual(
      r.report.files[1].findings.map((f) => f.code),
      ["citation-unknown"],
      "the inner config has neither sources nor bundled",
    );
    // --sources adds to whatever the config says.
    const added = cliJson(["--sources", join(dir, "sources"), inner]);
    assert.deepEqual(added.report.files[0].findings, []);
  });

  it("refuses source folders outside the config file's folder unless --allow-outside-sources", () => {
    const dir = tempDir();
    write(dir, "outside-sources/my-paper.md", BRIDGES_SOURCE);
    const cfg = config(dir, { sources: ["../outside-sources"] }, `project/${CONFIG_FILE_NAME}`);
    const draft = write(dir, "project/bridges.md", BRIDGES_DRAFT);
    const r = cliJson([draft]);
    assert.equal(r.status, 2);
    const line = r.stderr.trim();
    assert.equal(line.split("\n").length, 1, r.stderr);
    assert.ok(line.startsWith(`source-check: ${cfg}: "sources[0]"`), line);
    assert.match(line, /outside/);
    assert.deepEqual(
      r.report.files[0].findings.map((f) => f.code),
      ["citation-unknown"],
      "the draft is still checked, without that folder",
    );

    const allowed = cliJson(["--allow-outside-sources", draft]);
    assert.equal(allowed.status, 0, allowed.stderr);
    assert.deepEqual(allowed.report.files[0].findings, []);

    config(dir, { sources: [join(dir, "outside-sources")] }, `project/${CONFIG_FILE_NAME}`);
    const abs = cli([draft]);
    assert.equal(abs.status, 2);
    assert.match(abs.stderr, /"sources\[0\]" is the absolute path/);
  });

  it("refuses a source folder that is a symbolic link leading outside", () => {
    const dir = tempDir();
    write(dir, "elsewhere/my-paper.md", BRIDGES_SOURCE);
    write(dir, "project/placeholder.txt", "");
    symlinkSync(join(dir, "elsewhere"), join(dir, "project/sources"), "dir");
    config(dir, { sources: ["sources"] }, `project/${CONFIG_FILE_NAME}`);
    const draft = write(dir, "project/bridges.md", BRIDGES_DRAFT);
    const r = cli([draft]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /"sources\[0\]" "sources" is a link to .*outside/);
    assert.equal(cli(["--allow-outside-sources", draft]).status, 0);
  });

  it("a broken config is named with its file and field, exits 2, and its drafts are still checked", () => {
    const dir = tempDir();
    const cfg = config(dir, '{\n  "rules": {\n    "figure-mismatch": "warn"\n  }\n}\n');
    const draft = write(dir, "brief.md", newsBrief);
    const r = cliJson([draft, NEWS_BRIEF]);
    assert.equal(r.status, 2);
    assert.equal(
      r.stderr.trim(),
      `source-check: ${cfg}: "rules.figure-mismatch" must be "off", "error", "warning" or "info", not "warn" (did you mean "warning"?)`,
    );
    assert.equal(r.report.files.length, 2);
    assert.ok(r.report.files[0].findings.length > 0);

    config(dir, '{\n  "rules": {},\n}\n');
    const bad = cli([draft]);
    assert.equal(bad.status, 2);
    assert.match(
      bad.stderr,
      new RegExp(`^source-check: .*${CONFIG_FILE_NAME.replace(".", "\\.")}: is not valid JSON \\(line 3, column 1: `),
    );
  });

  it("reports a config once however many drafts it governs, relative to the working folder", () => {
    const dir = tempDir();
    config(dir, { sauces: ["x"] });
    write(dir, "a.md", BRIDGES_DRAFT);
    write(dir, "b.md", BRIDGES_DRAFT);
    const r = cli(["a.md", "b.md"], dir);
    assert.equal(r.status, 2);
    assert.equal(
      r.stderr,
      `source-check: ${CONFIG_FILE_NAME}: has an unknown field "sauces" (known fields: $schema, sources, bundled, citationStyle, rules, ignore, archive)\n`,
    );
  });
});

describe("config: the shared API", () => {
  const P = "/project/.source-check.json";
  const problem = (text: string, opts = {}): string => {
    const r = parseProjectConfig(P, text, opts);
    assert.ok("problem" in r, `expected a problem for ${text}`);
    assert.equal(r.problem.path, P);
    return r.problem.message;
  };

  it("parses a full config", () => {
    const text = JSON.stringify({
      $schema: "./schemas/source-check.schema.json",
      sources: ["sources", "./more/sources"],
      bundled: false,
      citationStyle: "pandoc",
      rules: { "quote-unsupported": "info", "figure-unattributed": "off" },
      ignore: ["archive/**"],
    });
    const r = parseProjectConfig(P, "\uFEFF" + text);
    assert.ok("config" in r);
    assert.deepEqual(r.config, JSON.parse(text));
    assert.deepEqual(parseProjectConfig(P, "{}"), { config: {} });
  });

  it("names the field in every problem", () => {
    assert.match(problem("[]"), /must hold a JSON object/);
    assert.match(problem(""), /is empty/);
    assert.match(problem('{"sources": "src"}'), /^"sources" must be an array/);
    assert.match(problem('{"sources": ["ok", 3]}'), /^"sources\[1\]" must be/);
    assert.match(problem('{"sources": ["../up"]}'), /^"sources\[0\]" "\.\.\/up" leads outside/);
    assert.match(problem('{"sources": ["a/../../up"]}'), /leads outside/);
    assert.match(problem('{"sources": ["/etc"]}'), /^"sources\[0\]" is the absolute path/);
    assert.match(problem('{"sources": ["C:\\\\src"]}'), /absolute path/);
    assert.match(problem('{"bundled": "yes"}'), /^"bundled" must be true or false/);
    assert.match(problem('{"citationStyle": "apa"}'), /^"citationStyle" must be one of "footnote", "pandoc", "link", not "apa"/);
    assert.match(problem('{"rules": {"no-such-code": "off"}}'), /unknown code "no-such-code"/);
    assert.match(problem('{"rules": []}'), /^"rules" must be an object/);
    assert.match(problem('{"ignore": [""]}'), /^"ignore\[0\]" must be/);
    assert.match(problem('{"extends": "x"}'), /unknown field "extends"/);
    // Allowed outside sources parse.
    assert.ok("config" in parseProjectConfig(P, '{"sources": ["../up", "/abs"]}', { allowOutsideSources: true }));
    assert.ok("config" in parseProjectConfig(P, '{"sources": ["a/../b", "..."]}'), "staying inside is fine");
  });

  it("applyRules drops off codes, changes severities and keeps everything else", () => {
    const f = (code: Finding["code"], severity: Finding["severity"]) => ({ code, severity, message: code });
    const findings = [f("figure-mismatch", "error"), f("figure-unattributed", "warning"), f("quote-unsupported", "warning")];
    const out = applyRules(findings, { "figure-unattributed": "off", "quote-unsupported": "error" });
    assert.deepEqual(out, [f("figure-mismatch", "error"), f("quote-unsupported", "error")]);
    assert.equal(out[0], findings[0], "untouched findings are the same objects");
    assert.equal(findings[2].severity, "warning", "the input is not changed");
    assert.equal(applyRules(findings, undefined), findings);
  });

  it("isIgnored matches globs relative to the config file, folders included", () => {
    const cfg: ProjectConfig = { ignore: ["archive", "drafts/*.tmp.md", "**/private/**"] };
    assert.equal(isIgnored(P, cfg, "/project/archive/2020/a.md"), true);
    assert.equal(isIgnored(P, cfg, "/project/drafts/x.tmp.md"), true);
    assert.equal(isIgnored(P, cfg, "/project/drafts/sub/x.tmp.md"), false);
    assert.equal(isIgnored(P, cfg, "/project/a/private/b/c.md"), true);
    assert.equal(isIgnored(P, cfg, "/project/drafts/x.md"), false);
    assert.equal(isIgnored(P, cfg, "/elsewhere/archive/a.md"), false);
  });

  it("the nearest config above a draft governs it; the resolver reads it once until cleared", () => {
    const dir = tempDir();
    const top = config(dir, { bundled: false });
    const sub = config(dir, { citationStyle: "link" }, `a/${CONFIG_FILE_NAME}`);
    write(dir, "a/b/c/d.md", "x");
    const nearest = (draft: string) => {
      const path = governingConfigPath(draft, nodeHost.isFile);
      return path === undefined ? undefined : readProjectConfig(path, nodeHost);
    };
    const near = nearest(join(dir, "a/b/c/d.md"));
    assert.deepEqual(near, { path: resolve(sub), config: { citationStyle: "link" } });
    assert.deepEqual(nearest(join(dir, "other/e.md")), { path: resolve(top), config: { bundled: false } });
    const resolver = new DraftSettingsResolver(nodeHost, { useConfigs: true, allowOutsideSources: false });
    const adapter = { folders: [], defaults: { bundled: true, citationStyle: "footnote" as const } };
    const settingsOf = (draft: string) => {
      const s = resolver.forDraft(join(dir, draft), adapter);
      return { configPath: s.configPath, config: s.config, citationStyle: s.citationStyle, bundled: s.sources.bundled };
    };
    assert.deepEqual(settingsOf("a/b/x.md"), {
      configPath: resolve(sub),
      config: { citationStyle: "link" },
      citationStyle: "link",
      bundled: true,
    });
    config(dir, { citationStyle: "pandoc" }, `a/${CONFIG_FILE_NAME}`);
    assert.equal(settingsOf("a/y.md").citationStyle, "link", "cached until cleared");
    resolver.clear();
    assert.equal(settingsOf("a/y.md").citationStyle, "pandoc");
    assert.deepEqual(settingsOf("other/e.md"), {
      configPath: resolve(top),
      config: { bundled: false },
      citationStyle: "footnote",
      bundled: false,
    });
  });
});

describe("config: schemas/source-check.schema.json", () => {
  const schema = JSON.parse(readFileSync(join(ROOT, "schemas/source-check.schema.json"), "utf8"));
  const require = createRequire(join(ROOT, "package.json"));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const Ajv = require("ajv").default as any;
  const ajv = new Ajv({ allErrors: true, strict: true });
  for (const k of ["markdownDescription", "enumDescriptions"]) ajv.addKeyword(k); // VS Code's annotations
  const validate = ajv.compile(schema);

  it("lists every finding code and setting, with descriptions for completion", () => {
    assert.deepEqual(
      Object.keys(schema.properties.rules.properties),
      CODES.map((c) => c.code),
    );
    assert.deepEqual(schema.definitions.ruleSetting.enum, ["off", "error", "warning", "info"]);
    assert.deepEqual(schema.properties.citationStyle.enum, ["footnote", "pandoc", "link"]);
    for (const key of Object.keys(schema.properties)) assert.ok(schema.properties[key].description, `${key} has a description`);
  });

  it("agrees with parseProjectConfig on valid and invalid configs", () => {
    const valid = [
      {},
      { $schema: "x", sources: ["s"], bundled: true, citationStyle: "link", rules: { "quote-mismatch": "off" }, ignore: ["a/**"] },
    ];
    const invalid = [
      { rules: { "figure-mismatch": "warn" } },
      { rules: { "no-such-code": "off" } },
      { sources: ["/abs"] },
      { sources: ["../up"] },
      { bundled: "no" },
      { citationStyle: "apa" },
      { unknown: 1 },
      { ignore: [""] },
    ];
    for (const v of valid) {
      assert.ok(validate(v), `${JSON.stringify(v)}: ${JSON.stringify(validate.errors)}`);
      assert.ok("config" in parseProjectConfig("/p/.source-check.json", JSON.stringify(v)));
    }
    for (const v of invalid) {
      assert.equal(validate(v), false, `the schema accepts ${JSON.stringify(v)}`);
      assert.ok("problem" in parseProjectConfig("/p/.source-check.json", JSON.stringify(v)), `the parser accepts ${JSON.stringify(v)}`);
    }
  });
});
