// What a figure counts, compared: the same noun, or nouns a news story uses for the
// same kind of thing ("people" and "nationals" and "suspects"; "stations" and
// "posts"). Stems, as `parsing/words.ts` makes them.

import { stem } from "../parsing/words.js";

const CLASSES: string[][] = [
  // people, counted
  "person people individual national citizen resident suspect target dissident expatriate migrant refugee worker victim member " +
    "civilian student child adult man woman patient voter immigrant emigrant fugitive detainee prisoner " +
    "fraudster criminal offender returnee activist journalist dissident family relative",
  // countries and the like
  "country nation state territory jurisdiction",
  // premises
  "station post office site location outlet centre center branch premise facility bureau",
  // documents and their parts
  "page",
  "report study document",
  // time
  "year", "month", "week", "day", "hour", "minute",
  // money
  "dollar $ us$ c$ a$", "euro €", "pound £", "yuan renminbi",
  "percent %",
].map((line) => line.split(" ").map((w) => stem(w)));

const CLASS_OF = new Map<string, string>();
for (const members of CLASSES) for (const m of members) CLASS_OF.set(m, members[0]);

/** The class a counted noun belongs to (itself when it is in none). */
export function nounClass(noun: string): string {
  return CLASS_OF.get(noun) ?? noun;
}

/** Whether two counted nouns can name the same thing. */
export function sameKindOfThing(a: string, b: string): boolean {
  return a === b || nounClass(a) === nounClass(b);
}
