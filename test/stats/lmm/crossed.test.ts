/**
 * Crossed vector-valued terms (p = 2 in the dense blocks) against lme4 1.1-31 on a simulated
 * dataset (fixtures/crossed.csv, written by R with set.seed(42); reference values printed by lmer).
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fitLmm } from "../../../src/stats/lmm";
import { matrices, ones, readCsv, term } from "./helpers";

const d = readCsv("crossed.csv", fileURLToPath(new URL("./fixtures", import.meta.url)));
const y = Float64Array.from(d.y, Number);
const x = Float64Array.from(d.x, Number);
const n = y.length;
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

interface Ref { theta: number[]; crit: number; fixef: number[]; se: number[]; sdcor: number[]; first: Record<string, [number[], number[]]> }

function check(fit: ReturnType<typeof fitLmm>, ref: Ref): void {
  expect(Math.abs((fit.REMLcrit ?? fit.deviance) as number - ref.crit)).toBeLessThan(1e-5);
  fit.fixef.forEach((f, i) => {
    expect(Math.abs(f.estimate - ref.fixef[i])).toBeLessThan(0.002 * ref.se[i]);
    expect(rel(f.se, ref.se[i])).toBeLessThan(0.002);
  });
  fit.varcorr.forEach((r, i) => {
    if (r.var2 === null && ref.sdcor[i] === 0) expect(r.sdcor).toBeLessThan(1e-6);
    else if (r.var2 === null) expect(rel(r.sdcor, ref.sdcor[i])).toBeLessThan(0.002);
    else expect(Math.abs(r.sdcor - ref.sdcor[i])).toBeLessThan(0.002);
  });
  for (const [group, [vals, sds]] of Object.entries(ref.first)) {
    const g = fit.ranef.find((r) => r.group === group)!;
    Object.keys(g.values).forEach((name, a) => {
      expect(Math.abs(g.values[name][0] - vals[a])).toBeLessThan(0.003 * Math.max(...g.values[name].map(Math.abs)));
      expect(rel(g.condsd![name][0], sds[a])).toBeLessThan(0.003);
    });
  }
}

describe("fitLmm with crossed vector-valued terms", () => {
  it("fitLmm(y ~ x + (x | g) + (x | h)) matches lme4 REML", () => {
    const mm = matrices(y, [ones(n), x], ["(Intercept)", "x"], [
      term("g", d.g, ["(Intercept)", "x"], [ones(n), x]),
      term("h", d.h, ["(Intercept)", "x"], [ones(n), x]),
    ], "y");
    const fit = fitLmm(mm);
    check(fit, {
      theta: [1.8481164, 0.20736353, 0.73696387, 1.74086029, 0.64755737, 0.88762649],
      crit: 656.60814001,
      fixef: [0.32536214, 0.69773073], se: [0.50062175, 0.28965707],
      sdcor: [1.24298912, 0.51490791, 0.27085747, 1.1708518, 0.73897485, 0.58936806, 0.6725708],
      first: { g: [[0.6932074, 0.69574411], [0.29631418, 0.20515519]], h: [[0.75363735, 0.48309085], [0.2608354, 0.17157548]] },
    });
  });

  it("fitLmm(y ~ x + (1 | g) + (x | h), {REML: false}) matches lme4 deviance", () => {
    const mm = matrices(y, [ones(n), x], ["(Intercept)", "x"], [
      term("g", d.g, ["(Intercept)"], [ones(n)]),
      term("h", d.h, ["(Intercept)", "x"], [ones(n), x]),
    ], "y");
    const fit = fitLmm(mm, { REML: false });
    check(fit, {
      theta: [1.40051329, 1.2074478, 0.4527878, 0.51362195],
      crit: 722.77135574,
      fixef: [0.29919125, 0.73488668], se: [0.46455398, 0.21916942],
      sdcor: [1.21960667, 1.05147977, 0.59626266, 0.6612865, 0.87082835],
      first: { g: [[0.63087328], [0.31691312]], h: [[0.65452045, 0.34783703], [0.2568954, 0.15431796]] },
    });
  });

  it("fitLmm(y ~ x + (x | h) + (1 | g)) reorders terms as mkReTrms (g before h)", () => {
    const mm = matrices(y, [ones(n), x], ["(Intercept)", "x"], [
      term("h", d.h, ["(Intercept)", "x"], [ones(n), x]),
      term("g", d.g, ["(Intercept)"], [ones(n)]),
    ], "y");
    const fit = fitLmm(mm);
    expect(fit.terms.map((t) => t.group)).toEqual(["g", "h"]);
    check(fit, {
      theta: [1.42032596, 1.26981281, 0.49121246, 0.54735755],
      crit: 723.87544001,
      fixef: [0.29968118, 0.7348819], se: [0.48219131, 0.23421779],
      sdcor: [1.23668228, 1.10563, 0.64036056, 0.66790533, 0.87070314],
      first: { g: [[0.63249872], [0.3202628]], h: [[0.65609476, 0.35114348], [0.26109114, 0.15521724]] },
    });
  });
});

describe("fitLmm with three crossed terms, prior weights and an offset", () => {
  it("fitLmm(y ~ x + (1 | g) + (x | h) + (1 | k), weights = w, offset = o) matches lme4 (singular in k)", () => {
    const e = readCsv("crossed3.csv", fileURLToPath(new URL("./fixtures", import.meta.url)));
    const ye = Float64Array.from(e.y, Number);
    const xe = Float64Array.from(e.x, Number);
    const mm = {
      ...matrices(ye, [ones(n), xe], ["(Intercept)", "x"], [
        term("g", e.g, ["(Intercept)"], [ones(n)]),
        term("h", e.h, ["(Intercept)", "x"], [ones(n), xe]),
        term("k", e.k, ["(Intercept)"], [ones(n)]),
      ], "y"),
      weights: Float64Array.from(e.w, Number),
      offset: Float64Array.from(e.o, Number),
    };
    const fit = fitLmm(mm);
    expect(fit.singular).toBe(true);
    expect(fit.theta[4]).toBeLessThan(1e-4);
    check(fit, {
      theta: [1.23688384, 1.07363214, 0.45613222, 0.49949433, 0],
      crit: 752.74126403,
      fixef: [0.10522037, 0.76144017], se: [0.48290176, 0.25184792],
      sdcor: [1.26213386, 1.09554951, 0.69023399, 0.67432755, 0, 1.02041422],
      first: { g: [[0.68969565], [0.32093188]], h: [[0.73280447, 0.39317252], [0.27294105, 0.17312293]] },
    });
  });
});
