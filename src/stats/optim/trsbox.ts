import { type BobyqaState, hessVec } from "./bobyqa-state";

/** Result of the trust-region subproblem. */
export interface TrsboxResult {
  /** Squared length of the step. */
  dsq: number;
  /** Least curvature seen along an interior CG step, 0 if the trust-region boundary was hit, −1 if unknown. */
  crvmin: number;
}

/**
 * Approximately minimise Q(xopt + d) subject to ‖d‖ ≤ delta and sl ≤ xopt + d ≤ su (Powell's TRSBOX):
 * truncated conjugate gradients, fixing a variable at its bound when a step reaches it and restarting
 * from steepest descent on the free variables. Stops on the trust-region boundary (Steihaug).
 * `d` receives the step, `gnew` the model gradient at xopt + d, `xbdi` the active-bound flags.
 */
export function trsbox(
  st: BobyqaState, delta: number, d: Float64Array, gnew: Float64Array, xbdi: Int8Array,
  sdir: Float64Array, hs: Float64Array,
): TrsboxResult {
  const { n, xopt, gopt, sl, su } = st;
  let nact = 0;
  for (let i = 0; i < n; i++) {
    xbdi[i] = 0;
    if (xopt[i] <= sl[i] && gopt[i] >= 0) xbdi[i] = -1;
    else if (xopt[i] >= su[i] && gopt[i] <= 0) xbdi[i] = 1;
    if (xbdi[i] !== 0) nact++;
    d[i] = 0;
    gnew[i] = gopt[i];
    sdir[i] = 0;
  }
  let delsq = delta * delta;
  let qred = 0;
  let crvmin = -1;
  let beta = 0;
  let gredsq = 0;
  let iterc = 0;
  let itermax = 0;
  let onBoundary = false;
  for (let guard = 0; guard < 10 * n + 20; guard++) {
    let stepsq = 0;
    for (let i = 0; i < n; i++) {
      if (xbdi[i] !== 0) sdir[i] = 0;
      else if (beta === 0) sdir[i] = -gnew[i];
      else sdir[i] = beta * sdir[i] - gnew[i];
      stepsq += sdir[i] * sdir[i];
    }
    if (stepsq === 0) break;
    if (beta === 0) {
      gredsq = stepsq;
      itermax = iterc + n - nact;
    }
    if (gredsq * delsq <= 1e-4 * qred * qred) break;
    hessVec(st, sdir, hs);
    let resid = delsq;
    let ds = 0;
    let shs = 0;
    for (let i = 0; i < n; i++) {
      if (xbdi[i] === 0) {
        resid -= d[i] * d[i];
        ds += d[i] * sdir[i];
        shs += sdir[i] * hs[i];
      }
    }
    if (resid <= 0) {
      crvmin = 0;
      onBoundary = true;
      break;
    }
    const temp = Math.sqrt(stepsq * resid + ds * ds);
    const blen = ds < 0 ? (temp - ds) / stepsq : resid / (temp + ds);
    let stplen = shs > 0 ? Math.min(blen, gredsq / shs) : blen;
    let iact = -1;
    for (let i = 0; i < n; i++) {
      if (sdir[i] === 0) continue;
      const xsum = xopt[i] + d[i];
      const t = sdir[i] > 0 ? (su[i] - xsum) / sdir[i] : (sl[i] - xsum) / sdir[i];
      if (t < stplen) {
        stplen = t;
        iact = i;
      }
    }
    let sdec = 0;
    let ggsav = gredsq;
    if (stplen > 0) {
      iterc++;
      const curv = shs / stepsq;
      if (iact < 0 && curv > 0) crvmin = crvmin === -1 ? curv : Math.min(crvmin, curv);
      ggsav = gredsq;
      gredsq = 0;
      for (let i = 0; i < n; i++) {
        gnew[i] += stplen * hs[i];
        if (xbdi[i] === 0) gredsq += gnew[i] * gnew[i];
        d[i] += stplen * sdir[i];
      }
      sdec = Math.max(stplen * (ggsav - 0.5 * stplen * shs), 0);
      qred += sdec;
    }
    if (iact >= 0) {
      nact++;
      xbdi[iact] = sdir[iact] < 0 ? -1 : 1;
      d[iact] = (xbdi[iact] < 0 ? sl[iact] : su[iact]) - xopt[iact];
      delsq -= d[iact] * d[iact];
      if (delsq <= 0 || nact >= n) {
        crvmin = 0;
        break;
      }
      beta = 0;
      continue;
    }
    if (stplen < blen) {
      if (iterc >= itermax || sdec <= 0.01 * qred) break;
      beta = gredsq / ggsav;
      continue;
    }
    crvmin = 0;
    onBoundary = true;
    break;
  }
  if (onBoundary && nact < n - 1) boundaryPhase(st, d, gnew, xbdi, sdir, hs, qred);
  let dsq = 0;
  for (let i = 0; i < n; i++) dsq += d[i] * d[i];
  return { dsq, crvmin };
}

/**
 * Powell's "alternative iterations" on the trust-region boundary: with ‖d_F‖ fixed, rotate the free
 * part of d in the plane of d and the reduced gradient, d(θ) = cos θ·d + sin θ·s (s ⊥ d, ‖s‖ = ‖d‖),
 * choosing θ (as t = tan(θ/2), bounded so the box is respected) to maximise the model reduction
 *   R(t) = sin θ·[t·(g·d) − g·s − ½ sin θ·(t² dᵀHd − 2t sᵀHd + sᵀHs)].
 * A variable that reaches its bound is fixed there and the search restarts on the remaining ones.
 */
function boundaryPhase(
  st: BobyqaState, d: Float64Array, gnew: Float64Array, xbdi: Int8Array, s: Float64Array, hs: Float64Array, qred0: number,
): void {
  const { n, xopt, sl, su, hred } = st;
  hessVec(st, d, hred);
  let qred = qred0;
  for (let iter = 0; iter < 2 * n + 10; iter++) {
    let nact = 0;
    let dredsq = 0, dredg = 0, gredsq = 0;
    for (let i = 0; i < n; i++) {
      if (xbdi[i] !== 0) {
        nact++;
        continue;
      }
      dredsq += d[i] * d[i];
      dredg += d[i] * gnew[i];
      gredsq += gnew[i] * gnew[i];
    }
    if (nact >= n - 1) return;
    let temp = gredsq * dredsq - dredg * dredg;
    if (temp <= 1e-4 * qred * qred) return;
    temp = Math.sqrt(temp);
    for (let i = 0; i < n; i++) s[i] = xbdi[i] === 0 ? (dredg * d[i] - dredsq * gnew[i]) / temp : 0;
    const sredg = -temp;
    // largest tangent half-angle allowed by the bounds
    let angbd = 1;
    let iact = -1;
    let xsav = 0;
    let restart = false;
    for (let i = 0; i < n; i++) {
      if (xbdi[i] !== 0) continue;
      const tempa = xopt[i] + d[i] - sl[i];
      const tempb = su[i] - xopt[i] - d[i];
      if (tempa <= 0) {
        xbdi[i] = -1;
        restart = true;
        break;
      }
      if (tempb <= 0) {
        xbdi[i] = 1;
        restart = true;
        break;
      }
      const ssq = d[i] * d[i] + s[i] * s[i];
      let t = ssq - (xopt[i] - sl[i]) ** 2;
      if (t > 0) {
        t = Math.sqrt(t) - s[i];
        if (angbd * t > tempa) {
          angbd = tempa / t;
          iact = i;
          xsav = -1;
        }
      }
      t = ssq - (su[i] - xopt[i]) ** 2;
      if (t > 0) {
        t = Math.sqrt(t) + s[i];
        if (angbd * t > tempb) {
          angbd = tempb / t;
          iact = i;
          xsav = 1;
        }
      }
    }
    if (restart) continue;
    hessVec(st, s, hs);
    let shs = 0, dhs = 0, dhd = 0;
    for (let i = 0; i < n; i++) {
      if (xbdi[i] !== 0) continue;
      shs += s[i] * hs[i];
      dhs += d[i] * hs[i];
      dhd += d[i] * hred[i];
    }
    // sample R(t) on a grid, then refine with a parabola through the best point and its neighbours
    let redmax = 0, isav = -1, redsav = 0, rdprev = 0, rdnext = 0;
    const iu = Math.floor(17 * angbd + 3.1);
    for (let k = 1; k <= iu; k++) {
      const angt = (angbd * k) / iu;
      const sth = (2 * angt) / (1 + angt * angt);
      const tq = shs + angt * (angt * dhd - dhs - dhs);
      const rednew = sth * (angt * dredg - sredg - 0.5 * sth * tq);
      if (rednew > redmax) {
        redmax = rednew;
        isav = k;
        rdprev = redsav;
      } else if (k === isav + 1) rdnext = rednew;
      redsav = rednew;
    }
    if (isav < 0) return;
    let angt = (angbd * isav) / iu;
    if (isav < iu) {
      const den = redmax + redmax - rdprev - rdnext;
      if (den > 0) angt = (angbd * (isav + (0.5 * (rdnext - rdprev)) / den)) / iu;
    }
    const cth = (1 - angt * angt) / (1 + angt * angt);
    const sth = (2 * angt) / (1 + angt * angt);
    const tq = shs + angt * (angt * dhd - dhs - dhs);
    const sdec = sth * (angt * dredg - sredg - 0.5 * sth * tq);
    if (!(sdec > 0)) return;
    for (let i = 0; i < n; i++) {
      gnew[i] += (cth - 1) * hred[i] + sth * hs[i];
      if (xbdi[i] === 0) d[i] = cth * d[i] + sth * s[i];
      hred[i] = cth * hred[i] + sth * hs[i];
    }
    qred += sdec;
    if (iact >= 0 && isav === iu) {
      xbdi[iact] = xsav;
      d[iact] = (xsav < 0 ? sl[iact] : su[iact]) - xopt[iact];
      continue;
    }
    if (sdec <= 0.01 * qred) return;
  }
}
