// What is a Markdown file, for every part of Source Check: the CLI's folder and glob
// inputs, the drafts the language server checks, the files of a source folder, the
// server's file watchers and the VS Code client's document selector.

/** The file extensions of Markdown (MDX included: its prose is Markdown). */
export const MARKDOWN_EXTENSIONS: readonly string[] = ["md", "markdown", "mdx"];

const MARKDOWN_FILE = new RegExp(`\\.(?:${MARKDOWN_EXTENSIONS.join("|")})$`, "i");

/** A glob of the Markdown files under a folder, for file watchers. */
export const MARKDOWN_GLOB = `**/*.{${MARKDOWN_EXTENSIONS.join(",")}}`;

/** Whether a path (or URI) names a Markdown file. */
export function isMarkdownFile(path: string): boolean {
  return MARKDOWN_FILE.test(path);
}

/** Whether a file may be a draft to check (the adapters also leave out sources and ignored files). */
export function isDraftFile(path: string): boolean {
  return isMarkdownFile(path);
}

/** Whether a file in a source folder is read as a source article. */
export function isSourceFile(path: string): boolean {
  return isMarkdownFile(path);
}
