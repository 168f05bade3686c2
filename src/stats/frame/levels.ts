/**
 * Factor levels as R makes them: `factor(x)` sorts the distinct values, numerically for
 * numbers and by the locale's collation for strings (R sorts "a" < "A" < "b").
 */

const collator = new Intl.Collator("en");

/** R's `sort()` order for strings: locale collation, ties broken by code points. */
export function compareStrings(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** How R prints a number as a factor label: up to 15 significant digits. */
export function formatNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  return String(Number(v.toPrecision(15)));
}

/** Distinct values of a column, sorted as R sorts factor levels, as labels. */
export function sortedLevels(values: Iterable<string | number | boolean>): string[] {
  const distinct = [...new Set(values)];
  if (distinct.every((v) => typeof v === "number")) return (distinct as number[]).sort((a, b) => a - b).map(formatNumber);
  if (distinct.every((v) => typeof v === "boolean")) return (distinct as boolean[]).sort((a, b) => Number(a) - Number(b)).map((b) => (b ? "TRUE" : "FALSE"));
  return [...new Set(distinct.map(label))].sort(compareStrings);
}

/** The factor label of one value. */
export function label(v: string | number | boolean): string {
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}

/** Missing as R's read.csv and na.omit see it: null, undefined, NaN, "", "NA". */
export function isMissing(v: unknown): boolean {
  return v === null || v === undefined || v === "" || v === "NA" || (typeof v === "number" && Number.isNaN(v));
}
