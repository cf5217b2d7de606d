// The Claims view: every claim of the active draft, grouped by verdict (backed and
// cited, unattributed, unsupported, contradicted), each with its source and the
// source's sentence. A click goes to the claim; the inline action opens the source
// passage. It asks the server (sourceCheck.server.claims) again whenever the draft's
// diagnostics change, so it follows edits. No checking happens here.

import * as vscode from "vscode";

/** The server's answer, as commands.ts sends it. */
export interface ClaimItem {
  kind: string;
  text: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  group: string;
  groupLabel: string;
  verdict: string;
  code?: string;
  severity?: string;
  source?: { id: string; publisher: string; title: string; date?: string; url?: string };
  sourceSentence?: string;
  sourceLocation?: { uri: string; range: ClaimItem["range"] };
}

export interface ClaimsResult {
  uri: string;
  groups: { group: string; label: string }[];
  claims: ClaimItem[];
}

export type ClaimsNode =
  | { type: "group"; group: string; label: string; claims: ClaimItem[] }
  | { type: "claim"; claim: ClaimItem; uri: string }
  | { type: "detail"; claim: ClaimItem; uri: string; what: "source" | "sentence" };

const GROUP_ICONS: Record<string, [string, string]> = {
  backed: ["pass", "testing.iconPassed"],
  unattributed: ["warning", "list.warningForeground"],
  unsupported: ["question", "list.warningForeground"],
  contradicted: ["error", "list.errorForeground"],
};

export class ClaimsView implements vscode.TreeDataProvider<ClaimsNode> {
  private readonly changed = new vscode.EventEmitter<ClaimsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: ClaimsResult | undefined;

  constructor(private readonly ask: (uri: string) => Promise<ClaimsResult | null>) {}

  /** The claims last shown (for tests and the status bar). */
  get current(): ClaimsResult | undefined {
    return this.result;
  }

  async refresh(document: vscode.TextDocument | undefined): Promise<ClaimsResult | undefined> {
    if (!document || document.languageId !== "markdown") {
      // Another kind of editor (or none): keep the last draft's claims on show.
      return this.result;
    }
    try {
      this.result = (await this.ask(document.uri.toString())) ?? undefined;
    } catch {
      this.result = undefined;
    }
    this.changed.fire(undefined);
    return this.result;
  }

  getChildren(node?: ClaimsNode): ClaimsNode[] {
    const r = this.result;
    if (!r) return [];
    if (!node) {
      return r.groups
        .map((g) => ({ type: "group" as const, group: g.group, label: g.label, claims: r.claims.filter((c) => c.group === g.group) }))
        .filter((g) => g.claims.length > 0);
    }
    if (node.type === "group") return node.claims.map((claim) => ({ type: "claim" as const, claim, uri: r.uri }));
    if (node.type === "claim") {
      const details: ClaimsNode[] = [];
      if (node.claim.source) details.push({ type: "detail", claim: node.claim, uri: node.uri, what: "source" });
      if (node.claim.sourceSentence) details.push({ type: "detail", claim: node.claim, uri: node.uri, what: "sentence" });
      return details;
    }
    return [];
  }

  getTreeItem(node: ClaimsNode): vscode.TreeItem {
    if (node.type === "group") {
      // The claims that need work open; the backed ones wait, folded.
      const item = new vscode.TreeItem(
        node.label,
        node.group === "backed" ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
      );
      item.description = String(node.claims.length);
      const [icon, color] = GROUP_ICONS[node.group] ?? ["circle-outline", "foreground"];
      item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
      item.contextValue = "sourceCheck.group";
      return item;
    }
    const { claim } = node;
    if (node.type === "claim") {
      const label = claim.kind === "quote" ? `“${claim.text}”` : claim.text;
      const item = new vscode.TreeItem(
        label,
        claim.source || claim.sourceSentence ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      item.description = `line ${claim.range.start.line + 1} · ${claim.verdict}`;
      item.tooltip = new vscode.MarkdownString().appendText(claim.verdict);
      item.iconPath = new vscode.ThemeIcon(claim.kind === "quote" ? "quote" : "symbol-number");
      item.contextValue = claim.sourceLocation ? "sourceCheck.claim.withSource" : "sourceCheck.claim";
      item.command = { command: "sourceCheck.revealClaim", title: "Go to the Claim", arguments: [node] };
      return item;
    }
    if (node.what === "source") {
      const s = claim.source!;
      const item = new vscode.TreeItem(s.publisher, vscode.TreeItemCollapsibleState.None);
      item.description = [s.title, s.date].filter(Boolean).join(" · ");
      item.tooltip = [s.publisher, s.title, s.date, s.url].filter(Boolean).join("\n");
      item.iconPath = new vscode.ThemeIcon("book");
      item.contextValue = claim.sourceLocation ? "sourceCheck.source.withLocation" : "sourceCheck.source";
      if (claim.sourceLocation)
        item.command = { command: "sourceCheck.openSourcePassage", title: "Open the Source Passage", arguments: [node] };
      return item;
    }
    const item = new vscode.TreeItem(claim.sourceSentence!, vscode.TreeItemCollapsibleState.None);
    item.tooltip = claim.sourceSentence;
    item.iconPath = new vscode.ThemeIcon("quote");
    item.contextValue = "sourceCheck.sentence";
    if (claim.sourceLocation)
      item.command = { command: "sourceCheck.openSourcePassage", title: "Open the Source Passage", arguments: [node] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function toRange(r: ClaimItem["range"]): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
