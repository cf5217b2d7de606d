// End to end in a real editor: headless Neovim's built-in LSP client runs the server
// (test/e2e/neovim/check.lua) on a copy of the public news brief. Needs `nvim` (Debian's
// 0.7.2 is enough); without it the test skips locally and fails in CI (CI must prove it).

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this compiles to out/test/e2e). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const SCRIPT = join(ROOT, "test/e2e/neovim/check.lua");
const INIT_OPTIONS_SCRIPT = join(ROOT, "test/e2e/neovim/init-options.lua");
const NEWS_BRIEF = resolve(ROOT, "test/eval/public/drafts/news-brief.md");

function hasNvim(): boolean {
  const r = spawnSync("nvim", ["--version"], { encoding: "utf8", timeout: 10_000 });
  return !r.error && r.status === 0;
}

describe("Neovim (headless, built-in LSP client)", function () {
  this.timeout(90_000);
  let dir: string | undefined;

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows the news brief's figure-mismatch on line 9 and a hover over 35 naming CTV News Toronto", function () {
    if (!hasNvim()) {
      if (process.env.CI)
        assert.fail("nvim is not installed, but CI is set: CI must run the Neovim end-to-end test (.ci/run installs neovim)");
      console.log("      nvim is not installed: skipping the Neovim end-to-end test (apt-get install neovim to run it)");
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), "source-check-nvim-"));
    const draft = join(dir, "news-brief.md");
    copyFileSync(NEWS_BRIEF, draft);
    // Keep Neovim's state, cache (lsp.log) and config out of the user's home.
    const xdg = join(dir, "xdg");
    for (const d of ["config", "data", "state", "cache"]) mkdirSync(join(xdg, d), { recursive: true });
    const r = spawnSync("nvim", ["--headless", "--clean", "-n", "-i", "NONE", "-c", `luafile ${SCRIPT}`, draft], {
      cwd: dir,
      encoding: "utf8",
      timeout: 60_000,
      killSignal: "SIGKILL",
      env: {
        ...process.env,
        SOURCE_CHECK_REPO: ROOT,
        XDG_CONFIG_HOME: join(xdg, "config"),
        XDG_DATA_HOME: join(xdg, "data"),
        XDG_STATE_HOME: join(xdg, "state"),
        XDG_CACHE_HOME: join(xdg, "cache"),
      },
    });
    const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
    const detail = `\n--- nvim output ---\n${output}`;
    assert.equal(r.error, undefined, `nvim did not finish: ${r.error?.message}${detail}`);
    assert.equal(r.status, 0, `nvim exited ${r.status} (signal ${r.signal})${detail}`);
    const lines = r.stdout.split("\n");
    assert.ok(lines.includes(`draft: ${draft}`), `the script did not open the copied draft${detail}`);
    assert.ok(
      lines.some((l) => /^client: started and attached/.test(l)),
      `no attached client${detail}`,
    );
    assert.ok(
      lines.some((l) => /^figure-mismatch: line 9 col \d+: .*\b30\b/.test(l)),
      `no figure-mismatch on line 9 mentioning 30${detail}`,
    );
    assert.ok(
      lines.some((l) => /^ {2}\| .*CTV News Toronto/.test(l)),
      `the hover did not name CTV News Toronto${detail}`,
    );
    assert.ok(lines.includes("OK: figure-mismatch on line 9 mentions 30; hover over 35 names CTV News Toronto"), `no OK line${detail}`);
  });
  it("loads a writer's sources through init_options (Neovim 0.7 has no workspace/configuration) and finds what only they can judge", function () {
    if (!hasNvim()) {
      if (process.env.CI) assert.fail("nvim is not installed, but CI is set");
      this.skip();
    }
    const world = mkdtempSync(join(tmpdir(), "source-check-nvim-init-"));
    try {
      mkdirSync(join(world, "my-sources"));
      writeFileSync(
        join(world, "my-sources", "herald.md"),
        "---\nid: harbour-herald\ntitle: Lighthouses of the coast\npublisher: Harbour Herald\ndate: 2024-05\n---\n\nThe coast guard counted 17 lighthouses along the northern shore last year.\n",
      );
      const draft = join(world, "coast.md");
      writeFileSync(draft, "# Coast\n\nThe coast guard counted 18 lighthouses along the northern shore [@harbour-herald].\n");
      const xdg = join(world, "xdg");
      for (const d of ["config", "data", "state", "cache"]) mkdirSync(join(xdg, d), { recursive: true });
      const r = spawnSync("nvim", ["--headless", "--clean", "-n", "-i", "NONE", "-c", `luafile ${INIT_OPTIONS_SCRIPT}`, draft], {
        cwd: world,
        encoding: "utf8",
        timeout: 60_000,
        killSignal: "SIGKILL",
        env: {
          ...process.env,
          SOURCE_CHECK_REPO: ROOT,
          SOURCE_CHECK_SOURCES: join(world, "my-sources"),
          XDG_CONFIG_HOME: join(xdg, "config"),
          XDG_DATA_HOME: join(xdg, "data"),
          XDG_STATE_HOME: join(xdg, "state"),
          XDG_CACHE_HOME: join(xdg, "cache"),
        },
      });
      const detail = `\n--- nvim output ---\n${r.stdout ?? ""}${r.stderr ?? ""}`;
      assert.equal(r.status, 0, `nvim exited ${r.status}${detail}`);
      const lines = r.stdout.split("\n");
      // Only the writer's Harbour Herald states 17 lighthouses: the bundled articles know nothing of them.
      assert.ok(
        lines.some((l) => /^figure-mismatch: line 3: .*Harbour Herald.*\b17\b/.test(l)),
        `no figure-mismatch naming Harbour Herald and 17${detail}`,
      );
      assert.ok(lines.includes("keys: K and gd mapped"), detail);
      assert.ok(
        lines.some((l) => /^claim: 18 contradicted Harbour Herald$/.test(l)),
        `the claims command${detail}`,
      );
      assert.ok(lines.includes("OK: init_options loaded the writer's sources"), detail);
    } finally {
      rmSync(world, { recursive: true, force: true });
    }
  });
});
