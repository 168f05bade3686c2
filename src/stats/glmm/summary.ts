/**
 * formatGlmmSummary: text laid out like lme4's print(summary(glmerFit)). Numbers follow R's
 * conventions approximately (common decimals per column), not byte for byte.
 */
import { abbreviate } from "../lmm/summary";
import type { GlmmFit } from "./types";

function quantile7(sorted: readonly number[], prob: number): number {
  const h = (sorted.length - 1) * prob;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** `sig` significant digits of the column's smallest non-zero magnitude, common decimals. */
function formatColumn(values: readonly number[], sig: number): string[] {
  const finite = values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  const minMag = finite.length ? Math.min(...finite) : 1;
  const digits = Math.max(0, Math.min(10, sig - 1 - Math.floor(Math.log10(minMag))));
  return values.map((v) => (Number.isFinite(v) ? v.toFixed(digits) : "NaN"));
}

/** R's format.pval for the Pr(>|z|) column, with "< 2e-16" below machine precision. */
function formatP(p: number): string {
  if (!Number.isFinite(p)) return "NA";
  if (p < 2e-16) return "< 2e-16";
  return p < 1e-4 ? p.toExponential(2).replace(/e([+-])(\d)$/, "e$10$2") : p.toPrecision(4).replace(/0+$/, "").replace(/\.$/, "");
}

function stars(p: number): string {
  return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
}

function table(rows: string[][], alignLeft: boolean[]): string {
  const w = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((x, c) => (alignLeft[c] ? x.padEnd(w[c]!) : x.padStart(w[c]!))).join(" ").trimEnd()).join("\n");
}

export function formatGlmmSummary(fit: GlmmFit): string {
  const out: string[] = [];
  const method = fit.nAGQ > 1 ? `Adaptive Gauss-Hermite Quadrature, nAGQ = ${fit.nAGQ}` : "Laplace Approximation";
  out.push(`Generalized linear mixed model fit by maximum likelihood (${method}) ['glmerMod']`);
  out.push(` Family: ${fit.family}  ( ${fit.link} )`);
  if (fit.formula) out.push(`Formula: ${fit.formula}`);
  out.push("");
  const head = ["AIC", "BIC", "logLik", "-2*log(L)", "df.resid"];
  const vals = [fit.AIC, fit.BIC, fit.logLik, fit.minus2logLik].map((v) => v.toFixed(1)).concat(String(fit.dfResid));
  const w = Math.max(...head.map((h) => h.length), ...vals.map((v) => v.length)) + 1;
  out.push(head.map((h) => h.padStart(w)).join(" "));
  out.push(vals.map((v) => v.padStart(w)).join(" "));
  if (fit.nAGQ > 1) out.push(`(absolute scale; lme4 prints logLik ${fit.lme4LogLik.toFixed(1)} for nAGQ > 1, leaving out the saturated-model constant)`);
  out.push("");
  const sr = [...fit.pearsonResiduals].sort((a, b) => a - b);
  const qs = [0, 0.25, 0.5, 0.75, 1].map((p) => quantile7(sr, p).toFixed(4));
  const qw = Math.max(...qs.map((s) => s.length), 6);
  out.push("Scaled residuals: ");
  out.push(["Min", "1Q", "Median", "3Q", "Max"].map((h) => h.padStart(qw)).join(" "));
  out.push(qs.map((s) => s.padStart(qw)).join(" "));
  out.push("");

  out.push("Random effects:");
  const sdRows = fit.varcorr.filter((r) => r.var2 === null);
  const variances = formatColumn(sdRows.map((r) => r.vcov), 4);
  const sds = formatColumn(sdRows.map((r) => r.sdcor), 4);
  const rows: string[][] = [[" Groups", "Name", "Variance", "Std.Dev.", "Corr"]];
  let lastGroup = "";
  sdRows.forEach((r, i) => {
    const corr = fit.varcorr
      .filter((c) => c.group === r.group && c.var2 === r.var1 && c.var1 !== null)
      .map((c) => c.sdcor.toFixed(2).padStart(5));
    rows.push([r.group === lastGroup ? "" : ` ${r.group}`, r.var1 ?? "", variances[i]!, sds[i]!, corr.join(" ")]);
    lastGroup = r.group;
  });
  if (!rows.slice(1).some((r) => r[4])) rows.forEach((r) => r.pop());
  out.push(table(rows, [true, true, false, false, true]));
  const groups = Object.entries(fit.ngroups).map(([g, k]) => `${g}, ${k}`).join("; ");
  out.push(`Number of obs: ${fit.nobs}, groups:  ${groups}`);
  out.push("");

  out.push("Fixed effects:");
  const est = formatColumn(fit.fixef.map((r) => r.estimate), 4);
  const se = formatColumn(fit.fixef.map((r) => r.se), 4);
  const frows = [
    ["", "Estimate", "Std. Error", "z value", "Pr(>|z|)", ""],
    ...fit.fixef.map((r, i) => [r.term, est[i]!, se[i]!, r.z.toFixed(3), formatP(r.p), stars(r.p)]),
  ];
  out.push(table(frows, [true, false, false, false, false, true]));
  out.push("---");
  out.push("Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1");

  const p = fit.fixef.length;
  if (p > 1) {
    out.push("");
    out.push("Correlation of Fixed Effects:");
    const ab = fit.fixef.map((r) => abbreviate(r.term));
    const cr: string[][] = [["", ...ab.slice(0, p - 1)]];
    for (let i = 1; i < p; i++) {
      const row = [fit.fixef[i]!.term];
      for (let j = 0; j < p - 1; j++)
        row.push(j < i ? (fit.vcov[i]![j]! / Math.sqrt(fit.vcov[i]![i]! * fit.vcov[j]![j]!)).toFixed(3) : "");
      cr.push(row);
    }
    out.push(table(cr, [true, ...new Array<boolean>(p - 1).fill(false)]));
  }
  if (fit.messages.length) {
    out.push("");
    out.push(...fit.messages);
  }
  return out.join("\n");
}
