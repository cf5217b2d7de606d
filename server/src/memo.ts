// Memoisation for the pipeline's pure steps. A draft is re-checked after every
// keystroke and most of it did not change, so each step remembers what it made from
// a given input. One shape for every such cache: bounded by entries and by bytes, the
// oldest going first when full (a long session's inputs stop mattering once the
// writer has moved on, and a cache of a 100 KB draft's versions must not grow with
// the session).

/** Every memo made, so that all of them can be emptied at once (`forgetAll`). */
const everyMemo = new Set<{ clear(): void }>();

/**
 * Empties every cache of the pipeline, as if the process had just started (the corpus
 * itself stays indexed). For measuring a check of a draft the checker has never met,
 * and for tests that must not depend on what ran before them.
 */
export function forgetAll(): void {
  for (const m of everyMemo) m.clear();
}

/** How a memo is bounded, beside its count of entries. */
export interface MemoBounds<K, V> {
  /** Whether `forgetAll` empties it (a MemoPer's memos go with their MemoPer instead, and must not be held here). Default true. */
  tracked?: boolean;
  /** The most bytes its entries may hold, as `bytesOf` estimates them. Default DEFAULT_MEMO_BYTES. */
  maxBytes?: number;
  /** An estimate of what one entry holds, in bytes. Default `roughBytes` of the key and the value. */
  bytesOf?: (key: K, value: V) => number;
}

/** Each memo's default budget: what a long editing session may keep in one cache. */
export const DEFAULT_MEMO_BYTES = 8 * 1024 * 1024;

/**
 * A rough, fast estimate of what a value holds in bytes: strings at two bytes a
 * character, typed arrays by their length, arrays, sets, maps and objects by what they
 * hold, followed `depth` levels down (deeper objects count as one reference, so
 * structures shared with the corpus are not counted as the entry's own).
 */
export function roughBytes(x: unknown, depth = 3): number {
  if (typeof x === "string") return 24 + 2 * x.length;
  if (typeof x !== "object" || x === null) return 8;
  if (ArrayBuffer.isView(x)) return 64 + x.byteLength;
  if (depth <= 0) return 8;
  let n = 32;
  if (Array.isArray(x)) {
    for (const v of x) n += roughBytes(v, depth - 1);
    return n + 8 * x.length;
  }
  if (x instanceof Set) {
    for (const v of x) n += 16 + roughBytes(v, depth - 1);
    return n;
  }
  if (x instanceof Map) {
    for (const [k, v] of x) n += 16 + roughBytes(k, depth - 1) + roughBytes(v, depth - 1);
    return n;
  }
  for (const k in x) n += 8 + roughBytes((x as Record<string, unknown>)[k], depth - 1);
  return n;
}

/**
 * A cache bounded by entries and by bytes (as estimated): when either bound is passed,
 * the oldest entries go first, so a long session keeps what the writer touched last
 * and never more than its budget, however large each entry is.
 */
export class Memo<K, V> {
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly bytesOf: (key: K, value: V) => number;

  constructor(
    private readonly limit: number,
    bounds: MemoBounds<K, V> | boolean = {},
  ) {
    const b = typeof bounds === "boolean" ? { tracked: bounds } : bounds;
    this.maxBytes = b.maxBytes ?? DEFAULT_MEMO_BYTES;
    this.bytesOf = b.bytesOf ?? ((key, value) => roughBytes(key) + roughBytes(value));
    if (b.tracked ?? true) everyMemo.add(this);
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** The entries' estimated bytes, for tests and the bench. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /** What `make` gives for `key`, made once. `make` takes the key, so callers need no closure. */
  get(key: K, make: (key: K) => V): V {
    const entry = this.entries.get(key);
    if (entry !== undefined) return entry.value;
    const value = make(key);
    const bytes = this.bytesOf(key, value);
    // An entry larger than the whole budget is made, not kept.
    if (bytes > this.maxBytes) return value;
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    if (this.entries.size > this.limit || this.bytes > this.maxBytes) this.evict();
    return value;
  }

  /** The oldest entries dropped until both bounds hold with a quarter of the budget to spare, so eviction is rare. */
  private evict(): void {
    const entries = Math.floor(this.limit * 0.75);
    const bytes = this.maxBytes * 0.75;
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= entries && this.bytes <= bytes) break;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
    }
  }
}

/** A memo for each owner (a corpus): what was made against one corpus goes with it. */
export class MemoPer<O extends object, K, V> {
  private memos = new WeakMap<O, Memo<K, V>>();

  constructor(
    private readonly limit: number,
    private readonly bounds: MemoBounds<K, V> = {},
  ) {
    everyMemo.add(this);
  }

  clear(): void {
    // The owners' memos are dropped with the map (a WeakMap cannot be walked).
    this.memos = new WeakMap();
  }

  of(owner: O): Memo<K, V> {
    let memo = this.memos.get(owner);
    if (!memo) this.memos.set(owner, (memo = new Memo(this.limit, { ...this.bounds, tracked: false })));
    return memo;
  }
}

/**
 * A value kept with an object that stands for most of what the value depends on (a
 * cached parse's offsets stand for a block's text), under a short key of the rest: a
 * re-check finds an unchanged block's value without building and hashing a key that
 * holds its text. One value per object (the last made); it goes with the object, so
 * what `forgetAll` empties (the caches that give the objects) takes it too.
 */
export class KeptWith<O extends object, V> {
  private readonly kept = new WeakMap<O, { key: string; value: V }>();

  get(owner: O, key: string, make: () => V): V {
    const entry = this.kept.get(owner);
    if (entry !== undefined && entry.key === key) return entry.value;
    const value = make();
    this.kept.set(owner, { key, value });
    return value;
  }
}
