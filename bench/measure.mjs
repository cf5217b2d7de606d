// Timing helpers: wall time with process.hrtime.bigint, warm-up runs first, then the
// median of N runs (stopping early, after at least three runs, if a time budget is
// spent). Medians, not means: one GC pause should not move the figure.

export function now() {
  return process.hrtime.bigint();
}

export function msSince(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Median milliseconds of `runs` calls of `fn` after `warmup` calls; `budgetMs` caps the timed runs. */
export function measure(fn, { warmup = 3, runs = 11, budgetMs = 20_000 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  const started = now();
  while (times.length < runs) {
    const t = now();
    fn();
    times.push(msSince(t));
    if (times.length >= 3 && msSince(started) > budgetMs) break;
  }
  return { ms: median(times), runs: times.length, min: Math.min(...times), max: Math.max(...times) };
}

/** Rounds for a table: three significant figures, at most two decimals. */
export function fmt(ms) {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return "–";
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  return ms.toFixed(2);
}

export function ratio(a, b) {
  if (!(a > 0) || !(b > 0)) return "–";
  const r = a / b;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;
}
