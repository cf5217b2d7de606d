// Every kind of claim the checker knows, in the order their claims are found. Adding
// a kind of claim is a file in `kinds/` and a line here (see ARCHITECTURE.md).

import type { ClaimChecker } from "./checker.js";
import { figures } from "./kinds/figures.js";
import { quotes } from "./kinds/quotes.js";

export const CHECKERS: readonly ClaimChecker[] = [figures, quotes];
