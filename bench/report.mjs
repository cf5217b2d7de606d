// The benchmark's results as a Markdown table (printed, and written to
// bench/results/latest.md) and a hand-written SVG bar chart of check() against the
// parse floor per draft size (bench/results/latest.svg). The layout is fixed: only
// the figures change from run to run, so the committed files diff cleanly.

import { cpus } from "node:os";
import { fmt, ratio } from "./measure.mjs";

const n = (x) => (x === undefined ? "–" : x.toLocaleString("en-US"));
const mbs = (x) => (x === undefined ? "–" : x.toFixed(x >= 100 ? 0 : 1));
const perSecond = (files, ms) => (ms > 0 ? `${Math.round((files * 1000) / ms).toLocaleString("en-US")} files/s` : "–");

export function markdownReport({ machine, sizes, corpus, lsp, cli, totalMs }) {
  const out = [];
  out.push("# Source Check benchmark", "");
  out.push(
    `Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.platform}; load average ${machine.load.toFixed(1)} at the start (other work on the machine skews the figures). ` +
      "Inputs are generated from the bundled articles with a seeded PRNG (bench/generate.mjs); every figure is a median of N runs after warm-up. " +
      `Run with \`npm run build && npm run bench\`; this run took ${(totalMs / 1000).toFixed(0)} s.`,
    "",
  );

  if (sizes.length) sectionSizes(out, sizes);
  if (corpus.length) sectionCorpus(out, corpus);
  sectionLsp(out, lsp);
  sectionCli(out, cli);
  return out.join("\n");
}

function sectionSizes(out, sizes) {
  out.push("## 1. check() against the parse floor, per draft size", "");
  out.push(
    "Floor: a bare `unified().use(remarkParse).parse(text)`, which any Markdown checker pays, on the same drafts. " +
      "**Never seen**: each run checks a draft generated with a seed no other run used, with every cache of the pipeline emptied first (`forgetAll`): a first check of a new draft in a warm process. " +
      "**Cached**: the same draft checked again. **Edit**: a one-word edit mid-draft, each run a different word, the rest cached (as in an editor). " +
      "Repetitive drafts recombine the two bundled articles, checked against them; varied drafts draw on every story in the repository, checked against all of its sources. " +
      "Each figure is a median, with its min–max.",
    "",
  );
  out.push(
    "| Draft | Words | Runs | Floor (ms) | Never seen (ms) | never seen / floor | Cached (ms) | cached / floor | Edit (ms) | edit / floor | Claims | Findings |",
  );
  out.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  const spread = (m) => `${fmt(m.ms)} (${fmt(m.min)}–${fmt(m.max)})`;
  for (const s of sizes) {
    out.push(
      `| ${s.name} | ${n(s.words)} | ${s.runs} | ${spread(s.floor)} | ${spread(s.fresh)} | ${ratio(s.fresh.ms, s.floor.ms)} | ${spread(s.cached)} | ${ratio(s.cached.ms, s.floor.ms)} | ` +
        `${spread(s.edited)} | ${ratio(s.edited.ms, s.floor.ms)} | ${n(s.claims)} | ${n(s.findings)} |`,
    );
  }
  out.push("");
}

function sectionCorpus(out, corpus) {
  out.push("## 2. Corpus size", "");
  out.push(
    "Extra sources are perturbed copies of the bundled articles (other ids, publishers, numbers and names), read with readSourceFile and indexed with `Corpus.of`, each size in a child process (`node --expose-gc bench/corpus-child.mjs N`). " +
      "Heap: retained after GC once the corpus is built; peak RSS: the child's growth from before indexing to its last stage. check() is on the 10,000-word draft: a first check (which also builds the corpus's lazy indexes), then never-seen checks (another seed, every cache emptied) and checks after a one-word edit, as in section 1, while a time budget lasts; a child still checking at its deadline is stopped. check / floor uses the never-seen checks, else the first check.",
    "",
  );
  out.push(
    "| Sources | Text (MB) | Index build (ms) | per source (ms) | Heap retained (MB) | Peak RSS Δ (MB) | First check (ms) | never-seen check() (ms) | after an edit (ms) | Floor (ms) | check / floor | edit / floor |",
  );
  out.push("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const c of corpus) {
    if (c.skipped) {
      out.push(`| ${n(c.extra + 2)} | skipped: ${c.skipped} | | | | | | | | | | |`);
      continue;
    }
    // A stopped child was busy with the stage after the last it reported.
    const stoppedIn = c.stoppedAfterMs === undefined ? undefined : { indexed: "first", checked: "fresh", fresh: "edit" }[c.stage];
    const cell = (ms, runs, stage) =>
      ms !== undefined ? `${fmt(ms)}${runs ? ` (${runs} runs)` : ""}` : stoppedIn === stage ? `> ${fmt(c.stoppedAfterMs)} (stopped)` : "–";
    const fresh = c.checkMs ?? c.firstCheckMs;
    out.push(
      `| ${n(c.sources)} | ${mbs(c.sourceBytes / 1048576)} | ${fmt(c.indexMs)} | ${fmt(c.indexMs / c.sources)} | ${mbs(c.heapRetainedMB)} | ${mbs(c.peakRssDeltaMB)} | ` +
        `${cell(c.firstCheckMs, 0, "first")} | ${cell(c.checkMs, c.checkRuns, "fresh")} | ${cell(c.editMs, c.editRuns, "edit")} | ${fmt(c.floorMs)} | ` +
        `${fresh !== undefined ? ratio(fresh, c.floorMs) : stoppedIn === "first" ? `> ${ratio(c.stoppedAfterMs, c.floorMs)}` : "–"} | ${ratio(c.editMs, c.floorMs)} |`,
    );
  }
  out.push("");
}

function sectionLsp(out, lsp) {
  out.push("## 3. Language server", "");
  if (lsp.skipped) {
    out.push(`skipped: ${lsp.skipped}`, "");
  } else {
    out.push(
      `\`bin/source-check-server.js --stdio\`, a 10,000-word draft, initializationOptions \`{ debounceMs: ${lsp.debounceMs} }\`; edits type one sentence at the end of a paragraph mid-draft; ` +
        `diagnostics matched to their document version${lsp.versioned ? "" : " (the server sent no version: first publish after the edit)"}.`,
      "",
    );
    out.push("| Measure | ms | beyond the debounce (ms) | / floor |");
    out.push("| --- | ---: | ---: | ---: |");
    const floorMs = lsp.floor?.ms;
    const past = (ms) => (floorMs ? ratio(ms - lsp.debounceMs, floorMs) : "");
    if (lsp.floor)
      out.push(
        `| floor: a bare remark-parse of the same draft, in the bench's process (median, min–max) | ${fmt(lsp.floor.ms)} (${fmt(lsp.floor.min)}–${fmt(lsp.floor.max)}) | | 1× |`,
      );
    if (lsp.edit)
      out.push(
        `| check() after a one-word edit of it, the rest cached, in the bench's process | ${fmt(lsp.edit.ms)} (${fmt(lsp.edit.min)}–${fmt(lsp.edit.max)}) | | ${ratio(lsp.edit.ms, floorMs)} |`,
      );
    out.push(`| initialize (spawn to answer) | ${fmt(lsp.initializeMs)} | | |`);
    out.push(`| didOpen → diagnostics | ${fmt(lsp.openMs)} | | |`);
    out.push(
      `| one-character didChange → its diagnostics (median of ${lsp.singleRuns}; min ${fmt(lsp.singleMin)}) | ${fmt(lsp.singleMs)} | ${fmt(lsp.singleMs - lsp.debounceMs)} | ${past(lsp.singleMs)} |`,
    );
    out.push(
      `| ${lsp.keystrokes} keystrokes ${lsp.intervalMs} ms apart (${fmt(lsp.burstMs)} ms): last keystroke → diagnostics for the last version | ${fmt(lsp.afterLastMs)} | ${fmt(lsp.afterLastMs - lsp.debounceMs)} | ${past(lsp.afterLastMs)} |`,
    );
    out.push(`| diagnostics published during the burst | ${lsp.publishesDuringBurst} | | |`);
    if (lsp.checksForBurst !== undefined)
      out.push(
        `| checks the server ran: for the ${lsp.singleRuns} single edits / for the burst of ${lsp.keystrokes} | ${lsp.checksForEdits} / ${lsp.checksForBurst} | | |`,
      );
    if (lsp.checkMsPerEdit !== undefined)
      out.push(
        `| the server's check() per single edit (its own clock), and what is left of edit → diagnostics past the debounce: the protocol, the document sync, the mapping | ${fmt(lsp.checkMsPerEdit)} / ${fmt(lsp.singleMs - lsp.debounceMs - lsp.checkMsPerEdit)} | | ${ratio(lsp.checkMsPerEdit, floorMs)} |`,
      );
    if (lsp.serverEditToPushMs !== undefined)
      out.push(
        `| the same edit → push on the server's clock (the change's arrival to the push; mean of the single edits) | ${fmt(lsp.serverEditToPushMs)} | ${fmt(lsp.serverEditToPushMs - lsp.debounceMs)} | ${past(lsp.serverEditToPushMs)} |`,
      );
    out.push(`| the draft's publish: ${n(lsp.diagnostics)} diagnostics, bytes of JSON | ${n(lsp.publishBytes)} | | |`);
    if (lsp.example)
      out.push(`| examples/draft.md's publish: ${n(lsp.example.count)} diagnostics, bytes of JSON | ${n(lsp.example.bytes)} | | |`);
    out.push("");
    out.push(
      "“/ floor” is the time past the debounce over the parse floor: what the server adds to the wait the writer asked for, in parses of the draft.",
    );
    out.push("");
  }
}

function sectionCli(out, cli) {
  out.push("## 4. CLI", "");
  if (cli.skipped) {
    out.push(`skipped: ${cli.skipped}`, "");
  } else {
    out.push(
      "Wall time of `node <bin> …` as a child process, output discarded; CPU is the child's user + system time (Linux only), which a busy machine does not inflate.",
      "",
    );
    out.push(`| Measure | source-check | ${cli.lint ?? "markdownlint-cli2 (not found)"} | ratio |`);
    out.push("| --- | ---: | ---: | ---: |");
    out.push(
      `| cold start, one ${cli.smallWords}-word draft (median of ${cli.runs}): wall ms | ${fmt(cli.coldMs)} | ${fmt(cli.lintColdMs)} | ${ratio(cli.coldMs, cli.lintColdMs)} |`,
    );
    out.push(`| the same: CPU ms | ${fmt(cli.coldCpuMs)} | ${fmt(cli.lintColdCpuMs)} | ${ratio(cli.coldCpuMs, cli.lintColdCpuMs)} |`);
    out.push(
      `| ${n(cli.manyFiles)} drafts of ${cli.smallWords} words in one run: wall ms | ${fmt(cli.manyMs)} | ${fmt(cli.lintManyMs)} | ${ratio(cli.manyMs, cli.lintManyMs)} |`,
    );
    out.push(`| the same: CPU ms | ${fmt(cli.manyCpuMs)} | ${fmt(cli.lintManyCpuMs)} | ${ratio(cli.manyCpuMs, cli.lintManyCpuMs)} |`);
    out.push(`| throughput (wall) | ${perSecond(cli.manyFiles, cli.manyMs)} | ${perSecond(cli.manyFiles, cli.lintManyMs)} | |`);
    out.push(
      `| throughput (CPU: files per second of one core, start-up included) | ${perSecond(cli.manyFiles, cli.manyCpuMs)} | ${perSecond(cli.manyFiles, cli.lintManyCpuMs)} | |`,
    );
    out.push("");
    if (cli.manyLoad !== undefined)
      out.push(`Load average when the ${n(cli.manyFiles)}-draft run started: ${cli.manyLoad.toFixed(1)} on ${cpus().length} cores.`, "");
  }
}

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Horizontal bars on a fixed log scale (0.1 ms to 10 s): floor, a never-seen check() and one after an edit, per draft size. */
export function svgChart(sizes) {
  const width = 720;
  const left = 190;
  const right = 100;
  const top = 56;
  const group = 76;
  const bar = 18;
  const plot = width - left - right;
  const height = top + sizes.length * group + 44;
  const lo = -1;
  const hi = 4;
  const x = (ms) => left + ((Math.min(hi, Math.max(lo, Math.log10(Math.max(ms, 1e-3)))) - lo) / (hi - lo)) * plot;
  const out = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="20" y="22" font-size="15" font-weight="600">check() against the parse floor, per draft size</text>`);
  out.push(
    `<text x="20" y="40" fill="#555">median ms, log scale · <tspan fill="#9aa0a6">■</tspan> remark-parse floor · <tspan fill="#1f6feb">■</tspan> check() never seen · <tspan fill="#8ab4f8">■</tspan> check() after an edit</text>`,
  );
  out.push(`<text x="${width - 10}" y="${top - 10}" text-anchor="end" fill="#555">check / floor</text>`);
  for (let e = lo; e <= hi; e++) {
    const gx = x(10 ** e).toFixed(1);
    out.push(`<line x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${height - 36}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${gx}" y="${height - 20}" text-anchor="middle" fill="#555">${e < 0 ? "0.1" : n(10 ** e)} ms</text>`);
  }
  sizes.forEach((s, i) => {
    const y = top + i * group;
    out.push(`<text x="${left - 10}" y="${y + bar + 8}" text-anchor="end">${esc(s.name)}</text>`);
    out.push(`<text x="${left - 10}" y="${y + bar + 22}" text-anchor="end" fill="#555">${n(s.words)} words</text>`);
    for (const [k, ms, fill] of [
      [0, s.floor.ms, "#9aa0a6"],
      [1, s.fresh.ms, "#1f6feb"],
      [2, s.edited.ms, "#8ab4f8"],
    ]) {
      const by = y + k * (bar + 4);
      const w = Math.max(1, x(ms) - left);
      out.push(`<rect x="${left}" y="${by}" width="${w.toFixed(1)}" height="${bar}" fill="${fill}"/>`);
      out.push(`<text x="${(left + w + 4).toFixed(1)}" y="${by + 13}" fill="#222">${fmt(ms)} ms</text>`);
    }
    out.push(`<text x="${width - 10}" y="${y + bar + 17}" text-anchor="end" font-weight="600">${ratio(s.fresh.ms, s.floor.ms)}</text>`);
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}
