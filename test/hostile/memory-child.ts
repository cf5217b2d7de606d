// The memory test's child process (run with --expose-gc by memory.test.ts): a 100 KB
// draft edited N times as a writer would (a word typed, two paragraphs merged, one
// split), every version checked, and the heap after a full collection printed every
// `every` versions as one JSON line: {"version": v, "heapMb": …}.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { check } from "../../server/src/index.js";
import { loadCorpus } from "../../server/src/node/sources.js";

const versions = Number(process.argv[2] ?? 1500);
const every = Number(process.argv[3] ?? 250);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

const { corpus } = loadCorpus();
const dir = join(process.cwd(), "server/sources");
const paragraphs = readdirSync(dir)
  .filter((f) => f.endsWith(".md"))
  .flatMap((f) =>
    readFileSync(join(dir, f), "utf8")
      .replace(/^---[\s\S]*?\n---\n/, "")
      .split(/\n\s*\n/),
  )
  .map((p) => p.trim())
  .filter((p) => p.length > 40 && !p.startsWith("#"));
// A 100 KB draft from the bundled articles' paragraphs, each copy made new by a word,
// most of them without digits or quote marks (a few hundred claims, not thousands, so
// that each version's check is quick and the test's time goes to many versions).
const parts: string[] = [];
for (let n = 0, size = 0; size < 100_000; n++) {
  const p = paragraphs[n % paragraphs.length];
  const text = `${n % 40 === 0 ? p : p.replace(/[0-9“”"‘’]+/g, "")} Copy ${n}.`;
  parts.push(text);
  size += text.length + 2;
}
let text = parts.join("\n\n") + "\n";

const heapMb = (): number => {
  gc();
  return Math.round((process.memoryUsage().heapUsed / 1_048_576) * 10) / 10;
};
const breaks = (): number[] => {
  const out: number[] = [];
  for (let i = text.indexOf("\n\n"); i >= 0; i = text.indexOf("\n\n", i + 2)) out.push(i);
  return out;
};

check(text, corpus);
process.stdout.write(JSON.stringify({ version: 0, heapMb: heapMb(), length: text.length }) + "\n");
for (let v = 1; v <= versions; v++) {
  const at = breaks();
  if (v % 3 === 0) {
    // Two paragraphs merged: the blank line between them deleted.
    const b = at[(v * 7919) % at.length];
    text = `${text.slice(0, b)} ${text.slice(b + 2)}`;
  } else if (v % 3 === 1) {
    // A word typed at the end of a paragraph.
    const b = at[(v * 104729) % at.length];
    text = `${text.slice(0, b)} w${v}${text.slice(b)}`;
  } else {
    // A paragraph split after a sentence.
    const stop = text.indexOf(". ", (v * 65537) % text.length);
    if (stop > 0) text = `${text.slice(0, stop + 1)}\n\n${text.slice(stop + 2)}`;
  }
  check(text, corpus);
  if (v % every === 0) process.stdout.write(JSON.stringify({ version: v, heapMb: heapMb(), length: text.length }) + "\n");
}
