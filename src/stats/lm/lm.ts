import type { ModelMatrices } from "../frame/model-matrices";
import { backSolve, qr, qtMultiply, unscaledVariances } from "./qr";
import type { LmFit } from "./types";
import { plainArray } from "../linalg/plain-array";

/** The parts of ModelMatrices an lm needs. */
export type LmInput = Pick<ModelMatrices, "n" | "y" | "p" | "X" | "fixedNames" | "weights" | "offset">;

/**
 * Least squares by Householder QR of √W·X: β̂ = R⁻¹Qᵀ√W(y − o), σ̂² = RSS/(n − p),
 * SE(β̂ⱼ) = σ̂·√[(RᵀR)⁻¹]ⱼⱼ. logLik, AIC and BIC follow R's logLik.lm (k = p + 1 parameters).
 * X must have full column rank (the model frame drops aliased columns).
 */
export function fitLm(m: LmInput): LmFit {
  const { n, p, X, weights: w, offset } = m;
  const sw = w ? w.map(Math.sqrt) : undefined;
  const z = Float64Array.from(m.y, (y, i) => (y - (offset ? offset[i]! : 0)) * (sw ? sw[i]! : 1));
  const Xw = sw ? X.map((x, k) => x * sw[k % n]!) : X;
  const f = qr(Xw, n, p);
  const beta = p > 0 ? backSolve(f, qtMultiply(f, z)) : new Float64Array(0);
  const fitted = new Float64Array(n);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) fitted[i]! += X[j * n + i]! * beta[j]!;
  if (offset) for (let i = 0; i < n; i++) fitted[i]! += offset[i]!;
  const residuals = m.y.map((y, i) => y - fitted[i]!);
  let rss = 0;
  let sumLogW = 0;
  let nUsed = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    if (wi === 0) continue; // R's lm leaves zero-weight rows out of n.
    rss += wi * residuals[i]! ** 2;
    sumLogW += Math.log(wi);
    nUsed++;
  }
  const df = nUsed - p;
  const sigma = Math.sqrt(rss / df);
  const v = p > 0 ? unscaledVariances(f) : new Float64Array(0);
  const fixef = m.fixedNames.map((term, j) => {
    const se = sigma * Math.sqrt(v[j]!);
    return { term, estimate: beta[j]!, se, t: beta[j]! / se };
  });
  const logLik = 0.5 * (sumLogW - nUsed * (Math.log(2 * Math.PI) + 1 - Math.log(nUsed) + Math.log(rss)));
  const k = p + 1;
  const messages: string[] = [];
  // Squares of values near 1e155 and above overflow double precision.
  if (!Number.isFinite(rss) || fixef.some((b) => !Number.isFinite(b.se)))
    messages.push("the sums of squares overflowed (values too large for double precision); rescale the response or predictors");
  return {
    kind: "lm", fixef, sigma, logLik, AIC: -2 * logLik + 2 * k, BIC: -2 * logLik + Math.log(nUsed) * k, deviance: rss, nobs: nUsed,
    dfResid: df, fitted: plainArray(fitted), residuals: plainArray(residuals), messages,
  };
}
