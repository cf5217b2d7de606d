// Every quick fix the checker offers on every public draft and fixture case, applied:
// it removes its finding, adds no error, and leaves every byte outside its edits as
// it was. The editor's code actions are these fixes, so this is what a writer gets
// from the lightbulb.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { check, type Finding, type Fix } from "../../server/src/index.js";
import { loadCorpus } from "../../server/src/node/sources.js";

const { corpus } = loadCorpus();
const drafts: { name: string; text: string }[] = [];
const evalDir = resolve(process.cwd(), "test/eval/public/drafts");
for (const f of readdirSync(evalDir)) drafts.push({ name: `eval/${f}`, text: readFileSync(join(evalDir, f), "utf8") });
const casesDir = resolve(process.cwd(), "test/cases");
for (const c of readdirSync(casesDir)) {
  const p = join(casesDir, c, "draft.md");
  if (existsSync(p)) drafts.push({ name: `cases/${c}`, text: readFileSync(p, "utf8") });
}
drafts.push({ name: "example", text: readFileSync(resolve(process.cwd(), "examples/draft.md"), "utf8") });

function apply(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.span.start - a.span.start);
  for (let i = 1; i < edits.length; i++) assert.ok(edits[i].span.end <= edits[i - 1].span.start, `${fix.title}: edits overlap`);
  let out = text;
  for (const e of edits) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** The text with every edited range cut out, to compare what a fix must not touch. */
function untouched(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.span.start) + "\u0000" + out.slice(e.span.end);
  return out;
}

function key(f: Finding, text: string): string {
  return `${f.code}:${f.claim.text}:${text.slice(0, f.span.start).split("\n").length}`;
}

describe("every quick fix, applied", () => {
  for (const draft of drafts) {
    const before = check(draft.text, corpus);
    for (const finding of before.findings) {
      for (const fix of finding.fixes) {
        it(`${draft.name}: “${fix.title}” on ${finding.code} “${finding.claim.text.slice(0, 40)}”`, () => {
          const fixed = apply(draft.text, fix);
          const after = check(fixed, corpus);
          // Every byte outside the edits is the same, in the same order.
          const kept = untouched(draft.text, fix).split("\u0000");
          let at = 0;
          for (const piece of kept) {
            const found = fixed.indexOf(piece, at);
            assert.ok(found >= at, `text outside the edits changed near “${piece.slice(0, 30)}”`);
            at = found + piece.length;
          }
          // The finding is gone: no finding of its code is left on the fixed claim.
          const same = after.findings.filter((f) => f.code === finding.code && f.claim.text === finding.claim.text);
          const beforeSame = before.findings.filter((f) => f.code === finding.code && f.claim.text === finding.claim.text);
          assert.ok(same.length < beforeSame.length, `the ${finding.code} finding is still there after “${fix.title}”`);
          // No new error.
          const oldErrors = new Set(before.findings.filter((f) => f.severity === "error").map((f) => `${f.code}:${f.claim.text}`));
          const newErrors = after.findings.filter((f) => f.severity === "error" && !oldErrors.has(`${f.code}:${f.claim.text}`));
          assert.deepEqual(
            newErrors.map((f) => key(f, fixed)),
            [],
            `“${fix.title}” added errors`,
          );
        });
      }
    }
  }
});
