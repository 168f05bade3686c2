import type { LmFit } from "./types";

/** Where the fit came from, for the summary's header. */
export interface SummaryContext {
  readonly formula: string;
  readonly data?: string;
}

/** An lme4-style text summary of a least-squares fit (criteria, coefficient table, σ). */
export function formatLmSummary(fit: LmFit, context: SummaryContext): string {
  const lines = ["Linear model fit by least squares", `Formula: ${context.formula}`];
  if (context.data) lines.push(`   Data: ${context.data}`);
  lines.push("", table([["AIC", "BIC", "logLik", "deviance", "df.resid"], [fit.AIC, fit.BIC, fit.logLik, fit.deviance, fit.dfResid].map((x) => fmt(x, 1))], false));
  lines.push("", "Coefficients:");
  lines.push(table([["", "Estimate", "Std. Error", "t value"], ...fit.fixef.map((b) => [b.term, fmt(b.estimate, 4), fmt(b.se, 4), fmt(b.t, 2)])], true));
  lines.push("", `Residual standard error: ${fmt(fit.sigma, 4)} on ${fit.dfResid} degrees of freedom (${fit.nobs} observations)`);
  return lines.join("\n") + "\n";
}

/** The parts of a GLM fit (binomial or poisson, no random terms) the summary prints. */
export interface GlmSummaryInput {
  readonly family: string;
  readonly link: string;
  readonly fixef: readonly { term: string; estimate: number; se: number; z: number; p: number }[];
  readonly AIC: number;
  readonly BIC: number;
  readonly logLik: number;
  readonly deviance: number;
  readonly dfResid: number;
  readonly nobs: number;
}

/** An lme4-style text summary of a GLM fit: criteria and the Wald z table. */
export function formatGlmSummary(fit: GlmSummaryInput, context: SummaryContext): string {
  const lines = [`Generalized linear model fit by maximum likelihood`, ` Family: ${fit.family}  ( ${fit.link} )`, `Formula: ${context.formula}`];
  if (context.data) lines.push(`   Data: ${context.data}`);
  lines.push("", table([["AIC", "BIC", "logLik", "deviance", "df.resid"], [fit.AIC, fit.BIC, fit.logLik, fit.deviance, fit.dfResid].map((x) => fmt(x, 1))], false));
  lines.push("", "Coefficients:");
  const p = (x: number) => (x < 2e-16 ? "<2e-16" : x < 1e-4 ? x.toExponential(2) : x.toPrecision(3));
  lines.push(table([["", "Estimate", "Std. Error", "z value", "Pr(>|z|)"], ...fit.fixef.map((b) => [b.term, fmt(b.estimate, 4), fmt(b.se, 4), fmt(b.z, 2), p(b.p)])], true));
  lines.push("", `Number of obs: ${fit.nobs}`);
  return lines.join("\n") + "\n";
}

/** A number with `digits` after the point, as R prints a column of them. */
export function fmt(x: number, digits: number): string {
  if (Number.isNaN(x)) return "NA";
  if (Number.isInteger(x) && digits === 1 && Math.abs(x) < 1e6) return String(x);
  return x.toFixed(digits);
}

/** Right-aligned columns; with `rowNames`, the first column is left-aligned. */
export function table(rows: readonly (readonly string[])[], rowNames: boolean): string {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  return rows
    .map((r) => r.map((cell, j) => (rowNames && j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join("  "))
    .map((line) => line.trimEnd())
    .join("\n");
}
