// Text the CLI prints to a terminal: a source's front matter, a file name or a draft
// can hold control characters, and a terminal obeys them (ESC [ 2 J clears the screen,
// ESC ] 0 ; … BEL retitles the window, a bare CR overwrites the line, U+202E turns the
// rest of the line around). Each one is shown as its code instead, so a reader sees
// that it is there and the terminal does nothing.

/** C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${code.toString(16).toUpperCase()}`;
  });
}
