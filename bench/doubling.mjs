// `npm run bench -- --doubling` (or `node bench/run.mjs --doubling`), after `npm run build`:
// does each stage's time grow linearly with its input? Each series doubles one input
// four times and prints the time of each size (wall and CPU) and the ratio of its CPU
// time to the size before's: a linear stage shows about 2.0 per doubling, n log n a
// little more, a quadratic one 4.
// Figures and ratios only, never asserted (the machine is shared).
//
//   source:      indexing one source of 1, 2, 4, 8, 16 MB (Corpus.of, as the CLI and server do),
//                then one small check against it (the corpus's look-ups are built on first use)
//   lines:       a draft of 10k to 160k figures, one per line, all in one paragraph
//   paragraphs:  a draft of 10k to 160k figures, one per paragraph
//   prose:       a generated news draft of 10k to 160k words (sentences, quotes, citations)
//   long line:   one line of "5 " repeated, 6,250 to 100,000 characters (the line limit)
//
// Each size runs in a child process of its own (fresh caches, a fresh heap), stopped
// at a deadline (DOUBLING_DEADLINE_MS, default 120 s): a stopped size ends its series.
// `--series source,lines` runs only those series.

import { spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");

/** Each series: its sizes, how a size is labelled, and what it measures. */
const SERIES = {
  source: { sizes: [1, 2, 4, 8, 16], label: (n) => `${n} MB` },
  lines: { sizes: [10, 20, 40, 80, 160], label: (n) => `${n}k figures` },
  paragraphs: { sizes: [10, 20, 40, 80, 160], label: (n) => `${n}k figures` },
  prose: { sizes: [10, 20, 40, 80, 160], label: (n) => `${n}k words` },
  "long line": { sizes: [6_250, 12_500, 25_000, 50_000, 100_000], label: (n) => `${n.toLocaleString("en")} chars` },
};

// ---- the child: build one input, time one run, print {ms, bytes, claims} ----

async function child(series, size) {
  const { check, Corpus, forgetAll, readSourceFile } = await import("../out/server/src/index.js");
  const { loadCorpus } = await import("../out/server/src/node/sources.js");
  const { generateDraft } = await import("./generate.mjs");
  const time = (fn) => {
    const t = process.hrtime.bigint();
    const out = fn();
    return { out, ms: Number(process.hrtime.bigint() - t) / 1e6 };
  };
  // The checker loads its English model on first use: pay that before timing.
  const { corpus } = loadCorpus();
  check("The RCMP said 54 stations opened in 2022.", corpus);
  // A draft series warms the JIT up on a draft of its kind an eighth of the size, so the
  // smallest size is not measured cold (caches are emptied after: the timed check is new).
  const warm = (series, size) => {
    const small = Math.max(1, Math.round(size / 8));
    const things = ["stations", "countries", "officers", "people"];
    const text =
      series === "prose"
        ? generateDraft(small * 1_000, 11 + size, { varied: true })
        : series === "long line"
          ? "5 ".repeat(small / 2)
          : Array.from({ length: small * 1_000 }, (_, i) => `${i + 7} ${things[i % 4]}`).join(series === "lines" ? "\n" : "\n\n");
    check(text, corpus);
    forgetAll();
  };

  let text;
  let run;
  if (series === "source") {
    const body = [];
    let length = 0;
    for (let seed = 1; length < size * 1_048_576; seed++) {
      const part = generateDraft(5_000, 90_000 + seed, { varied: true });
      body.push(part);
      length += part.length + 2;
    }
    text = ["---", "id: big-source", "title: A long source", "publisher: The Long Gazette", "date: 2024-01", "---", "", body.join("\n\n")]
      .join("\n")
      .slice(0, size * 1_048_576);
    const source = readSourceFile("big-source.md", text);
    if (!("id" in source)) throw new Error(source.message);
    // The corpus builds its look-ups on first use: a small check pays for them.
    run = () => check("The Long Gazette said 54 stations opened in 2022.", Corpus.of([source])).claims.length;
  } else if (series === "lines" || series === "paragraphs") {
    const n = size * 1_000;
    warm(series, size);
    const things = ["stations", "countries", "officers", "people", "cases", "homes", "jobs", "schools"];
    const lines = Array.from({ length: n }, (_, i) => `${(i % 997) + 2} ${things[i % things.length]}`);
    text = lines.join(series === "lines" ? "\n" : "\n\n") + "\n";
    run = () => check(text, corpus).claims.length;
  } else if (series === "prose") {
    warm(series, size);
    text = generateDraft(size * 1_000, 77_000 + size, { varied: true });
    run = () => check(text, corpus).claims.length;
  } else if (series === "long line") {
    warm(series, size);
    text = "5 ".repeat(size / 2) + "\n";
    run = () => check(text, corpus).claims.length;
  } else throw new Error(`no series ${series}`);
  const cpu0 = process.cpuUsage();
  const { out, ms } = time(run);
  const cpu = process.cpuUsage(cpu0);
  const heapMb = process.memoryUsage().heapUsed / 1_048_576;
  process.stdout.write(
    JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, heapMb, bytes: Buffer.byteLength(text), count: out }) + "\n",
  );
}

// ---- the parent ----

function runChild(series, size, deadlineMs) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ["--max-old-space-size=6144", fileURLToPath(import.meta.url), "--child", series, String(size)], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr = (stderr + d).slice(-2000)));
    let stopped = false;
    const timer = setTimeout(() => {
      stopped = true;
      p.kill("SIGKILL");
    }, deadlineMs);
    p.on("close", (code) => {
      clearTimeout(timer);
      if (stopped) return resolve({ stopped: true });
      try {
        resolve(JSON.parse(stdout.trim().split("\n").pop()));
      } catch {
        resolve({ failed: `exit ${code}: ${stderr.trim().split("\n").pop() ?? ""}` });
      }
    });
  });
}

export async function doubling(argv = process.argv.slice(2)) {
  const at = argv.indexOf("--series");
  const wanted = at >= 0 ? argv[at + 1].split(",") : Object.keys(SERIES);
  const deadlineMs = Number(process.env.DOUBLING_DEADLINE_MS ?? 120_000);
  const out = (s) => process.stdout.write(s + "\n");
  out(`Doubling benchmark: ${cpus()[0]?.model.trim()} ×${cpus().length}, Node ${process.version}, load ${loadavg()[0].toFixed(2)}`);
  out("A linear stage doubles its time when its input doubles (ratio ≈ 2); a quadratic one quadruples it.");
  const worst = {};
  for (const name of wanted) {
    const series = SERIES[name];
    if (!series) throw new Error(`no series "${name}": ${Object.keys(SERIES).join(", ")}`);
    out("");
    out(
      `${name}`.padEnd(12) +
        "size".padStart(16) +
        "bytes".padStart(12) +
        "count".padStart(9) +
        "wall ms".padStart(10) +
        "cpu ms".padStart(10) +
        "heap MB".padStart(9) +
        "ratio".padStart(8),
    );
    let before;
    for (const size of series.sizes) {
      const r = await runChild(name, size, deadlineMs);
      if (r.stopped || r.failed) {
        out("".padEnd(12) + series.label(size).padStart(16) + `  ${r.stopped ? `stopped after ${deadlineMs / 1000} s` : r.failed}`);
        worst[name] = Infinity;
        break;
      }
      // The ratio of CPU time: what the process spent, which other processes on a shared machine change less than wall time.
      const ratio = before ? r.cpuMs / before.cpuMs : undefined;
      if (ratio !== undefined) worst[name] = Math.max(worst[name] ?? 0, ratio);
      out(
        "".padEnd(12) +
          series.label(size).padStart(16) +
          String(r.bytes).padStart(12) +
          String(r.count).padStart(9) +
          r.ms.toFixed(0).padStart(10) +
          r.cpuMs.toFixed(0).padStart(10) +
          r.heapMb.toFixed(0).padStart(9) +
          (ratio === undefined ? "" : ratio.toFixed(2)).padStart(8),
      );
      before = r;
    }
  }
  out("");
  out(
    "Worst ratio per doubling: " +
      Object.entries(worst)
        .map(([k, v]) => `${k} ${Number.isFinite(v) ? v.toFixed(2) : "stopped"}`)
        .join(", "),
  );
}

if (process.argv[2] === "--child") await child(process.argv[3], Number(process.argv[4]));
else if (process.argv[1] === fileURLToPath(import.meta.url)) await doubling();
