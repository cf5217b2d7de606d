// The Node host: the file-system answers the pure settings logic asks for
// (config/draft-settings.ts), from disk, for the CLI and the language server alike.

import { readFileSync, realpathSync, statSync } from "node:fs";
import type { SettingsHost } from "../config/draft-settings.js";

export const nodeHost: SettingsHost = {
  isFile: (path) => statOf(path)?.isFile() ?? false,
  isDirectory: (path) => statOf(path)?.isDirectory() ?? false,
  readText: (path) => readFileSync(path, "utf8"),
  realpath: (path) => {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  },
};

function statOf(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
