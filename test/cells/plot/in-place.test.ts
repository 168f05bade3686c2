// A recompute that only moves numbers must be applied to a live chart in place (`view.data` +
// `runAsync`, see src/cells/plot/view.tsx), never by rebuilding the Vega view. So for every built-in
// preset the spec without `datasets` must be the same for two table sets of the same shape (same
// groups, same tables and columns) but different values; and pushing the second set's datasets into
// a view of the first must draw what a fresh view of the second draws.
import { describe, expect, it } from "vitest";
import { createView, renderSvg, updateViewData } from "../../../src/cells/plot/render-svg";
import { builtinPresets, chartPresets } from "../../../src/cells/plot/presets";
import type { Row, Tables } from "../../../src/cells/plot/tables";
import * as fx from "./fixtures";
import { normaliseSvg } from "./snapshot";
import { binaryVariant, flipped, scaled } from "./variant-fixtures";

type Spec = Record<string, unknown> & { datasets?: Record<string, unknown[]> };

/** The spec without its data: what view.tsx compares to decide between in-place and rebuild. */
function structure(spec: unknown): string {
  const { datasets: _d, ...rest } = spec as Spec;
  return JSON.stringify(rest);
}

const withoutGroups = ({ groups: _g, ...rest }: Record<string, Row[]>): Tables => rest;
const base: Tables = fx.allTables;
const variants: [string, Tables][] = [["flipped", withoutGroups(flipped)], ["scaled", withoutGroups(scaled)]];
const baseGroups: Row[] = [...new Set(fx.data.map((r) => String(r.group)))].map((group) => ({ group, n: fx.data.filter((r) => r.group === group).length }));

const binBase = { data: fx.binaryData, coefs: fx.binaryCoefs };
const binVariant = binaryVariant(5, 3);

/** Option sets per preset (besides the defaults) whose specs must be value-independent too. */
const OPTIONS: Record<string, Record<string, unknown>[]> = {
  data: [{ revealGroups: false, counts: false }, { overallLine: false }],
  "slope-estimates": [{ sort: "n" }, { sort: "shrinkage" }, { sort: "slope", z: 1 }],
  "pooling-weights": [{ resolution: 10 }],
  "model-comparison": [{ criteria: ["AIC"] }],
  "complete-pooling": [{ xTitle: "age" }],
  "no-pooling": [{ sort: "n" }, { sort: "slope" }, { extendLines: true }],
  "fit-lines": [{ zoom: 2 }, { sort: "slope" }, { sort: "n", models: ["complete", "no"] }, { extendLines: true, zoom: 3 }],
  "shrinkage-map": [{ offsets: true }, { sizeByN: true, levels: [0.5, 0.95] }, { width: 200, height: 500 }],
  spaghetti: [{ showPoints: true }, { predictionBand: false }],
  "random-effects-scatter": [{ showTruth: false }, { trueRho: 0.5, level: 0.5 }],
  caterpillar: [{ exponentiate: true }, { level: 0.8 }],
  "variance-components": [{ family: "binomial" }, { family: "poisson" }],
  "variance-function": [{ at: 2 }, { resolution: 10 }],
  "parameter-recovery": [{ title: "Recovery" }],
  "coefficient-summary": [{ exponentiate: true }, { intercept: false }],
  sandbox: [{ width: 180 }],
};

/** GLMM-style cases: binary data (same shape, other values). */
const BINARY: [string, Record<string, unknown>][] = [
  ["data", { family: "binomial", counts: false }],
  ["data", { family: "binomial" }],
  ["spaghetti", { family: "binomial" }],
  ["spaghetti", { family: "binomial", scale: "link", showPoints: true }],
  ["spaghetti", { family: "poisson", showPoints: true }],
];

function cases(): [string, string, Record<string, unknown>, Tables, Tables][] {
  const out: [string, string, Record<string, unknown>, Tables, Tables][] = [];
  for (const p of builtinPresets) {
    for (const options of [{}, ...(OPTIONS[p.name] ?? [])]) {
      for (const [vname, v] of variants) out.push([p.name, `${JSON.stringify(options)} vs ${vname}`, options, base, v]);
    }
  }
  // pooling-weights reads group sizes from `groups` when it is given (the templates do).
  out.push(["pooling-weights", "{} with groups vs flipped", {}, { ...base, groups: baseGroups }, { ...withoutGroups(flipped), groups: flipped.groups! }]);
  for (const [name, options] of BINARY) out.push([name, `${JSON.stringify(options)} binary`, options, binBase, binVariant]);
  return out;
}

describe("preset specs depend on the shape of the data, not its values", () => {
  it("every built-in preset has option cases here", () => {
    expect(Object.keys(OPTIONS).sort()).toEqual(builtinPresets.map((p) => p.name).sort());
  });

  it("the variants really move the numbers: the Simpson note and the best model change", () => {
    const note = (t: Tables) => JSON.stringify((chartPresets.get("complete-pooling").build(t) as unknown as Spec).datasets);
    expect(note(base)).toContain("Simpson reversal");
    expect(note(variants[0]![1])).not.toContain("Simpson reversal");
    const best = (t: Tables) => ((chartPresets.get("model-comparison").build(t) as unknown as Spec).datasets!.mc_rows as { model: string; best: string }[]).find((r) => r.best === "Best model")!.model;
    expect(best(base)).not.toBe(best(variants[0]![1]));
  });

  it.each(cases())("%s %s: spec without datasets is unchanged", (name, _label, options, a, b) => {
    const preset = chartPresets.get(name);
    const sa = preset.build(a, options), sb = preset.build(b, options);
    expect(structure(sb)).toEqual(structure(sa));
    // Same dataset names too: view.data(name) must find every one of them.
    expect(Object.keys((sb as unknown as Spec).datasets ?? {}).sort()).toEqual(Object.keys((sa as unknown as Spec).datasets ?? {}).sort());
  });
});

/** The fixture tables with `k` extra groups (copies of group A named Z0, Z1, …): a J slider moved. */
function withExtraGroups(k: number): Tables {
  return Object.fromEntries(Object.entries(fx.allTables).map(([key, rows]) => {
    if (!rows.some((r) => "group" in r)) return [key, rows];
    const extra = Array.from({ length: k }, (_, i) => rows.filter((r) => r.group === "A").map((r) => ({ ...r, group: `Z${i}` }))).flat();
    return [key, [...rows, ...extra]];
  }));
}

describe("a new number of groups (the J slider) is a data update too", () => {
  it.each(builtinPresets.map((p) => [p.name]))("%s: 9 vs 12 groups give the same spec without datasets", (name) => {
    const preset = chartPresets.get(name);
    expect(structure(preset.build(withExtraGroups(7)))).toEqual(structure(preset.build(withExtraGroups(4))));
  });
});

/** Normalised SVG lines as a sorted multiset: an in-place update may emit the same items in another order. */
function svgItems(svg: string): string[] {
  return normaliseSvg(svg).replace(/\b(clip|gradient|pattern|mask)(_?)\d+\b/g, "$1$2N").split("\n").sort();
}

describe("an in-place data update draws what a fresh view draws", () => {
  const render: [string, Record<string, unknown>, Tables, Tables][] = [
    ...builtinPresets.flatMap((p) => variants.map(([, v]) => [p.name, {}, base, v] as [string, Record<string, unknown>, Tables, Tables])),
    ["fit-lines", { zoom: 2 }, base, variants[0]![1]],
    ["fit-lines", { sort: "slope" }, base, variants[0]![1]],
    ["slope-estimates", { sort: "n" }, base, variants[0]![1]],
    ["shrinkage-map", { offsets: true }, base, variants[1]![1]],
    ["spaghetti", { family: "binomial", showPoints: true }, binBase, binVariant],
    ["data", { family: "binomial" }, binBase, binVariant],
    ...["data", "slope-estimates", "caterpillar", "fit-lines", "shrinkage-map", "pooling-weights"].map((n) => [n, {}, withExtraGroups(4), withExtraGroups(7)] as [string, Record<string, unknown>, Tables, Tables]),
  ];
  it.each(render.map(([n, o, a, b], i) => [n, JSON.stringify(o), i, o, a, b] as const))("%s %s (#%i)", async (name, _o, _i, options, a, b) => {
    const preset = chartPresets.get(name);
    const first = preset.build(a, options), second = preset.build(b, options);
    const { view, log } = createView(first);
    try {
      await view.runAsync();
      const unknown = await updateViewData(view, (second as unknown as Spec).datasets ?? {});
      expect(unknown).toEqual([]);
      const updated = await view.toSVG();
      const fresh = await renderSvg(second);
      expect(fresh.errors).toEqual([]);
      expect(log.errors).toEqual([]);
      expect(svgItems(updated)).toEqual(svgItems(fresh.svg));
    } finally {
      view.finalize();
    }
  });
});
