import { levelDesign, levelRows } from "./level-design";
import type { ModelMatrices } from "../frame/model-matrices";
import { fitLm } from "../lm/lm";
import type { FixedEffect } from "../lm/types";
import { groupTerm } from "./complete";
import type { PoolingFit, PoolingOptions } from "./types";
import { plainArray } from "../linalg/plain-array";

/**
 * No pooling, one regression per group: the fixed part is fitted to each level's rows alone.
 * A coefficient a group cannot estimate (e.g. a predictor constant within it) is NaN for that
 * group. `fixef` summarizes the groups: the mean of their estimates, with SE = SD/√(groups).
 * σ pools the residuals, √(ΣRSS / Σdf); logLik sums the groups' own log-likelihoods.
 */
export function noPoolingSeparate(m: ModelMatrices, options: PoolingOptions = {}): PoolingFit {
  const term = groupTerm(m, options.group);
  const { n } = m;
  const values: Record<string, number[]> = Object.fromEntries(m.fixedNames.map((name) => [name, term.levels.map(() => NaN)]));
  const fitted = new Float64Array(n).fill(NaN);
  const residuals = new Float64Array(n).fill(NaN);
  let rss = 0, df = 0, logLik = 0, k = 0, nobs = 0;
  const messages: string[] = [];
  const byLevel = levelRows(term);
  term.levels.forEach((level, g) => {
    const { rows, keep, X, pick, note } = levelDesign(m, term, g, byLevel[g]);
    if (note) messages.push(note);
    const fit = fitLm({ n: rows.length, p: keep.length, X, y: pick(m.y)!, fixedNames: keep.map((j) => m.fixedNames[j]!), weights: pick(m.weights), offset: pick(m.offset) });
    fit.fixef.forEach((b) => (values[b.term]![g] = b.estimate));
    rows.forEach((r, i) => {
      fitted[r] = fit.fitted[i]!;
      residuals[r] = fit.residuals[i]!;
    });
    if (fit.dfResid > 0) {
      rss += fit.deviance;
      df += fit.dfResid;
      logLik += fit.logLik;
      k += keep.length + 1;
      nobs += fit.nobs;
    }
  });
  const fixef: FixedEffect[] = m.fixedNames.map((term) => summarize(term, values[term]!));
  const sigma = Math.sqrt(rss / df);
  return {
    kind: "separate", group: term.group, fixef, sigma, logLik, AIC: -2 * logLik + 2 * k, BIC: -2 * logLik + Math.log(nobs) * k,
    deviance: rss, nobs, dfResid: df, fitted: plainArray(fitted), residuals: plainArray(residuals), coef: [{ group: term.group, levels: term.levels, values }], messages,
  };
}

function summarize(term: string, estimates: number[]): FixedEffect {
  const ok = estimates.filter(Number.isFinite);
  const mean = ok.reduce((a, b) => a + b, 0) / ok.length;
  const sd = Math.sqrt(ok.reduce((a, b) => a + (b - mean) ** 2, 0) / (ok.length - 1));
  const se = sd / Math.sqrt(ok.length);
  return { term, estimate: mean, se, t: mean / se };
}
