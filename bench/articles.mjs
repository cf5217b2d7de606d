// Deterministic generated source articles, varied: each from its own seed, with words
// drawn from a large made-up vocabulary (so rare words are rare, as in an archive),
// figures ("412 stations"), quotes with speakers and datelines. Used by the bench
// (`npm run bench`, the archive figures) and by the archive's store tests.

const SYLLABLES =
  "ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo".split(
    " ",
  );
const NOUNS =
  "stations residents workers patients voters farms schools tickets homes buses clinics bridges permits trees fans cases jobs seats lanes wells".split(
    " ",
  );
const VERBS = "reported counted opened closed approved recorded estimated found announced confirmed".split(" ");
const NAMES =
  "Alder Birch Cedar Dunmore Elgin Fairview Garnet Hollis Ivers Juniper Kestrel Linden Marlow Norwood Oakes Prescott Quill Rowan Sutter Thorne".split(
    " ",
  );
const PUBLISHERS = Array.from(
  { length: 40 },
  (_, i) => `The ${NAMES[i % NAMES.length]} ${["Courier", "Ledger", "Post", "Gazette"][i % 4]}`,
);

/** A small seeded PRNG (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = (() => {
  const r = random(7);
  const words = new Set();
  while (words.size < 20000) {
    const n = 2 + Math.floor(r() * 3);
    let w = "";
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
})();

/** A word of the vocabulary, Zipf-like: a few common, most rare. */
function word(r) {
  const u = r();
  return VOCABULARY[Math.floor(VOCABULARY.length * u * u * u)];
}

function sentence(r, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(word(r));
  return out.join(" ");
}

/** The article numbered `n`: its file name and text (YAML front matter, then Markdown). */
export function article(n, wordsPerArticle = 400) {
  const r = random(1000 + n);
  const id = `gen-${String(n).padStart(7, "0")}`;
  const publisher = PUBLISHERS[n % PUBLISHERS.length];
  const town = NAMES[Math.floor(r() * NAMES.length)];
  const year = 2015 + (n % 10);
  const month = 1 + (n % 12);
  const paragraphs = [];
  let words = 0;
  while (words < wordsPerArticle) {
    const sentences = [];
    for (let s = 0; s < 3; s++) {
      const kind = r();
      const noun = NOUNS[Math.floor(r() * NOUNS.length)];
      const value = Math.floor(r() * 5000) + 2;
      const speaker = `${NAMES[Math.floor(r() * NAMES.length)]} ${NAMES[Math.floor(r() * NAMES.length)]}`;
      let text;
      if (kind < 0.4)
        text = `The ${word(r)} ${VERBS[Math.floor(r() * VERBS.length)]} ${value.toLocaleString("en-US")} ${noun} in ${town} ${sentence(r, 6)}.`;
      else if (kind < 0.55) text = `“${capital(sentence(r, 9))},” said ${speaker}, the ${word(r)} ${word(r)}.`;
      else text = `${capital(sentence(r, 14))}.`;
      sentences.push(text);
      words += text.split(" ").length;
    }
    paragraphs.push(sentences.join(" "));
  }
  const text = `---\nid: ${id}\ntitle: ${capital(sentence(r, 5))}\npublisher: ${publisher}\ndate: ${year}-${String(month).padStart(2, "0")}\nurl: https://news.example/${id}\n---\n\n${town.toUpperCase()} — ${paragraphs.join("\n\n")}\n`;
  return { name: `${id}.md`, id, text };
}

function capital(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A draft of about `words` words that has never been seen: its own seed, figures and quotes taken from articles 0, 1 and 2 and made up. */
export function draft(words = 1000, seed = 99) {
  const r = random(seed);
  const parts = ["# A draft\n"];
  let n = 0;
  while (n < words) {
    const value = Math.floor(r() * 5000) + 2;
    const noun = NOUNS[Math.floor(r() * NOUNS.length)];
    const p = `${capital(sentence(r, 12))}, officials ${VERBS[Math.floor(r() * VERBS.length)]} ${value.toLocaleString("en-US")} ${noun}. “${capital(sentence(r, 8))},” said ${NAMES[Math.floor(r() * NAMES.length)]} ${NAMES[Math.floor(r() * NAMES.length)]}. ${capital(sentence(r, 15))}.`;
    parts.push(p);
    n += p.split(" ").length;
  }
  return parts.join("\n\n") + "\n";
}
