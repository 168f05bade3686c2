/**
 * Adaptive Gauss–Hermite quadrature for a single scalar random-effects term (mixed-models.md §3.3).
 * L is diagonal, so the integral factorises over levels j. With ũ the PIRLS mode and
 * sd_j = 1/L_jj, the nodes are u = ũ_j + z_k·sd_j and
 *   −2ℓ_AGQ = Σ_j devc0_j + log|L|² − 2 Σ_j log Σ_k w_k exp(−(devc_j(u_jk) − devc0_j)/2 + z_k²/2),
 * devc_j(u) = u² + Σ_{i∈j} −2 log p(yᵢ | μᵢ(u)). Unlike lme4 (which uses deviance residuals and so
 * reports a log-likelihood relative to the saturated model), the full log-density is used, so the
 * value is on the same absolute scale as the Laplace deviance; the optimum is the same.
 */
import { binomialInterceptLogMult, binomialInterceptLogMultInt, powerProgram, productSafe } from "./agq-binomial";
import { GlmmError } from "./error";
import { ghRule } from "./gauss-hermite";
import { devResidOf, linkinvOf, type GlmmModel } from "./model";
import { pirlsU, type LaplaceTerms, type PirlsControl } from "./pirls";

/** R's .Machine$double.eps (the logit link's clamp, as in family/families.ts). */
const EPS = 2.220446049250313e-16;

export interface AgqLayout {
  /** Rows of each level of the single term, CSR. */
  ptr: Int32Array;
  rows: Int32Array;
  /** The term's single column (1 for a random intercept). */
  z: Float64Array;
  /** z ≡ 1 (a random intercept): every row of a level moves by the same δ at a node. */
  unitZ: boolean;
  /** max |zᵢ| (bounds the node shifts δ for the clamp check). */
  maxZ: number;
  /** Per level: Σ wtᵢyᵢ (the intercept shortcuts). */
  sumWy: Float64Array;
  /** Scratch: e^δ − 1 and the binomial Σ wt·log1p(μ̃(e^δ − 1)) per node for the current level (intercept terms). */
  em1: Float64Array;
  acc: Float64Array;
  /** μ̃ in level order (the rows of level j at ptr[j] .. ptr[j+1]−1), gathered per evaluation; wt in that order. */
  muS: Float64Array;
  wtS: Float64Array;
  /**
   * When every weight is a whole number (binomial sizes, Bernoulli 1s): the per-level square-and-multiply
   * programs for Πᵢ (1 + μ̃ᵢE)^{wtᵢ} (agq-binomial.ts), else null; Σ wt per level.
   */
  power: { prog: Int32Array; progPtr: Int32Array } | null;
  sumN: Float64Array;
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
  const z = t.columns[0]!;
  let unitZ = true;
  let maxZ = 0;
  for (let i = 0; i < model.n; i++) {
    if (z[i] !== 1) unitZ = false;
    maxZ = Math.max(maxZ, Math.abs(z[i]!));
  }
  const sumWy = new Float64Array(t.nl);
  for (let i = 0; i < model.n; i++) sumWy[t.index[i]!]! += model.wt[i]! * model.y[i]!;
  const wtS = new Float64Array(model.n);
  for (let x = 0; x < model.n; x++) wtS[x] = model.wt[rows[x]!]!;
  // (2^20 bounds the squarings at 20 per row and node)
  const whole = wtS.every((v) => Number.isInteger(v) && v >= 0 && v <= 2 ** 20);
  const power = whole ? powerProgram(ptr, Int32Array.from(wtS)) : null;
  const sumN = new Float64Array(t.nl);
  for (let g = 0; g < t.nl; g++) for (let x = ptr[g]!; x < ptr[g + 1]!; x++) sumN[g]! += wtS[x]!;
  return { ptr, rows, z, unitZ, maxZ, sumWy, em1: new Float64Array(100), acc: new Float64Array(100), muS: new Float64Array(model.n), wtS, power, sumN };
}

export interface AgqResult extends LaplaceTerms {
  /** −2 log-likelihood by AGQ on the absolute scale. */
  agq: number;
}

/**
 * The AGQ deviance at (θ, β). Only the change devc_j(ũ_j + Δ) − devc0_j enters the quadrature sum,
 * and with δᵢ = θ zᵢ Δ (the shift of ηᵢ at a node) it has a closed form in the mode's μ̃ᵢ that needs
 * at most one transcendental per row and node instead of e^η and two logarithms:
 *   binomial/logit: Σᵢ 2wtᵢ [log1p(μ̃ᵢ·(e^δᵢ − 1)) − yᵢδᵢ]   (log(1+e^{η+δ}) − log(1+e^η) = log1p(μ(e^δ − 1)))
 *   poisson/log:    Σᵢ 2wtᵢ [μ̃ᵢ·(e^δᵢ − 1) − yᵢδᵢ]          (for z ≡ 1: 2[(e^δ − 1)Σwtμ̃ − δΣwty] per level)
 * plus (ũ_j + Δ)² − ũ_j², and Σ_j devc0_j is PIRLS's ‖ũ‖² + Σᵢ −2 log p(yᵢ | μ̃ᵢ). Mathematically this is the same difference of Σ dᵢ as before; it is also
 * more accurate (no cancellation between two large deviances). The families clamp η at ±30 (logit)
 * or μ at ε (log); a level whose nodes could reach |η| > 30 takes the direct formula instead, so the
 * clamped values stay exactly as the Family objects define them.
 */
/**
 * The AGQ deviance at (θ, β). Only the change devc_j(ũ_j + Δ) − devc0_j enters the quadrature sum,
 * and with δᵢ = θ zᵢ Δ (the shift of ηᵢ at a node) it has a closed form in the mode's μ̃ᵢ that needs
 * at most one transcendental per row and node instead of e^η and two logarithms:
 *   binomial/logit: Σᵢ 2wtᵢ [log1p(μ̃ᵢ·(e^δᵢ − 1)) − yᵢδᵢ]   (log(1+e^{η+δ}) − log(1+e^η) = log1p(μ(e^δ − 1)))
 *   poisson/log:    Σᵢ 2wtᵢ [μ̃ᵢ·(e^δᵢ − 1) − yᵢδᵢ]          (for z ≡ 1: 2[(e^δ − 1)Σwtμ̃ − δΣwty] per level)
 * plus (ũ_j + Δ)² − ũ_j², and Σ_j devc0_j is PIRLS's ‖ũ‖² + Σᵢ −2 log p(yᵢ | μ̃ᵢ). Mathematically this is the same difference of Σ dᵢ as before; it is also
 * more accurate (no cancellation between two large deviances). The families clamp η at ±30 (logit)
 * or μ at ε (log); a level whose nodes could reach |η| > 30 takes the direct formula instead, so the
 * clamped values stay exactly as the Family objects define them.
 */
export function agqDeviance(
  model: GlmmModel, layout: AgqLayout, nAGQ: number, theta: ArrayLike<number>, beta: ArrayLike<number>,
  u0: Float64Array, ctl: PirlsControl, startEta?: Float64Array,
): AgqResult {
  const lap = pirlsU(model, theta, beta, u0, ctl, startEta);
  const sumLogMult = agqSumLogMult(model, layout, nAGQ, theta[0]!);
  // Σ_j devc0_j = ‖ũ‖² + Σᵢ −2 log p(yᵢ | μ̃ᵢ) = sqrU + aic, as PIRLS just computed them at the mode
  return {
    ldL2: lap.ldL2, sqrU: lap.sqrU, sumDev: lap.sumDev, aic: lap.aic, laplace: lap.laplace, iterations: lap.iterations,
    agq: lap.sqrU + lap.aic + lap.ldL2 - 2 * sumLogMult,
  };
}

/**
 * Σ_j log Σ_k w_k exp(−(devc_j(ũ_j + z_k·sd_j) − devc0_j)/2 + z_k²/2) at the mode PIRLS left in the
 * model (u, η, μ and L). Binomial/logit with a random intercept takes agq-binomial.ts (products by
 * square-and-multiply for whole weights where they stay in range, else log1p sums); `direct` forces
 * the direct formula for every level (the reference the closed forms are tested against).
 */
export function agqSumLogMult(model: GlmmModel, layout: AgqLayout, nAGQ: number, th: number, direct = false): number {
  const { z: nodes, w: weights } = ghRule(nAGQ);
  const { eta, u, mu } = model;
  const { rows, ptr, muS, wtS, power, sumN, em1, acc, sumWy } = layout;
  const zmax = nodes[nodes.length - 1]!;
  const L00 = model.uL00; // a single scalar term: never the sparse path
  const nl = ptr.length - 1;
  // the closed forms need every node's η inside the links' unclamped range: |η̃| + |θ|·max|z|·z_max·sd ≤ 30
  const reach = Math.abs(th) * layout.maxZ * zmax;
  const fast = !direct && model.kernel === 1 && layout.unitZ;
  let sum = 0;
  for (let j = 0; j < nl; j++) {
    const s = ptr[j]!;
    const e = ptr[j + 1]!;
    const sd = 1 / L00[j]!;
    if (fast) {
      let me = 0;
      for (let x = s; x < e; x++) {
        const i = rows[x]!;
        me = Math.max(me, Math.abs(eta[i]!));
        muS[x] = mu[i]!;
      }
      if (me + reach * sd <= 30) {
        sum +=
          power && productSafe(sumN[j]!, sumWy[j]!, u[j]!, sd, th, zmax)
            ? binomialInterceptLogMultInt(muS, power.prog, power.progPtr[j]!, power.progPtr[j + 1]!, sumWy[j]!, u[j]!, sd, th, nodes, weights, em1, acc)
            : binomialInterceptLogMult(muS, wtS, s, e, sumWy[j]!, u[j]!, sd, th, nodes, weights, em1, acc);
        continue;
      }
    }
    sum += levelLogMult(model, layout, j, sd, th, nodes, weights, direct);
  }
  return sum;
}

/** One level's log Σ_k w_k exp(…) by the closed forms where they apply (not binomial with z ≡ 1), else directly. */
function levelLogMult(
  model: GlmmModel, layout: AgqLayout, j: number, sd: number, th: number, nodes: Float64Array, weights: Float64Array, direct: boolean,
): number {
  const { y, wt, eta, u, sat, kernel, mu } = model;
  const { rows, ptr, unitZ, sumWy, em1 } = layout;
  const zc = layout.z;
  const K = nodes.length;
  const zmax = nodes[K - 1]!;
  const s = ptr[j]!;
  const e = ptr[j + 1]!;
  let me = 0;
  let swm = 0;
  for (let x = s; x < e; x++) {
    const i = rows[x]!;
    me = Math.max(me, Math.abs(eta[i]!));
    swm += wt[i]! * mu[i]!;
  }
  const uj0 = u[j]!;
  const closed = !direct && kernel !== 0 && me + Math.abs(th) * layout.maxZ * zmax * sd <= 30;
  let devc0 = 0; // devc_j at the mode, needed by the direct formula only
  if (!closed) {
    devc0 = uj0 * uj0;
    for (let x = s; x < e; x++) {
      const i = rows[x]!;
      devc0 += devResidOf(model, y[i]!, mu[i]!, wt[i]!) + sat[i]!;
    }
  }
  if (closed && unitZ) {
    // e^δ − 1 at every node, δ = θ·z_k·sd: the rule is symmetric (z_{K−1−k} = −z_k), and
    // e^−δ − 1 = −E/(1 + E), so half the expm1 calls suffice
    for (let k = 0; k < K >> 1; k++) {
      const E = Math.expm1(th * nodes[k]! * sd);
      em1[k] = E;
      em1[K - 1 - k] = -E / (1 + E);
    }
    if (K & 1) em1[K >> 1] = Math.expm1(th * nodes[K >> 1]! * sd);
  }
  let mult = 0;
  for (let k = 0; k < K; k++) {
    const zk = nodes[k]!;
    const du = zk * sd;
    const uj = uj0 + du;
    let ddev: number; // devc − devc0
    if (closed) {
      ddev = du * (2 * uj0 + du);
      if (kernel === 2 && unitZ) {
        ddev += 2 * (em1[k]! * swm - th * du * sumWy[j]!);
      } else if (kernel === 2) {
        for (let x = s; x < e; x++) {
          const i = rows[x]!;
          const d = th * zc[i]! * du;
          ddev += 2 * wt[i]! * (mu[i]! * Math.expm1(d) - y[i]! * d);
        }
      } else {
        // binomial with a general z (z ≡ 1 goes through binomialInterceptLogMult)
        let acc = 0;
        for (let x = s; x < e; x++) {
          const i = rows[x]!;
          const d = th * zc[i]! * du;
          acc += wt[i]! * (Math.log1p(mu[i]! * Math.expm1(d)) - y[i]! * d);
        }
        ddev += 2 * acc;
      }
    } else {
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
      ddev = devc - devc0;
    }
    mult += weights[k]! * Math.exp(-ddev / 2 + (zk * zk) / 2);
  }
  return Math.log(mult);
}
