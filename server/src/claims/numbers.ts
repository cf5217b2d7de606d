// Number normalisation: the one place that turns the ways news copy writes a
// number ("230,000", "230 000", "2.3 million", "fifty-four", "Three", "a dozen")
// into a value, and a value back into words for messages.

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = {
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  bn: 1e9,
  b: 1e9,
};

export const NUMBER_WORD = new RegExp(
  `(?:${Object.keys(TENS).join("|")})(?:[-\\s](?:${Object.keys(UNITS)
    .filter((u) => UNITS[u] > 0 && UNITS[u] < 10)
    .join("|")}))?|${Object.keys(UNITS).join("|")}|dozen`,
  "i",
);

export const SCALE_WORD = /^(?:hundred|thousand|million|billion|trillion)$/i;

/** The value of spelled-out number words ("fifty-four", "two hundred", "three million"), or undefined. */
export function wordsValue(text: string): number | undefined {
  const parts = text
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((p) => p && p !== "and");
  if (parts.length === 0) return undefined;
  let total = 0;
  let current = 0;
  let seen = false;
  for (const p of parts) {
    if (p === "a" && !seen) {
      current = 1;
      continue;
    }
    if (p === "dozen") {
      current = (current || 1) * 12;
      seen = true;
    } else if (UNITS[p] !== undefined) {
      current += UNITS[p];
      seen = true;
    } else if (TENS[p] !== undefined) {
      current += TENS[p];
      seen = true;
    } else if (SCALES[p] !== undefined && p.length > 2) {
      current = (current || 1) * SCALES[p];
      if (SCALES[p] >= 1000) {
        total += current;
        current = 0;
      }
      seen = true;
    } else {
      return undefined;
    }
  }
  return seen ? total + current : undefined;
}

/** The value of digits as news copy writes them: separators of thousands (",", thin or plain space), a decimal point. */
export function digitsValue(text: string): number {
  return Number(text.replace(/[,\u00a0\u202f ]/g, ""));
}

/** A magnitude word or abbreviation after a number ("million", "bn", "k"), as a multiplier. */
export function scaleValue(word: string): number | undefined {
  return SCALES[word.toLowerCase()];
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** A month's number (1–12) from its name or news abbreviation ("Dec.", "Sept."), or undefined. */
export function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m === w || (w.length >= 3 && m.startsWith(w) && (w.length === 3 || w === "sept")));
  return i >= 0 ? i + 1 : undefined;
}

export function monthName(month: number): string {
  const m = MONTHS[month - 1] ?? "";
  return m.charAt(0).toUpperCase() + m.slice(1);
}

/** A value written the way news copy writes it: "230,000", "2.3 million". */
export function formatNumber(value: number): string {
  if (value >= 1e6 && value % 1e5 === 0) {
    for (const [word, scale] of [
      ["billion", 1e9],
      ["million", 1e6],
    ] as const) {
      if (value >= scale) return `${+(value / scale).toFixed(2)} ${word}`;
    }
  }
  return value.toLocaleString("en-US", { maximumFractionDigits: 6 });
}

const FRACTION_WORDS: Record<string, number> = {
  half: 2,
  halves: 2,
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fourth: 4,
  fourths: 4,
  fifth: 5,
  fifths: 5,
  sixth: 6,
  sixths: 6,
  seventh: 7,
  sevenths: 7,
  eighth: 8,
  eighths: 8,
  ninth: 9,
  ninths: 9,
  tenth: 10,
  tenths: 10,
};

/** The denominator a fraction word names ("third" → 3, "quarters" → 4), or undefined. */
export function fractionDenominator(word: string): number | undefined {
  return FRACTION_WORDS[word.toLowerCase()];
}

export const FRACTION_WORD = new RegExp(
  Object.keys(FRACTION_WORDS)
    .sort((a, b) => b.length - a.length)
    .join("|"),
  "i",
);

/** The range a vague quantity allows ("dozens" of something is 24 to 99 of them; "tens of thousands" 20,000 to 99,999). */
export function vagueRange(words: string): { lo: number; hi: number } | undefined {
  const parts = words.toLowerCase().split(/\s+of\s+/);
  const base: Record<string, number> = { dozens: 12, scores: 20, hundreds: 100, thousands: 1e3, millions: 1e6, billions: 1e9 };
  let lo = 1;
  let hi = 1;
  parts.forEach((p, i) => {
    const b = p === "tens" ? 10 : base[p];
    if (b === undefined) {
      lo = NaN;
      return;
    }
    // The first plural is at least two of its kind ("hundreds": 200 to 999; "dozens": 24 to 99);
    // "of thousands" after it multiplies ("tens of thousands": 20,000 to 99,999).
    if (i === 0) {
      lo = 2 * b;
      hi = b === 12 ? 99 : 10 * b - 1;
    } else {
      lo *= b;
      hi = (hi + 1) * b - 1;
    }
  });
  if (Number.isNaN(lo)) return undefined;
  return { lo, hi: Math.round(hi) };
}

/**
 * The place of a number's last non-zero digit, no finer than `step` (the place of the
 * last digit written): 230,000 → 10,000; 26.3 (step 0.1) → 0.1; 1,150 → 10. A writer's
 * "about" rounds to it.
 */
export function lastDigitPlace(value: number, step: number): number {
  if (!(step > 0) || value === 0) return step > 0 ? step : 1;
  let place = step;
  for (let i = 0; i < 20; i++) {
    const next = place * 10;
    const q = Math.abs(value) / next;
    if (Math.abs(q - Math.round(q)) > 1e-9 * Math.max(1, q)) break;
    place = next;
  }
  return place;
}

/** The place of the last digit written in digits ("1,420.3" → 0.1, "230,000" → 1). */
export function writtenStep(digits: string): number {
  const dot = digits.indexOf(".");
  return dot < 0 ? 1 : 10 ** -(digits.length - dot - 1);
}

/** A value with floating-point noise from unit conversion rounded away. */
export function clean(value: number): number {
  return Number(value.toPrecision(12));
}
