// Renders the extension's icon, docs/icon.svg, to the 128×128 PNG the Marketplace wants
// (docs/icon.png), with Debian's Chromium through playwright-core:
//   node scripts/render-icon.mjs
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const svg = readFileSync(join(root, "docs/icon.svg"), "utf8");
const browser = await chromium.launch({
  executablePath: process.env.SOURCE_CHECK_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
  await page.locator("svg").screenshot({ path: join(root, "docs/icon.png"), omitBackground: true });
} finally {
  await browser.close();
}
