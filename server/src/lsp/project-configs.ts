// Each draft's settings in the editor: decided by the core (config/draft-settings.ts)
// exactly as for the CLI, so that the two never disagree about a draft. The server
// reads configs with the core's rules but never allows source folders outside a
// config's folder (it has no --allow-outside-sources), and a config that cannot be
// used is reported on its own file while its drafts get the defaults.
//
// Precedence: the CLI lets its command-line flags override a config. The editor's
// settings are the user's defaults, not a per-run instruction, so here the config
// wins: a config's `bundled` and `citationStyle` override
// `sourceCheck.includeBundledSources` and `sourceCheck.citationStyle`; its `sources`
// join `sourceCheck.sources` (as the CLI's config folders join its --sources).

import { draftSettings, DraftSettingsResolver, type AdapterSettings, type DraftSettings } from "../config/draft-settings.js";
import { nodeHost } from "../node/host.js";
import { filePath } from "./convert.js";
import type { Settings } from "./settings.js";

/** The editor's settings as the core's adapter settings: defaults only, no overrides. */
export function editorDefaults(settings: Settings, folders: string[]): AdapterSettings {
  return { folders, defaults: { bundled: settings.includeBundledSources, citationStyle: settings.citationStyle } };
}

export class ProjectConfigs {
  private readonly resolver = new DraftSettingsResolver(nodeHost, { useConfigs: true, allowOutsideSources: false });

  /** @param adapter the editor's settings and source folders, as they are now. */
  constructor(private readonly adapter: () => AdapterSettings) {}

  /** The settings of a document (by URI); a document that is not a file (untitled) has no config. */
  forUri(uri: string): DraftSettings {
    const path = filePath(uri);
    return path === undefined ? draftSettings(uri, undefined, this.adapter()) : this.resolver.forDraft(path, this.adapter());
  }

  /** The config files read so far, and the problems of each (empty when it is fine). */
  get problemsByPath(): ReadonlyMap<string, string[]> {
    return new Map(
      [...this.resolver.configs].map(([path, s]) => [
        path,
        s.problems.map((p) => (p.kind === "config" ? `${p.message}; drafts under it are checked with the defaults` : p.message)),
      ]),
    );
  }

  /** A config file changed: forget every config and every folder's lookup. */
  clear(): void {
    this.resolver.clear();
  }
}
