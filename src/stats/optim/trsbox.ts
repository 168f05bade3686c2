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
    break;
  }
  let dsq = 0;
  for (let i = 0; i < n; i++) dsq += d[i] * d[i];
  return { dsq, crvmin };
}
