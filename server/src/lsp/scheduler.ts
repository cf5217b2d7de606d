// When to re-check a draft: after the writer pauses (debounce), and only the latest
// request per document counts. Each schedule bumps the document's generation; a check
// that finishes under an older generation is stale and its result is dropped.

export class CheckScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generations = new Map<string, number>();

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
        this.run(uri, generation);
      }, delayMs),
    );
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
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private bump(uri: string): number {
    const generation = (this.generations.get(uri) ?? 0) + 1;
    this.generations.set(uri, generation);
    return generation;
  }
}
