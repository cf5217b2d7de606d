// When to re-check a draft: after the writer pauses (debounce), and only the latest
// request per document counts. Each schedule bumps the document's generation; a check
// that finishes under an older generation is stale and its result is dropped. A burst
// of keystrokes is one check: each keystroke moves the timer, so only the version the
// writer paused on is checked.
//
// A pull request (textDocument/diagnostic) waits for the same pause: `settled` resolves
// once no check of the document is pending, so a client that pulls on every keystroke
// is answered once, with the version the writer paused on.

export class CheckScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generations = new Map<string, number>();
  private readonly waiters = new Map<string, (() => void)[]>();

  constructor(
    private readonly delayMs: () => number,
    private readonly run: (uri: string, generation: number) => unknown,
  ) {}

  schedule(uri: string, delayMs = this.delayMs()): void {
    const generation = this.bump(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        try {
          this.run(uri, generation);
        } finally {
          this.release(uri);
        }
      }, delayMs),
    );
  }

  /** Whether a check of the document waits for the writer to pause. */
  pending(uri: string): boolean {
    return this.timers.has(uri);
  }

  /** Resolves once no check of the document is pending: at once, or when the pending one has run (or was cancelled). */
  settled(uri: string): Promise<void> {
    if (!this.timers.has(uri)) return Promise.resolve();
    return new Promise((done) => this.waiters.set(uri, [...(this.waiters.get(uri) ?? []), done]));
  }

  /** Whether a check started under this generation is still the latest for its document. */
  isCurrent(uri: string, generation: number): boolean {
    return this.generations.get(uri) === generation;
  }

  /** Drops the pending check, and makes any running one stale. */
  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.bump(uri);
    this.release(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const uri of [...this.waiters.keys()]) this.release(uri);
  }

  private release(uri: string): void {
    // A check scheduled again while the last one ran keeps its waiters for the next.
    if (this.timers.has(uri)) return;
    const waiting = this.waiters.get(uri);
    this.waiters.delete(uri);
    for (const done of waiting ?? []) done();
  }

  private bump(uri: string): number {
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    return generation;
  }
}
