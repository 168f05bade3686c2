// One replicate of a sweep, as a worker runs it: simulate with the replicate's seed, build the model
// frame, fit, and keep the estimates (and SEs) of the requested terms. Pure and plain-data in and
// out, so it runs the same in a Web Worker, a Node worker thread, inline, or a test.
import { DRAFT_LMM, buildFrame, fitComplete, fitMixed, sigmaOf } from "../model/fits";
import { fitLmmEstimates } from "../../stats/lmm";
import { simulateGroupedData, type SimulateOptions } from "../../stats/simulate";
import { replicateSeed } from "../../stats/sweep/seeds";
import type { ModelSpec } from "./plan";

/** A chunk of replicates at one grid point: the payload of the "sweep.chunk" task. */
export interface ChunkPayload {
  point: number;
  seed: number;
  /** Replicates from (inclusive) … to (exclusive). */
  from: number;
  to: number;
  options: SimulateOptions;
  model: ModelSpec;
  /** Terms to keep, or null for all. */
  terms: string[] | null;
  /** A draft's replicate (a slider drag): lmer stops at the model cell's draft tolerances. */
  draft?: boolean;
  /**
   * A draft's θ to start each replicate's lmer from (index 0 is replicate `from`): the same replicate's
   * θ in the sweep's last run, whose data differ only by the dragged step.
   */
  starts?: (readonly number[] | null)[];
}

export interface TermEstimate {
  term: string;
  estimate: number | null;
  /** Null for variance parameters (no Wald SE). */
  se: number | null;
}

export interface ReplicateResult {
  point: number;
  replicate: number;
  seed: number;
  ok: boolean;
  error: string | null;
  singular: boolean | null;
  converged: boolean | null;
  terms: TermEstimate[];
  /** Fit time in ms (for throughput figures; not part of the tables). */
  ms: number;
  /** lmer's θ̂, the next draft's start for this replicate (absent for other fits). */
  theta?: number[];
}

/**
 * A sweep draft's lmer: a draft (see DRAFT_LMM) stopped earlier still, at xtol_abs = 1e-3 and
 * ftol_abs = 1e-4. A drag step's sweep is a preview from two or three replicates per grid point,
 * whose Monte Carlo error is tens of times the difference this makes: over the power template's
 * designs (4-32 groups, 3-30 observations each, each fit started from the last step's θ̂) the
 * fixed slope moved by at most 0.01 and its SE by at most 4%, and the fits needed a third fewer
 * evaluations. The release refits every replicate exactly.
 */
export const SWEEP_DRAFT_LMM = { ...DRAFT_LMM, xtolAbs: 1e-3, ftolAbs: 1e-4 } as const;

const finiteOrNull = (x: number | undefined | null): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);

/** broom.mixed's names of variance parameters: sd__X, cor__X.Y, sd__Observation. */
function ranParName(row: { group: string; var1: string | null; var2: string | null }): string {
  if (row.group === "Residual") return "sd__Observation";
  return row.var2 === null ? `sd__${row.var1}` : `cor__${row.var1}.${row.var2}`;
}

/** Every term of a fit: fixed effects with SEs, then variance parameters (a name repeated across grouping factors gets "|group"). */
function allTerms(fixef: readonly { term: string; estimate: number; se: number }[], varcorr: readonly { group: string; var1: string | null; var2: string | null; sdcor: number }[]): TermEstimate[] {
  const out: TermEstimate[] = fixef.map((f) => ({ term: f.term, estimate: finiteOrNull(f.estimate), se: finiteOrNull(f.se) }));
  const seen = new Set(out.map((t) => t.term));
  for (const row of varcorr) {
    let name = ranParName(row);
    if (seen.has(name)) name = `${name}|${row.group}`;
    seen.add(name);
    out.push({ term: name, estimate: finiteOrNull(row.sdcor), se: null });
  }
  return out;
}

function pick(all: TermEstimate[], terms: string[] | null): TermEstimate[] {
  if (terms === null) return all;
  return terms.map((term) => {
    const name = term === "sigma" ? "sd__Observation" : term;
    const found = all.find((t) => t.term === name) ?? (term === "cor__x.(Intercept)" ? all.find((t) => t.term === "cor__(Intercept).x") : undefined);
    return found ? { ...found, term } : { term, estimate: null, se: null };
  });
}

export function runReplicate(spec: Omit<ChunkPayload, "from" | "to">, replicate: number, start: readonly number[] | null = null): ReplicateResult {
  const seed = replicateSeed(spec.seed, spec.point, replicate);
  const started = performance.now();
  const base = { point: spec.point, replicate, seed };
  try {
    const sim = simulateGroupedData({ ...spec.options, seed });
    const c = sim.columns;
    const data: Record<string, ArrayLike<number | string>> = { group: c.group, x: c.x, y: c.y };
    if (c.trials) data.trials = c.trials;
    const m = spec.model;
    const options = { family: m.family, REML: m.REML, nAGQ: m.nAGQ };
    const frame = buildFrame(m.formula, data, options);
    let terms: TermEstimate[];
    let singular: boolean | null;
    let converged: boolean | null;
    let theta: number[] | undefined;
    if (m.kind === "fixed") {
      const fit = fitComplete(frame, options);
      const sigma = sigmaOf(fit);
      terms = allTerms(fit.fixef, sigma === null ? [] : [{ group: "Residual", var1: null, var2: null, sdcor: sigma }]);
      singular = false;
      converged = true;
    } else {
      // Gaussian: the model cell's lmer without the conditional modes, fitted values and residuals,
      // which a sweep never reads.
      const lmm = m.family === "gaussian" && frame.reTerms.length > 0;
      const drafting = spec.draft ? { ...SWEEP_DRAFT_LMM, ...(start ? { start } : {}) } : {};
      const fit = lmm ? fitLmmEstimates(frame, { REML: m.REML, formula: m.formula, ...drafting }) : fitMixed(frame, m.formula, options);
      if (fit.kind === "lmm") theta = [...fit.theta];
      terms = allTerms(fit.fixef, fit.varcorr);
      singular = fit.singular;
      converged = fit.converged;
    }
    return { ...base, ok: true, error: null, singular, converged, terms: pick(terms, spec.terms), ms: performance.now() - started, ...(theta ? { theta } : {}) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, ok: false, error: message, singular: null, converged: null, terms: [], ms: performance.now() - started };
  }
}

/** The θ a chunk's draft starts replicate `r` from (null: lmer's own start). */
export function replicateStart(payload: ChunkPayload, r: number): readonly number[] | null {
  return payload.starts?.[r - payload.from] ?? null;
}

/** The "sweep.chunk" task: runs replicates from..to, reporting each as it finishes. */
export function runChunk(payload: ChunkPayload, report?: (result: ReplicateResult) => void): ReplicateResult[] {
  const out: ReplicateResult[] = [];
  for (let r = payload.from; r < payload.to; r++) {
    const result = runReplicate(payload, r, replicateStart(payload, r));
    out.push(result);
    report?.(result);
  }
  return out;
}
