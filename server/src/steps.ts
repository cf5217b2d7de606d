// Work in steps: a long job (checking a 1 MB draft) written as a generator that
// yields between pieces of work (a parsed chunk, a read block, a judged claim), so
// that the language server can answer other requests between slices of it and drop
// it when the draft changes. `drain` runs such a job to its end at once, as the CLI
// and every synchronous caller do: the same code, with or without pauses.

/** A job that yields between pieces of work and returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** Runs a job to its end without pausing. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
