// The TextMate injection that lets themes colour citations, tokenised by the same
// engine VS Code uses (vscode-textmate with the Oniguruma WASM build), injected
// into a minimal Markdown host grammar with the scopes it must respect.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";

const require = createRequire(import.meta.url);
const injection = JSON.parse(readFileSync(resolve(process.cwd(), "syntaxes/source-check.injection.json"), "utf8"));

// A small stand-in for VS Code's Markdown grammar: paragraphs, inline code and fenced code.
const markdownHost = {
  scopeName: "text.html.markdown",
  patterns: [
    { begin: "^```", end: "^```", name: "markup.fenced_code.block.markdown" },
    { match: "`[^`]*`", name: "markup.inline.raw.string.markdown" },
  ],
};

async function registry(): Promise<vsctm.Registry> {
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  return new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope: string) => {
      const grammar = scope === "text.html.markdown" ? markdownHost : scope === injection.scopeName ? injection : null;
      return grammar ? vsctm.parseRawGrammar(JSON.stringify(grammar), `${scope}.json`) : null;
    },
    getInjections: (scope: string) => (scope === "text.html.markdown" ? [injection.scopeName] : undefined),
  });
}

/** The scopes of the token that covers `needle` in `line`. */
function scopesAt(grammar: vsctm.IGrammar, lines: string[], lineNo: number, needle: string): string[] {
  let state = vsctm.INITIAL;
  let result: vsctm.ITokenizeLineResult | undefined;
  for (let i = 0; i <= lineNo; i++) {
    result = grammar.tokenizeLine(lines[i], state);
    state = result.ruleStack;
  }
  const at = lines[lineNo].indexOf(needle);
  assert.ok(at >= 0, `${needle} is not on line ${lineNo}`);
  const token = result!.tokens.find((t) => t.startIndex <= at && at < t.endIndex)!;
  return token.scopes;
}

describe("citation grammar", () => {
  let grammar: vsctm.IGrammar;
  before(async () => {
    grammar = (await (await registry()).loadGrammar("text.html.markdown"))!;
  });

  it("scopes a Pandoc citation's key", () => {
    const scopes = scopesAt(grammar, ["China opened 54 stations [@ctv-news]."], 0, "ctv-news");
    assert.ok(scopes.includes("meta.citation.pandoc.markdown"), scopes.join(" "));
    assert.ok(scopes.includes("entity.name.reference.citation-key.markdown"), scopes.join(" "));
  });

  it("scopes each key of a grouped citation with a locator", () => {
    const line = ["It said so [@ctv-news, p. 2; @naija-times]."];
    assert.ok(scopesAt(grammar, line, 0, "naija-times").includes("entity.name.reference.citation-key.markdown"));
    assert.ok(scopesAt(grammar, line, 0, "p. 2").includes("string.unquoted.citation.locator.markdown"));
  });

  it("scopes a footnote reference but not its definition", () => {
    const lines = ["Three are in Toronto.[^ctv]", "", "[^ctv]: CTV News Toronto."];
    assert.ok(scopesAt(grammar, lines, 0, "ctv").includes("entity.name.reference.footnote-label.markdown"));
    assert.ok(!scopesAt(grammar, lines, 2, "ctv").includes("meta.footnote.reference.markdown"));
  });

  it("leaves citations in code alone", () => {
    const lines = ["Write `[@ctv-news]` to cite.", "```", "[@naija-times]", "```"];
    assert.ok(!scopesAt(grammar, lines, 0, "ctv-news").includes("meta.citation.pandoc.markdown"));
    assert.ok(!scopesAt(grammar, lines, 2, "naija-times").includes("meta.citation.pandoc.markdown"));
  });

  it("does not take an email address or plain brackets for a citation", () => {
    const lines = ["Mail desk@example.com [see above]."];
    assert.ok(!scopesAt(grammar, lines, 0, "example").includes("meta.citation.pandoc.markdown"));
    assert.ok(!scopesAt(grammar, lines, 0, "see").includes("meta.citation.pandoc.markdown"));
  });
});
