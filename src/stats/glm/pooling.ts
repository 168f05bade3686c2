/**
 * GLM versions of the pooling comparisons: complete pooling (one GLM ignoring the groups) and
 * no pooling (one GLM per level of a grouping factor), in the mixed models' layout.
 */
import type { ModelMatrices } from "../frame/model-matrices";
import { groupTerm } from "../pooling/complete";
import { fixedFactorDesign } from "../pooling/fixed-factor-design";
import { levelDesign, levelRows } from "../pooling/level-design";
import { pValueNormal } from "../family/special";
import { fitGlm } from "./glm";
import type { GlmFixefRow, GlmOptions, GlmPoolingFit } from "./types";

export interface GlmPoolingOptions extends GlmOptions {
  /** The grouping factor (an lme4 name such as `herd`); defaults to the first random term's. */
  group?: string;
}


/** Complete pooling: one GLM on the fixed part; every group gets the same coefficients. */
export function glmCompletePooling(m: ModelMatrices, options: GlmPoolingOptions): GlmPoolingFit {
  const fit = fitGlm(m, options);
  const term = m.reTerms.length ? groupTerm(m, options.group) : undefined;
  const coef = term
    ? [{ group: term.group, levels: [...term.levels], values: Object.fromEntries(fit.fixef.map((b) => [b.term, term.levels.map(() => b.estimate)])) }]
    : [];
  return { ...fit, kind: "complete", group: term?.group ?? "", coef };
}

/**
 * No pooling: the fixed part fitted to each level's rows alone. A coefficient a group cannot
 * estimate is NaN for it; groups with separation keep their (diverging) estimates and are named in
 * `messages`. `fixef` summarizes the groups (mean of the estimates, SE = SD/√groups);
 * logLik, deviance and AIC add up the groups' fits.
 */
export function glmSeparate(m: ModelMatrices, options: GlmPoolingOptions): GlmPoolingFit {
  const term = groupTerm(m, options.group);
  const { n } = m;
  const values: Record<string, number[]> = Object.fromEntries(m.fixedNames.map((name) => [name, term.levels.map(() => NaN)]));
  const fitted = new Array<number>(n).fill(NaN);
  const eta = new Array<number>(n).fill(NaN);
  const residuals = new Array<number>(n).fill(NaN);
  let logLik = 0, deviance = 0, nullDeviance = 0, k = 0, nobs = 0, df = 0;
  let converged = true;
  let separation = false;
  const messages: string[] = [];
  const byLevel = levelRows(term);
  term.levels.forEach((level, g) => {
    const { rows, keep, X, pick, note } = levelDesign(m, term, g, byLevel[g]);
    if (note) messages.push(note);
    if (keep.length === 0) return;
    const fit = fitGlm(
      {
        n: rows.length, p: keep.length, X, y: pick(m.y)!, fixedNames: keep.map((j) => m.fixedNames[j]!),
        weights: pick(m.weights), offset: pick(m.offset), rows: Int32Array.from(rows, (r) => m.rows[r]!),
      },
      options,
    );
    fit.fixef.forEach((b) => (values[b.term]![g] = b.estimate));
    rows.forEach((r, i) => {
      fitted[r] = fit.fitted[i]!;
      eta[r] = fit.linearPredictor[i]!;
      residuals[r] = fit.residuals[i]!;
    });
    if (fit.separation) {
      separation = true;
      messages.push(`group ${level}: ${fit.messages[fit.messages.length - 1]}`);
    }
    if (!fit.converged) converged = false;
    logLik += fit.logLik;
    deviance += fit.deviance;
    nullDeviance += fit.nullDeviance;
    k += keep.length + (fit.dispersion !== 1 || options.family === "gaussian" ? 1 : 0);
    nobs += fit.nobs;
    df += fit.dfResid;
  });
  const fixef: GlmFixefRow[] = m.fixedNames.map((name) => summarize(name, values[name]!));
  const first = fitGlm({ ...m, p: 1, X: new Float64Array(n).fill(1), fixedNames: ["(Intercept)"] }, options);
  return {
    kind: "separate", group: term.group, family: first.family, link: first.link, fixef,
    vcov: fixef.map((_, i) => fixef.map((b, j) => (i === j ? b.se * b.se : NaN))),
    dispersion: 1, logLik, AIC: -2 * logLik + 2 * k, BIC: -2 * logLik + Math.log(nobs) * k,
    deviance, nullDeviance, nobs, dfResid: df, fitted, linearPredictor: eta, residuals,
    iterations: 0, converged, separation, messages,
    coef: [{ group: term.group, levels: [...term.levels], values }],
  };
}

/**
 * No pooling with the group as a fixed factor: one GLM in which every column of the random term
 * gets its own coefficient per level (R's `y ~ 0 + g + g:x + other`). Coefficients are named like
 * R's (`herd1`, `herd1:x`); per-level values go to `coef`.
 */
export function glmFixedFactor(m: ModelMatrices, options: GlmPoolingOptions): GlmPoolingFit {
  const term = groupTerm(m, options.group);
  const design = fixedFactorDesign(m, term);
  const fit = fitGlm({ ...m, p: design.p, X: design.X, fixedNames: design.fixedNames }, options);
  const values = design.values(new Map(fit.fixef.map((b) => [b.term, b.estimate])));
  const messages = design.note ? [...fit.messages, design.note] : fit.messages;
  return { ...fit, kind: "fixed-factor", group: term.group, coef: [{ group: term.group, levels: [...term.levels], values }], messages };
}

function summarize(term: string, estimates: number[]): GlmFixefRow {
  const ok = estimates.filter(Number.isFinite);
  const mean = ok.reduce((a, b) => a + b, 0) / ok.length;
  const sd = Math.sqrt(ok.reduce((a, b) => a + (b - mean) ** 2, 0) / (ok.length - 1));
  const se = sd / Math.sqrt(ok.length);
  const z = mean / se;
  return { term, estimate: mean, se, z, p: pValueNormal(z) };
}
