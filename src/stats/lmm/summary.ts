/**
 * formatLmmSummary: text laid out like lme4's print(summary(fit)). Number formatting follows R's
 * conventions approximately (common decimals per column), not byte for byte.
 */
import type { LmmFit } from "./types";

/** R's quantile type 7. */
function quantile7(sorted: readonly number[], prob: number): number {
  const h = (sorted.length - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Format a column to `sig` significant digits of its largest magnitude, common decimals, right-aligned. */
function formatColumn(values: readonly number[], sig: number): string[] {
  const finite = values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  const minMag = finite.length ? Math.min(...finite) : 1;
  const digits = Math.max(0, Math.min(10, sig - 1 - Math.floor(Math.log10(minMag))));
  const s = values.map((v) => (Number.isFinite(v) ? v.toFixed(digits) : "NaN"));
  const w = Math.max(...s.map((x) => x.length));
  return s.map((x) => x.padStart(w));
}

/** R's abbreviate(name, 6) approximately: drop lower-case vowels, then lower-case letters, from the right. */
export function abbreviate(name: string, minlength = 6): string {
  if (name.length <= minlength) return name;
  const chars = [...name];
  for (const re of [/[aeiou]/, /[a-z]/]) {
    for (let i = chars.length - 1; i > 0 && chars.length > minlength; i--) if (re.test(chars[i])) chars.splice(i, 1);
    if (chars.length <= minlength) break;
  }
  return chars.slice(0, Math.max(minlength, Math.min(chars.length, minlength))).join("");
}

function table(rows: string[][], alignLeft: boolean[]): string {
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((x, c) => (alignLeft[c] ? x.padEnd(w[c]) : x.padStart(w[c]))).join(" ").trimEnd()).join("\n");
}

export function formatLmmSummary(fit: LmmFit): string {
  const out: string[] = [];
  out.push(fit.REML ? "Linear mixed model fit by REML ['lmerMod']" : "Linear mixed model fit by maximum likelihood  ['lmerMod']");
  if (fit.formula) out.push(`Formula: ${fit.formula}`);
  out.push("");
  if (fit.REML) out.push(`REML criterion at convergence: ${(fit.REMLcrit as number).toFixed(1)}`);
  else {
    const head = ["AIC", "BIC", "logLik", "deviance", "df.resid"];
    const vals = [fit.AIC, fit.BIC, fit.logLik, fit.deviance as number].map((v) => v.toFixed(1)).concat(String(fit.dfResid));
    const w = Math.max(...head.map((h) => h.length), ...vals.map((v) => v.length)) + 1;
    out.push(head.map((h) => h.padStart(w)).join(" "));
    out.push(vals.map((v) => v.padStart(w)).join(" "));
  }
  out.push("");
  const sr = [...fit.scaledResiduals].sort((a, b) => a - b);
  const q = [0, 0.25, 0.5, 0.75, 1].map((p) => quantile7(sr, p));
  out.push("Scaled residuals: ");
  const qs = q.map((v) => v.toFixed(4));
  const qw = Math.max(...qs.map((s) => s.length), 6);
  out.push(["Min", "1Q", "Median", "3Q", "Max"].map((h) => h.padStart(qw)).join(" "));
  out.push(qs.map((s) => s.padStart(qw)).join(" "));
  out.push("");

  // Random effects
  out.push("Random effects:");
  const sdRows = fit.varcorr.filter((r) => r.var2 === null);
  const variances = formatColumn(sdRows.map((r) => r.vcov), 5);
  const sds = formatColumn(sdRows.map((r) => r.sdcor), 5);
  const rows: string[][] = [[" Groups", "Name", "Variance", "Std.Dev.", "Corr"]];
  let lastGroup = "";
  sdRows.forEach((r, i) => {
    const corr = fit.varcorr
      .filter((c) => c.group === r.group && c.var2 === r.var1 && c.var1 !== null)
      .map((c) => c.sdcor.toFixed(2).padStart(5));
    rows.push([
      r.group === lastGroup ? "" : ` ${r.group}`,
      r.var1 ?? "",
      variances[i],
      sds[i],
      corr.join(" "),
    ]);
    lastGroup = r.group;
  });
  out.push(table(rows, [true, true, false, false, true]));
  const groups = Object.entries(fit.ngroups).map(([g, k]) => `${g}, ${k}`).join("; ");
  out.push(`Number of obs: ${fit.nobs}, groups:  ${groups}`);
  out.push("");

  // Fixed effects
  if (fit.fixef.length === 0) {
    out.push("No fixed effect coefficients");
    if (fit.messages.length) out.push("", ...fit.messages);
    return out.join("\n");
  }
  out.push("Fixed effects:");
  const est = formatColumn(fit.fixef.map((r) => r.estimate), 4);
  const se = formatColumn(fit.fixef.map((r) => r.se), 4);
  const tv = fit.fixef.map((r) => r.t.toFixed(3));
  const frows = [["", "Estimate", "Std. Error", "t value"], ...fit.fixef.map((r, i) => [r.term, est[i], se[i], tv[i]])];
  out.push(table(frows, [true, false, false, false]));

  const p = fit.fixef.length;
  if (p > 1) {
    out.push("");
    out.push("Correlation of Fixed Effects:");
    const ab = fit.fixef.map((r) => abbreviate(r.term));
    const cr: string[][] = [["", ...ab.slice(0, p - 1)]];
    for (let i = 1; i < p; i++) {
      const row = [fit.fixef[i].term];
      for (let j = 0; j < p - 1; j++)
        row.push(j < i ? (fit.vcov[i][j] / Math.sqrt(fit.vcov[i][i] * fit.vcov[j][j])).toFixed(3) : "");
      cr.push(row);
    }
    out.push(table(cr, [true, false, false, false, false, false, false, false].slice(0, p)));
  }
  if (fit.messages.length) {
    out.push("");
    out.push(...fit.messages);
  }
  return out.join("\n");
}
