// The on-disk index: a persistent store of source articles for one machine, so a big
// corpus (a newsroom's archive) is read once, not at every run. A folder of four files:
//
//   manifest.json  the format, the folders, one entry per source file in corpus order
//                  (path, size, mtime, sha-256 of its bytes, id, where its record is)
//   sources.dat    the source records (metadata and text, JSON), appended
//   terms.json     each selection term's place in postings.bin and its count
//   postings.bin   the sources (entry numbers, ascending) of each term, uint32 LE
//
// `updateIndex` is incremental: a file whose size and mtime are unchanged is not read;
// a read file whose hash is unchanged is not re-indexed; only added and changed files
// are read into records and terms, and removed ones drop out. `DiskStore` opens the
// index lazily: the manifest and the term dictionary on the first selection, then
// only the postings and records a draft needs. A corrupt or foreign index is an error
// naming the file and what is wrong (the `index` command rebuilds it), never a crash.

import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import type { Source, SourceProblem } from "../model.js";
import { isSourceProblem } from "../corpus/source-file.js";
import {
  rankByTerms,
  SELECT_ALL_UP_TO,
  sourceTerms,
  type CorpusStore,
  type DraftQuery,
  type Selection,
  type StoredSource,
} from "../corpus/store.js";
import { DEFAULT_MAX_FILE_SIZE } from "../findings/limits.js";
import { readSourcePath, sourceFilesIn } from "./sources.js";

const FORMAT = "source-check-index";
const VERSION = 1;

interface Entry {
  path: string;
  size: number;
  mtimeMs: number;
  hash: string;
  id: string;
  /** The record's place in sources.dat. */
  off: number;
  len: number;
  /** Another entry earlier in corpus order has this id: kept, but never selected. */
  dup?: true;
}

interface Manifest {
  format: typeof FORMAT;
  version: number;
  folders: string[];
  entries: Entry[];
  /** Bytes of sources.dat in use by the manifest (beyond them: an update that did not finish). */
  dataBytes: number;
  /** Bytes of the live records; the rest of dataBytes is left by changed and removed files. */
  liveBytes: number;
  postingsBytes: number;
  problems: SourceProblem[];
}

type Record = Omit<Source, "path">;

/** An index that cannot be used: names the file and what is wrong. */
export class IndexError extends Error {}

export interface UpdateReport {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  problems: SourceProblem[];
  /** Sources in the index (duplicates of an id left out). */
  total: number;
  /** Why the index was rebuilt from nothing, when it was. */
  rebuilt?: string;
}

export interface UpdateOptions {
  maxFileSize?: number;
  /** Called as files are read: done of total. */
  progress?: (done: number, total: number) => void;
}

const file = (dir: string, name: string): string => join(dir, name);

function readManifest(dir: string): Manifest {
  const path = file(dir, "manifest.json");
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new IndexError(
      code === "ENOENT"
        ? `${dir} holds no Source Check index (no manifest.json); build it with \`source-check index <folders>\``
        : `${path} cannot be read (${code ?? (e as Error).message})`,
    );
  }
  let m: Manifest;
  try {
    m = JSON.parse(raw) as Manifest;
  } catch (e) {
    throw new IndexError(`${path} is corrupt (not valid JSON: ${(e as Error).message}); rebuild it with \`source-check index <folders>\``);
  }
  if (!m || m.format !== FORMAT)
    throw new IndexError(`${path} is not a Source Check index; rebuild it with \`source-check index <folders>\``);
  if (m.version !== VERSION)
    throw new IndexError(
      `${path} is an index of format version ${m.version}, this checker reads version ${VERSION}; rebuild it with \`source-check index <folders>\``,
    );
  if (!Array.isArray(m.entries) || !Array.isArray(m.folders) || typeof m.dataBytes !== "number" || typeof m.postingsBytes !== "number")
    throw new IndexError(`${path} is corrupt (fields missing); rebuild it with \`source-check index <folders>\``);
  const sizeOf = (name: string): number => {
    try {
      return statSync(file(dir, name)).size;
    } catch {
      return -1;
    }
  };
  if (sizeOf("sources.dat") < m.dataBytes)
    throw new IndexError(
      `${file(dir, "sources.dat")} is shorter than its manifest says (truncated?); rebuild it with \`source-check index <folders>\``,
    );
  if (sizeOf("postings.bin") !== m.postingsBytes)
    throw new IndexError(
      `${file(dir, "postings.bin")} does not have the size its manifest says; rebuild it with \`source-check index <folders>\``,
    );
  return m;
}

function readTerms(dir: string): Map<string, [number, number]> {
  const path = file(dir, "terms.json");
  try {
    const obj = JSON.parse(readFileSync(path, "utf8")) as { [term: string]: [number, number] };
    return new Map(Object.entries(obj));
  } catch (e) {
    throw new IndexError(`${path} is corrupt or missing (${(e as Error).message}); rebuild it with \`source-check index <folders>\``);
  }
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** One file as a source (node/sources.ts `readSourcePath`: held to the drafts' limits), with its text's hash. */
function readOne(path: string, maxFileSize: number): { source: Source; hash: string } | SourceProblem {
  const source = readSourcePath(path, false, maxFileSize);
  if (isSourceProblem(source)) return source;
  return { source, hash: sha256(source.text) };
}

/** The source files of these folders in corpus order (each folder's in name order), and the folders that cannot be read. */
export function listSourceFiles(folders: string[]): { files: string[]; problems: SourceProblem[] } {
  const files: string[] = [];
  const problems: SourceProblem[] = [];
  for (const folder of folders) {
    try {
      files.push(...sourceFilesIn(folder));
    } catch (e) {
      problems.push({
        path: folder,
        message: `cannot be read as a folder of sources (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      });
    }
  }
  return { files, problems };
}

/**
 * Builds or updates the index in `dir` from these folders (in corpus order, each
 * folder's files in name order). An index that cannot be read is rebuilt from
 * nothing, and the report says why.
 */
export function updateIndex(dir: string, folders: string[], options: UpdateOptions = {}): UpdateReport {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  mkdirSync(dir, { recursive: true });
  let old: Manifest | undefined;
  let rebuilt: string | undefined;
  if (existsSync(file(dir, "manifest.json"))) {
    try {
      old = readManifest(dir);
      if (JSON.stringify(old.folders) !== JSON.stringify(folders)) {
        rebuilt = `it was built from other folders (${old.folders.join(", ")})`;
        old = undefined;
      }
    } catch (e) {
      if (!(e instanceof IndexError)) throw e;
      rebuilt = e.message.replace(/; rebuild it with .*$/, "");
    }
  }
  const { files: listing, problems } = listSourceFiles(folders);
  const oldByPath = new Map<string, { entry: Entry; ordinal: number }>();
  old?.entries.forEach((entry, ordinal) => oldByPath.set(entry.path, { entry, ordinal }));

  const dataPath = file(dir, "sources.dat");
  if (!old) rmSync(dataPath, { force: true });
  // Records past the manifest's end are an update that did not finish: write over them.
  let dataBytes = old?.dataBytes ?? 0;
  let liveBytes = 0;
  const fd = openSync(dataPath, existsSync(dataPath) ? "r+" : "w+");
  const entries: Entry[] = [];
  /** New entry number → its old number, for entries whose record and terms are kept. */
  const kept = new Map<number, number>();
  const fresh: { ordinal: number; terms: string[] }[] = [];
  let added = 0;
  let changed = 0;
  let unchanged = 0;
  try {
    listing.forEach((path, i) => {
      if (options.progress && (i % 500 === 0 || i === listing.length - 1)) options.progress(i + 1, listing.length);
      const before = oldByPath.get(path);
      let stat: ReturnType<typeof statSync> | undefined;
      try {
        stat = statSync(path);
      } catch {
        stat = undefined;
      }
      if (before && stat && stat.size === before.entry.size && stat.mtimeMs === before.entry.mtimeMs) {
        kept.set(entries.length, before.ordinal);
        entries.push({ ...before.entry, dup: undefined });
        liveBytes += before.entry.len;
        unchanged++;
        return;
      }
      const read = readOne(path, maxFileSize);
      if ("message" in read) {
        problems.push(read);
        return;
      }
      if (before && read.hash === before.entry.hash && stat) {
        kept.set(entries.length, before.ordinal);
        entries.push({ ...before.entry, size: stat.size, mtimeMs: stat.mtimeMs, dup: undefined });
        liveBytes += before.entry.len;
        unchanged++;
        return;
      }
      const { path: _path, ...record } = read.source;
      const bytes = Buffer.from(JSON.stringify(record satisfies Record), "utf8");
      writeSync(fd, bytes, 0, bytes.length, dataBytes);
      const ordinal = entries.length;
      entries.push({
        path,
        size: stat?.size ?? bytes.length,
        mtimeMs: stat?.mtimeMs ?? 0,
        hash: read.hash,
        id: read.source.id,
        off: dataBytes,
        len: bytes.length,
      });
      dataBytes += bytes.length;
      liveBytes += bytes.length;
      fresh.push({ ordinal, terms: sourceTerms(read.source) });
      if (before) changed++;
      else added++;
    });
  } finally {
    closeSync(fd);
  }
  // The one rule for ids (corpus/source-set.ts): the first in corpus order keeps it.
  const owner = new Map<string, Entry>();
  for (const e of entries) {
    const taken = owner.get(e.id);
    if (taken) {
      e.dup = true;
      problems.push({ path: e.path, message: `has id "${e.id}", which ${taken.path} already uses` });
    } else {
      owner.set(e.id, e);
      delete e.dup;
    }
  }

  const removed = old ? old.entries.length - kept.size - changed : 0;
  // Nothing added, changed, removed or renumbered: the postings stand; only the manifest (mtimes, problems) is written.
  if (old && added === 0 && changed === 0 && removed === 0 && [...kept].every(([now, before]) => now === before)) {
    const manifest: Manifest = { ...old, entries, liveBytes, problems };
    writeFileSync(file(dir, "manifest.json.tmp"), JSON.stringify(manifest));
    renameSync(file(dir, "manifest.json.tmp"), file(dir, "manifest.json"));
    return { added, changed, removed, unchanged, problems, total: entries.filter((e) => !e.dup).length, rebuilt };
  }

  // Postings: the kept entries' (renumbered), then the fresh entries'.
  const lists = new Map<string, number[]>();
  if (old && kept.size > 0) {
    const renumber = new Int32Array(old.entries.length).fill(-1);
    for (const [now, before] of kept) renumber[before] = now;
    const oldTerms = readTerms(dir);
    const postings = readFileSync(file(dir, "postings.bin"));
    const view = new Uint32Array(postings.buffer, postings.byteOffset, postings.byteLength / 4);
    for (const [term, [offset, count]] of oldTerms) {
      const list: number[] = [];
      for (let i = offset; i < offset + count; i++) {
        const now = renumber[view[i]];
        if (now >= 0) list.push(now);
      }
      if (list.length) lists.set(term, list);
    }
  }
  for (const { ordinal, terms } of fresh) {
    for (const term of terms) {
      const list = lists.get(term);
      if (list) list.push(ordinal);
      else lists.set(term, [ordinal]);
    }
  }
  let count = 0;
  for (const list of lists.values()) count += list.length;
  const all = new Uint32Array(count);
  const dictionary: { [term: string]: [number, number] } = {};
  let at = 0;
  for (const [term, list] of lists) {
    // Renumbered kept entries and fresh ones interleave: keep each list ascending.
    list.sort((a, b) => a - b);
    all.set(list, at);
    dictionary[term] = [at, list.length];
    at += list.length;
  }
  const manifest: Manifest = {
    format: FORMAT,
    version: VERSION,
    folders,
    entries,
    dataBytes,
    liveBytes,
    postingsBytes: all.byteLength,
    problems,
  };
  const atomically = (name: string, data: string | Uint8Array): void => {
    writeFileSync(file(dir, `${name}.tmp`), data);
    renameSync(file(dir, `${name}.tmp`), file(dir, name));
  };
  atomically("postings.bin", new Uint8Array(all.buffer, all.byteOffset, all.byteLength));
  atomically("terms.json", JSON.stringify(dictionary));
  if (dataBytes > 2 * liveBytes + (1 << 20)) compact(dir, manifest);
  atomically("manifest.json", JSON.stringify(manifest));
  return { added, changed, removed, unchanged, problems, total: entries.filter((e) => !e.dup).length, rebuilt };
}

/** Rewrites sources.dat with the live records only, once most of it is left by changed and removed files. */
function compact(dir: string, manifest: Manifest): void {
  const from = openSync(file(dir, "sources.dat"), "r");
  const tmp = file(dir, "sources.dat.tmp");
  const to = openSync(tmp, "w");
  let at = 0;
  try {
    for (const e of manifest.entries) {
      const bytes = Buffer.alloc(e.len);
      readSync(from, bytes, 0, e.len, e.off);
      writeSync(to, bytes, 0, e.len, at);
      e.off = at;
      at += e.len;
    }
  } finally {
    closeSync(from);
    closeSync(to);
  }
  renameSync(tmp, file(dir, "sources.dat"));
  manifest.dataBytes = at;
  manifest.liveBytes = at;
}

/** The on-disk index as a corpus store: opened on the first selection, read a draft's postings and records at a time. */
export class DiskStore implements CorpusStore {
  readonly description: string;
  private opened?: { manifest: Manifest; terms: Map<string, [number, number]>; live: number[]; postings: number; data: number };

  constructor(readonly dir: string) {
    this.description = `the on-disk index at ${dir}`;
  }

  /** Reads the manifest and the term dictionary (once); throws an `IndexError` naming what is wrong. */
  open(): { total: number } {
    if (!this.opened) {
      const manifest = readManifest(this.dir);
      const terms = readTerms(this.dir);
      const live: number[] = [];
      manifest.entries.forEach((e, i) => {
        if (!e.dup) live.push(i);
      });
      const postings = openSync(file(this.dir, "postings.bin"), "r");
      const data = openSync(file(this.dir, "sources.dat"), "r");
      if (fstatSync(postings).size !== manifest.postingsBytes) {
        closeSync(postings);
        closeSync(data);
        throw new IndexError(`${file(this.dir, "postings.bin")} changed while it was opened; run the check again`);
      }
      this.opened = { manifest, terms, live, postings, data };
    }
    return { total: this.opened.live.length };
  }

  select(query: DraftQuery): Selection {
    const { total } = this.open();
    const o = this.opened!;
    let ordinals: number[];
    if (total <= SELECT_ALL_UP_TO) ordinals = o.live;
    else {
      const postings = (term: string): Uint32Array => {
        const place = o.terms.get(term);
        if (!place) return new Uint32Array(0);
        const buffer = Buffer.alloc(place[1] * 4);
        readSync(o.postings, buffer, 0, buffer.length, place[0] * 4);
        return new Uint32Array(buffer.buffer, buffer.byteOffset, place[1]);
      };
      const ranked = rankByTerms(
        query,
        total,
        (t) => o.terms.get(t)?.[1] ?? 0,
        (t) => postings(t).filter((n) => !o.manifest.entries[n]?.dup),
      );
      ordinals = ranked.sort((a, b) => a - b);
    }
    return { sources: ordinals.map((n) => this.record(n)), total };
  }

  private record(ordinal: number): StoredSource {
    const o = this.opened!;
    const e = o.manifest.entries[ordinal];
    if (!e)
      throw new IndexError(
        `${file(this.dir, "postings.bin")} names source ${ordinal}, which the manifest does not have; rebuild the index`,
      );
    const bytes = Buffer.alloc(e.len);
    readSync(o.data, bytes, 0, e.len, e.off);
    let record: Record;
    try {
      record = JSON.parse(bytes.toString("utf8")) as Record;
    } catch {
      throw new IndexError(
        `${file(this.dir, "sources.dat")} is corrupt at the record of ${e.path}; rebuild the index with \`source-check index <folders>\``,
      );
    }
    if (record.id !== e.id)
      throw new IndexError(
        `${file(this.dir, "sources.dat")} is corrupt at the record of ${e.path}; rebuild the index with \`source-check index <folders>\``,
      );
    return { ...record, path: e.path, hash: e.hash };
  }

  close(): void {
    if (this.opened) {
      closeSync(this.opened.postings);
      closeSync(this.opened.data);
      this.opened = undefined;
    }
  }
}
