// anova(m1, m2, ...) as lme4 prints it: every model refitted by maximum likelihood, ordered by the
// number of parameters, each compared with the one before by a likelihood-ratio test
// χ² = 2(ℓ_k − ℓ_{k−1}) on npar_k − npar_{k−1} degrees of freedom.
import { pchisqUpper } from "../../stats/distributions";
import type { DataColumns, ModelMatrices } from "../../stats/frame/model-matrices";
import { fitLm } from "../../stats/lm/lm";
import { buildFrame, fitMixed, thetaKey, type FitOptions } from "./fits";
import type { Row } from "./tables";

/** θ to start each mixed fit from (by thetaKey), and where each fit's θ is recorded. */
export interface Thetas {
  /** A draft refit (a drag step): start from `start`, skip the convergence checks. */
  draft: boolean;
  start: Readonly<Record<string, readonly number[]>>;
  fitted: Record<string, readonly number[]>;
}

export interface AnovaModel {
  label: string;
  formula: string;
}

/** `firstFrame`: the frame of models[0] when the caller has built it already. */
export function anovaRows(
  models: readonly AnovaModel[], data: DataColumns, options: FitOptions, firstFrame?: ModelMatrices, thetas?: Thetas,
): { rows: Row[]; messages: string[] } {
  const messages: string[] = [];
  const fitted = models.map(({ label, formula }, i) => {
    const frame = i === 0 && firstFrame ? firstFrame : buildFrame(formula, data, options);
    if (frame.reTerms.length === 0) {
      const fit = fitLm(frame);
      return { label, npar: frame.p + 1, logLik: fit.logLik, AIC: fit.AIC, BIC: fit.BIC, singular: false };
    }
    const mlOptions = { ...options, REML: false };
    const key = thetaKey(formula, mlOptions);
    const fit = fitMixed(frame, formula, mlOptions, { likelihoodOnly: true, draft: thetas?.draft, start: thetas?.start[key] });
    if (thetas) thetas.fitted[key] = fit.theta;
    if (fit.singular) messages.push(`${label}: boundary (singular) fit`);
    return { label, npar: fit.npar, logLik: fit.logLik, AIC: fit.AIC, BIC: fit.BIC, singular: fit.singular };
  });
  fitted.sort((a, b) => a.npar - b.npar);
  const rows = fitted.map((m, k): Row => {
    const previous = k > 0 ? fitted[k - 1]! : null;
    const df = previous ? m.npar - previous.npar : null;
    const chisq = previous ? Math.max(0, 2 * (m.logLik - previous.logLik)) : null;
    return {
      model: m.label,
      npar: m.npar,
      AIC: m.AIC,
      BIC: m.BIC,
      logLik: m.logLik,
      deviance: -2 * m.logLik,
      Chisq: chisq,
      Df: df,
      p: chisq !== null && df !== null && df > 0 ? pchisqUpper(chisq, df) : null,
      singular: m.singular,
    };
  });
  return { rows, messages };
}
