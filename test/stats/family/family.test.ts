import { describe, expect, it } from "vitest";
import {
  binomial, erfc, FamilyError, familyNames, gaussian, getFamily, hasFamily, lchoose, lgamma, logDbinom, logDpois, poisson,
  pValueNormal, registerFamily,
} from "../../../src/stats/family";

describe("special functions", () => {
  it("lgamma(x) matches R's lgamma to 1e-13 relative", () => {
    const cases: [number, number][] = [
      [0.1, 2.252712651734206], [0.5, 0.5723649429247001], [1.5, -0.1207822376352452], [2.5, 0.2846828704729192],
      [3, 0.6931471805599453], [7.9, 8.32426586800881], [10, 12.80182748008147], [100, 359.1342053695754], [1e5, 1051287.708973657],
    ];
    for (const [x, want] of cases) expect(Math.abs(lgamma(x) - want)).toBeLessThan(1e-13 * Math.max(1, Math.abs(want)));
    expect(lgamma(1)).toBe(0);
    expect(lgamma(0)).toBe(Infinity);
    expect(lgamma(-0.5)).toBeCloseTo(1.265512123484645, 12);
  });
  it("lchoose, logDbinom, logDpois match R", () => {
    expect(lchoose(14, 2)).toBeCloseTo(4.51085950651685, 12);
    expect(logDbinom(2, 14, 0.2)).toBeCloseTo(-1.3857389341219, 11); // dbinom(2, 14, 0.2, log = TRUE)
    expect(logDbinom(0, 5, 0)).toBe(0);
    expect(logDpois(3, 2.5)).toBeCloseTo(-1.5428872736056, 11); // dpois(3, 2.5, log = TRUE)
    expect(logDpois(0, 0)).toBe(0);
  });
  it("erfc and pValueNormal match R's 2·pnorm(−|z|)", () => {
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 15);
    expect(Math.abs(erfc(2.6) / 2.360344165293490e-4 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(erfc(5) / 1.537459794428035e-12 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(pValueNormal(-6.048) / 1.466549567520082e-9 - 1)).toBeLessThan(1e-12);
    expect(pValueNormal(1.96)).toBeCloseTo(0.04999579029644, 13);
  });
});

describe("families", () => {
  it("binomial(logit): linkinv clamps at |η| > 30 like R; muEta ≥ ε", () => {
    expect(binomial.linkinv(0)).toBe(0.5);
    expect(binomial.linkinv(-40)).toBeCloseTo(2.220446e-16, 21);
    expect(binomial.linkinv(40)).toBeLessThan(1);
    expect(binomial.muEta(50)).toBe(2.220446049250313e-16);
    expect(binomial.linkfun(binomial.linkinv(1.3))).toBeCloseTo(1.3, 12);
  });
  it("poisson(log): linkinv is max(e^η, ε)", () => {
    expect(poisson.linkinv(-800)).toBe(2.220446049250313e-16);
    expect(poisson.linkinv(1)).toBeCloseTo(Math.E, 14);
  });
  it("deviance residuals are 0 at y = μ, use 0·log 0 = 0, and equal aic − saturated", () => {
    expect(binomial.devResid(0.25, 0.25, 12)).toBeCloseTo(0, 14);
    expect(binomial.devResid(0, 0.3, 5)).toBeCloseTo(-2 * 5 * Math.log(0.7), 12);
    expect(poisson.devResid(0, 1.5, 1)).toBeCloseTo(3, 14);
    const sat = binomial.aicTerm(3 / 14, 3 / 14, 14, 1);
    expect(binomial.aicTerm(3 / 14, 0.1, 14, 1) - sat).toBeCloseTo(binomial.devResid(3 / 14, 0.1, 14), 12);
    expect(binomial.aicTerm(3 / 14, 0.1, 14, 1)).toBeCloseTo(-2 * logDbinom(3, 14, 0.1), 12);
    expect(poisson.aicTerm(4, 2, 1, 1)).toBeCloseTo(-2 * logDpois(4, 2), 12);
    expect(gaussian.aicTerm(1, 0, 1, 1)).toBeCloseTo(Math.log(2 * Math.PI) + 1, 12);
  });
  it("binomial.validate rejects responses outside [0, 1], non-binary y without trials, non-integer successes", () => {
    expect(() => binomial.validate(Float64Array.of(0, 1.5), undefined)).toThrow(/binomial: the response must lie in \[0, 1\].*1\.5 in row 2/);
    expect(() => binomial.validate(Float64Array.of(0, 0.5), undefined)).toThrow(/without trials must be binary \(0 or 1\); it is 0\.5 in row 2/);
    expect(() => binomial.validate(Float64Array.of(0.25, 0.3), Float64Array.of(4, 5), Int32Array.of(10, 11))).toThrow(/non-integer number of successes \(1\.5 of 5 trials\) in row 12/);
    expect(() => binomial.validate(Float64Array.of(0.5), Float64Array.of(-2))).toThrow(/number of trials/);
    expect(() => binomial.validate(Float64Array.of(0.25, 1, 0), Float64Array.of(4, 3, 7))).not.toThrow();
  });
  it("poisson.validate rejects negative and non-integer counts", () => {
    expect(() => poisson.validate(Float64Array.of(1, -1), undefined)).toThrow(/poisson: the response must be a non-negative count; it is -1 in row 2/);
    expect(() => poisson.validate(Float64Array.of(2.5), undefined)).toThrow(/whole-number count; it is 2\.5 in row 1/);
    expect(() => poisson.validate(Float64Array.of(0, 3, 7), undefined)).not.toThrow();
  });
  it("gaussian.validate rejects non-finite responses and negative weights", () => {
    expect(() => gaussian.validate(Float64Array.of(1, NaN), undefined)).toThrow(/gaussian: the response must be finite; it is NaN in row 2/);
    expect(() => gaussian.validate(Float64Array.of(1), Float64Array.of(-1))).toThrow(/prior weights must be non-negative/);
  });
  it("the validation errors are FamilyErrors", () => {
    expect(() => poisson.validate(Float64Array.of(-1), undefined)).toThrow(FamilyError);
  });
});

describe("family registry", () => {
  it("getFamily/hasFamily find the built-in families", () => {
    expect(familyNames()).toEqual(expect.arrayContaining(["gaussian", "binomial", "poisson"]));
    expect(hasFamily("poisson")).toBe(true);
    expect(getFamily("binomial").link).toBe("logit");
    expect(getFamily("poisson").link).toBe("log");
    expect(getFamily("gaussian").link).toBe("identity");
  });
  it("getFamily(unknown) names the known families", () => {
    expect(() => getFamily("gamma")).toThrow(/unknown family "gamma"; the known families are gaussian, binomial, poisson/);
  });
  it("registerFamily rejects a duplicate without override and an illegal name", () => {
    expect(() => registerFamily(poisson)).toThrow(/the family "poisson" is already defined. Use the override option/);
    expect(() => registerFamily(poisson, { override: true })).not.toThrow();
    expect(() => registerFamily({ ...poisson, name: "bad name" as never })).toThrow(/illegal family name/);
  });
});
