import { type BobyqaState, omega, vlagBeta } from "./bobyqa-state";

/**
 * Geometry step (the role of Powell's ALTMOV): choose d with ‖d‖ ≤ adelt and sl ≤ xopt + d ≤ su so
 * that replacing point `knew` by xopt + d keeps the interpolation system well conditioned, i.e. the
 * denominator σ = α β + τ² of the updating formula is large (τ = ℓ_knew(xopt + d)).
 *
 * Candidates, as in Powell's report: steps along the lines through xopt and each other interpolation
 * point (ℓ_knew is a known quadratic in the step length there, maximised in closed form), and a
 * bound-constrained Cauchy step along ±∇ℓ_knew, shortened when the curvature of ℓ_knew favours it.
 * The two best line steps by Powell's heuristic score and the two Cauchy steps are compared by their
 * exact σ (cheap for the small n of mixed models).
 */
export function altmov(st: BobyqaState, knew: number, adelt: number, d: Float64Array): number {
  const { n, npt, xpt, xopt, bmat, sl, su, kopt } = st;
  const { hcol, glag, cand, hv2: hv, fixed } = st.alt;
  for (let k = 0; k < npt; k++) hcol[k] = omega(st, k, knew);
  const alpha = hcol[knew];
  // gradient of ℓ_knew at xopt
  for (let i = 0; i < n; i++) glag[i] = bmat[knew * n + i];
  for (let k = 0; k < npt; k++) {
    let t = 0;
    for (let i = 0; i < n; i++) t += xpt[k * n + i] * xopt[i];
    t *= hcol[k];
    for (let i = 0; i < n; i++) glag[i] += t * xpt[k * n + i];
  }
  // Line candidates: ℓ(a) = a·dderiv − a²·diff along xopt + a(y_k − xopt), maximised in |ℓ| over the
  // allowed step lengths. They are ranked by Powell's predicted denominator τ²(τ² + ½α‖s‖⁴); the two
  // best are then scored by their exact σ, as are the Cauchy steps below.
  let best = -Infinity;
  let k1 = -1, a1 = 0, p1 = -1;
  let k2 = -1, a2 = 0, p2 = -1;
  for (let k = 0; k < npt; k++) {
    if (k === kopt) continue;
    let dderiv = 0;
    let distsq = 0;
    for (let i = 0; i < n; i++) {
      const t = xpt[k * n + i] - xopt[i];
      dderiv += glag[i] * t;
      distsq += t * t;
    }
    if (distsq === 0) continue;
    let hi = adelt / Math.sqrt(distsq);
    let lo = -hi;
    for (let i = 0; i < n; i++) {
      const t = xpt[k * n + i] - xopt[i];
      if (t > 0) {
        lo = Math.max(lo, (sl[i] - xopt[i]) / t);
        hi = Math.min(hi, (su[i] - xopt[i]) / t);
      } else if (t < 0) {
        lo = Math.max(lo, (su[i] - xopt[i]) / t);
        hi = Math.min(hi, (sl[i] - xopt[i]) / t);
      }
    }
    if (hi < lo) continue;
    const diff = k === knew ? dderiv - 1 : dderiv;
    let abest = hi;
    let lbest = Math.abs(hi * dderiv - hi * hi * diff);
    const llo = Math.abs(lo * dderiv - lo * lo * diff);
    if (llo > lbest) {
      abest = lo;
      lbest = llo;
    }
    if (diff !== 0) {
      const astat = (0.5 * dderiv) / diff;
      const lst = Math.abs(astat * dderiv - astat * astat * diff);
      if (astat > lo && astat < hi && lst > lbest) {
        abest = astat;
        lbest = lst;
      }
    }
    if (abest === 0) continue;
    const s2 = abest * abest * distsq;
    const pred = lbest * lbest * (lbest * lbest + 0.5 * alpha * s2 * s2);
    if (pred > p1) {
      k2 = k1; a2 = a1; p2 = p1;
      k1 = k; a1 = abest; p1 = pred;
    } else if (pred > p2) {
      k2 = k; a2 = abest; p2 = pred;
    }
  }
  for (let pass = 0; pass < 2; pass++) {
    const k = pass === 0 ? k1 : k2;
    const a = pass === 0 ? a1 : a2;
    if (k < 0) continue;
    for (let i = 0; i < n; i++) cand[i] = a * (xpt[k * n + i] - xopt[i]);
    const sig = sigmaOf(st, knew, alpha, cand);
    if (sig > best) {
      best = sig;
      d.set(cand);
    }
  }
  // Cauchy candidates along ±glag
  for (let sgn = 1; sgn >= -1; sgn -= 2) {
    cand.fill(0);
    for (let i = 0; i < n; i++) {
      const g = sgn * glag[i];
      fixed[i] = (g > 0 && xopt[i] >= su[i]) || (g < 0 && xopt[i] <= sl[i]) || g === 0 ? 1 : 0;
    }
    for (let pass = 0; pass <= n; pass++) {
      let ggfree = 0;
      let fixedsq = 0;
      for (let i = 0; i < n; i++) {
        if (fixed[i]) fixedsq += cand[i] * cand[i];
        else ggfree += glag[i] * glag[i];
      }
      const rem = adelt * adelt - fixedsq;
      if (ggfree === 0 || rem <= 0) break;
      const step = Math.sqrt(rem / ggfree);
      let changed = false;
      for (let i = 0; i < n; i++) {
        if (fixed[i]) continue;
        const v = sgn * step * glag[i];
        if (xopt[i] + v > su[i]) {
          cand[i] = su[i] - xopt[i];
          fixed[i] = 1;
          changed = true;
        } else if (xopt[i] + v < sl[i]) {
          cand[i] = sl[i] - xopt[i];
          fixed[i] = 1;
          changed = true;
        } else cand[i] = v;
      }
      if (!changed) break;
    }
    // shorten along the ray if |ℓ| peaks inside: ℓ(t·c) = t gᵀc + ½ t² cᵀHc
    let gc = 0;
    for (let i = 0; i < n; i++) gc += glag[i] * cand[i];
    hv.fill(0);
    for (let k = 0; k < npt; k++) {
      let t = 0;
      for (let i = 0; i < n; i++) t += xpt[k * n + i] * cand[i];
      t *= hcol[k];
      for (let i = 0; i < n; i++) hv[i] += t * xpt[k * n + i];
    }
    let chc = 0;
    for (let i = 0; i < n; i++) chc += cand[i] * hv[i];
    if (chc !== 0) {
      const tstat = -gc / chc;
      if (tstat > 0 && tstat < 1) {
        const lstat = tstat * gc + 0.5 * tstat * tstat * chc;
        if (Math.abs(lstat) > Math.abs(gc + 0.5 * chc)) for (let i = 0; i < n; i++) cand[i] *= tstat;
      }
    }
    let nz = false;
    for (let i = 0; i < n; i++) if (cand[i] !== 0) nz = true;
    if (!nz) continue;
    const sig = sigmaOf(st, knew, alpha, cand);
    if (sig > best) {
      best = sig;
      d.set(cand);
    }
  }
  return best;
}

/** Exact denominator σ = α β + τ² of the updating formula for the step `step`. */
function sigmaOf(st: BobyqaState, knew: number, alpha: number, step: Float64Array): number {
  const beta = vlagBeta(st, step);
  const tau = st.vlag[knew];
  return alpha * beta + tau * tau;
}
