// Reading a file the way a hostile folder cannot exploit: only a regular file is read
// (a FIFO would block the reader until someone writes, a device such as /dev/zero never
// ends, a socket cannot be opened), and never more than the limit plus one byte, so the
// size is that of the bytes actually read, not what stat says (a device says 0, and a
// file can grow between stat and read).

import { sizeRefusal } from "../findings/limits.js";
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";

export type FileRead =
  | { bytes: Buffer; /** The size stat gave: only for a message, never to decide. */ statSize: number }
  | { problem: string; kind: "unreadable" | "folder" | "not-regular" };

/** What a file that is not a regular file is, as a noun phrase. */
function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return "a FIFO (named pipe)";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSocket()) return "a socket";
  return "a special file";
}

/**
 * A regular file's bytes, at most `maxBytes` of them; or why it was not read. The file
 * is opened without blocking (a FIFO with no writer opens at once), checked on the open
 * descriptor (no race with a rename between a stat and the open), then read in chunks
 * until its end or `maxBytes + 1` bytes.
 */
export function readRegularFile(path: string, maxBytes: number): FileRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENXIO") return { problem: "is a socket, not a regular file; not read", kind: "not-regular" };
    if (code === "EISDIR") return { problem: "is a folder", kind: "folder" };
    return { problem: `cannot be read (${code ?? (e as Error).message})`, kind: "unreadable" };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { problem: "is a folder", kind: "folder" };
    if (!stat.isFile()) {
      return { problem: `is ${kindOf(stat)}, not a regular file; not read`, kind: "not-regular" };
    }
    const limit = Math.max(0, Math.floor(maxBytes)) + 1;
    const chunks: Buffer[] = [];
    let total = 0;
    // The first chunk as large as stat says the file is (and one byte more, to see its end),
    // not a megabyte for every small draft; a device that says 0, or a file that grew, reads on.
    let size = Math.min(Math.max(stat.size + 1, 4096), 1 << 20);
    while (total < limit) {
      const chunk = Buffer.allocUnsafe(Math.min(limit - total, size));
      size = 1 << 20;
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
    }
    return { bytes: Buffer.concat(chunks, total), statSize: stat.size };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EISDIR") return { problem: "is a folder", kind: "folder" };
    return { problem: `cannot be read (${code ?? (e as Error).message})`, kind: "unreadable" };
  } finally {
    closeSync(fd);
  }
}

/** Why bytes read with `readRegularFile` are over the limit, if they are: with the size stat gives when it is over too, else "more than". */
export function overLimit(read: { bytes: Buffer; statSize: number }, maxBytes: number): string | undefined {
  if (read.bytes.length <= maxBytes) return undefined;
  return sizeRefusal(Math.max(read.statSize, read.bytes.length), { maxFileSize: maxBytes })!.message.replace(
    /^is ([\d,]+) bytes/,
    (all, n: string) => (read.statSize > maxBytes ? all : `is at least ${n} bytes`),
  );
}
