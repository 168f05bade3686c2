import { describe, expect, it } from "vitest";
import { simulateGroupedData, validateSimulateOptions } from "../../../src/stats/simulate/index";

function olsSlope(x: ArrayLike<number>, y: ArrayLike<number>, rows?: number[]): number {
  const idx = rows ?? Array.from({ length: x.length }, (_, i) => i);
  let mx = 0, my = 0;
  for (const i of idx) { mx += x[i]; my += y[i]; }
  mx /= idx.length; my /= idx.length;
  let sxy = 0, sxx = 0;
  for (const i of idx) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ** 2; }
  return sxy / sxx;
}

function rowsByGroup(group: string[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  group.forEach((g, i) => { if (!m.has(g)) m.set(g, []); m.get(g)!.push(i); });
  return m;
}

function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s / a.length;
}

function sd(a: ArrayLike<number>): number {
  const m = mean(a);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - m) ** 2;
  return Math.sqrt(s / (a.length - 1));
}

function cor(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ma = mean(a), mb = mean(b);
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) ** 2; sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** The Simpson configuration used by the test below (and a sensible template preset). */
const SIMPSON = {
  seed: 2026,
  groups: 8,
  groupSize: 25,
  intercept: 0,
  slope: 1,
  interceptSD: 4,
  slopeSD: 0.2,
  sigma: 0.5,
  xSD: 1,
  confounding: 1,
} as const;

describe("simulateGroupedData(options)", () => {
  it("simulateGroupedData({seed: 5}) twice gives identical data; seed 6 differs", () => {
    const a = simulateGroupedData({ seed: 5, family: "poisson", slope: 0.3 });
    const b = simulateGroupedData({ seed: 5, family: "poisson", slope: 0.3 });
    expect(a).toEqual(b);
    const c = simulateGroupedData({ seed: 6, family: "poisson", slope: 0.3 });
    expect(Array.from(c.columns.x)).not.toEqual(Array.from(a.columns.x));
    expect(Array.from(c.truth.groups.intercept)).not.toEqual(Array.from(a.truth.groups.intercept));
  });

  it("simulateGroupedData({seed: 1}) has pinned first values (same seed → same stream everywhere)", () => {
    const { columns } = simulateGroupedData({ seed: 1, groups: 3, groupSize: 2 });
    expect(columns.group).toEqual(["G01", "G01", "G02", "G02", "G03", "G03"]);
    // Printed once and pinned: any change to the generator or stream layout breaks saved workbenches' data.
    expect(Array.from(columns.x.slice(0, 2)).map((v) => +v.toFixed(6))).toEqual([-0.049627, 0.799724]);
  });

  it("simulateGroupedData at one seed: changing sigma keeps x and the group effects", () => {
    const a = simulateGroupedData({ seed: 9, sigma: 1 });
    const b = simulateGroupedData({ seed: 9, sigma: 3 });
    expect(b.columns.x).toEqual(a.columns.x);
    expect(b.truth.groups.intercept).toEqual(a.truth.groups.intercept);
    const ea = Array.from(a.columns.y, (y, i) => y - a.columns.trueIntercept[i] - a.columns.trueSlope[i] * a.columns.x[i]);
    const eb = Array.from(b.columns.y, (y, i) => y - b.columns.trueIntercept[i] - b.columns.trueSlope[i] * b.columns.x[i]);
    eb.forEach((e, i) => expect(e).toBeCloseTo(3 * ea[i], 9));
  });

  it("simulateGroupedData({groups: 12, groupSize: 7}) returns columns, labels and truth of the right shape", () => {
    const d = simulateGroupedData({ groups: 12, groupSize: 7, family: "binomial", trials: 5 });
    expect(d.columns.group.length).toBe(84);
    expect(d.truth.nObs).toBe(84);
    expect(d.truth.groups.label[0]).toBe("G01");
    expect(d.truth.groups.label[11]).toBe("G12");
    expect(Array.from(d.truth.groups.size)).toEqual(new Array(12).fill(7));
    expect(d.columns.trials).toBeInstanceOf(Float64Array);
    expect(Array.from(d.columns.trials!).every((t) => t === 5)).toBe(true);
    expect(Array.from(d.columns.y).every((v) => Number.isInteger(v) && v >= 0 && v <= 5)).toBe(true);
    expect(d.truth.link).toBe("logit");
    expect(d.truth.sigma).toBeNull();
    expect(simulateGroupedData({ groups: 150, groupSize: 1 }).truth.groups.label[0]).toBe("G001");
  });

  it("large gaussian simulation matches gamma00, gamma10, tau0, tau1, rho and sigma", () => {
    const opts = {
      seed: 31, groups: 500, groupSize: 60, intercept: 2, slope: -1.5,
      interceptSD: 1.5, slopeSD: 0.8, rho: 0.6, sigma: 2, xMean: 3, xSD: 1.2,
    };
    const d = simulateGroupedData(opts);
    const g = d.truth.groups;
    expect(mean(g.intercept)).toBeCloseTo(2, 0);
    expect(Math.abs(mean(g.intercept) - 2)).toBeLessThan(4 * 1.5 / Math.sqrt(500));
    expect(Math.abs(mean(g.slope) + 1.5)).toBeLessThan(4 * 0.8 / Math.sqrt(500));
    expect(Math.abs(sd(g.intercept) - 1.5) / 1.5).toBeLessThan(0.1);
    expect(Math.abs(sd(g.slope) - 0.8) / 0.8).toBeLessThan(0.1);
    expect(Math.abs(cor(g.intercept, g.slope) - 0.6)).toBeLessThan(0.1);
    const c = d.columns;
    const resid = Array.from(c.y, (y, i) => y - c.trueIntercept[i] - c.trueSlope[i] * c.x[i]);
    expect(Math.abs(mean(resid))).toBeLessThan(0.05);
    expect(Math.abs(sd(resid) - 2)).toBeLessThan(0.04);
    expect(Math.abs(mean(c.x) - 3)).toBeLessThan(0.03);
    const xWithin = Array.from(c.x, (x, i) => x - g.xCenter[Number(c.group[i].slice(1)) - 1]);
    expect(Math.abs(sd(xWithin) - 1.2)).toBeLessThan(0.03);
  });

  it("large binomial and poisson simulations match the conditional means and variances", () => {
    const common = { seed: 8, groups: 200, groupSize: 200, interceptSD: 0.5, slopeSD: 0.2, slope: 0.4 };
    const b = simulateGroupedData({ ...common, family: "binomial", trials: 10, intercept: -0.5 });
    let sumR = 0, sumZ2 = 0;
    const n = b.columns.y.length;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(b.columns.trueIntercept[i] + b.columns.trueSlope[i] * b.columns.x[i])));
      const r = b.columns.y[i] - 10 * p;
      sumR += r;
      sumZ2 += (r * r) / (10 * p * (1 - p));
    }
    expect(Math.abs(sumR / n)).toBeLessThan(0.02); // E[y - np] = 0
    expect(Math.abs(sumZ2 / n - 1)).toBeLessThan(0.03); // Var(y) = np(1-p)

    const p = simulateGroupedData({ ...common, family: "poisson", intercept: 1 });
    let sumRp = 0, sumZ2p = 0;
    for (let i = 0; i < n; i++) {
      const lambda = Math.exp(p.columns.trueIntercept[i] + p.columns.trueSlope[i] * p.columns.x[i]);
      const r = p.columns.y[i] - lambda;
      sumRp += r;
      sumZ2p += (r * r) / lambda;
    }
    expect(Math.abs(sumRp / n)).toBeLessThan(0.05); // E[y - λ] = 0
    expect(Math.abs(sumZ2p / n - 1)).toBeLessThan(0.03); // Var(y) = λ
    expect(p.truth.link).toBe("log");
  });

  it(`simulateGroupedData({seed: ${SIMPSON.seed}, confounding: 1, ...}) shows Simpson's paradox; confounding 0 does not`, () => {
    const d = simulateGroupedData(SIMPSON);
    const pooled = olsSlope(d.columns.x, d.columns.y);
    const within = [...rowsByGroup(d.columns.group).values()].map((rows) => olsSlope(d.columns.x, d.columns.y, rows));
    expect(pooled).toBeLessThan(0);
    expect(within.length).toBe(8);
    for (const w of within) expect(w).toBeGreaterThan(0);

    const d0 = simulateGroupedData({ ...SIMPSON, confounding: 0 });
    const pooled0 = olsSlope(d0.columns.x, d0.columns.y);
    expect(pooled0).toBeGreaterThan(0);
    const within0 = [...rowsByGroup(d0.columns.group).values()].map((rows) => olsSlope(d0.columns.x, d0.columns.y, rows));
    for (const w of within0) expect(w).toBeGreaterThan(0);
  });

  it("Simpson holds at most seeds with the SIMPSON preset (pooled slope ≈ γ10 − κτ0/(σx(1+κ²)) = −1)", () => {
    let reversed = 0;
    let sum = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const d = simulateGroupedData({ ...SIMPSON, seed });
      const pooled = olsSlope(d.columns.x, d.columns.y);
      sum += pooled;
      if (pooled < 0) reversed++;
    }
    expect(reversed).toBeGreaterThanOrEqual(34);
    expect(sum / 40).toBeLessThan(-0.5);
  });

  it("simulateGroupedData({slope: -1, confounding: 1}) reverses a negative within-group slope too", () => {
    const d = simulateGroupedData({ ...SIMPSON, slope: -1 });
    expect(olsSlope(d.columns.x, d.columns.y)).toBeGreaterThan(0);
  });

  it("simulateGroupedData({imbalance: 1, tinyGroup: 2}) gives one group of exactly 2 rows and a spread of sizes", () => {
    const d = simulateGroupedData({ seed: 4, groups: 10, groupSize: 30, imbalance: 1, tinyGroup: 2 });
    const sizes = Array.from(d.truth.groups.size);
    expect(sizes[9]).toBe(2);
    expect(d.truth.tinyGroup).toBe("G10");
    expect(rowsByGroup(d.columns.group).get("G10")!.length).toBe(2);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(300);
    const regular = sizes.slice(0, 9);
    expect(Math.max(...regular) / Math.min(...regular)).toBeGreaterThan(10);
    expect(Math.min(...regular)).toBeGreaterThanOrEqual(1);

    const one = simulateGroupedData({ seed: 4, groups: 5, groupSize: 10, tinyGroup: 1 });
    expect(one.truth.groups.size[4]).toBe(1);
    expect(Array.from(one.truth.groups.size).slice(0, 4).sort()).toEqual([12, 12, 12, 13]);

    const balanced = simulateGroupedData({ seed: 4, groups: 10, groupSize: 30, imbalance: 0 });
    expect(Array.from(balanced.truth.groups.size)).toEqual(new Array(10).fill(30));
    expect(balanced.truth.tinyGroup).toBeNull();
  });

  it("validateSimulateOptions(options) names each bad option", () => {
    expect(validateSimulateOptions({})).toEqual([]);
    expect(validateSimulateOptions({ groups: 0 })).toEqual(["groups must be an integer in 1..500, got 0"]);
    expect(validateSimulateOptions({ groups: 2.5 })[0]).toMatch(/groups must be an integer/);
    expect(validateSimulateOptions({ rho: 1.2 })[0]).toBe("rho must be a number in -1..1, got 1.2");
    expect(validateSimulateOptions({ sigma: -1 })[0]).toMatch(/sigma/);
    expect(validateSimulateOptions({ imbalance: NaN })[0]).toMatch(/imbalance must be a finite number/);
    expect(validateSimulateOptions({ family: "gamma" as never })[0]).toMatch(/family must be one of "gaussian", "binomial", "poisson"/);
    expect(validateSimulateOptions({ tinyGroup: 1, groups: 1 })[0]).toMatch(/tinyGroup needs at least 2 groups/);
    expect(validateSimulateOptions({ groups: 500, groupSize: 5000 })[0]).toMatch(/at most 1000000 rows/);
    expect(() => simulateGroupedData({ groups: 501 })).toThrow("simulateGroupedData: groups must be an integer in 1..500, got 501");
  });

  it("simulateGroupedData({family: 'poisson', slope: 50}) refuses absurd rates", () => {
    expect(() => simulateGroupedData({ family: "poisson", slope: 50, xSD: 1 })).toThrow(/Poisson rate/);
  });
});
