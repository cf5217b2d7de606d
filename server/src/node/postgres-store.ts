// The shared archive on PostgreSQL, for a newsroom: many writers and CI runners check
// against one archive. Each source is one row (its record, its text's hash, its place
// in corpus order) with its selection terms as a `tsvector` under a GIN index; a term
// table holds each term's document frequency, so the selection is the other stores'
// rule (corpus/store.ts `rankByTerms`) run in SQL: the rarest of the draft's terms
// within the postings budget, each source scored by the rarity of the terms it
// shares, the best `CANDIDATE_LIMIT` and every source the draft names.
//
// The connection string comes from `.source-check.json` (`"archive": {"postgres":
// "postgresql://host/db"}`); the password, and any other credential, from the
// environment (PGPASSWORD, PGUSER, PGSSLMODE …, as libpq reads them), never from the
// file. Loading (`source-check index --postgres …`) writes; checking only reads, so a
// read replica serves the checks.

import type { Source } from "../model.js";
import {
  CANDIDATE_LIMIT,
  isNamingTerm,
  POSTINGS_BUDGET,
  QUERY_TERMS,
  SELECT_ALL_UP_TO,
  sourceTerms,
  type CorpusStore,
  type DraftQuery,
  type Selection,
  type StoredSource,
} from "../corpus/store.js";
import { isSourceProblem } from "../corpus/source-file.js";
import { readSourcePath } from "./sources.js";
import { DEFAULT_MAX_FILE_SIZE } from "../findings/limits.js";
import { archiveUrlProblem } from "../config/project-config.js";
import { listSourceFiles, sha256, type UpdateOptions, type UpdateReport } from "./disk-index.js";

interface Client {
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
  end(): Promise<void>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS source_check_sources (
  path text PRIMARY KEY,
  ordinal integer NOT NULL,
  id text NOT NULL,
  hash text NOT NULL,
  dup boolean NOT NULL DEFAULT false,
  record jsonb NOT NULL,
  terms tsvector NOT NULL
);
CREATE INDEX IF NOT EXISTS source_check_sources_terms ON source_check_sources USING GIN (terms);
CREATE INDEX IF NOT EXISTS source_check_sources_ordinal ON source_check_sources (ordinal);
CREATE TABLE IF NOT EXISTS source_check_terms (term text PRIMARY KEY, df integer NOT NULL);
`;

async function connect(url: string): Promise<Client> {
  const problem = archiveUrlProblem(url);
  if (problem) throw new Error(`the archive's postgres URL ${problem}`);
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(`cannot connect to the archive at ${redact(url)}: ${(e as Error).message}`, { cause: e });
  }
  return client as unknown as Client;
}

/** The URL as messages show it (no user info). */
function redact(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return url;
  }
}

/** A tsquery of these lexemes taken as they are (no parser, no stemming), any of them. */
function anyOf(terms: string[]): string {
  return terms.map((t) => `'${t.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`).join(" | ");
}

/** Loads these folders into the archive: added and changed files (by the hash of their text) written, removed ones deleted. */
export async function updatePostgres(url: string, folders: string[], options: UpdateOptions = {}): Promise<UpdateReport> {
  const client = await connect(url);
  try {
    await client.query(SCHEMA);
    const known = new Map(
      (await client.query<{ path: string; hash: string }>("SELECT path, hash FROM source_check_sources")).rows.map((r) => [r.path, r.hash]),
    );
    const { files: listing, problems } = listSourceFiles(folders);
    let added = 0;
    let changed = 0;
    let unchanged = 0;
    const present: string[] = [];
    const owner = new Map<string, string>();
    await client.query("BEGIN");
    for (const [i, path] of listing.entries()) {
      if (options.progress && (i % 500 === 0 || i === listing.length - 1)) options.progress(i + 1, listing.length);
      const read = readSourcePath(path, false, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
      if (isSourceProblem(read)) {
        problems.push(read);
        continue;
      }
      const ordinal = present.length;
      present.push(path);
      const taken = owner.get(read.id);
      const dup = taken !== undefined;
      if (dup) problems.push({ path, message: `has id "${read.id}", which ${taken} already uses` });
      else owner.set(read.id, path);
      const hash = sha256(read.text);
      if (known.get(path) === hash) {
        await client.query("UPDATE source_check_sources SET ordinal = $2, dup = $3 WHERE path = $1", [path, ordinal, dup]);
        unchanged++;
        continue;
      }
      const { path: _path, ...record } = read;
      await client.query(
        `INSERT INTO source_check_sources (path, ordinal, id, hash, dup, record, terms)
         VALUES ($1, $2, $3, $4, $5, $6, array_to_tsvector($7::text[]))
         ON CONFLICT (path) DO UPDATE SET ordinal = $2, id = $3, hash = $4, dup = $5, record = $6, terms = array_to_tsvector($7::text[])`,
        [path, ordinal, read.id, hash, dup, JSON.stringify(record), sourceTerms(read)],
      );
      if (known.has(path)) changed++;
      else added++;
    }
    const gone = [...known.keys()].filter((p) => !present.includes(p));
    if (gone.length) await client.query("DELETE FROM source_check_sources WHERE path = ANY($1::text[])", [gone]);
    await client.query("TRUNCATE source_check_terms");
    await client.query(
      `INSERT INTO source_check_terms (term, df)
       SELECT lexeme, count(*) FROM source_check_sources, unnest(terms) AS u(lexeme, positions, weights)
       WHERE NOT dup GROUP BY lexeme`,
    );
    await client.query("COMMIT");
    await client.query("ANALYZE source_check_sources");
    return { added, changed, removed: gone.length, unchanged, problems, total: owner.size };
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

/** The archive on PostgreSQL as a corpus store: one connection, opened on the first selection. */
export class PostgresStore implements CorpusStore {
  readonly description: string;
  private client?: Promise<Client>;

  constructor(readonly url: string) {
    this.description = `the PostgreSQL archive at ${redact(url)}`;
  }

  private connection(): Promise<Client> {
    this.client ??= connect(this.url);
    return this.client;
  }

  async select(query: DraftQuery): Promise<Selection> {
    const client = await this.connection();
    let total: number;
    try {
      total = Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM source_check_sources WHERE NOT dup")).rows[0].n);
    } catch (e) {
      throw new Error(
        `${this.description} has no Source Check tables (load it with \`source-check index --postgres …\`): ${(e as Error).message}`,
        { cause: e },
      );
    }
    const rows = async (where: string, values: unknown[]): Promise<StoredSource[]> =>
      (
        await client.query<{ path: string; hash: string; record: Omit<Source, "path"> }>(
          `SELECT path, hash, record FROM source_check_sources WHERE NOT dup AND (${where}) ORDER BY ordinal`,
          values,
        )
      ).rows.map((r) => ({ ...r.record, path: r.path, hash: r.hash }));
    if (total <= SELECT_ALL_UP_TO) return { sources: await rows("true", []), total };

    const named = query.terms.filter(isNamingTerm);
    const dfs = new Map(
      (
        await client.query<{ term: string; df: number }>("SELECT term, df FROM source_check_terms WHERE term = ANY($1::text[])", [
          query.terms.filter((t) => !isNamingTerm(t)),
        ])
      ).rows.map((r) => [r.term, r.df]),
    );
    // The rarest terms within the budget, as rankByTerms reads them.
    const scored = [...dfs].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    const terms: string[] = [];
    const weights: number[] = [];
    let read = 0;
    for (const [term, df] of scored.slice(0, QUERY_TERMS)) {
      if (read > 0 && read + df > POSTINGS_BUDGET) break;
      terms.push(term);
      weights.push(Math.log((total + 1) / df));
      read += df;
    }
    const ranked = terms.length
      ? (
          await client.query<{ path: string }>(
            `SELECT s.path, round(sum(w.weight)::numeric, 9) AS score, min(s.ordinal) AS ordinal
             FROM unnest($1::text[], $2::float8[]) AS w(term, weight)
             JOIN source_check_sources s ON s.terms @@ quote_literal(w.term)::tsquery AND NOT s.dup
             ${named.length ? "WHERE NOT (s.terms @@ $4::tsquery)" : ""}
             GROUP BY s.path ORDER BY score DESC, ordinal ASC LIMIT $3`,
            named.length ? [terms, weights, CANDIDATE_LIMIT, anyOf(named)] : [terms, weights, CANDIDATE_LIMIT],
          )
        ).rows.map((r) => r.path)
      : [];
    const where = [ranked.length ? "path = ANY($1::text[])" : "", named.length ? `terms @@ $${ranked.length ? 2 : 1}::tsquery` : ""].filter(
      Boolean,
    );
    if (where.length === 0) return { sources: [], total };
    return {
      sources: await rows(where.join(" OR "), [...(ranked.length ? [ranked] : []), ...(named.length ? [anyOf(named)] : [])]),
      total,
    };
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await (await client).end();
  }
}
