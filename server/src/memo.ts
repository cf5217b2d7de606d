// Memoisation for the pipeline's pure steps. A draft is re-checked after every
// keystroke and most of it did not change, so each step remembers what it made from
// a given input. One shape for every such cache: bounded, and emptied whole when full
// (a long session's inputs stop mattering once the writer has moved on).

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

export class Memo<K, V> {
  private readonly entries = new Map<K, V>();

  /** `tracked`: whether `forgetAll` empties it (a MemoPer's memos go with their MemoPer instead, and must not be held here). */
  constructor(
    private readonly limit: number,
    tracked = true,
  ) {
    if (tracked) everyMemo.add(this);
  }

  clear(): void {
    this.entries.clear();
  }

  /** What `make` gives for `key`, made once. `make` takes the key, so callers need no closure. */
  get(key: K, make: (key: K) => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      if (this.entries.size >= this.limit) this.entries.clear();
      value = make(key);
      this.entries.set(key, value);
    }
    return value;
  }
}

/** A memo for each owner (a corpus): what was made against one corpus goes with it. */
export class MemoPer<O extends object, K, V> {
  private memos = new WeakMap<O, Memo<K, V>>();

  constructor(private readonly limit: number) {
    everyMemo.add(this);
  }

  clear(): void {
    // The owners' memos are dropped with the map (a WeakMap cannot be walked).
    this.memos = new WeakMap();
  }

  of(owner: O): Memo<K, V> {
    let memo = this.memos.get(owner);
    if (!memo) this.memos.set(owner, (memo = new Memo(this.limit, false)));
    return memo;
  }
}
