// The server's settings: the `sourceCheck` section of the editor's configuration, or
// the same shape in initializationOptions for editors without workspace/configuration.
// Anything missing or of the wrong type falls back to the default, never to an error.

import type { CitationStyle } from "../index.js";
import { DEFAULT_MAX_FILE_SIZE } from "../findings/limits.js";

export interface Settings {
  enable: boolean;
  /** Folders of source articles, relative to the workspace folder (or absolute). */
  sources: string[];
  includeBundledSources: boolean;
  debounceMs: number;
  citationStyle: CitationStyle;
  /** The largest draft checked, in bytes of UTF-8; a larger one gets one diagnostic saying so. */
  maxFileSize: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  sources: [],
  includeBundledSources: true,
  debounceMs: 200,
  citationStyle: "footnote",
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
});

const STYLES: readonly CitationStyle[] = ["footnote", "pandoc", "link"];

/**
 * Settings read from a raw object, over `base`. Accepts the section itself
 * (`{ enable, sources, … }`) or an object holding it (`{ sourceCheck: { … } }`).
 */
export function readSettings(raw: unknown, base: Readonly<Settings> = DEFAULT_SETTINGS): Settings {
  const out: Settings = { ...base, sources: [...base.sources] };
  if (!raw || typeof raw !== "object") return out;
  let section = raw as Record<string, unknown>;
  if (section.sourceCheck && typeof section.sourceCheck === "object") section = section.sourceCheck as Record<string, unknown>;
  if (typeof section.enable === "boolean") out.enable = section.enable;
  if (Array.isArray(section.sources)) out.sources = section.sources.filter((s): s is string => typeof s === "string" && s.trim() !== "");
  if (typeof section.includeBundledSources === "boolean") out.includeBundledSources = section.includeBundledSources;
  if (typeof section.debounceMs === "number" && Number.isFinite(section.debounceMs)) out.debounceMs = Math.max(0, section.debounceMs);
  if (typeof section.citationStyle === "string" && STYLES.includes(section.citationStyle as CitationStyle)) {
    out.citationStyle = section.citationStyle as CitationStyle;
  }
  if (typeof section.maxFileSize === "number" && Number.isFinite(section.maxFileSize) && section.maxFileSize >= 1) {
    out.maxFileSize = Math.floor(section.maxFileSize);
  }
  return out;
}

/** Whether two settings load the same corpus (so a change needs no reload). */
export function sameCorpusSettings(a: Settings, b: Settings): boolean {
  return a.includeBundledSources === b.includeBundledSources && a.sources.join("\u0000") === b.sources.join("\u0000");
}
