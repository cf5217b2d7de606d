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

/**
 * Median milliseconds of `runs` calls of `fn`, after at least `warmup` calls and
 * `warmupMs` of calls (so the JIT has optimised small inputs too); `budgetMs` caps
 * the timed runs. With `input`, call i (warm-up included) gets `input(i)`, made
 * before its timing starts.
 */
export function measure(fn, { input = () => undefined, warmup = 3, warmupMs = 300, runs = 11, budgetMs = 20_000 } = {}) {
  let i = 0;
  const warming = now();
  for (; i < warmup || msSince(warming) < warmupMs; i++) fn(input(i));
  const times = [];
  const started = now();
  while (times.length < runs) {
    const arg = input(i++);
    const t = now();
    fn(arg);
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
