// The HTML fact-check sheet in a real browser: headless Chromium (Debian's, driven by
// playwright-core) opens the page the CLI writes for the example draft, from a file as
// a fact-checker would. It must render every row, highlight every claim, break no rule
// of its own CSP and ask the network for nothing. Without Chromium the test skips
// locally and fails in CI. UPDATE_SCREENSHOTS=1 writes the picture the README shows
// (docs/fact-check-sheet.png); otherwise it goes to a temporary folder.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const CHROMIUM = process.env.SOURCE_CHECK_CHROMIUM ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

describe("The HTML fact-check sheet in headless Chromium", function () {
  this.timeout(120_000);
  let dir: string | undefined;
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("renders a row and a highlight per claim of the example draft, within its CSP, loading nothing", async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI) assert.fail(`Chromium is not at ${CHROMIUM}, but CI is set: run test/e2e/install-code-server.sh`);
      console.log(`      Chromium is not at ${CHROMIUM}: skipping (bash test/e2e/install-code-server.sh installs it)`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), "source-check-sheet-"));
    const cli = (format: string) =>
      spawnSync(process.execPath, [join(ROOT, "bin/source-check.js"), "--format", format, "examples/draft.md"], {
        cwd: ROOT,
        encoding: "utf8",
      });
    const html = cli("html");
    assert.equal(html.stderr, "");
    const page = join(dir, "sheet.html");
    writeFileSync(page, html.stdout);
    const claims = (JSON.parse(cli("json").stdout) as { files: { claims: number }[] }).files[0].claims;

    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    try {
      const tab = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const requests: string[] = [];
      const complaints: string[] = [];
      tab.on("request", (r) => requests.push(r.url()));
      tab.on("console", (m) => {
        if (m.type() === "error" || /Content Security Policy/i.test(m.text())) complaints.push(m.text());
      });
      tab.on("pageerror", (e) => complaints.push(e.message));
      const url = pathToFileURL(page).href;
      await tab.goto(url);
      // Evaluated in the page (a string: the tests compile without the DOM's types).
      const seen = (await tab.evaluate(`({
        rows: document.querySelectorAll("tbody tr").length,
        marks: [...document.querySelectorAll("mark")].map((m) => [m.className, m.firstChild?.textContent ?? ""]),
        // The style sheet applied (the CSP's hash allowed it): the contradicted highlight is coloured.
        contradicted: getComputedStyle(document.querySelector("mark.contradicted")).backgroundColor,
        scripts: document.scripts.length,
        title: document.title,
      })`)) as { rows: number; marks: [string, string][]; contradicted: string; scripts: number; title: string };
      assert.equal(seen.rows, claims, "a row per claim");
      assert.equal(seen.marks.length, claims, "a highlight per claim");
      assert.deepEqual(
        seen.marks.find(([, text]) => text === "Dec. 15"),
        ["contradicted", "Dec. 15"],
      );
      assert.deepEqual(
        seen.marks.find(([, text]) => text === "14"),
        ["unsupported", "14"],
      );
      assert.deepEqual(
        seen.marks.find(([, text]) => text === "Three"),
        ["unattributed", "Three"],
      );
      assert.notEqual(seen.contradicted, "rgba(0, 0, 0, 0)", "the page's own style applies");
      assert.equal(seen.scripts, 0);
      assert.equal(seen.title, "Fact-check sheet: examples/draft.md");
      assert.deepEqual(complaints, [], "no CSP violation, no error");
      assert.deepEqual(requests, [url], "the page itself and nothing else");
      const shot = process.env.UPDATE_SCREENSHOTS ? join(ROOT, "docs/fact-check-sheet.png") : join(dir, "fact-check-sheet.png");
      await tab.screenshot({ path: shot, fullPage: true });
      console.log(`      screenshot: ${shot}`);
    } finally {
      await browser.close();
    }
  });
});
