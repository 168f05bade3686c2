/**
 * formatGlmmSummary: text laid out like lme4's print(summary(glmerFit)). Numbers follow R's
 * conventions approximately (common decimals per column), not byte for byte.
 */
import { fixedCorrelationLines, formatColumn, randomEffectsLines, scaledResidualLines, table } from "../summary-format";
import type { GlmmFit } from "./types";



/** R's format.pval for the Pr(>|z|) column, with "< 2e-16" below machine precision. */
function formatP(p: number): string {
  if (!Number.isFinite(p)) return "NA";
  if (p < 2e-16) return "< 2e-16";
  return p < 1e-4 ? p.toExponential(2).replace(/e([+-])(\d)$/, "e$10$2") : p.toPrecision(4).replace(/0+$/, "").replace(/\.$/, "");
}

function stars(p: number): string {
  return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "";
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
  out.push(...scaledResidualLines(fit.pearsonResiduals));
  out.push(...randomEffectsLines(fit.varcorr, fit.ngroups, fit.nobs, 4, true));

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

  out.push(...fixedCorrelationLines(fit.fixef.map((r) => r.term), fit.vcov));
  if (fit.messages.length) {
    out.push("");
    out.push(...fit.messages);
  }
  return out.join("\n");
}
