#!/usr/bin/env node
// `npm run test:ui`: Source Check as a writer meets it. Packages the extension
// (scripts/package.mjs → source-check.vsix), installs the .vsix into a fresh
// code-server as a user would (`--install-extension`), opens examples/draft.md in
// headless Chromium, and goes through what a person does: sees the squiggles and
// the Problems panel, hovers the mismatched date, and cites the source for an
// unattributed figure from the lightbulb. Each step asserts on what the page shows
// (waiting for it, never for a fixed time) and saves a screenshot in
// test/e2e/screenshots/. The last line is "N passed, N failed".
//
//   SOURCE_CHECK_VSIX=path.vsix   use this package instead of building one
//   SOURCE_CHECK_E2E_KEEP=1       keep the scratch folder (code-server's log)

import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  ROOT,
  installVsix,
  launchChromium,
  missingPrerequisites,
  removeScratch,
  scratch,
  startCodeServer,
} from "../vscode/code-server.mjs";

const SHOTS = join(ROOT, "test/e2e/screenshots");
const WAIT = 60_000;

async function main() {
  const missing = missingPrerequisites({ needBuild: false });
  if (missing.length) {
    for (const m of missing) console.error(m);
    console.log("0 passed, 1 failed");
    return 2;
  }
  mkdirSync(SHOTS, { recursive: true });
  const s = scratch("source-check-ui-");
  let server;
  let browser;
  const results = [];
  try {
    // `npm run package`: the .vsix a user installs (source-check.vsix, ignored by git).
    let vsix = process.env.SOURCE_CHECK_VSIX;
    if (!vsix) {
      vsix = join(ROOT, "source-check.vsix");
      const out = execFileSync(process.execPath, [join(ROOT, "scripts/package.mjs")], {
        cwd: ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      });
      console.log(out.trim().split("\n").pop());
    }
    console.log(await installVsix(s, vsix));
    server = await startCodeServer(s);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    const shot = (name) => page.screenshot({ path: join(SHOTS, name), animations: "disabled" });
    const editor = page.locator(".editor-instance .monaco-editor").first();
    // The pointer rests on the editor's empty space below the text, where it shows nothing.
    const park = () => page.mouse.move(900, 730);

    const steps = [
      [
        "opens the workbench with the draft's folder",
        async () => {
          await page.goto(`${server.base}/?folder=${encodeURIComponent(s.workspace)}`);
          await page.locator(".monaco-workbench").waitFor({ timeout: WAIT });
          // The explorer lists the folder's drafts once the workbench has restored.
          await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "draft.md" }).first().waitFor({ timeout: WAIT });
        },
      ],
      [
        "opens draft.md and shows squiggles under the findings (01-squiggles.png)",
        async () => {
          await page
            .locator(".monaco-workbench")
            .click({ position: { x: 640, y: 400 } })
            .catch(() => {});
          await page.keyboard.press("Control+P");
          const input = page.locator(".quick-input-widget input");
          await input.waitFor({ timeout: WAIT });
          await input.fill("draft.md");
          await page.locator(".quick-input-list .monaco-list-row", { hasText: "draft.md" }).first().waitFor({ timeout: WAIT });
          await page.keyboard.press("Enter");
          await page.locator(".tab.active", { hasText: "draft.md" }).waitFor({ timeout: WAIT });
          await editor.locator(".squiggly-error").first().waitFor({ timeout: WAIT });
          await editor.locator(".squiggly-warning").first().waitFor({ timeout: WAIT });
          await page.locator(".statusbar-item", { hasText: "Source Check" }).first().waitFor({ timeout: WAIT });
          const status = await page.locator(".statusbar-item", { hasText: "Source Check" }).first().innerText();
          expect(/3\D+2\D+0\D*Source Check/.test(status.replace(/\s+/g, " ")), `status bar says 3 errors, 2 warnings, 0 info: “${status}”`);
          await park();
          await shot("01-squiggles.png");
        },
      ],
      [
        "lists the five findings in the Problems panel (02-problems.png)",
        async () => {
          await page.keyboard.press("Control+Shift+M");
          const rows = page.locator(".markers-panel .monaco-list-row");
          await rows.filter({ hasText: "CTV News Toronto says Dec. 1, not Dec. 15." }).first().waitFor({ timeout: WAIT });
          const badge = await page.locator(".markers-panel .monaco-list-row", { hasText: "draft.md" }).first().innerText();
          expect(/\b5\b/.test(badge), `the draft's row counts 5 problems: “${badge}”`);
          await shot("02-problems.png");
          // The list is virtual (each finding's evidence has rows too): scroll to each one.
          const panel = await page.locator(".markers-panel").boundingBox();
          for (const text of [
            "is backed by CTV News Toronto but not attributed",
            "Differs from Naija Times: dropped “and”.",
            "No source has the id “toronto-star”.",
            "No source states “14 complaints”.",
          ]) {
            const row = rows.filter({ hasText: text }).first();
            for (let i = 0; i < 40 && !(await row.isVisible()); i++) {
              await page.mouse.move(panel.x + panel.width / 2, panel.y + panel.height / 2);
              await page.mouse.wheel(0, 60);
              await page.waitForTimeout(50);
            }
            await row.waitFor({ timeout: WAIT });
          }
          await page.keyboard.press("Control+Shift+M"); // hide it again: the editor gets the room back
          await page
            .locator(".markers-panel")
            .waitFor({ state: "hidden", timeout: WAIT })
            .catch(() => {});
        },
      ],
      [
        "hovering the mismatched date shows CTV News Toronto's sentence (03-hover.png)",
        async () => {
          const box = await topmost(editor.locator(".squiggly-error"));
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
          // Our card (the hover provider's answer) comes after the diagnostic's line: wait for its passage.
          const hover = page.locator(".monaco-hover", { hasText: "come into effect" });
          await hover.first().waitFor({ timeout: WAIT });
          const text = await hover.first().innerText();
          expect(/CTV News Toronto/.test(text) && /Dec\. 1/.test(text), `the hover shows the source: ${text}`);
          // The diagnostic's part of the hover is its one line: the source's sentence is shown once, in our card.
          const sentence = (text.match(/come into effect/g) ?? []).length;
          expect(sentence === 1, `the source's sentence is shown ${sentence} times in the hover: ${text}`);
          await shot("03-hover.png");
        },
      ],
      [
        "the lightbulb on “Three” offers “Cite CTV News Toronto (footnote)” (04-lightbulb.png)",
        async () => {
          await park();
          await page.keyboard.press("Escape");
          const box = await topmost(editor.locator(".squiggly-warning"));
          await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
          await park();
          const bulb = editor.locator(".lightBulbWidget").first();
          await bulb.waitFor({ timeout: WAIT });
          await bulb.click();
          await page.locator(".action-widget", { hasText: "Cite CTV News Toronto (footnote)" }).waitFor({ timeout: WAIT });
          await shot("04-lightbulb.png");
        },
      ],
      [
        "applying it cites the source with a footnote and the warning goes (05-cited.png)",
        async () => {
          // Keyboard, as in the menu itself (a pointer block covers it from synthetic clicks):
          // move the focus to the fix, then Enter.
          const cite = page.locator(".action-widget .monaco-list-row.focused[aria-label='Cite CTV News Toronto (footnote)']");
          for (let i = 0; i < 5 && !(await cite.isVisible()); i++) await page.keyboard.press("ArrowDown");
          await cite.waitFor({ timeout: WAIT });
          await page.keyboard.press("Enter");
          await page.locator(".action-widget").waitFor({ state: "hidden", timeout: WAIT });
          await editor.locator(".view-line", { hasText: "according to the group.[^ctv-news]" }).first().waitFor({ timeout: WAIT });
          // The status bar drops to one warning (the unsupported 14) and the squiggle under “Three” goes.
          await page
            .locator(".statusbar-item", { hasText: "Source Check" })
            .filter({ hasText: /3\D+1\D+0\D*Source Check/ })
            .first()
            .waitFor({ timeout: WAIT });
          await park();
          await shot("05-cited.png");
          await page.keyboard.press("Control+End");
          await editor
            .locator(".view-line", { hasText: "[^ctv-news]: CTV News Toronto, *RCMP investigating reports" })
            .first()
            .waitFor({ timeout: WAIT });
        },
      ],
      [
        "the status bar counts the draft's findings by severity, info included (06-status-bar.png)",
        async () => {
          const item = page.locator(".statusbar-item", { hasText: "Source Check" }).first();
          const box = await item.boundingBox();
          const text = (await item.innerText()).replace(/\s+/g, " ");
          expect(/3\D+1\D+0\D*Source Check/.test(text), `errors, warnings and info: “${text}”`);
          const bar = await page.locator(".part.statusbar").boundingBox();
          await page.screenshot({
            path: join(SHOTS, "06-status-bar.png"),
            clip: { x: Math.max(0, box.x - 420), y: bar.y - 4, width: Math.min(bar.width, box.width + 460), height: bar.height + 8 },
          });
        },
      ],
      [
        "the command palette lists the Source Check commands (07-palette.png)",
        async () => {
          await page.keyboard.press("Control+Shift+P");
          const input = page.locator(".quick-input-widget input");
          await input.waitFor({ timeout: WAIT });
          await input.fill(">Source Check: ");
          for (const title of [
            "Check All Drafts in the Workspace",
            "Show Claims",
            "Export Fact-Check Sheet",
            "Cite All Unattributed",
            "Restart Server",
            "Show Output",
          ]) {
            await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor({ timeout: WAIT });
          }
          await shot("07-palette.png");
          await page.keyboard.press("Escape");
        },
      ],
      [
        "Show Claims opens the Claims view, the claims grouped by verdict (08-claims.png)",
        async () => {
          await page.keyboard.press("Control+Home");
          await page.keyboard.press("Control+Shift+P");
          const input = page.locator(".quick-input-widget input");
          await input.waitFor({ timeout: WAIT });
          await input.fill(">Source Check: Show Claims");
          await page.locator(".quick-input-list .monaco-list-row", { hasText: "Show Claims" }).first().waitFor({ timeout: WAIT });
          await page.keyboard.press("Enter");
          // Fold the file list: the Claims view gets the sidebar's height.
          await page.locator(".pane-header", { hasText: "workspace" }).first().click();
          const view = page.locator(".pane", { hasText: "Source Check Claims" });
          for (const group of ["Backed and cited", "Contradicted", "Unsupported"])
            await view.locator(".monaco-list-row", { hasText: group }).first().waitFor({ timeout: WAIT });
          await view.locator(".monaco-list-row", { hasText: "Dec. 15" }).first().waitFor({ timeout: WAIT });
          // Open one claim: its source and the source's sentence.
          await view.locator(".monaco-list-row", { hasText: "Dec. 15" }).first().locator(".monaco-tl-twistie").click();
          // A wider sidebar, as a fact-checker would drag it, so the verdicts read whole.
          const sidebar = await page.locator(".part.sidebar").boundingBox();
          await page.mouse.move(sidebar.x + sidebar.width + 1, sidebar.y + 300);
          await page.mouse.down();
          await page.mouse.move(sidebar.x + sidebar.width + 300, sidebar.y + 300, { steps: 5 });
          await page.mouse.up();
          await view
            .locator(".monaco-list-row", { hasText: "The new law is set to set to come into effect on Dec. 1." })
            .first()
            .waitFor({ timeout: WAIT });
          await park();
          await shot("08-claims.png");
        },
      ],
    ];

    let failed = false;
    for (const [title, step] of steps) {
      if (failed) {
        results.push({ title, outcome: "skipped" });
        console.log(`  - ${title} (skipped)`);
        continue;
      }
      const t0 = Date.now();
      try {
        await step();
        results.push({ title, outcome: "passed" });
        console.log(`  ✔ ${title} (${Date.now() - t0} ms)`);
      } catch (e) {
        failed = true;
        results.push({ title, outcome: "failed" });
        console.log(
          `  ✖ ${title}\n      ${String(e?.message ?? e)
            .split("\n")
            .join("\n      ")}`,
        );
        await shot("failure.png").catch(() => {});
      }
    }
  } catch (e) {
    console.error(e?.stack ?? String(e));
    results.push({ title: "setup", outcome: "failed" });
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (process.env.SOURCE_CHECK_E2E_KEEP) console.log(`kept ${s.dir}`);
    else removeScratch(s);
  }
  const count = (o) => results.filter((r) => r.outcome === o).length;
  console.log(`screenshots in ${SHOTS}`);
  const skipped = count("skipped");
  console.log(`${count("passed")} passed, ${count("failed")} failed${skipped ? `, ${skipped} skipped` : ""}`);
  return count("failed") === 0 && count("passed") > 0 ? 0 : 1;
}

function expect(ok, what) {
  if (!ok) throw new Error(`expected: ${what}`);
}

/** The bounding box of the highest of the matching elements on screen (the first line's squiggle). */
async function topmost(locator) {
  const boxes = (await Promise.all((await locator.all()).map((l) => l.boundingBox()))).filter((b) => b && b.width > 0);
  if (boxes.length === 0) throw new Error("no squiggle on screen");
  return boxes.sort((a, b) => a.y - b.y || a.x - b.x)[0];
}

process.exitCode = await main();
