/**
 * formatLmmSummary: text laid out like lme4's print(summary(fit)). Number formatting follows R's
 * conventions approximately (common decimals per column), not byte for byte.
 */
import { fixedCorrelationLines, formatColumn, randomEffectsLines, scaledResidualLines, table } from "../summary-format";
import type { LmmFit } from "./types";


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
  out.push(...scaledResidualLines(fit.scaledResiduals));
  out.push(...randomEffectsLines(fit.varcorr, fit.ngroups, fit.nobs, 5, false));

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

  out.push(...fixedCorrelationLines(fit.fixef.map((r) => r.term), fit.vcov));
  if (fit.messages.length) {
    out.push("");
    out.push(...fit.messages);
  }
  return out.join("\n");
}
