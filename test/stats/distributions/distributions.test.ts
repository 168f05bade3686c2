import { describe, expect, it } from "vitest";
import { erfc, gammaQ, lgamma, pchisqUpper, pnorm, qnorm, twoSidedP } from "../../../src/stats/distributions";

// Reference values printed by R 4.2 (Debian's r-base): pnorm, qnorm, pchisq(lower.tail = FALSE), lgamma.
describe("normal distribution", () => {
  it("pnorm(z) matches R", () => {
    expect(pnorm(0)).toBe(0.5);
    expect(pnorm(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(pnorm(-3)).toBeCloseTo(0.0013498980316301, 15);
    expect(pnorm(-8) / 6.22096057427178e-16).toBeCloseTo(1, 10);
    expect(pnorm(2.5)).toBeCloseTo(0.99379033467422384, 14);
  });
  it("qnorm(p) inverts pnorm and matches R", () => {
    expect(qnorm(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(qnorm(0.5)).toBeCloseTo(0, 15);
    expect(qnorm(1e-10)).toBeCloseTo(-6.361340902404056, 10);
    for (const p of [1e-6, 0.01, 0.3, 0.77, 0.999]) expect(pnorm(qnorm(p))).toBeCloseTo(p, 13);
  });
  it("erfc and twoSidedP at the edges", () => {
    expect(erfc(0)).toBe(1);
    expect(twoSidedP(3) / 2.6997960632601892e-03).toBeCloseTo(1, 12);
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 13);
    expect(twoSidedP(Infinity)).toBe(0);
    expect(twoSidedP(NaN)).toBeNaN();
  });
});

describe("gamma and chi-square", () => {
  it("lgamma(x) matches R", () => {
    expect(lgamma(1)).toBeCloseTo(0, 14);
    expect(lgamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(lgamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(lgamma(100.5)).toBeCloseTo(361.43554046777757, 9);
  });
  it("pchisqUpper(x, df) matches R's pchisq(x, df, lower.tail = FALSE)", () => {
    expect(pchisqUpper(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(pchisqUpper(10, 3)).toBeCloseTo(0.018566135463043, 12);
    expect(pchisqUpper(0.5, 2)).toBeCloseTo(Math.exp(-0.25), 13);
    expect(pchisqUpper(200, 150) / 3.9731859708216086e-03).toBeCloseTo(1, 10);
    expect(gammaQ(3, 0)).toBe(1);
  });
});
