// Memoisation for the pipeline's pure steps. A draft is re-checked after every
// keystroke and most of it did not change, so each step remembers what it made from
// a given input. One shape for every such cache: bounded, and emptied whole when full
// (a long session's inputs stop mattering once the writer has moved on).

export class Memo<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

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
  private readonly memos = new WeakMap<O, Memo<K, V>>();

  constructor(private readonly limit: number) {}

  of(owner: O): Memo<K, V> {
    let memo = this.memos.get(owner);
    if (!memo) this.memos.set(owner, (memo = new Memo(this.limit)));
    return memo;
  }
}
