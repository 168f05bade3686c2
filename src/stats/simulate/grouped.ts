/**
 * Seeded simulation of grouped data from a random-intercept, random-slope model (Gaussian or GLMM).
 *
 * Model (J groups, n_j rows in group j, i = 1..n_j):
 *
 *   (z0_j, z1_j) ~ N(0, 1) independent
 *   b0_j = τ0·z0_j,  b1_j = τ1·(ρ·z0_j + sqrt(1 - ρ²)·z1_j)      so (b0, b1) ~ N(0, [[τ0², ρτ0τ1], [ρτ0τ1, τ1²]])
 *   β0_j = γ00 + b0_j,  β1_j = γ10 + b1_j                        (true group intercept and slope)
 *   x̄_j  = μx − κ·s·σx·z0_j,  s = sign(γ10) (1 when γ10 = 0)     (confounding: group mean of x tied to the intercept)
 *   x_ij = x̄_j + σx·e_ij,  e_ij ~ N(0, 1)
 *   η_ij = β0_j + β1_j·x_ij                                       (linear predictor)
 *   gaussian: y_ij = η_ij + σ·ε_ij
 *   binomial: y_ij ~ Bin(trials, logit⁻¹(η_ij))                  (y counts successes out of `trials`)
 *   poisson:  y_ij ~ Poisson(exp(η_ij))
 *
 * Confounding κ ≥ 0 puts the groups with high intercepts at low x when γ10 > 0 (and at high x when
 * γ10 < 0), so the between-group trend opposes the within-group slope. For the Gaussian family
 * the pooled OLS slope is about
 *   γ10 − s·κ·τ0 / (σx·(1 + κ²)),
 * so Simpson's reversal (pooled slope of the opposite sign to γ10) needs τ0 > |γ10|·σx·(1 + κ²)/κ;
 * κ = 1 is the easiest point (τ0 > 2·|γ10|·σx). Negative κ reinforces the within-group slope.
 * (These are population approximations; the random-slope terms add a little when ρ ≠ 0.)
 *
 * Randomness comes from independent streams of {@link createRng}: sizes (one stream), random
 * effects (one stream, groups in order), and per-group streams for x and for the response. So at a
 * fixed seed, moving σ rescales the same noise, changing n_j touches only group j, and adding a
 * group keeps the earlier groups' effects.
 */
import { bivariateNormal, binomial, invLogit, normal, poisson } from "./distributions";
import { createRng } from "./rng";
import { groupSizes } from "./sizes";

export type SimulationFamily = "gaussian" | "binomial" | "poisson";

/** Options of {@link simulateGroupedData}; every field has a default in {@link simulateDefaults}. */
export interface SimulateOptions {
  /** Seed: any integer with |seed| ≤ 2^53 (fractions are truncated). Same seed → same data everywhere. */
  seed: number;
  /** Number of groups J: an integer in 1..500. */
  groups: number;
  /** Mean rows per group (n̄ ≥ 1); the total is round(J·n̄), at most 1,000,000. */
  groupSize: number;
  /** Spread of group sizes, 0 (balanced) … 1 (largest/smallest ≈ 50). */
  imbalance: number;
  /** 0 for none, or 1 / 2: the last group gets exactly this many rows (the "tiny group"). Needs J ≥ 2. */
  tinyGroup: number;
  /** Fixed intercept γ00 (link scale). */
  intercept: number;
  /** Fixed slope γ10 (link scale). */
  slope: number;
  /** SD of group intercepts τ0 ≥ 0. */
  interceptSD: number;
  /** SD of group slopes τ1 ≥ 0. */
  slopeSD: number;
  /** Correlation ρ of intercepts and slopes, in [-1, 1]. */
  rho: number;
  /** Residual SD σ ≥ 0 (gaussian only; ignored for binomial and poisson). */
  sigma: number;
  /** Mean μx of x (before confounding shifts). */
  xMean: number;
  /** Within-group SD σx ≥ 0 of x. */
  xSD: number;
  /** Confounding strength κ in [-5, 5]; 0 = none, 1 = strongest Simpson reversal (see the module doc). */
  confounding: number;
  /** Response family: gaussian (identity link), binomial (logit link), poisson (log link). */
  family: SimulationFamily;
  /** Binomial trials per row (an integer in 1..100000); 1 gives 0/1 data. Ignored for other families. */
  trials: number;
}

export const simulateDefaults: Readonly<SimulateOptions> = Object.freeze({
  seed: 1,
  groups: 10,
  groupSize: 20,
  imbalance: 0,
  tinyGroup: 0,
  intercept: 0,
  slope: 1,
  interceptSD: 1,
  slopeSD: 0.5,
  rho: 0,
  sigma: 1,
  xMean: 0,
  xSD: 1,
  confounding: 0,
  family: "gaussian",
  trials: 1,
});

/** The generating parameters and the true group effects, to show beside estimates. */
export interface SimulationTruth {
  family: SimulationFamily;
  link: "identity" | "logit" | "log";
  /** γ00 */
  fixedIntercept: number;
  /** γ10 */
  fixedSlope: number;
  /** τ0 */
  interceptSD: number;
  /** τ1 */
  slopeSD: number;
  /** ρ */
  rho: number;
  /** σ for gaussian; null for binomial and poisson. */
  sigma: number | null;
  /** κ */
  confounding: number;
  /** Binomial trials per row; null for other families. */
  trials: number | null;
  /** Total rows N = Σ n_j. */
  nObs: number;
  /** Label of the tiny group, or null. */
  tinyGroup: string | null;
  /** Per group j (same order as labels): label, n_j, β0_j, β1_j, b0_j, b1_j and x̄_j (the mean x used). */
  groups: {
    label: string[];
    size: Int32Array;
    intercept: Float64Array;
    slope: Float64Array;
    interceptOffset: Float64Array;
    slopeOffset: Float64Array;
    xCenter: Float64Array;
  };
}

/** Row columns, ready for `aq.table(columns)`. */
export interface SimulatedColumns {
  /** Group label per row: "G01", "G02", … (zero-padded to at least 2 digits). */
  group: string[];
  x: Float64Array;
  /** Response: real (gaussian), successes out of `trials` (binomial) or a count (poisson). */
  y: Float64Array;
  /** Binomial only: trials per row. */
  trials?: Float64Array;
  /** True β0_j of the row's group. */
  trueIntercept: Float64Array;
  /** True β1_j of the row's group. */
  trueSlope: Float64Array;
}

export interface SimulatedData {
  columns: SimulatedColumns;
  truth: SimulationTruth;
}

/** Seeded stream keys: fixed forever, or old seeds would give new data. */
const STREAM_SIZES = 1;
const STREAM_EFFECTS = 2;
const STREAM_X = 3;
const STREAM_Y = 4;

export const MAX_GROUPS = 500;
export const MAX_ROWS = 1_000_000;
/** Poisson rates above this are refused: the data would be meaningless and slow to draw. */
export const MAX_POISSON_RATE = 1e7;

const FAMILIES: readonly SimulationFamily[] = ["gaussian", "binomial", "poisson"];

/** Problems with `options` (after defaults), one message each; empty when valid. */
export function validateSimulateOptions(options: Partial<SimulateOptions>): string[] {
  const o = { ...simulateDefaults, ...options };
  const problems: string[] = [];
  const finite = (name: keyof SimulateOptions) => {
    const v = o[name];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      problems.push(`${name} must be a finite number, got ${JSON.stringify(v)}`);
      return false;
    }
    return true;
  };
  const range = (name: keyof SimulateOptions, lo: number, hi: number, integer = false) => {
    if (!finite(name)) return;
    const v = o[name] as number;
    if ((integer && !Number.isInteger(v)) || v < lo || v > hi) {
      problems.push(`${name} must be ${integer ? "an integer" : "a number"} in ${lo}..${hi}, got ${v}`);
    }
  };
  if (finite("seed") && Math.abs(o.seed) > 2 ** 53) problems.push(`seed must be at most 2^53 in absolute value, got ${o.seed}`);
  range("groups", 1, MAX_GROUPS, true);
  range("groupSize", 1, MAX_ROWS);
  range("imbalance", 0, 1);
  range("tinyGroup", 0, 2, true);
  for (const name of ["intercept", "slope", "xMean"] as const) range(name, -1e6, 1e6);
  for (const name of ["interceptSD", "slopeSD", "sigma", "xSD"] as const) range(name, 0, 1e6);
  range("rho", -1, 1);
  range("confounding", -5, 5);
  range("trials", 1, 100_000, true);
  if (!FAMILIES.includes(o.family)) {
    problems.push(`family must be one of ${FAMILIES.map((f) => `"${f}"`).join(", ")}, got ${JSON.stringify(o.family)}`);
  }
  if (problems.length === 0) {
    if (o.tinyGroup > 0 && o.groups < 2) problems.push(`tinyGroup needs at least 2 groups, got groups = ${o.groups}`);
    const total = Math.round(o.groups * o.groupSize);
    if (total > MAX_ROWS) problems.push(`groups × groupSize must be at most ${MAX_ROWS} rows, got ${total}`);
  }
  return problems;
}

function groupLabels(J: number): string[] {
  const width = Math.max(2, String(J).length);
  return Array.from({ length: J }, (_, j) => "G" + String(j + 1).padStart(width, "0"));
}

/**
 * Simulates grouped data; see the module doc for the model. Throws an Error listing every
 * invalid option, e.g. "groups must be an integer in 1..500, got 0".
 */
export function simulateGroupedData(options: Partial<SimulateOptions> = {}): SimulatedData {
  const problems = validateSimulateOptions(options);
  if (problems.length) throw new Error(`simulateGroupedData: ${problems.join("; ")}`);
  const o: SimulateOptions = { ...simulateDefaults, ...options };
  const J = o.groups;
  const seed = Math.trunc(o.seed);

  // 1. group sizes
  const size = groupSizes(createRng(seed, STREAM_SIZES), J, o.groupSize, o.imbalance, o.tinyGroup);
  let N = 0;
  for (let j = 0; j < J; j++) N += size[j];

  // 2. random effects and group centres of x
  const label = groupLabels(J);
  const intercept = new Float64Array(J);
  const slope = new Float64Array(J);
  const interceptOffset = new Float64Array(J);
  const slopeOffset = new Float64Array(J);
  const xCenter = new Float64Array(J);
  const s = o.slope < 0 ? -1 : 1;
  const effects = createRng(seed, STREAM_EFFECTS);
  const z = new Float64Array(2);
  for (let j = 0; j < J; j++) {
    bivariateNormal(effects, 1, 1, o.rho, z); // (z0, ρ·z0 + sqrt(1-ρ²)·z1)
    interceptOffset[j] = o.interceptSD * z[0];
    slopeOffset[j] = o.slopeSD * z[1];
    intercept[j] = o.intercept + interceptOffset[j];
    slope[j] = o.slope + slopeOffset[j];
    xCenter[j] = o.xMean - o.confounding * s * o.xSD * z[0];
  }

  // 3. rows
  const group = new Array<string>(N);
  const x = new Float64Array(N);
  const y = new Float64Array(N);
  const trueIntercept = new Float64Array(N);
  const trueSlope = new Float64Array(N);
  const trials = o.family === "binomial" ? new Float64Array(N).fill(o.trials) : undefined;
  let row = 0;
  for (let j = 0; j < J; j++) {
    const rx = createRng(seed, STREAM_X, j);
    const ry = createRng(seed, STREAM_Y, j);
    for (let i = 0; i < size[j]; i++, row++) {
      const xi = xCenter[j] + o.xSD * normal(rx);
      const eta = intercept[j] + slope[j] * xi;
      let yi: number;
      if (o.family === "gaussian") {
        yi = eta + o.sigma * normal(ry);
      } else if (o.family === "binomial") {
        yi = binomial(ry, o.trials, invLogit(eta));
      } else {
        const rate = Math.exp(eta);
        if (!(rate <= MAX_POISSON_RATE)) {
          throw new Error(
            `simulateGroupedData: Poisson rate exp(η) = ${rate.toPrecision(3)} in group ${label[j]} exceeds ${MAX_POISSON_RATE}; lower the intercept, slope or x range`,
          );
        }
        yi = poisson(ry, rate);
      }
      group[row] = label[j];
      x[row] = xi;
      y[row] = yi;
      trueIntercept[row] = intercept[j];
      trueSlope[row] = slope[j];
    }
  }

  const columns: SimulatedColumns = { group, x, y, trueIntercept, trueSlope };
  if (trials) columns.trials = trials;
  return {
    columns,
    truth: {
      family: o.family,
      link: o.family === "gaussian" ? "identity" : o.family === "binomial" ? "logit" : "log",
      fixedIntercept: o.intercept,
      fixedSlope: o.slope,
      interceptSD: o.interceptSD,
      slopeSD: o.slopeSD,
      rho: o.rho,
      sigma: o.family === "gaussian" ? o.sigma : null,
      confounding: o.confounding,
      trials: o.family === "binomial" ? o.trials : null,
      nObs: N,
      tinyGroup: o.tinyGroup > 0 ? label[J - 1] : null,
      groups: { label, size, intercept, slope, interceptOffset, slopeOffset, xCenter },
    },
  };
}
