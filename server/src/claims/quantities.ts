// What a number is measured in: the one place that reads a unit beside a number and
// says which units are one. Percent is percent however it is spelled ("2.4%", "2.4 per
// cent", "2.4 percent"); percentage points and basis points are their own unit, in
// points ("150 basis points" = "1.5 percentage points", never "1.5%"); money carries
// its currency ("$2.8 million" = "2.8 million dollars", "52 cents" = $0.52); physical
// measures are converted to SI base units by js-quantities ("15.5 km" = "15.5km" =
// 15,500 m; "70 km/h" = "43.5 mph"), so a unit's spelling, a space or a hyphen never
// makes two equal figures differ; ages are years of age ("aged 37" = "37-year-old").

import Qty from "js-quantities";
import type { FigureValue } from "../model.js";
import { clean, lastDigitPlace } from "./numbers.js";

/** A unit read beside a number: its canonical name, how to bring the number to it, and how much text it took. */
export interface UnitRead {
  unit: string;
  /** canonical = number × factor + offset (an offset only for temperatures). */
  factor: number;
  offset: number;
  length: number;
}

export const PERCENT = "percent";
export const POINTS = "percentage-point";
export const AGE = "age";
export const TIMES = "times";

/** A unit by its canonical name, or by the js-quantities unit its value converts through. */
type Target = { unit: string; factor?: number } | { qty: string };

// Spellings news copy uses after a number. `word` spellings are case-blind and need a
// space or a hyphen before them unless `glued`; `symbol` spellings are case-exact and
// may stand glued to the digits ("15.5km", "12kg", "2.4%").
interface Spelling {
  re: RegExp;
  target: Target;
  glued?: boolean;
}

// One optional space inside a spelling ("per cent", "km/h") may be a line break of either ending.
const lineBreaks = (source: string): string =>
  source.replaceAll(String.raw`[\s-]?`, String.raw`(?:\r\n|[\s-])?`).replaceAll(String.raw`\s?`, String.raw`(?:\r\n|\s)?`);
const word = (source: string, target: Target): Spelling => ({
  re: new RegExp(`^(?:${lineBreaks(source)})(?![\\p{L}\\p{N}])`, "iu"),
  target,
});
const symbol = (source: string, target: Target): Spelling => ({
  re: new RegExp(`^(?:${lineBreaks(source)})(?![\\p{L}\\p{N}])`, "u"),
  target,
  glued: true,
});
const METRE = String.raw`met(?:re|er)s?`;

const SPELLINGS: Spelling[] = [
  // Shares and their changes.
  symbol("%", { unit: PERCENT }),
  word(String.raw`per[\s-]?cent|pct`, { unit: PERCENT }),
  word(String.raw`percentage[\s-]points?|pct\.?\s+points?|ppts?`, { unit: POINTS }),
  symbol("pp", { unit: POINTS }),
  word(String.raw`basis[\s-]points?|bps`, { unit: POINTS, factor: 0.01 }),
  symbol("bp", { unit: POINTS, factor: 0.01 }),
  // Money written after the number.
  word(String.raw`(?:US|U\.S\.|American)\s+dollars?`, { unit: "US$" }),
  word(String.raw`Canadian\s+dollars?`, { unit: "C$" }),
  word(String.raw`Australian\s+dollars?`, { unit: "A$" }),
  word(String.raw`dollars?`, { unit: "$" }),
  word(String.raw`cents?`, { unit: "$", factor: 0.01 }),
  word(String.raw`euros?`, { unit: "€" }),
  word(String.raw`euro[\s-]?cents?`, { unit: "€", factor: 0.01 }),
  word(String.raw`pounds?\s+sterling|sterling`, { unit: "£" }),
  word(String.raw`pence`, { unit: "£", factor: 0.01 }),
  word(String.raw`yen`, { unit: "¥" }),
  word(String.raw`yuan|renminbi`, { unit: "yuan" }),
  word(String.raw`rupees?`, { unit: "₹" }),
  // How often ("three times", as "twice").
  word(String.raw`times`, { unit: TIMES }),
  // Ages.
  word(String.raw`years?[\s-]old|years?\s+of\s+age`, { unit: AGE }),
  // Speeds before lengths: "km/h" is not "km".
  symbol(String.raw`km\/h|km\/hr|kph|kmh|km\s?\/\s?h`, { qty: "kph" }),
  word(String.raw`kilomet(?:re|er)s?\s+(?:an|per)\s+hour`, { qty: "kph" }),
  symbol("mph", { qty: "mph" }),
  word(String.raw`miles?\s+(?:an|per)\s+hour`, { qty: "mph" }),
  symbol(String.raw`m\/s`, { qty: "m/s" }),
  word(String.raw`knots?`, { qty: "knot" }),
  // Areas before lengths: "square kilometres" is not "kilometres".
  symbol(String.raw`km2|km²|sq\.?\s?km`, { qty: "km^2" }),
  word(String.raw`square\s+kilomet(?:re|er)s?`, { qty: "km^2" }),
  symbol(String.raw`m2|m²`, { qty: "m^2" }),
  word(String.raw`square\s+${METRE}`, { qty: "m^2" }),
  word(String.raw`square\s+miles?|sq\.?\s?mi(?:les?)?`, { qty: "mi^2" }),
  word(String.raw`square\s+f(?:ee|oo)t|sq\.?\s?ft`, { qty: "ft^2" }),
  symbol("ha", { qty: "hectare" }),
  word(String.raw`hectares?`, { qty: "hectare" }),
  word(String.raw`acres?`, { qty: "acre" }),
  // Lengths.
  symbol("km|kms", { qty: "km" }),
  word(String.raw`kilomet(?:re|er)s?`, { qty: "km" }),
  word(METRE, { qty: "m" }),
  symbol("cm", { qty: "cm" }),
  word(String.raw`centimet(?:re|er)s?`, { qty: "cm" }),
  symbol("mm", { qty: "mm" }),
  word(String.raw`millimet(?:re|er)s?`, { qty: "mm" }),
  // "the 412m bridge" (a bare "m" for a million is read before this, with money or before a plural).
  symbol("m", { qty: "m" }),
  word(String.raw`miles?`, { qty: "mi" }),
  symbol("ft", { qty: "ft" }),
  word(String.raw`feet|foot`, { qty: "ft" }),
  word(String.raw`inch(?:es)?`, { qty: "in" }),
  word(String.raw`yards?`, { qty: "yd" }),
  // Masses ("pounds" alone may be money or weight: it is its own unit, converted to neither).
  symbol("kg|kgs", { qty: "kg" }),
  word(String.raw`kilo(?:gram(?:me)?)?s?`, { qty: "kg" }),
  symbol("g", { qty: "g" }),
  word(String.raw`gram(?:me)?s?`, { qty: "g" }),
  symbol("mg", { qty: "mg" }),
  word(String.raw`milligram(?:me)?s?`, { qty: "mg" }),
  symbol("t", { qty: "tonne" }),
  word(String.raw`tonnes?|metric\s+tons?`, { qty: "tonne" }),
  word(String.raw`tons?`, { unit: "ton" }),
  symbol("lbs?", { qty: "lb" }),
  word(String.raw`pounds?`, { unit: "pound" }),
  word(String.raw`ounces?|oz`, { qty: "oz" }),
  // Volumes.
  symbol("L|l", { qty: "L" }),
  word(String.raw`lit(?:re|er)s?`, { qty: "L" }),
  symbol("ml|mL", { qty: "ml" }),
  word(String.raw`millilit(?:re|er)s?`, { qty: "ml" }),
  word(String.raw`gallons?|gal`, { qty: "gal" }),
  // Temperatures (converted with their offset).
  symbol(String.raw`°\s?C|ºC|C`, { qty: "tempC" }),
  word(String.raw`degrees?\s+(?:Celsius|centigrade|C)`, { qty: "tempC" }),
  symbol(String.raw`°\s?F|ºF|F`, { qty: "tempF" }),
  word(String.raw`degrees?\s+(?:Fahrenheit|F)`, { qty: "tempF" }),
  // Power and energy.
  symbol("kW|MW|GW", { qty: "" }),
  word(String.raw`kilowatts?`, { qty: "kW" }),
  word(String.raw`megawatts?`, { qty: "MW" }),
  word(String.raw`gigawatts?`, { qty: "GW" }),
  symbol("kWh|MWh|GWh|TWh", { qty: "" }),
  word(String.raw`kilowatt[\s-]hours?`, { qty: "kWh" }),
  word(String.raw`megawatt[\s-]hours?`, { qty: "MWh" }),
  word(String.raw`gigawatt[\s-]hours?`, { qty: "GWh" }),
];

/**
 * Whether any spelling could stand at the start of a text: all of them in one
 * case-blind pattern, so that the text after most numbers (" people", ", the") is
 * ruled out in one match rather than one a spelling. It matches wherever one of them
 * does (it is their union, case-blind), so the spellings are tried in order only then.
 */
const ANY_SPELLING = new RegExp(`^(?:${SPELLINGS.map((s) => s.re.source.replace(/^\^/, "")).join("|")})`, "iu");

/** js-quantities' reading of one unit, once per unit: its base unit, factor and offset. */
const conversions = new Map<string, { unit: string; factor: number; offset: number } | undefined>();

function convert(name: string): { unit: string; factor: number; offset: number } | undefined {
  if (conversions.has(name)) return conversions.get(name);
  let found: { unit: string; factor: number; offset: number } | undefined;
  try {
    const zero = Qty(`0 ${name}`).toBase();
    const one = Qty(`1 ${name}`).toBase();
    found = { unit: one.units(), factor: one.scalar - zero.scalar, offset: zero.scalar };
  } catch {
    found = undefined;
  }
  conversions.set(name, found);
  return found;
}

/**
 * The unit that stands right after a number ("%", " per cent", " basis points", "km",
 * "-km", " km/h", " hectares", " dollars", " cents", "-year-old"), if any. `glued`
 * is whether the text follows the digits without a space.
 */
export function unitAfter(after: string): UnitRead | undefined {
  // A line break is one separator whatever its line ending ("2.4\r\npercent" is "2.4\npercent").
  const sep = /^(?:\r\n|[\s\u00a0]|-(?=\p{L})|)/u.exec(after)![0];
  const rest = after.slice(sep.length);
  if (!rest || !ANY_SPELLING.test(rest)) return undefined;
  for (const s of SPELLINGS) {
    if (sep === "" && !s.glued) continue;
    const m = s.re.exec(rest);
    if (!m) continue;
    const target = s.target;
    if ("unit" in target) return { unit: target.unit, factor: target.factor ?? 1, offset: 0, length: sep.length + m[0].length };
    const c = convert(target.qty || m[0]);
    if (!c) continue;
    return { unit: c.unit, factor: c.factor, offset: c.offset, length: sep.length + m[0].length };
  }
  return undefined;
}

/** The currency a symbol or code before a number names ("$", "US$", "C$", "€", "£", "USD "), canonical. */
export function currencyOf(written: string): string {
  const w = written.trim().replace(/\s+/g, "").replace(/\./g, "").toUpperCase();
  if (w === "$") return "$";
  if (w === "US$" || w === "USD" || w === "U$") return "US$";
  if (w === "C$" || w === "CA$" || w === "CAD") return "C$";
  if (w === "A$" || w === "AU$" || w === "AUD") return "A$";
  if (w.endsWith("$")) return w;
  if (w === "€" || w === "EUR") return "€";
  if (w === "£" || w === "GBP") return "£";
  if (w === "¥" || w === "JPY") return "¥";
  if (w === "₹" || w === "INR" || w === "RS") return "₹";
  return w;
}

/**
 * Whether two figures' units measure the same thing, so their values compare: the same
 * canonical unit, or a plain "$" beside a named dollar ("$" and "US$"). Two figures
 * without a unit compare too.
 */
export function sameUnit(a: string | undefined, b: string | undefined): boolean {
  if ((a ?? "") === (b ?? "")) return true;
  if (!a || !b) return false;
  return (a === "$" && b.endsWith("$")) || (b === "$" && a.endsWith("$"));
}

/** Whether a unit is one of the quantity model's (not a noun joined by a hyphen, as "page" in "21-page"). */
export function isMeasure(unit: string | undefined): boolean {
  if (!unit) return false;
  return (
    unit === PERCENT || unit === POINTS || unit === AGE || unit === TIMES || /[$€£¥₹]|^yuan$|^ton$|^pound$/.test(unit) || isPhysical(unit)
  );
}

/** Whether a unit measures a physical quantity (a length, an area, a mass, a speed, a temperature), in its base unit. */
export function isPhysical(unit: string | undefined): boolean {
  return !!unit && /^(?:m|m2|m3|kg|m\/s|tempK)$|\*/.test(unit);
}

/** Whether a unit is a share or a change of one (percent, percentage points): what it is of is its noun. */
export function isShare(unit: string | undefined): boolean {
  return unit === PERCENT || unit === POINTS;
}

/** What a unit says a figure is, as a thing to compare: money by its currency's family ("$", "US$" → dollar). */
export function unitThing(unit: string): string {
  if (unit.endsWith("$")) return "dollar";
  if (unit === "€") return "euro";
  if (unit === "£") return "pound";
  return unit;
}

/**
 * Which of its sentence's figures a figure is counted among for its place in the
 * sentence: dates among dates, shares (percent, points) among shares, other counts
 * among counts. "the first share in the sentence" is how a share with no noun is
 * matched to a source's ("profit drops 45%" to "profit down 40 percent").
 */
export function slotKind(value: { type: string }, unit: string | undefined): string {
  return value.type === "count" && isShare(unit) ? "share" : value.type;
}

/** The next ordinal of a kind in a sentence's running count. */
export function nextSlot(seen: Map<string, number>, kind: string): number {
  const n = seen.get(kind) ?? 0;
  seen.set(kind, n + 1);
  return n;
}

/**
 * The keys a source figure's value is indexed under: the value itself and the value
 * rounded to each coarser place, so a draft that rounded it ("about 26" for 26.3,
 * "$1.42 billion" for "$1,420.3 million") finds it under its own value.
 */
export function sourceValueKeys(v: FigureValue): string[] {
  if (v.type === "score") return [`score:${v.a}-${v.b}`, `score:${v.b}-${v.a}`];
  if (v.type === "time") return [`time:${v.minutes}`];
  if (v.type !== "count") return [];
  const keys = new Set<string>();
  for (const x of v.upper !== undefined ? [v.value, v.upper] : [v.value]) {
    keys.add(`value:${x}`);
    const top = 10 ** Math.floor(Math.log10(Math.abs(x) || 1));
    for (let place = Math.min(v.step ?? 1, top); place <= top + 1e-9; place *= 10)
      keys.add(`value:${clean(Math.round(x / place) * place)}`);
  }
  return [...keys];
}

/** The keys a draft figure's value looks its backers up by: its value, and for "nearly", one step below. */
export function draftValueKeys(v: FigureValue): string[] {
  if (v.type === "score") return [`score:${v.a}-${v.b}`];
  if (v.type === "time") return [`time:${v.minutes}`];
  if (v.type !== "count") return [];
  const keys = [`value:${v.value}`];
  if (v.upper !== undefined) keys.push(`value:${v.upper}`);
  if (v.hedge === "nearly") keys.push(`value:${clean(v.value - lastDigitPlace(v.value, v.step ?? 1))}`);
  return keys;
}
