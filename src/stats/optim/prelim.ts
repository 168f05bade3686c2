import type { BobyqaState } from "./bobyqa-state";

/**
 * Powell's PRELIM: the 2n+1 coordinate stencil around x0 (moved inside the bounds as the report
 * prescribes), its function values, the initial quadratic model (gradient and diagonal Hessian
 * from the three values along each axis) and the closed-form inverse KKT factors.
 * For axis j with steps a (point j+1) and b (point n+j+1), the Lagrange functions are 1-D quadratics:
 *   ∂ℓ/∂x_j at 0 = −(a+b)/(ab), −b/(a(a−b)), −a/(b(b−a));  Z column j = √2·(1/(ab), 1/(a(a−b)), −1/(b(a−b)));
 *   Υ = 0 for the full stencil.
 */
export function prelim(
  st: BobyqaState, x0: Float64Array, zl: number[], zu: number[], rhobeg: number,
  evalAt: (st: BobyqaState, x: Float64Array) => number,
): void {
  const { n, nptm, xbase, xpt, sl, su, bmat, zmat, hq, fval } = st;
  for (let j = 0; j < n; j++) {
    xbase[j] = x0[j];
    sl[j] = zl[j] - x0[j];
    su[j] = zu[j] - x0[j];
    if (sl[j] >= -rhobeg) {
      if (sl[j] >= 0) {
        xbase[j] = zl[j];
        sl[j] = 0;
        su[j] = zu[j] - zl[j];
      } else {
        xbase[j] = zl[j] + rhobeg;
        sl[j] = -rhobeg;
        su[j] = Math.max(zu[j] - xbase[j], rhobeg);
      }
    } else if (su[j] <= rhobeg) {
      if (su[j] <= 0) {
        xbase[j] = zu[j];
        sl[j] = zl[j] - zu[j];
        su[j] = 0;
      } else {
        xbase[j] = zu[j] - rhobeg;
        sl[j] = Math.min(zl[j] - xbase[j], -rhobeg);
        su[j] = rhobeg;
      }
    }
  }
  const zero = new Float64Array(n);
  fval[0] = evalAt(st, zero);
  const pt = new Float64Array(n);
  const steps: [number, number][] = [];
  for (let j = 0; j < n; j++) {
    const a = su[j] === 0 ? -rhobeg : rhobeg;
    let b = -rhobeg;
    if (sl[j] === 0) b = Math.min(2 * rhobeg, su[j]);
    if (su[j] === 0) b = Math.max(-2 * rhobeg, sl[j]);
    steps.push([a, b]);
    pt.fill(0);
    pt[j] = a;
    xpt[(j + 1) * n + j] = a;
    fval[j + 1] = evalAt(st, pt);
    pt[j] = b;
    xpt[(n + j + 1) * n + j] = b;
    fval[n + j + 1] = evalAt(st, pt);
  }
  const f0 = fval[0];
  const g = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const [a, b] = steps[j];
    const fa = fval[j + 1];
    const fb = fval[n + j + 1];
    const h = (2 * ((fa - f0) / a - (fb - f0) / b)) / (a - b);
    g[j] = (fa - f0) / a - 0.5 * h * a;
    hq[j * n + j] = h;
    const ka = j + 1;
    const kb = n + j + 1;
    bmat[0 * n + j] = -(a + b) / (a * b);
    bmat[ka * n + j] = -b / (a * (a - b));
    bmat[kb * n + j] = -a / (b * (b - a));
    zmat[0 * nptm + j] = Math.SQRT2 / (a * b);
    zmat[ka * nptm + j] = Math.SQRT2 / (a * (a - b));
    zmat[kb * nptm + j] = -Math.SQRT2 / (b * (a - b));
  }
  let kopt = 0;
  for (let k = 1; k < st.npt; k++) if (fval[k] < fval[kopt]) kopt = k;
  st.kopt = kopt;
  for (let i = 0; i < n; i++) st.xopt[i] = xpt[kopt * n + i];
  for (let i = 0; i < n; i++) st.gopt[i] = g[i] + hq[i * n + i] * st.xopt[i];
}
