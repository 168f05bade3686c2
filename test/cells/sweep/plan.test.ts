import { describe, expect, it } from "vitest";
import { checkSweep, sweepSchema, varyValues, type SweepConfig } from "../../../src/cells/sweep/config";
import { planSweep } from "../../../src/cells/sweep/plan";
import { runReplicate } from "../../../src/cells/sweep/replicate";
import { computeModel } from "../../../src/cells/model";
import { generator } from "../../../src/cells/generator";
import { replicateSeed } from "../../../src/stats/sweep";
import type { Issue } from "../../../src/cells/schema";
import { sweepInputs } from "./helpers";

function parse(config: unknown): { value: SweepConfig | undefined; issues: Issue[] } {
  const issues: Issue[] = [];
  const value = sweepSchema.parse(config, "config", issues);
  if (value) issues.push(...checkSweep(value));
  return { value, issues };
}

describe("sweep config", () => {
  it("fills defaults and refuses unknown keys and incomplete ranges with their path", () => {
    expect(parse({}).value).toMatchObject({ vary: [], replicates: 100, seed: 1, alpha: 0.05, workers: 0 });
    expect(parse({ repliactes: 3 }).issues[0]!.message).toMatch(/unknown key "repliactes"/);
    expect(parse({ vary: [{ option: "groups", from: 4 }] }).issues).toEqual([{ path: "vary[0]", message: 'give "values" or all of "from", "to" and "steps"' }]);
    expect(parse({ vary: [{ values: [1] }] }).issues[0]!.message).toMatch(/name the parameter cell/);
    expect(parse({ vary: [{ option: "groups", values: [4], from: 1, to: 2, steps: 2 }] }).issues[0]!.message).toMatch(/not both/);
    expect(parse({ vary: [{ option: "groups", from: 0, to: 8, steps: 3, scale: "log" }] }).issues[0]!.path).toBe("vary[0].scale");
    expect(parse({ vary: [{ option: "groups", values: Array.from({ length: 100 }, (_, i) => i + 1) }], replicates: 10_000 }).issues[0]!.message).toMatch(/at most 100000/);
    expect(parse({ alpha: 0.9 }).issues[0]!.path).toBe("config.alpha");
    expect(parse({ truth: { x: {} } }).issues[0]!.path).toBe("config.truth.x");
  });

  it("expands ranges linearly or geometrically", () => {
    expect(varyValues({ from: 0, to: 1, steps: 5 })).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(varyValues({ from: 4, to: 32, steps: 4, scale: "log" })).toEqual([4, 8, 16, 32]);
    expect(varyValues({ from: 3, to: 9, steps: 1 })).toEqual([3]);
    expect(varyValues({ values: [1, "a", true] })).toEqual([1, "a", true]);
  });
});

describe("planSweep", () => {
  it("builds the cartesian grid (first entry outermost) with each point's options", () => {
    const plan = planSweep(
      { vary: [{ cell: "groups", values: [4, 8] }, { option: "slope", from: 0, to: 1, steps: 3 }], replicates: 10, seed: 3, alpha: 0.05 },
      sweepInputs({ groups: 10, groupSize: 5 }),
    );
    expect(plan.vary).toEqual(["groups", "slope"]);
    expect(plan.points.map((p) => p.label)).toEqual([
      "groups=4, slope=0", "groups=4, slope=0.5", "groups=4, slope=1", "groups=8, slope=0", "groups=8, slope=0.5", "groups=8, slope=1",
    ]);
    expect(plan.points[4]!.options).toMatchObject({ groups: 8, slope: 0.5, groupSize: 5 });
    expect(plan.points[4]!.model).toEqual({ kind: "mixed", formula: "y ~ x + (1 | group)", family: "gaussian", REML: true, nAGQ: 1 });
  });

  it("rounds integer options, drops repeated values and varies model options too", () => {
    const plan = planSweep({ vary: [{ option: "groups", from: 4, to: 5, steps: 4 }, { option: "REML", values: [true, false] }] }, sweepInputs());
    expect(plan.points.map((p) => [p.options.groups, p.model.REML])).toEqual([[4, true], [4, false], [5, true], [5, false]]);
  });

  it("takes truth from each point's generating parameters, or from the config", () => {
    const plan = planSweep(
      { vary: [{ option: "slope", values: [0.2, 0.4] }], truth: { "(Intercept)": 3, "sd__x": null, extra: "tau0" } },
      sweepInputs({ intercept: 1, interceptSD: 0.7, slopeSD: 0.3, rho: 0.2, sigma: 2 }),
    );
    const [a, b] = plan.points;
    expect(plan.truth(a!, "x")).toBe(0.2);
    expect(plan.truth(b!, "x")).toBe(0.4);
    expect(plan.truth(a!, "(Intercept)")).toBe(3);
    expect(plan.truth(a!, "sd__(Intercept)")).toBe(0.7);
    expect(plan.truth(a!, "sd__x")).toBeNull();
    expect(plan.truth(a!, "cor__(Intercept).x")).toBe(0.2);
    expect(plan.truth(a!, "sd__Observation")).toBe(2);
    expect(plan.truth(a!, "extra")).toBe(0.7);
    expect(plan.truth(a!, "z")).toBeNull();
    expect(plan.nullValue("x")).toBe(0);
  });

  it("explains what it cannot plan", () => {
    expect(() => planSweep({ vary: [{ cell: "n_groups", values: [4] }] }, sweepInputs())).toThrow(/cannot tell which option the cell "n_groups" drives; add "option"/);
    expect(() => planSweep({ vary: [{ option: "grups", values: [4] }] }, sweepInputs())).toThrow(/vary\[0\]\.option: "grups" is not a generator option/);
    expect(() => planSweep({ vary: [{ option: "groups", values: [0] }] }, sweepInputs())).toThrow(/grid point groups=0: groups must be an integer in 1\.\.500/);
    expect(() => planSweep({}, sweepInputs().slice(0, 1))).toThrow(/a sweep needs a model cell among its inputs/);
    expect(() => planSweep({ model: "nope" }, sweepInputs())).toThrow(/model: "nope" is not an input/);
    expect(() => planSweep({}, sweepInputs({}, "y ~ x + (1 | group)", "no-pooling"))).toThrow(/method "no-pooling" is not supported/);
    expect(() => planSweep({ truth: { x: "gamma99" } }, sweepInputs())).toThrow(/truth\.x: "gamma99" is not a generator parameter/);
    expect(() => planSweep({ vary: [{ option: "REML", values: ["maybe"] }] }, sweepInputs())).toThrow(/REML takes true or false/);
  });

  it("follows a generator's reported bindings to find the option a cell drives", () => {
    const inputs = sweepInputs();
    (inputs[0]!.value as Record<string, unknown>).bindings = { groups: "n_groups" };
    expect(planSweep({ vary: [{ cell: "n_groups", values: [4, 6] }] }, inputs).points.map((p) => p.options.groups)).toEqual([4, 6]);
  });
});

describe("runReplicate", () => {
  it("fits what the model cell fits on the generator's data at the replicate's seed", () => {
    const plan = planSweep({ vary: [{ option: "groups", values: [6] }], seed: 9 }, sweepInputs({ groups: 6, groupSize: 8, slopeSD: 0.4 }, "y ~ x + (x | group)"));
    const point = plan.points[0]!;
    const result = runReplicate({ point: 0, seed: 9, options: point.options, model: point.model, terms: null }, 4);
    expect(result.ok).toBe(true);
    expect(result.seed).toBe(replicateSeed(9, 0, 4));
    const sim = generator.compute({ ...point.options, seed: result.seed }, [], { cellId: "g", signal: new AbortController().signal, invalidation: new Promise(() => {}) }) as Parameters<typeof computeModel>[1][0]["value"];
    const fit = computeModel({ method: "lmer", formula: "y ~ x + (x | group)", family: "gaussian", REML: true, nAGQ: 1, level: 0.95 }, [{ id: "g", type: "generator", value: sim }]);
    for (const row of fit.fixef) {
      const got = result.terms.find((t) => t.term === row.term)!;
      expect(got.estimate).toBeCloseTo(row.estimate as number, 10);
      expect(got.se).toBeCloseTo(row.se as number, 10);
    }
    expect(result.singular).toBe(fit.mixed!.singular);
    expect(result.terms.map((t) => t.term)).toEqual(["(Intercept)", "x", "sd__(Intercept)", "sd__x", "cor__(Intercept).x", "sd__Observation"]);
  });

  it("records a failed fit instead of throwing, and complete pooling for lm models", () => {
    const bad = runReplicate({ point: 0, seed: 1, options: { ...planSweep({}, sweepInputs()).points[0]!.options }, model: { kind: "mixed", formula: "y ~ x", family: "gaussian", REML: true, nAGQ: 1 }, terms: ["x"] }, 0);
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/no random-effects term/);
    const lm = planSweep({ terms: ["x", "sigma"] }, sweepInputs({}, "y ~ x", "lm"));
    const r = runReplicate({ point: 0, seed: 1, options: lm.points[0]!.options, model: lm.points[0]!.model, terms: lm.terms }, 0);
    expect(r.ok).toBe(true);
    expect(r.terms.map((t) => t.term)).toEqual(["x", "sigma"]);
    expect(r.terms[1]!.estimate).toBeGreaterThan(0);
    expect(r.singular).toBe(false);
  });
});
