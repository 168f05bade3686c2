import { describe, expect, it } from "vitest";
import { createEngine } from "../../../src/engine";
import { model, type ModelValue } from "../../../src/cells/model";
import { lookupPath } from "../../../src/cells/equation/lookup";

// sleepstudy fits from R 4.2 / lme4 1.1-31 (reference/lme4.json and anova(m1, m2) printed by R).
const sleepDoc = (modelConfig: Record<string, unknown>) => ({
  format: "pooling-workbench",
  version: 1,
  title: "model cell test",
  cells: [
    { id: "sleep", type: "dataset", config: { source: { builtin: "sleepstudy" } }, inputs: [] },
    { id: "fit", type: "model", config: modelConfig, inputs: ["sleep"] },
  ],
});

async function modelValue(config: Record<string, unknown>): Promise<ModelValue> {
  const engine = createEngine(sleepDoc(config));
  await engine.settled();
  const run = engine.run("fit")!;
  engine.dispose();
  if (run.status !== "fulfilled") throw new Error(run.error ?? "not fulfilled");
  return run.value as ModelValue;
}

describe("model cell", () => {
  it("model {method: compare} fits complete, no and partial pooling on one frame", async () => {
    const v = await modelValue({ method: "compare", formula: "Reaction ~ Days + (Days | Subject)" });
    expect(v.coefs.filter((r) => r.model === "complete")).toHaveLength(18);
    expect(v.coefs.filter((r) => r.model === "no")).toHaveLength(18);
    expect(v.coefs.filter((r) => r.model === "partial")).toHaveLength(18);
    // lmer's fixed effects (reference/lme4.json sleepstudy_reml) and lm's (R's coef(lm(...))).
    expect(v.fixef.find((r) => r.term === "Days")!.estimate as number).toBeCloseTo(10.467285959596, 5);
    expect(v.complete!.fixef[1]!.se).toBeCloseTo(1.23819529805, 6);
    // Shrinkage: partial-pooling slopes sit closer to the fixed slope than no-pooling ones, on the whole
    // (with correlated intercepts and slopes, one coordinate of one group may move outward).
    const fixed = v.fixef.find((r) => r.term === "Days")!.estimate as number;
    const spread = (model: string) => {
      const slopes = v.coefs.filter((r) => r.model === model).map((r) => r.slope as number);
      return slopes.reduce((sum, s) => sum + (s - fixed) ** 2, 0) / slopes.length;
    };
    expect(spread("partial")).toBeLessThan(0.7 * spread("no"));
    expect(v.rCall).toBe("lmer(Reaction ~ Days + (Days | Subject), data = data)");
    expect(v.varcorr.map((r) => r.grp)).toEqual(["Subject", "Subject", "Subject", "Residual"]);
    expect(v.ranef.filter((r) => r.term === "Days")).toHaveLength(18);
    expect(v.population.length).toBeGreaterThan(10);
    const mid = v.population[20]!;
    expect((mid.conf_low as number) < (mid.estimate as number) && (mid.estimate as number) < (mid.conf_high as number)).toBe(true);
    expect((mid.pred_high as number) - (mid.pred_low as number)).toBeGreaterThan((mid.conf_high as number) - (mid.conf_low as number));
    expect(v.summaryText).toMatch(/REML criterion at convergence/);
    // A plain value, so equations and notes can quote it ({{fit.summaryText}}: lookups never run getters).
    expect(lookupPath({ fit: v }, "fit.summaryText")).toEqual({ ok: true, value: v.summaryText });
  });

  it("model {method: anova} matches R's anova(m1, m2) refitted by ML", async () => {
    const v = await modelValue({
      method: "anova",
      formula: "Reaction ~ Days + (1 | Subject)",
      formulas: ["Reaction ~ Days + (Days | Subject)"],
      labels: ["intercepts", "slopes"],
    });
    expect(v.anova.map((r) => r.model)).toEqual(["intercepts", "slopes"]);
    expect(v.anova[0]!.AIC as number).toBeCloseTo(1802.07864301, 3);
    expect(v.anova[1]!.logLik as number).toBeCloseTo(-875.969672244, 3);
    expect(v.anova[1]!.Chisq as number).toBeCloseTo(42.1392985162, 3);
    expect(v.anova[1]!.Df).toBe(2);
    expect((v.anova[1]!.p as number) / 7.0724126384e-10).toBeCloseTo(1, 2);
  });

  it("model with a formula naming a missing column is rejected with the column's name", async () => {
    const engine = createEngine(sleepDoc({ formula: "Reaction ~ Dayz + (1 | Subject)" }));
    await engine.settled();
    expect(engine.run("fit")!.status).toBe("rejected");
    expect(engine.run("fit")!.error).toMatch(/Dayz/);
    expect(engine.run("sleep")!.status).toBe("fulfilled");
    engine.dispose();
  });
});

describe("model cell drafts (a slider drag)", () => {
  const config = {
    method: "anova", formula: "Reaction ~ Days + (1 | Subject)", formulas: ["Reaction ~ Days + (Days | Subject)"], labels: ["intercepts", "slopes"],
  };

  it("records each lmer fit's θ; a draft refit starts from them: the same anova in fewer evaluations", async () => {
    const engine = createEngine(sleepDoc(config));
    await engine.settled();
    const exact = engine.run("fit")!.value as ModelValue;
    const cell = engine.doc.cells.find((c) => c.id === "fit")!;
    const inputs = [{ id: "sleep", type: "dataset", value: engine.run("sleep")!.value }];
    engine.dispose();
    expect(Object.keys(exact.thetas).sort()).toEqual(["ML Reaction ~ Days + (1 | Subject)", "ML Reaction ~ Days + (Days | Subject)"]);

    // A previous value a little off the optimum, as the last fit of slightly different data would be.
    const previous = { ...exact, thetas: Object.fromEntries(Object.entries(exact.thetas).map(([k, t]) => [k, t.map((v) => v * 1.05)])) };
    const context = { cellId: "fit", signal: new AbortController().signal, invalidation: new Promise<void>(() => {}) };
    const draft = (await model.compute(cell.config as never, inputs as never, { ...context, draft: true, previous })) as ModelValue;
    const cold = (await model.compute(cell.config as never, inputs as never, { ...context, draft: false, previous })) as ModelValue;
    expect(cold.anova).toEqual(exact.anova); // not a draft: lme4's start, whatever the previous value
    draft.anova.forEach((row, i) => expect(Math.abs((row.logLik as number) - (exact.anova[i]!.logLik as number))).toBeLessThan(1e-6));
    // The draft took its own path to the optimum (fits.test.ts checks that the path is shorter).
    expect(Object.keys(draft.thetas).some((k) => draft.thetas[k]!.some((t, j) => t !== exact.thetas[k]![j]))).toBe(true);
  });
});

describe("model cell drafts of glmer", () => {
  const doc = {
    format: "pooling-workbench",
    version: 1,
    title: "glmer drafts",
    cells: [
      { id: "sim", type: "generator", config: { seed: 5, groups: 8, groupSize: 25, family: "binomial", interceptSD: 0.8, slopeSD: 0.3 }, inputs: [] },
      { id: "fit", type: "model", config: { method: "glmer", formula: "y ~ x + (x | group)", family: "binomial" }, inputs: ["sim"] },
    ],
  };

  it("records glmer's θ under its family; a draft refit starts its second stage there, and a gaussian θ is never used", async () => {
    const engine = createEngine(doc);
    await engine.settled();
    const exact = engine.run("fit")!.value as ModelValue;
    const cell = engine.doc.cells.find((c) => c.id === "fit")!;
    const inputs = [{ id: "sim", type: "generator", value: engine.run("sim")!.value }];
    engine.dispose();
    expect(Object.keys(exact.thetas)).toEqual(["glmer binomial y ~ x + (x | group)"]);
    if (exact.mixed?.kind !== "glmm") throw new Error("expected a glmer fit");
    expect(exact.mixed.optimizer.stage1).not.toBeNull();

    const context = { cellId: "fit", signal: new AbortController().signal, invalidation: new Promise<void>(() => {}) };
    const draft = (await model.compute(cell.config as never, inputs as never, { ...context, draft: true, previous: exact })) as ModelValue;
    if (draft.mixed?.kind !== "glmm") throw new Error("expected a glmer fit");
    expect(draft.mixed.optimizer.stage1).toBeNull();
    expect(draft.mixed.optimizer.stage2!.initialTheta.slice(0, 3)).toEqual(exact.mixed.theta);
    draft.fixef.forEach((r, j) => expect(Math.abs((r.estimate as number) - (exact.fixef[j]!.estimate as number))).toBeLessThan(0.02 * (exact.fixef[j]!.se as number)));

    // The last value was an lmer fit of the same formula (the family was switched): its θ is not glmer's.
    const gaussianTheta = { ...exact, thetas: { "REML y ~ x + (x | group)": exact.mixed.theta } };
    const switched = (await model.compute(cell.config as never, inputs as never, { ...context, draft: true, previous: gaussianTheta })) as ModelValue;
    if (switched.mixed?.kind !== "glmm") throw new Error("expected a glmer fit");
    expect(switched.mixed.optimizer.stage1).not.toBeNull();
  });
});
