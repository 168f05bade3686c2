import type { Row, Tables, ModelKey, CoefRow, VarCorrRow, FixefRow, RanefRow } from "../tables";

/** A preset's inputs were missing or malformed. The message names the table and column. */
export class PresetInputError extends Error {
  override name = "PresetInputError";
}

/** Finite number or undefined: cells may hand over strings, nulls or NaN. */
export function num(v: unknown): number | undefined {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

/** Whether `v` is a finite number (a dataset cell that may be null). */
export const isFiniteNumber = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

export function label(v: unknown): string {
  return v === null || v === undefined ? "" : String(v);
}

/** Rows of table `name`; throws a clear error when a required table is missing. */
export function table(tables: Tables, name: string, preset: string): readonly Row[] {
  const rows = tables[name];
  if (!Array.isArray(rows)) {
    throw new PresetInputError(`${preset}: input table "${name}" is missing (expected an array of rows)`);
  }
  return rows;
}

export function optionalTable(tables: Tables, name: string): readonly Row[] {
  const rows = tables[name];
  return Array.isArray(rows) ? rows : [];
}

/** Rows of `data` with numeric x/y (y divided by trials when present). */
export function dataRows(rows: readonly Row[]): { group: string; x: number; y: number; trials?: number }[] {
  const out: { group: string; x: number; y: number; trials?: number }[] = [];
  for (const r of rows) {
    const x = num(r.x);
    let y = num(r.y);
    const trials = num(r.trials);
    if (x === undefined || y === undefined) continue;
    if (trials !== undefined && trials > 0) y = y / trials;
    out.push(trials !== undefined ? { group: label(r.group), x, y, trials } : { group: label(r.group), x, y });
  }
  return out;
}

export interface Coef {
  group: string;
  model: ModelKey;
  intercept: number;
  slope: number;
  intercept_se?: number;
  slope_se?: number;
  n?: number;
}

const MODELS = new Set(["complete", "no", "partial"]);

/** Estimable coefficient rows (both intercept and slope finite). */
export function coefRows(rows: readonly Row[]): Coef[] {
  const out: Coef[] = [];
  for (const r of rows as readonly Partial<CoefRow>[]) {
    const intercept = num(r.intercept);
    const slope = num(r.slope);
    if (!MODELS.has(String(r.model)) || intercept === undefined || slope === undefined) continue;
    const c: Coef = { group: label(r.group), model: r.model as ModelKey, intercept, slope };
    const ise = num(r.intercept_se), sse = num(r.slope_se), n = num(r.n);
    if (ise !== undefined) c.intercept_se = ise;
    if (sse !== undefined) c.slope_se = sse;
    if (n !== undefined) c.n = n;
    out.push(c);
  }
  return out;
}

/** Ordinary least squares line through points; undefined with fewer than 2 distinct x. */
export function ols(pts: readonly { x: number; y: number }[]): { intercept: number; slope: number } | undefined {
  const n = pts.length;
  if (n < 2) return undefined;
  let mx = 0, my = 0;
  for (const p of pts) { mx += p.x; my += p.y; }
  mx /= n; my /= n;
  let sxx = 0, sxy = 0;
  for (const p of pts) { sxx += (p.x - mx) ** 2; sxy += (p.x - mx) * (p.y - my); }
  if (!(sxx > 1e-12)) return undefined;
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope };
}

export function extent(values: readonly number[]): [number, number] {
  let lo = Infinity, hi = -Infinity;
  // An indexed loop: for-of allocates an iterator result per value until V8 optimises the caller.
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

/** Pads an extent by a fraction of its width on each side. */
export function pad([lo, hi]: [number, number], frac = 0.08): [number, number] {
  const w = hi - lo;
  return [lo - w * frac, hi + w * frac];
}

/** Group rows by a key, keeping first-seen order. */
export function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(r);
  }
  return m;
}

/** Intercept and slope from a `fixef` table: "(Intercept)" is the intercept, the first other term the slope. */
export function fixefLine(rows: readonly Row[]): { intercept?: number; slope?: number; slopeTerm?: string } {
  const out: { intercept?: number; slope?: number; slopeTerm?: string } = {};
  for (const r of rows as readonly Partial<FixefRow>[]) {
    const est = num(r.estimate);
    if (est === undefined) continue;
    if (r.term === "(Intercept)") out.intercept = est;
    else if (out.slope === undefined) { out.slope = est; out.slopeTerm = label(r.term); }
  }
  return out;
}

/** The 2×2 random-effect covariance of the first grouping factor, plus the residual SD. */
export interface RandomCov {
  grp?: string;
  tau0?: number;
  tau1?: number;
  rho?: number;
  sigma?: number;
  /** [[tau0², c], [c, tau1²]] when both SDs are present. */
  sigma2?: [[number, number], [number, number]];
}

export function randomCov(rows: readonly Row[]): RandomCov {
  const out: RandomCov = {};
  for (const r of rows as readonly Partial<VarCorrRow>[]) {
    const sd = num(r.sdcor);
    if (sd === undefined) continue;
    if (r.grp === "Residual") { out.sigma = sd; continue; }
    if (out.grp === undefined) out.grp = label(r.grp);
    if (label(r.grp) !== out.grp) continue;
    const v2 = r.var2 === null || r.var2 === undefined || r.var2 === "" ? undefined : r.var2;
    if (v2 === undefined && r.var1 === "(Intercept)") out.tau0 = sd;
    else if (v2 === undefined && out.tau1 === undefined) out.tau1 = sd;
    else if (v2 !== undefined) out.rho = sd;
  }
  if (out.tau0 !== undefined && out.tau1 !== undefined) {
    const c = (out.rho ?? 0) * out.tau0 * out.tau1;
    out.sigma2 = [[out.tau0 ** 2, c], [c, out.tau1 ** 2]];
  }
  return out;
}

/**
 * Points of the level-`p` contour ellipse of a bivariate normal with covariance `cov` around `center`:
 * centre + r·L·(cos a, sin a) with L the Cholesky factor and r = sqrt(qchisq(p, 2)) = sqrt(-2 ln(1 - p)).
 */
export function ellipse(
  center: [number, number], cov: [[number, number], [number, number]], p: number, segments = 60,
): { x: number; y: number; i: number }[] {
  const r = Math.sqrt(-2 * Math.log(1 - p));
  const l11 = Math.sqrt(Math.max(cov[0][0], 0));
  const l21 = l11 > 0 ? cov[1][0] / l11 : 0;
  const l22 = Math.sqrt(Math.max(cov[1][1] - l21 * l21, 0));
  const pts: { x: number; y: number; i: number }[] = [];
  for (let i = 0; i <= segments; i++) {
    const a = (2 * Math.PI * i) / segments;
    const u = Math.cos(a), v = Math.sin(a);
    pts.push({ x: center[0] + r * l11 * u, y: center[1] + r * (l21 * u + l22 * v), i });
  }
  return pts;
}

/**
 * Clockwise rotation in degrees for a `triangle` point (which points up at 0°) so that it points
 * along (dx, dy) *in pixel space*, given the data ranges and the plot size.
 */
export function arrowAngle(dx: number, dy: number, xRange: number, yRange: number, width: number, height: number): number {
  const px = (dx * width) / xRange;
  const py = (dy * height) / yRange;
  return (Math.atan2(px, py) * 180) / Math.PI;
}

/** Rows of `ranef` grouped per term, first-seen order. */
export function ranefRows(rows: readonly Row[]): { group: string; term: string; condval: number; condsd?: number }[] {
  const out: { group: string; term: string; condval: number; condsd?: number }[] = [];
  for (const r of rows as readonly Partial<RanefRow>[]) {
    const v = num(r.condval);
    if (v === undefined) continue;
    const sd = num(r.condsd);
    out.push(sd === undefined ? { group: label(r.group), term: label(r.term), condval: v } : { group: label(r.group), term: label(r.term), condval: v, condsd: sd });
  }
  return out;
}

/** Rounds for labels: 3 significant-ish decimals. */
export function fmt(v: number | undefined, digits = 2): string {
  return v === undefined || !Number.isFinite(v) ? "—" : v.toFixed(digits);
}
