// Code actions: each finding's fixes as quick fixes, a "disable for this line"
// escape hatch, and a fix-all that cites the backing source of every unattributed
// figure and quote in one edit. The fixes themselves come from the checker.
//
// A client that resolves code actions (codeAction.resolveSupport with "edit"; VS Code
// asks for the actions at every move of the cursor) gets each action's title and kind
// only, with where its edit comes from in `data`; the edit is made when the writer
// picks the action (`codeAction/resolve`), from the same check of the same version.

import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { CODES, lineBreakOf, type Finding, type FindingCode, type TextEdit } from "../index.js";
import { rangeIn, spanIn } from "./convert.js";
import { isDiagnosticOf, toDiagnostic } from "./diagnostics.js";
import type { DraftResult } from "./documents.js";

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.sourceCheck`;

// Every kind's "backed but not cited" code, whose first fix cites the backing source.
const UNATTRIBUTED: ReadonlySet<FindingCode> = new Set(CODES.map((c) => c.code).filter((code) => code.endsWith("-unattributed")));

export interface CodeActionOptions {
  /** Whether the client takes versioned documentChanges in a WorkspaceEdit. */
  documentChanges: boolean;
  /** Whether the client resolves an action's edit when it is picked (codeAction/resolve). */
  resolveEdits?: boolean;
}

/** Where a lazy code action's edit comes from: the draft's version, and the finding's fix, its line's suppression, or the fix-all. */
export interface CodeActionData {
  uri: string;
  version: number;
  what: { fix: number; span: { start: number; end: number }; code: FindingCode } | { disable: number; code: FindingCode } | { all: true };
}

export function codeActions({ doc, result }: DraftResult, params: CodeActionParams, options: CodeActionOptions): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  const edit = (edits: TextEdit[]): WorkspaceEdit => workspaceEdit(doc, edits, options);
  /** The action with its edit, or with where its edit comes from when the client resolves edits. */
  const withEdit = (action: CodeAction, what: CodeActionData["what"], edits: () => TextEdit[]): CodeAction => {
    if (!options.resolveEdits) return { ...action, edit: edit(edits()) };
    const data: CodeActionData = { uri: doc.uri, version: doc.version, what };
    return { ...action, data };
  };
  const diagnosticOf = (finding: Finding): Diagnostic =>
    params.context.diagnostics.find((d) => isDiagnosticOf(d, finding, doc)) ?? toDiagnostic(finding, doc);

  if (wants(CodeActionKind.QuickFix)) {
    const asked = spanIn(doc, params.range);
    const disabled = new Set<string>();
    for (const finding of result.findings) {
      if (finding.span.start > asked.end || asked.start > finding.span.end) continue;
      const diagnostic = diagnosticOf(finding);
      finding.fixes.forEach((fix, i) => {
        actions.push(
          withEdit(
            { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred === true },
            { fix: i, span: finding.span, code: finding.code },
            () => fix.edits,
          ),
        );
      });
      const line = doc.positionAt(finding.span.start).line;
      if (disabled.has(`${line}:${finding.code}`)) continue;
      disabled.add(`${line}:${finding.code}`);
      actions.push(
        withEdit(
          { title: `Disable source-check for this line (${finding.code})`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] },
          { disable: line, code: finding.code },
          () => [disableNextLineEdit(doc, line, finding.code)],
        ),
      );
    }
  }

  if (wants(FIX_ALL_KIND)) {
    const unattributed = unattributedOf(result.findings);
    if (unattributed.length > 0) {
      actions.push(
        withEdit(
          {
            title: "Cite the backing source of every unattributed figure and quote",
            kind: FIX_ALL_KIND,
            diagnostics: unattributed.map(diagnosticOf),
          },
          { all: true },
          () => citeAllEdits(unattributed),
        ),
      );
    }
  }
  return actions;
}

const unattributedOf = (findings: Finding[]): Finding[] => findings.filter((f) => UNATTRIBUTED.has(f.code) && f.fixes.length > 0);
const citeAllEdits = (unattributed: Finding[]): TextEdit[] => mergeEdits(unattributed.map((f) => f.fixes[0].edits));

/**
 * A lazy code action with its edit, made from the check of the version the action was
 * offered for. Undefined when the draft has changed since, or the action is not one of ours:
 * the client then applies nothing.
 */
export function resolveCodeAction(draft: DraftResult, action: CodeAction, options: CodeActionOptions): CodeAction | undefined {
  const data = action.data as Partial<CodeActionData> | undefined;
  const { doc, result } = draft;
  if (!data || data.uri !== doc.uri || data.version !== doc.version || typeof data.what !== "object" || data.what === null)
    return undefined;
  const what = data.what;
  let edits: TextEdit[] | undefined;
  if ("all" in what) {
    const unattributed = unattributedOf(result.findings);
    if (unattributed.length > 0) edits = citeAllEdits(unattributed);
  } else if ("disable" in what && Number.isInteger(what.disable) && what.disable >= 0 && what.disable < doc.lineCount) {
    if (result.findings.some((f) => f.code === what.code)) edits = [disableNextLineEdit(doc, what.disable, what.code)];
  } else if ("fix" in what && what.span) {
    const finding = result.findings.find((f) => f.code === what.code && f.span.start === what.span.start && f.span.end === what.span.end);
    edits = finding?.fixes[what.fix]?.edits;
  }
  return edits ? { ...action, edit: workspaceEdit(doc, edits, options) } : undefined;
}

/**
 * One set of edits from several fixes: identical edits once (a footnote definition
 * that two fixes add), insertions at one place joined (citations before footnote
 * definitions), and any edit overlapping one already taken left out.
 */
export function mergeEdits(fixes: TextEdit[][]): TextEdit[] {
  const seen = new Set<string>();
  const unique: TextEdit[] = [];
  for (const e of fixes.flat()) {
    const key = `${e.span.start}:${e.span.end}:${e.newText}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(e);
  }
  const isDefinition = (e: TextEdit): boolean => /^\s*\[\^[^\]]+\]:/.test(e.newText);
  const inserts = new Map<number, TextEdit[]>();
  const replacements: TextEdit[] = [];
  for (const e of unique) {
    if (e.span.start === e.span.end) inserts.set(e.span.start, [...(inserts.get(e.span.start) ?? []), e]);
    else replacements.push(e);
  }
  const taken: TextEdit[] = [];
  const overlaps = (e: TextEdit): boolean => taken.some((t) => e.span.start < t.span.end && t.span.start < e.span.end);
  for (const e of replacements) if (!overlaps(e)) taken.push(e);
  for (const [at, group] of inserts) {
    // An insertion strictly inside a replaced span would be swallowed by it.
    if (taken.some((t) => t.span.start < at && at < t.span.end)) continue;
    const ordered = [...group.filter((e) => !isDefinition(e)), ...group.filter(isDefinition)];
    taken.push({ span: { start: at, end: at }, newText: ordered.map((e) => e.newText).join("") });
  }
  return taken.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** `<!-- source-check-disable-next-line CODE -->` above a line, or the code added to such a comment already there. */
export function disableNextLineEdit(doc: TextDocument, line: number, code: FindingCode): TextEdit {
  const text = doc.getText();
  const lineStart = doc.offsetAt({ line, character: 0 });
  if (line > 0) {
    const previousStart = doc.offsetAt({ line: line - 1, character: 0 });
    const previous = text.slice(previousStart, lineStart).replace(/\r?\n$|\r$/, "");
    const m = /^(\s*<!--\s*source-check-disable-next-line)((?:\s+[a-z-]+)+)(\s*-->\s*)$/.exec(previous);
    if (m) {
      const at = previousStart + m[1].length + m[2].length;
      return { span: { start: at, end: at }, newText: ` ${code}` };
    }
  }
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return {
    span: { start: lineStart, end: lineStart },
    newText: `${indent}<!-- source-check-disable-next-line ${code} -->${lineBreakOf(text)}`,
  };
}

function workspaceEdit(doc: TextDocument, edits: TextEdit[], options: CodeActionOptions): WorkspaceEdit {
  const lspEdits: LspTextEdit[] = edits.map((e) => ({ range: rangeIn(doc, e.span), newText: e.newText }));
  if (options.documentChanges) {
    return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: lspEdits }] };
  }
  return { changes: { [doc.uri]: lspEdits } };
}
