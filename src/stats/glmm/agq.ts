/**
 * Adaptive Gauss–Hermite quadrature for a single scalar random-effects term (mixed-models.md §3.3).
 * L is diagonal, so the integral factorises over levels j. With ũ the PIRLS mode and
 * sd_j = 1/L_jj, the nodes are u = ũ_j + z_k·sd_j and
 *   −2ℓ_AGQ = Σ_j devc0_j + log|L|² − 2 Σ_j log Σ_k w_k exp(−(devc_j(u_jk) − devc0_j)/2 + z_k²/2),
 * devc_j(u) = u² + Σ_{i∈j} −2 log p(yᵢ | μᵢ(u)). Unlike lme4 (which uses deviance residuals and so
 * reports a log-likelihood relative to the saturated model), the full log-density is used, so the
 * value is on the same absolute scale as the Laplace deviance; the optimum is the same.
 */
import { GlmmError } from "./error";
import { ghRule } from "./gauss-hermite";
import { devResidOf, linkinvOf, type GlmmModel } from "./model";

/** R's .Machine$double.eps (the logit link's clamp, as in family/families.ts). */
const EPS = 2.220446049250313e-16;
import { pirlsU, type LaplaceTerms, type PirlsControl } from "./pirls";

export interface AgqLayout {
  /** Rows of each level of the single term, CSR. */
  ptr: Int32Array;
  rows: Int32Array;
  /** The term's single column (1 for a random intercept). */
  z: Float64Array;
}

export function agqLayout(model: GlmmModel): AgqLayout {
  if (model.terms.length !== 1 || model.terms[0]!.p !== 1)
    throw new GlmmError("nAGQ > 1 is only available for models with a single, scalar random-effects term");
  const t = model.terms[0]!;
  const ptr = new Int32Array(t.nl + 1);
  for (let i = 0; i < model.n; i++) ptr[t.index[i]! + 1]!++;
  for (let g = 0; g < t.nl; g++) ptr[g + 1]! += ptr[g]!;
  const fill = ptr.slice(0, t.nl);
  const rows = new Int32Array(model.n);
  for (let i = 0; i < model.n; i++) rows[fill[t.index[i]!]!++] = i;
  return { ptr, rows, z: t.columns[0]! };
}

export interface AgqResult extends LaplaceTerms {
  /** −2 log-likelihood by AGQ on the absolute scale. */
  agq: number;
}

export function agqDeviance(
  model: GlmmModel, layout: AgqLayout, nAGQ: number, theta: ArrayLike<number>, beta: ArrayLike<number>,
  u0: Float64Array, ctl: PirlsControl, startEta?: Float64Array,
): AgqResult {
  const lap = pirlsU(model, theta, beta, u0, ctl, startEta);
  const { z: nodes, w: weights } = ghRule(nAGQ);
  const { y, wt, eta, u, sat, kernel } = model;
  const rows = layout.rows;
  const zc = layout.z;
  const L00 = model.uonly.sys.L00;
  const th = theta[0]!;
  let sumDevc0 = 0;
  let sumLogMult = 0;
  for (let j = 0; j < layout.ptr.length - 1; j++) {
    const s = layout.ptr[j]!;
    const e = layout.ptr[j + 1]!;
    let devc0 = u[j]! * u[j]!;
    for (let x = s; x < e; x++) {
      const i = layout.rows[x]!;
      devc0 += devResidOf(model, y[i]!, model.mu[i]!, wt[i]!) + sat[i]!;
    }
    const sd = 1 / L00[j]!;
    let mult = 0;
    for (let k = 0; k < nodes.length; k++) {
      const zk = nodes[k]!;
      const du = zk * sd;
      const uj = u[j]! + du;
      let devc = uj * uj;
      if (kernel === 1) {
        // binomial/logit, the Family object's linkinv and devResid written out (bit for bit)
        for (let x = s; x < e; x++) {
          const i = rows[x]!;
          const et = eta[i]! + th * zc[i]! * du;
          const ex = et < -30 ? EPS : et > 30 ? 1 / EPS : Math.exp(et);
          const m = ex / (1 + ex);
          const yi = y[i]!;
          const y1 = 1 - yi;
          devc += 2 * wt[i]! * ((yi === 0 ? 0 : yi * Math.log(yi / m)) + (y1 === 0 ? 0 : y1 * Math.log((1 - yi) / (1 - m)))) + sat[i]!;
        }
      } else if (kernel === 2) {
        for (let x = s; x < e; x++) {
          const i = rows[x]!;
          const m = Math.max(Math.exp(eta[i]! + th * zc[i]! * du), EPS);
          const yi = y[i]!;
          devc += 2 * wt[i]! * ((yi === 0 ? 0 : yi * Math.log(yi / m)) - (yi - m)) + sat[i]!;
        }
      } else
        for (let x = s; x < e; x++) {
          const i = rows[x]!;
          const m = linkinvOf(model, eta[i]! + th * zc[i]! * du);
          devc += devResidOf(model, y[i]!, m, wt[i]!) + sat[i]!;
        }
      mult += weights[k]! * Math.exp(-(devc - devc0) / 2 + (zk * zk) / 2);
    }
    sumDevc0 += devc0;
    sumLogMult += Math.log(mult);
  }
  return { ...lap, agq: sumDevc0 + lap.ldL2 - 2 * sumLogMult };
}
