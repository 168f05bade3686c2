/**
 * Pieces shared by the lme4-style printed summaries (lmer's and glmer's): R's quantile type 7, column
 * formatting with common decimals, aligned tables, R's abbreviate(), and the "Scaled residuals" and
 * "Random effects" blocks, which the two summaries print the same way.
 */
import type { VarCorrRow } from "./lmm/types";

/** R's quantile type 7 of sorted values. */
export function quantile7(sorted: readonly number[], prob: number): number {
  const h = (sorted.length - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** A column to `sig` significant digits of its smallest non-zero magnitude, with common decimals. */
export function formatColumn(values: readonly number[], sig: number): string[] {
  const finite = values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  const minMag = finite.length ? Math.min(...finite) : 1;
  const digits = Math.max(0, Math.min(10, sig - 1 - Math.floor(Math.log10(minMag))));
  return values.map((v) => (Number.isFinite(v) ? v.toFixed(digits) : "NaN"));
}

/** R's abbreviate(name, 6) approximately: drop lower-case vowels, then lower-case letters, from the right. */
export function abbreviate(name: string, minlength = 6): string {
  if (name.length <= minlength) return name;
  const chars = [...name];
  for (const re of [/[aeiou]/, /[a-z]/]) {
    for (let i = chars.length - 1; i > 0 && chars.length > minlength; i--) if (re.test(chars[i]!)) chars.splice(i, 1);
    if (chars.length <= minlength) break;
  }
  return chars.slice(0, Math.max(minlength, Math.min(chars.length, minlength))).join("");
}

/** Rows as aligned columns (left or right per column), trailing spaces trimmed. */
export function table(rows: string[][], alignLeft: boolean[]): string {
  const w = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((x, c) => (alignLeft[c] ? x.padEnd(w[c]!) : x.padStart(w[c]!))).join(" ").trimEnd()).join("\n");
}

/** "Scaled residuals:" with the five-number summary, as summary.merMod prints it. */
export function scaledResidualLines(residuals: readonly number[]): string[] {
  const sorted = [...residuals].sort((a, b) => a - b);
  const qs = [0, 0.25, 0.5, 0.75, 1].map((p) => quantile7(sorted, p).toFixed(4));
  const w = Math.max(...qs.map((s) => s.length), 6);
  return ["Scaled residuals: ", ["Min", "1Q", "Median", "3Q", "Max"].map((h) => h.padStart(w)).join(" "), qs.map((s) => s.padStart(w)).join(" "), ""];
}

/**
 * "Random effects:" (Groups, Name, Variance, Std.Dev., Corr) and the "Number of obs" line.
 * `dropEmptyCorr` leaves out the Corr column when no term has a correlation (glmer prints it so).
 */
export function randomEffectsLines(varcorr: readonly VarCorrRow[], ngroups: Record<string, number>, nobs: number, sig: number, dropEmptyCorr: boolean): string[] {
  const sdRows = varcorr.filter((r) => r.var2 === null);
  const variances = formatColumn(sdRows.map((r) => r.vcov), sig);
  const sds = formatColumn(sdRows.map((r) => r.sdcor), sig);
  const rows: string[][] = [[" Groups", "Name", "Variance", "Std.Dev.", "Corr"]];
  let lastGroup = "";
  sdRows.forEach((r, i) => {
    const corr = varcorr.filter((c) => c.group === r.group && c.var2 === r.var1 && c.var1 !== null).map((c) => c.sdcor.toFixed(2).padStart(5));
    rows.push([r.group === lastGroup ? "" : ` ${r.group}`, r.var1 ?? "", variances[i]!, sds[i]!, corr.join(" ")]);
    lastGroup = r.group;
  });
  if (dropEmptyCorr && !rows.slice(1).some((r) => r[4])) rows.forEach((r) => r.pop());
  const groups = Object.entries(ngroups).map(([g, k]) => `${g}, ${k}`).join("; ");
  return ["Random effects:", table(rows, [true, true, false, false, true]), `Number of obs: ${nobs}, groups:  ${groups}`, ""];
}

/** "Correlation of Fixed Effects:" (lower triangle, abbreviated names), printed when there are two or more. */
export function fixedCorrelationLines(terms: readonly string[], vcov: readonly (readonly number[])[]): string[] {
  const p = terms.length;
  if (p < 2) return [];
  const rows: string[][] = [["", ...terms.slice(0, p - 1).map((t) => abbreviate(t))]];
  for (let i = 1; i < p; i++) {
    const row = [terms[i]!];
    for (let j = 0; j < p - 1; j++) row.push(j < i ? (vcov[i]![j]! / Math.sqrt(vcov[i]![i]! * vcov[j]![j]!)).toFixed(3) : "");
    rows.push(row);
  }
  return ["", "Correlation of Fixed Effects:", table(rows, [true, ...new Array<boolean>(p - 1).fill(false)])];
}
