// A project config names source folders inside its own folder: `..`, absolute paths
// and symbolic links that lead out are refused (parseProjectConfig and
// checkSourceFolders; the CLI and the server report them the same way).

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseProjectConfig } from "../../server/src/config/project-config.js";
import { checkSourceFolders } from "../../server/src/config/draft-settings.js";
import { nodeHost } from "../../server/src/node/host.js";

describe("security: source folders stay inside the project", () => {
  let root: string;
  before(() => (root = mkdtempSync(join(tmpdir(), "source-check-escape-"))));
  after(() => rmSync(root, { recursive: true, force: true }));

  const problemOf = (sources: unknown, options = {}): string | undefined => {
    const parsed = parseProjectConfig(join(root, "project/.source-check.json"), JSON.stringify({ sources }), options);
    return "problem" in parsed ? parsed.problem.message : undefined;
  };

  for (const escape of [
    "..",
    "../elsewhere",
    "sources/../../elsewhere",
    "/etc",
    "C:\\\\Windows",
    "\\\\\\\\server\\\\share",
    "sources\\\\..\\\\..\\\\x",
  ]) {
    it(`refuses "${escape}"`, () => {
      const message = problemOf([escape]);
      assert.ok(message, `accepted ${escape}`);
      assert.match(message, /sources\[0\]/);
    });
  }

  for (const inside of ["sources", "./sources", "a/b/../c", "sources/"]) {
    it(`accepts "${inside}"`, () => assert.equal(problemOf([inside]), undefined));
  }

  it("accepts a path outside only with allowOutsideSources (the CLI's --allow-outside-sources)", () => {
    assert.equal(problemOf(["../elsewhere"], { allowOutsideSources: true }), undefined);
  });

  it("refuses a symbolic link inside that leads outside", function () {
    mkdirSync(join(root, "project"), { recursive: true });
    mkdirSync(join(root, "outside"), { recursive: true });
    writeFileSync(join(root, "outside/secret.md"), "---\nid: secret\ntitle: t\npublisher: p\n---\n\nx\n");
    try {
      symlinkSync(join(root, "outside"), join(root, "project/sources"), "dir");
    } catch {
      this.skip();
    }
    const configPath = join(root, "project/.source-check.json");
    const problem = checkSourceFolders(configPath, { sources: ["sources"] }, nodeHost);
    assert.ok(problem);
    assert.match(problem.message, /"sources\[0\]" "sources" is a link to .*outside the config file's folder/);
    assert.equal(checkSourceFolders(configPath, { sources: ["sources"] }, nodeHost, { allowOutsideSources: true }), undefined);
  });
});
