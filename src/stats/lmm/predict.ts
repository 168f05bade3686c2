/**
 * predict(fit, newdata): Xβ̂ + offset, plus Σ_terms Z b̂ when `re` is true (lme4's re.form = NULL) or
 * fixed effects only when false (re.form = NA). Levels not seen in the fit contribute 0
 * (lme4's allow.new.levels = TRUE: the population-level prediction).
 */
import type { RandomTerm } from "../frame/model-matrices";
import type { LmmFit } from "./types";

export interface PredictData {
  n: number;
  /** Column-major n × p, columns in the order of `fit.fixef`. */
  X: Float64Array;
  /** Random-effects terms evaluated on the new rows (level labels are matched to the fit's levels). */
  reTerms?: readonly RandomTerm[];
  offset?: Float64Array;
}

export interface PredictOptions {
  /** Include the conditional modes (default true). */
  re?: boolean;
}

export function predictLmm(fit: LmmFit, data: PredictData, options: PredictOptions = {}): number[] {
  const { n, X } = data;
  const p = fit.fixef.length;
  if (X.length !== n * p) throw new Error(`predictLmm: X must be ${n} × ${p}`);
  const out = new Array<number>(n);
  for (let r = 0; r < n; r++) {
    let eta = data.offset ? data.offset[r] : 0;
    for (let j = 0; j < p; j++) eta += X[r + j * n] * fit.fixef[j].estimate;
    out[r] = eta;
  }
  if (options.re === false || !data.reTerms) return out;
  for (const term of data.reTerms) {
    const g = fit.ranef.find((x) => x.group === term.group);
    if (!g) throw new Error(`predictLmm: grouping factor ${term.group} is not in the fit`);
    const pos = new Map(g.levels.map((l, i) => [l, i]));
    const map = term.levels.map((l) => pos.get(l) ?? -1);
    term.columnNames.forEach((name, c) => {
      const vals = g.values[name];
      if (!vals) throw new Error(`predictLmm: ${term.group} has no random effect named ${name}`);
      const col = term.columns[c];
      for (let r = 0; r < n; r++) {
        const h = map[term.index[r]];
        if (h >= 0) out[r] += vals[h] * col[r];
      }
    });
  }
  return out;
}
