/**
 * BOBYQA: bound-constrained optimization by quadratic approximation, written from
 * M.J.D. Powell, "The BOBYQA algorithm for bound constrained optimization without derivatives",
 * DAMTP 2009/NA06. NPT = 2n+1 interpolation points (as NLopt and therefore lme4's nloptwrap use),
 * variables scaled by their initial steps (as NLopt does), so rhobeg = 1 in scaled coordinates.
 *
 * Differences from the report, each recorded where it happens:
 * - Powell's RESCUE is replaced by rebuilding the initial stencil around the best point (2n evaluations);
 * - the geometry step compares its best candidates by the exact denominator σ (see `altmov`);
 * - the base point is moved by recomputing Υ = −Ξ A Ξᵀ rather than by Powell's update formulas;
 * - no switch to the least-Frobenius-norm model when model gradients are poor (Powell's ITEST).
 */
import { altmov } from "./altmov";
import {
  type BobyqaState, createState, modelChange, omega, replacePoint, shiftBase, updateH, vlagBeta,
} from "./bobyqa-state";
import type { BobyqaOptions, FitLogRow, OptSummary, ReturnReason } from "./summary";
import { prelim } from "./prelim";
import { trsbox } from "./trsbox";

export type { BobyqaOptions, OptSummary, ReturnReason, FitLogRow } from "./summary";

/**
 * NLopt's default initial step (`nlopt_set_default_initial_step`): 0.25(ub − lb) when both bounds are
 * finite, but at most 0.75 × the distance to a finite bound; otherwise |x|, otherwise 1.
 * For lme4's θ₀ = (1, 0, 1) with lower bounds (0, −∞, 0) this gives (0.75, 1, 0.75).
 */
export function defaultInitialStep(x0: readonly number[], lower: readonly number[], upper: readonly number[]): number[] {
  return x0.map((x, i) => {
    const lb = lower[i];
    const ub = upper[i];
    let step = Infinity;
    if (Number.isFinite(lb) && Number.isFinite(ub)) step = 0.25 * (ub - lb);
    if (Number.isFinite(ub) && ub - x < step) step = 0.75 * (ub - x);
    if (Number.isFinite(lb) && x - lb < step) step = 0.75 * (x - lb);
    if (!Number.isFinite(step) || step === 0) step = Math.abs(x);
    if (!Number.isFinite(step) || step === 0) step = 1;
    return step;
  });
}

/** Thrown to unwind the main loop on a stopping rule (a plain object: no stack capture). */
class Stop {
  constructor(readonly reason: ReturnReason) {}
}

/** Minimise f over the box lower ≤ x ≤ upper starting from x0. */
export function bobyqa(
  f: (x: Float64Array) => number, x0: readonly number[], options: BobyqaOptions = {},
): OptSummary {
  const n = x0.length;
  const lower = options.lower ? [...options.lower] : new Array<number>(n).fill(-Infinity);
  const upper = options.upper ? [...options.upper] : new Array<number>(n).fill(Infinity);
  const x0c = x0.map((x, i) => Math.min(Math.max(x, lower[i]), upper[i]));
  const step = options.initialStep ? [...options.initialStep] : defaultInitialStep(x0c, lower, upper);
  const xtolAbs = options.xtolAbs ?? 1e-8;
  const ftolAbs = options.ftolAbs ?? 1e-8;
  const maxeval = options.maxeval ?? 1e5;
  const keepLog = options.log ?? true;
  const fitLog: FitLogRow[] = [];
  // scaled problem: z = x / step
  const zl = lower.map((v, i) => v / step[i]);
  const zu = upper.map((v, i) => v / step[i]);
  let rhobeg = 1;
  for (let i = 0; i < n; i++) rhobeg = Math.min(rhobeg, 0.5 * (zu[i] - zl[i]));
  const rhoend = Math.min(rhobeg, xtolAbs / Math.max(...step));
  const xeval = new Float64Array(n);
  let nEval = 0;
  let fBest = Infinity;
  let fInitial = NaN;
  const xBest = new Float64Array(n);

  /** Evaluate at xbase + xrel (scaled), clamped to the original bounds. */
  const evalAt = (st: BobyqaState, xrel: Float64Array): number => {
    if (nEval >= maxeval) throw new Stop("maxeval_reached");
    for (let i = 0; i < n; i++) {
      let z = st.xbase[i] + xrel[i];
      if (xrel[i] <= st.sl[i]) z = zl[i];
      if (xrel[i] >= st.su[i]) z = zu[i];
      xeval[i] = Math.min(Math.max(z * step[i], lower[i]), upper[i]);
    }
    let fx = f(xeval);
    nEval++;
    if (nEval === 1) {
      if (!Number.isFinite(fx)) throw new Error("bobyqa: objective is not finite at the starting point");
      fInitial = fx;
    }
    // Why fInitial? A non-finite value would wreck the quadratic model (MixedModels.jl does the same).
    if (!Number.isFinite(fx)) fx = fInitial;
    if (keepLog) fitLog.push({ theta: Array.from(xeval), objective: fx });
    if (fx < fBest) {
      fBest = fx;
      xBest.set(xeval);
    }
    return fx;
  };

  let st = createState(n);
  let reason: ReturnReason = "rhoend_reached";
  try {
    prelim(st, Float64Array.from(x0c, (v, i) => v / step[i]), zl, zu, rhobeg, evalAt);
    mainLoop();
  } catch (e) {
    if (e instanceof Stop) reason = e.reason;
    else throw e;
  }

  function mainLoop(): void {
    const npt = st.npt;
    let rho = rhobeg;
    let delta = rho;
    let ntrits = 0;
    let nfsav = nEval;
    let diffa = 0, diffb = 0, diffc = 0;
    let ratio = 1;
    let dnorm = 0;
    let crvmin = -1;
    const d = new Float64Array(n);
    const gnew = new Float64Array(n);
    const xbdi = new Int8Array(n);
    const sdir = new Float64Array(n);
    const hs = new Float64Array(n);
    const xnew = new Float64Array(n);
    type Next = "tr" | "geom" | "reduce";
    let next: Next = "tr";
    let geomDistsq = 0;

    const rebuild = (): void => {
      // Stand-in for Powell's RESCUE: restart the stencil around the best point with step rho.
      const center = new Float64Array(n);
      for (let i = 0; i < n; i++) center[i] = st.xbase[i] + st.xopt[i];
      st = createState(n);
      prelim(st, center, zl, zu, rho, evalAt);
      delta = rho;
      ntrits = 0;
      nfsav = nEval;
    };
    const makeXnew = (): void => {
      for (let i = 0; i < n; i++) xnew[i] = Math.min(Math.max(st.xopt[i] + d[i], st.sl[i]), st.su[i]);
      for (let i = 0; i < n; i++) d[i] = xnew[i] - st.xopt[i];
    };
    const maybeShift = (dsq: number): void => {
      let xoptsq = 0;
      for (let i = 0; i < n; i++) xoptsq += st.xopt[i] * st.xopt[i];
      if (dsq <= 1e-3 * xoptsq) shiftBase(st);
    };

    for (;;) {
      if (next === "tr") {
        const r = trsbox(st, delta, d, gnew, xbdi, sdir, hs);
        crvmin = r.crvmin;
        dnorm = Math.min(delta, Math.sqrt(r.dsq));
        if (dnorm < 0.5 * rho) {
          ntrits = -1;
          geomDistsq = 100 * rho * rho;
          if (nEval <= nfsav + 2) {
            next = "geom";
            continue;
          }
          const errbig = Math.max(diffa, diffb, diffc);
          const frhosq = 0.125 * rho * rho;
          if (crvmin > 0 && errbig > frhosq * crvmin) {
            next = "geom";
            continue;
          }
          const bdtol = errbig / rho;
          let needGeom = false;
          for (let j = 0; j < n && !needGeom; j++) {
            let bdtest = bdtol;
            if (xbdi[j] === -1) bdtest = gnew[j];
            if (xbdi[j] === 1) bdtest = -gnew[j];
            if (bdtest < bdtol) {
              const curv = st.hq[j * n + j] + sumPqY2(st, j);
              bdtest += 0.5 * curv * rho;
              if (bdtest < bdtol) needGeom = true;
            }
          }
          next = needGeom ? "geom" : "reduce";
          continue;
        }
        ntrits++;
        makeXnew();
        maybeShift(dnorm * dnorm);
        makeXnew();
        const beta = vlagBeta(st, d);
        // choose the point to replace: largest weighted denominator
        const choice = chooseReplacement(st, beta, st.xopt, delta * delta, st.kopt);
        let { knew, denom } = choice;
        if (knew < 0 || choice.score <= 0.5 * choice.biggest) {
          rebuild();
          next = "tr";
          continue;
        }
        const vquad = modelChange(st, d);
        const fopt = st.fval[st.kopt];
        const fx = evalAt(st, xnew);
        const diff = fx - fopt - vquad;
        diffc = diffb;
        diffb = diffa;
        diffa = Math.abs(diff);
        if (dnorm > rho) nfsav = nEval;
        if (vquad >= 0) throw new Stop("model_step_failed");
        ratio = (fx - fopt) / vquad;
        if (ratio <= 0.1) delta = Math.min(0.5 * delta, dnorm);
        else if (ratio <= 0.7) delta = Math.max(0.5 * delta, dnorm);
        else delta = Math.max(0.5 * delta, dnorm + dnorm);
        if (delta <= 1.5 * rho) delta = rho;
        if (fx < fopt) {
          // re-choose knew relative to the new best point
          const again = chooseReplacement(st, beta, xnew, delta * delta, -1);
          if (again.knew >= 0 && again.score > 0.5 * again.biggest) ({ knew, denom } = again);
        }
        acceptPoint(st, knew, beta, denom, xnew, fx, diff, fopt, ftolAbs);
        if (fx <= fopt + 0.1 * vquad) {
          next = "tr";
          continue;
        }
        geomDistsq = Math.max(4 * delta * delta, 100 * rho * rho);
        next = "geom";
        continue;
      }

      if (next === "geom") {
        let knew = -1;
        let far = geomDistsq;
        for (let k = 0; k < npt; k++) {
          const ds = dist2(st, k, st.xopt);
          if (ds > far) {
            far = ds;
            knew = k;
          }
        }
        if (knew >= 0) {
          const dist = Math.sqrt(far);
          if (ntrits === -1) {
            delta = Math.min(0.1 * delta, 0.5 * dist);
            if (delta <= 1.5 * rho) delta = rho;
          }
          ntrits = 0;
          const adelt = Math.max(Math.min(0.1 * dist, delta), rho);
          altmov(st, knew, adelt, d);
          makeXnew();
          let dsq = 0;
          for (let i = 0; i < n; i++) dsq += d[i] * d[i];
          maybeShift(dsq);
          makeXnew();
          const beta = vlagBeta(st, d);
          const tau = st.vlag[knew];
          const denom = omega(st, knew, knew) * beta + tau * tau;
          if (!(denom > 0.5 * tau * tau) || !(denom > 0)) {
            rebuild();
            next = "tr";
            continue;
          }
          const vquad = modelChange(st, d);
          const fopt = st.fval[st.kopt];
          const fx = evalAt(st, xnew);
          const diff = fx - fopt - vquad;
          acceptPoint(st, knew, beta, denom, xnew, fx, diff, fopt, ftolAbs);
          next = "tr";
          continue;
        }
        if (ntrits === -1) next = "reduce";
        else if (ratio > 0 || Math.max(delta, dnorm) > rho) next = "tr";
        else next = "reduce";
        continue;
      }

      // reduce rho
      if (rho > rhoend) {
        delta = 0.5 * rho;
        const r = rho / rhoend;
        if (r <= 16) rho = rhoend;
        else if (r <= 250) rho = Math.sqrt(r) * rhoend;
        else rho *= 0.1;
        delta = Math.max(delta, rho);
        ntrits = 0;
        nfsav = nEval;
        next = "tr";
        continue;
      }
      if (ntrits === -1) {
        // Powell evaluates the final short step once before returning.
        makeXnew();
        evalAt(st, xnew);
      }
      return;
    }
  }

  return {
    optimizer: "bobyqa",
    initialTheta: [...x0c],
    finalTheta: Array.from(xBest),
    fInitial,
    fMin: fBest,
    nEval,
    returnReason: reason,
    lower,
    upper,
    initialStep: step,
    rhobeg,
    rhoend,
    ftolAbs,
    maxeval,
    fitLog,
  };
}

/**
 * The interpolation point to replace by a new one: the k maximising t_k·(β·H_kk + τ_k²), where
 * t_k = max(1, (|y_k − centre|²/Δ²)²) favours far points; `biggest` is max_k t_k·τ_k², the scale
 * Powell compares the winner's score with. `skip` (the best point, or −1) is never chosen.
 */
function chooseReplacement(
  st: BobyqaState, beta: number, centre: Float64Array, delsq: number, skip: number,
): { knew: number; denom: number; score: number; biggest: number } {
  let score = 0, biggest = 0, knew = -1, denom = 0;
  for (let k = 0; k < st.npt; k++) {
    if (k === skip) continue;
    const den = beta * omega(st, k, k) + st.vlag[k] * st.vlag[k];
    const t = Math.max(1, (dist2(st, k, centre) / delsq) ** 2);
    if (t * den > score) {
      score = t * den;
      knew = k;
      denom = den;
    }
    biggest = Math.max(biggest, t * st.vlag[k] * st.vlag[k]);
  }
  return { knew, denom, score, biggest };
}

/** Put the evaluated point x_new (value f) in place of point `knew`; stop when the gain is below ftol_abs. */
function acceptPoint(
  st: BobyqaState, knew: number, beta: number, denom: number, xnew: Float64Array,
  fx: number, diff: number, fopt: number, ftolAbs: number,
): void {
  updateH(st, knew, beta, denom);
  replacePoint(st, knew, xnew, fx, diff);
  if (fx < fopt && ftolAbs > 0 && fopt - fx < ftolAbs) throw new Stop("ftol_abs_reached");
}

function dist2(st: BobyqaState, k: number, x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < st.n; i++) {
    const t = st.xpt[k * st.n + i] - x[i];
    s += t * t;
  }
  return s;
}

/** Σ_k pq_k y_kj², the implicit part of ∇²Q_jj. */
function sumPqY2(st: BobyqaState, j: number): number {
  let s = 0;
  for (let k = 0; k < st.npt; k++) s += st.pq[k] * st.xpt[k * st.n + j] ** 2;
  return s;
}
