// The one place where offsets become lines and columns and back. Lines and
// columns here are 0-based (LSP's convention); adapters add 1 where their format
// counts from 1. Columns count UTF-16 code units, as editors do. "\r\n", "\n" and
// a lone "\r" each end a line.

export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.starts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const end = this.lineEnd(position.line);
    return Math.max(start, Math.min(start + position.character, end));
  }

  /** The offset where a line's text ends, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = next;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
}

/** The draft's own line break, for edits that add lines. */
export function lineBreakOf(text: string): string {
  const i = text.indexOf("\n");
  if (i < 0) return text.includes("\r") ? "\r" : "\n";
  return i > 0 && text[i - 1] === "\r" ? "\r\n" : "\n";
}

let lastBlanked: { text: string; spans: readonly { start: number; end: number }[]; out: string } | undefined;

/**
 * `text` with each span's characters made spaces (offsets unchanged), in one pass of
 * slices rather than a string per character. A block's masked text is asked for by
 * several readers in turn (figures, quotes, attributions, mentions): the last one made
 * is kept and given again for the same text and spans.
 */
export function blanked(text: string, spans: readonly { start: number; end: number }[]): string {
  if (spans.length === 0) return text;
  const last = lastBlanked;
  if (last && last.text === text && sameSpans(last.spans, spans)) return last.out;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const s of sorted) {
    const start = Math.max(at, s.start);
    const end = Math.min(text.length, s.end);
    if (end <= start) continue;
    out += text.slice(at, start) + " ".repeat(end - start);
    at = end;
  }
  out += text.slice(at);
  lastBlanked = { text, spans: spans.map((s) => ({ start: s.start, end: s.end })), out };
  return out;
}

function sameSpans(a: readonly { start: number; end: number }[], b: readonly { start: number; end: number }[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].start !== b[i].start || a[i].end !== b[i].end) return false;
  return true;
}
