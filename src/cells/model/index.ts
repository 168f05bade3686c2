// The model cell: complete pooling, no pooling and mixed models (lmer / glmer) from an lme4 formula
// over an input table. Its value carries the fits and the tables charts read (coefs, fixef, varcorr,
// ranef, groups, population, tidy, glance, predictions, anova), plus the R call to reproduce it.
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { boundOptions } from "../bind";
import { defineCellType, type CellInput, type Json } from "../registry";
import type { FamilyName } from "../../stats/frame/model-matrices";
import { anovaRows } from "./anova";
import { bindableModelOptions, checkModel, families, modelDefaults, modelSchema, type ModelConfig, type ModelMethod } from "./config";
import { inputColumns, shouldUseWorker } from "./data";
import type { DataColumns } from "../../stats/frame/model-matrices";
import { buildFrame, fitComplete, fitMixed, fitNoPooling, formatMixedSummary, inverseLink, sigmaOf, thetaKey, type FitOptions, type MixedFit, type PoolFit } from "./fits";
import { rCall } from "./r-call";
import {
  coefRows, fixefRows, groupSizes, poolingCoef, populationRows, predictionColumns, ranefRows, tidyRows, varcorrRows, type Row,
} from "./tables";
import { loadOnce } from "../load-once";

/** The worker path (large data), loaded on first use and kept: see load-once.ts. */
const loadOffload = loadOnce(() => import("./offload"));

export type { ModelConfig } from "./config";

/** What a model cell holds. Tables are own properties so charts bind them by name (`fit.coefs`). */
export interface ModelValue {
  method: ModelMethod;
  formula: string;
  family: FamilyName;
  /** The link function of the family: identity, logit or log. */
  link: "identity" | "logit" | "log";
  REML: boolean;
  /** The R call fitting the same model. */
  rCall: string;
  mixed: MixedFit | null;
  complete: PoolFit | null;
  none: PoolFit | null;
  /** lme4-like printed summary of the main fit. */
  summaryText: string;
  messages: string[];
  coefs: Row[];
  fixef: Row[];
  varcorr: Row[];
  ranef: Row[];
  groups: Row[];
  population: Row[];
  tidy: Row[];
  glance: Row[];
  /** One row per observation used: row, group, x, y, fitted, residual. */
  predictions: ColumnTable;
  /** The same table under the name charts and transforms read. */
  data: ColumnTable;
  anova: Row[];
  /**
   * θ of each mixed fit made (main and comparison refits, by thetaKey): where the next fit of the
   * same models starts while a slider is dragged (ComputeContext.draft).
   */
  thetas: Record<string, readonly number[]>;
}

export interface Resolved extends FitOptions {
  method: ModelMethod;
  formula: string;
  level: number;
}

function resolve(config: ModelConfig, inputs: readonly CellInput[]): Resolved {
  const bound = boundOptions(config.bind, bindableModelOptions, inputs.slice(1));
  const family = (bound.family ?? config.family ?? "gaussian") as FamilyName;
  if (!(families as readonly string[]).includes(family)) throw new Error(`family must be one of ${families.join(", ")}, got ${JSON.stringify(family)}`);
  const formula = String(bound.formula ?? config.formula);
  const nAGQ = Number(bound.nAGQ ?? config.nAGQ ?? 1);
  const level = Number(bound.level ?? config.level ?? 0.95);
  // A family switch turns lmer into glmer and back, as the GLMM sandbox needs.
  let method = config.method ?? "compare";
  if (method === "lmer" && family !== "gaussian") method = "glmer";
  if (method === "lm" && family !== "gaussian") method = "glm";
  return { method, formula, family, REML: Boolean(bound.REML ?? config.REML ?? true), nAGQ, level, factors: config.factors };
}

/** The slope term: the configured one, else the first fixed-effect name that is not the intercept. */
function slopeTermOf(config: ModelConfig, fixedNames: readonly string[]): string | null {
  if (config.x) {
    if (!fixedNames.includes(config.x)) throw new Error(`x: "${config.x}" is not a fixed-effect term; the terms are ${fixedNames.join(", ")}`);
    return config.x;
  }
  return fixedNames.find((t) => t !== "(Intercept)") ?? null;
}

function emptyValue(r: Resolved): ModelValue {
  return {
    method: r.method, formula: r.formula, family: r.family, link: LINKS[r.family], REML: r.REML, rCall: "", mixed: null, complete: null, none: null, summaryText: "", messages: [],
    coefs: [], fixef: [], varcorr: [], ranef: [], groups: [], population: [], tidy: [], glance: [], predictions: EMPTY, data: EMPTY, anova: [], thetas: {},
  };
}

/** The model cell's compute, in this thread: resolve options, then fit. Tests and workers call the parts. */
export function computeModel(config: ModelConfig, inputs: readonly CellInput[]): ModelValue {
  if (!inputs[0]) throw new Error("a model needs a data input");
  return fitModelValue(config, resolve(config, inputs), inputColumns(inputs[0]));
}

/**
 * Fits what the config asks for on plain columns: pure, so it runs the same in a worker. `start`,
 * for a draft refit during a drag: θ to begin mixed fits from, by thetaKey (the last fit's).
 */
export function fitModelValue(config: ModelConfig, r: Resolved, data: DataColumns, start: Readonly<Record<string, readonly number[]>> | null = null): ModelValue {
  const value = emptyValue(r);
  const thetas = { draft: start !== null, start: start ?? {}, fitted: value.thetas };
  const frame = buildFrame(r.formula, data, r);
  const groupName = frame.reTerms[0]?.group;
  value.rCall = rCall(r.method, r.formula, { ...r, group: groupName });
  value.messages.push(...frame.messages);
  const slopeTerm = slopeTermOf(config, frame.fixedNames);
  const sizes = groupSizes(frame);
  const sizeOf = new Map(sizes.map((s) => [s.group, s.n]));
  value.groups = sizes;

  if (r.method === "anova") {
    const formulas = [r.formula, ...(config.formulas ?? [])];
    const labels = config.labels ?? formulas.map((_, i) => `model ${i + 1}`);
    const { rows, messages } = anovaRows(formulas.map((formula, i) => ({ label: labels[i]!, formula })), data, r, frame, thetas);
    value.anova = rows;
    value.messages.push(...messages);
    return value;
  }

  const wantsMixed = r.method === "compare" || r.method === "lmer" || r.method === "glmer";
  const wantsComplete = r.method === "compare" || r.method === "lm" || r.method === "glm";
  const wantsNone = r.method === "compare" || r.method === "no-pooling";
  if (wantsComplete) value.complete = fitComplete(frame, r);
  if (wantsNone) value.none = fitNoPooling(frame, r);
  if (wantsMixed) {
    const key = thetaKey(r.formula, r);
    value.mixed = fitMixed(frame, r.formula, r, { draft: thetas.draft, start: thetas.start[key] });
    value.thetas[key] = value.mixed.theta;
  }

  value.coefs = [
    ...coefRows("complete", poolingCoef(value.complete ?? undefined), slopeTerm, sizeOf),
    ...coefRows("no", poolingCoef(value.none ?? undefined), slopeTerm, sizeOf),
    ...coefRows("partial", value.mixed?.coef[0], slopeTerm, sizeOf),
  ];
  if (value.none) value.messages.push(...value.none.messages);

  const main = value.mixed ?? value.complete ?? value.none!;
  const statistic = r.family === "gaussian" ? "t" : "z";
  value.fixef = fixefRows(main.fixef, r.level, statistic);
  if (value.mixed) {
    const m = value.mixed;
    value.messages.push(...m.messages);
    value.varcorr = varcorrRows(m.varcorr);
    value.ranef = ranefRows(m.ranef);
    value.tidy = tidyRows(value.fixef, value.varcorr);
    value.predictions = value.data = aq.table(predictionColumns(frame, slopeTerm, m.fitted, m.residuals) as unknown as Record<string, ArrayLike<unknown>>);
    value.summaryText = formatMixedSummary(m);
    const sigma = sigmaOf(m);
    value.glance = [{
      nobs: m.nobs, groups: sizes.length, sigma, logLik: m.logLik, AIC: m.AIC, BIC: m.BIC, deviance: m.deviance ?? -2 * m.logLik,
      REMLcrit: m.kind === "lmm" ? m.REMLcrit : null, REML: m.kind === "lmm" && m.REML, singular: m.singular, converged: m.converged,
    }];
    const term = m.terms.find((t) => t.group === groupName);
    const sdOf = (name: string) => m.varcorr.find((v) => v.group === term?.label && v.var1 === name && v.var2 === null)?.vcov ?? 0;
    const covOf = (a: string, b: string) => m.varcorr.find((v) => v.group === term?.label && ((v.var1 === a && v.var2 === b) || (v.var1 === b && v.var2 === a)))?.vcov ?? 0;
    value.population = populationRows({
      frame, slopeTerm, fixef: m.fixef, vcov: m.vcov,
      tau: { intercept: sdOf("(Intercept)"), slope: slopeTerm ? sdOf(slopeTerm) : 0, cov: slopeTerm ? covOf("(Intercept)", slopeTerm) : 0 },
      residualVariance: sigma === null ? 0 : sigma * sigma,
      linkinv: inverseLink(r.family), level: r.level,
    });
  } else {
    const f = main;
    const sigma = sigmaOf(f);
    value.varcorr = sigma === null ? [] : [{ grp: "Residual", var1: null, var2: null, vcov: sigma * sigma, sdcor: sigma }];
    value.tidy = tidyRows(value.fixef, value.varcorr);
    value.predictions = value.data = aq.table(predictionColumns(frame, slopeTerm, f.fitted, f.residuals) as unknown as Record<string, ArrayLike<unknown>>);
    value.glance = [{ nobs: f.nobs, groups: sizes.length, sigma, logLik: f.logLik, AIC: f.AIC, BIC: f.BIC, deviance: f.deviance, REMLcrit: null, REML: false, singular: false, converged: "converged" in f ? f.converged : true }];
  }
  return value;
}

/** The θs a previous value of this cell recorded, if it is one. */
function thetasOf(previous: unknown): Readonly<Record<string, readonly number[]>> {
  const thetas = previous !== null && typeof previous === "object" ? (previous as Partial<ModelValue>).thetas : undefined;
  return thetas !== null && typeof thetas === "object" ? thetas : {};
}

const LINKS = { gaussian: "identity", binomial: "logit", poisson: "log" } as const;

const EMPTY = aq.table({});

const ROW_TABLES = ["coefs", "fixef", "varcorr", "ranef", "groups", "population", "tidy", "glance", "anova"] as const;

export const model = defineCellType<ModelConfig, ModelValue>({
  name: "model",
  title: "Model",
  description: "Complete pooling, no pooling and mixed models (lmer, glmer) from an lme4 formula over a table.",
  config: modelSchema,
  defaults: modelDefaults,
  inputs: { min: 1, max: 8 },
  check: checkModel,
  // What a sweep reruns: method, formula, family and REML after the bound inputs (inputs[0], the data, is not read).
  resolve,
  async compute(config, inputs, context) {
    if (!inputs[0]) throw new Error("a model needs a data input");
    const resolved = resolve(config, inputs);
    const data = inputColumns(inputs[0]);
    // While a slider is dragged, lmer starts from the last fit's θ: about half the evaluations for
    // the same optimum (to the optimizer's tolerance); glmer skips its first stage and its Hessian
    // (half the time, see DRAFT_GLMM_XTOL). The run that ends the drag fits from lme4's start.
    const start = context.draft ? thetasOf(context.previous) : null;
    if (!shouldUseWorker(data)) return fitModelValue(config, resolved, data, start);
    // Large data: fit in a worker so the page stays responsive; a newer input aborts the signal,
    // which terminates the worker mid-fit.
    const { fitInWorker } = await loadOffload();
    return fitInWorker(config, resolved, data, context.signal);
  },
  summary(value): Json {
    const main = value.mixed;
    return {
      method: value.method,
      family: value.family,
      link: value.link,
      call: value.rCall,
      fixef: Object.fromEntries(value.fixef.map((r) => [String(r.term), r.estimate as number])),
      ...(main ? { sigma: sigmaOf(main), logLik: main.logLik, singular: main.singular, converged: main.converged } : {}),
      ...(value.anova.length ? { anova: value.anova.map((r) => ({ model: r.model, AIC: r.AIC, p: r.p })) as Json } : {}),
      messages: value.messages,
    };
  },
  tables(value): Record<string, ColumnTable> {
    const out: Record<string, ColumnTable> = {};
    for (const name of ROW_TABLES) {
      const rows = value[name];
      if (rows.length) out[name === "coefs" ? "main" : name] = aq.from(rows);
    }
    if (value.predictions.numRows()) out.predictions = value.predictions;
    return out;
  },
});
