// Quote claims and their findings. (Filled in with quote recognition and matching.)
import type { ClaimReport } from "../model.js";
import type { DraftContext } from "./check.js";

export function checkQuotes(ctx: DraftContext): ClaimReport[] {
  void ctx;
  return [];
}
