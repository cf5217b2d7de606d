// The archive's pure parts: the config's "archive" field (an index inside the config's
// folder, a PostgreSQL URL with no password in it), and selection (corpus/store.ts):
// a small corpus whole, a big one by the rare terms a draft shares, the sources a
// draft names always, postings read within the budget.

import { strict as assert } from "node:assert";
import { parseProjectConfig } from "../../server/src/config/project-config.js";
import { draftQuery, MemoryStore, rankByTerms, SELECT_ALL_UP_TO, sourceTerms } from "../../server/src/corpus/store.js";
import type { Source } from "../../server/src/model.js";

function source(id: string, body: string, extra: Partial<Source> = {}): Source {
  const text = `---\nid: ${id}\ntitle: T\npublisher: The Wren Courier\n---\n\n${body}\n`;
  return {
    id,
    title: "T",
    publisher: "The Wren Courier",
    path: `/s/${id}.md`,
    text,
    bodyStart: text.indexOf(body),
    bundled: false,
    ...extra,
  };
}

describe("archive: the config's archive field", () => {
  const parse = (archive: unknown) => parseProjectConfig("/p/.source-check.json", JSON.stringify({ archive }));
  it("takes an index (true or a folder inside) or a postgres URL", () => {
    assert.deepEqual(parse({ index: true }), { config: { archive: { index: true } } });
    assert.deepEqual(parse({ index: "cache/idx" }), { config: { archive: { index: "cache/idx" } } });
    assert.deepEqual(parse({ postgres: "postgresql://db.internal/archive" }), {
      config: { archive: { postgres: "postgresql://db.internal/archive" } },
    });
  });
  it("refuses a password in the URL, an index outside the folder, and both or neither", () => {
    const message = (archive: unknown): string => {
      const r = parse(archive);
      assert.ok("problem" in r, JSON.stringify(r));
      return r.problem.message;
    };
    assert.match(
      message({ postgres: "postgresql://u:secret@db/a" }),
      /holds a password; credentials come from the environment \(PGPASSWORD/,
    );
    assert.match(message({ postgres: "postgresql://db/a?password=x" }), /holds a password/);
    assert.match(message({ postgres: "mysql://db/a" }), /is not a postgresql:\/\/ URL/);
    assert.match(message({ index: "../elsewhere" }), /"archive.index" "..\/elsewhere" lies outside the config file's folder/);
    assert.match(message({ index: "/abs" }), /lies outside/);
    assert.match(message({ index: true, postgres: "postgresql://db/a" }), /exactly one of "index" or "postgres"/);
    assert.match(message({}), /exactly one of/);
    assert.match(message("yes"), /"archive" must be an object/);
  });
});

describe("archive: selecting a draft's sources", () => {
  it("selects a corpus of at most SELECT_ALL_UP_TO sources whole, in corpus order", () => {
    const sources = Array.from({ length: SELECT_ALL_UP_TO }, (_, i) => source(`s-${i}`, `Nothing in common ${i}.`));
    const picked = new MemoryStore(sources).select(draftQuery("A draft about zebras."));
    assert.deepEqual(
      picked.sources.map((s) => s.id),
      sources.map((s) => s.id),
    );
  });

  it("in a big corpus, selects the sources sharing the draft's rare words and figures, and those it cites", () => {
    const sources = Array.from({ length: 300 }, (_, i) =>
      source(`s-${i}`, `The council met on Tuesday about roads and budgets, item ${i}.`),
    );
    sources[137] = source("s-137", "The Quillmoor ferry carried 4,812 passengers in its first month.");
    sources[5] = source("cited-one", "Unrelated words about gardens.");
    const picked = new MemoryStore(sources).select(draftQuery("The Quillmoor ferry carried 4812 passengers [@cited-one]."));
    const ids = picked.sources.map((s) => s.id);
    assert.equal(picked.total, 300);
    assert.ok(ids.includes("s-137"), ids.join(" "));
    assert.ok(ids.includes("cited-one"), ids.join(" "));
    assert.ok(ids.length <= 24 + 1, `${ids.length} selected`);
    assert.equal(ids.indexOf("cited-one") < ids.indexOf("s-137"), true, "corpus order");
  });

  it("reads the rarest terms' postings first and stops at the budget", () => {
    const read: string[] = [];
    const postings: Record<string, number[]> = { rare: [1], mid: [1, 2, 3], common: Array.from({ length: 1000 }, (_, i) => i) };
    const ranked = rankByTerms(
      { terms: ["common", "mid", "rare"], ids: [], urls: [] },
      1000,
      (t) => postings[t]?.length ?? 0,
      (t) => {
        read.push(t);
        return postings[t] ?? [];
      },
      2,
      10,
    );
    assert.deepEqual(read, ["rare", "mid"]);
    assert.deepEqual(ranked, [1, 2]);
  });

  it("gives a source's terms: stems, numbers as values, id, URL and publisher words", () => {
    const terms = sourceTerms(source("a-b", "Crews laid 1,200 metres of pipe.", { url: "https://x.example/a" }));
    for (const t of ["#1200", "id:a-b", "pub:wren", "pub:courier"]) assert.ok(terms.includes(t), `${t} in ${terms.join(" ")}`);
    assert.ok(terms.some((t) => t.startsWith("url:")));
  });
});
