/**
 * binomial/logit, poisson/log and gaussian/identity, written from the densities.
 * Clamping follows R's C code for the logit link (|η| > 30 → μ at ε or 1 − ε; dμ/dη ≥ ε) and
 * R's log link (μ = max(e^η, ε)), with ε = 2.220446e-16 (.Machine$double.eps), which lme4 uses too.
 */
import { FamilyError } from "./family-error";
import { logDbinom, logDpois, xlogy } from "./special";
import type { Family } from "./types";

const EPS = 2.220446049250313e-16;
const THRESH = 30;

const rowLabel = (i: number, rows?: Int32Array): number => (rows ? rows[i]! : i) + 1;

export const binomial: Family = {
  name: "binomial",
  link: "logit",
  fixedDispersion: true,
  linkfun: (mu) => Math.log(mu / (1 - mu)),
  linkinv(eta) {
    const e = eta < -THRESH ? EPS : eta > THRESH ? 1 / EPS : Math.exp(eta);
    return e / (1 + e);
  },
  muEta(eta) {
    if (eta > THRESH || eta < -THRESH) return EPS;
    const e = Math.exp(eta);
    return e / ((1 + e) * (1 + e));
  },
  variance: (mu) => mu * (1 - mu),
  devResid: (y, mu, wt) => 2 * wt * (xlogy(y, y / mu) + xlogy(1 - y, (1 - y) / (1 - mu))),
  aicTerm(y, mu, wt) {
    // R's binomial()$aic with m = the number of trials (the prior weight): −2·(wt/m)·log dbinom(round(m·y), round(m), μ)
    const m = Math.round(wt);
    if (m <= 0) return 0;
    return (-2 * wt / m) * logDbinom(Math.round(m * y), m, mu);
  },
  mustart: (y, wt) => (wt * y + 0.5) / (wt + 1),
  validate(y, wt, rows) {
    const bernoulli = !wt || wt.every((v) => v === 1);
    for (let i = 0; i < y.length; i++) {
      const v = y[i]!;
      const w = wt ? wt[i]! : 1;
      if (!Number.isFinite(w) || w < 0)
        throw new FamilyError(`binomial: the number of trials (prior weight) must be a non-negative number; it is ${w} in row ${rowLabel(i, rows)}`);
      if (!Number.isFinite(v) || v < 0 || v > 1)
        throw new FamilyError(`binomial: the response must lie in [0, 1] (0/1 outcomes or proportions of successes); it is ${v} in row ${rowLabel(i, rows)}`);
      if (bernoulli && v !== 0 && v !== 1)
        throw new FamilyError(
          `binomial: a response without trials must be binary (0 or 1); it is ${v} in row ${rowLabel(i, rows)}. For proportions, give the number of trials as weights or use cbind(successes, failures)`,
        );
      const s = v * w;
      if (!bernoulli && Math.abs(s - Math.round(s)) > 1e-7 * Math.max(1, w))
        throw new FamilyError(`binomial: non-integer number of successes (${s} of ${w} trials) in row ${rowLabel(i, rows)}`);
    }
  },
};

export const poisson: Family = {
  name: "poisson",
  link: "log",
  fixedDispersion: true,
  linkfun: (mu) => Math.log(mu),
  linkinv: (eta) => Math.max(Math.exp(eta), EPS),
  muEta: (eta) => Math.max(Math.exp(eta), EPS),
  variance: (mu) => mu,
  devResid: (y, mu, wt) => 2 * wt * (xlogy(y, y / mu) - (y - mu)),
  aicTerm: (y, mu, wt) => -2 * wt * logDpois(y, mu),
  mustart: (y) => y + 0.1,
  validate(y, wt, rows) {
    for (let i = 0; i < y.length; i++) {
      const v = y[i]!;
      if (!Number.isFinite(v) || v < 0)
        throw new FamilyError(`poisson: the response must be a non-negative count; it is ${v} in row ${rowLabel(i, rows)}`);
      if (v !== Math.round(v))
        throw new FamilyError(`poisson: the response must be a whole-number count; it is ${v} in row ${rowLabel(i, rows)}`);
      const w = wt ? wt[i]! : 1;
      if (!Number.isFinite(w) || w < 0)
        throw new FamilyError(`poisson: prior weights must be non-negative numbers; it is ${w} in row ${rowLabel(i, rows)}`);
    }
  },
};

export const gaussian: Family = {
  name: "gaussian",
  link: "identity",
  fixedDispersion: false,
  linkfun: (mu) => mu,
  linkinv: (eta) => eta,
  muEta: () => 1,
  variance: () => 1,
  devResid: (y, mu, wt) => wt * (y - mu) * (y - mu),
  aicTerm: (y, mu, wt, phi) => (wt > 0 ? Math.log((2 * Math.PI * phi) / wt) + (wt * (y - mu) * (y - mu)) / phi : 0),
  mustart: (y) => y,
  validate(y, wt, rows) {
    for (let i = 0; i < y.length; i++) {
      if (!Number.isFinite(y[i]!)) throw new FamilyError(`gaussian: the response must be finite; it is ${y[i]} in row ${rowLabel(i, rows)}`);
      const w = wt ? wt[i]! : 1;
      if (!Number.isFinite(w) || w < 0)
        throw new FamilyError(`gaussian: prior weights must be non-negative numbers; it is ${w} in row ${rowLabel(i, rows)}`);
    }
  },
};
