import { describe, expect, it } from "vitest";
import { renderSvg } from "../../../src/cells/plot/render-svg";
import { chartPresets, builtinPresets } from "../../../src/cells/plot/presets";
import type { Tables } from "../../../src/cells/plot/tables";
import * as fx from "./fixtures";
import { compareSnapshot, normaliseSpec } from "./snapshot";
import { countMarks, hasLegend, linePieces, markItems, texts } from "./svg-query";

const tables: Tables = fx.allTables;

async function render(name: string, options: Record<string, unknown> = {}, input: Tables = tables) {
  const spec = chartPresets.get(name).build(input, options);
  const out = await renderSvg(spec);
  expect(out.errors).toEqual([]);
  expect(out.warnings).toEqual([]);
  return out.svg;
}

/** Renders a preset with the fixtures, checks the golden file, and hands the SVG to `check`. */
function preset(name: string, check: (svg: string) => void) {
  it(`${name}: build(fixtures) renders the named marks`, async () => {
    const svg = await render(name);
    check(svg);
    expect(compareSnapshot(name, svg)).toBeUndefined();
    expect(compareSnapshot(name, normaliseSpec(chartPresets.get(name).build(tables)), "vl.json")).toBeUndefined();
  });
}

describe("chart presets render to SVG", () => {
  preset("data", (svg) => {
    expect(countMarks(svg, "symbol")).toBe(fx.data.length);
    expect(markItems(svg, "rule")).toEqual([4, 1]); // 4 within-group lines (E has one point), 1 overall line
    expect(countMarks(svg, "rect")).toBe(5); // n_j bars
    expect(hasLegend(svg)).toBe(true);
    expect(texts(svg)).toEqual(expect.arrayContaining(["The Data", "Group sizes", "n_j (observations)"]));
  });

  preset("slope-estimates", (svg) => {
    // slope_points: 4 no-pooling (E is not estimable) + 5 partial; arrowheads 4
    expect(markItems(svg, "symbol")).toEqual([4, 9]);
    expect(markItems(svg, "rule")).toEqual([1, 1, 1, 4, 4]); // zero, complete, fixed, error bars, arrows
    expect(countMarks(svg, "rect")).toBe(5); // truth ticks
    expect(hasLegend(svg)).toBe(true);
    expect(texts(svg)).toEqual(expect.arrayContaining(["Slope Estimates", "Slope estimate", "E (n=1)"]));
  });

  preset("shrinkage-map", (svg) => {
    // The contour ellipses .1 … .9: one path of five closed pieces.
    expect(countMarks(svg, "line")).toBe(1);
    expect(linePieces(svg)).toEqual([5]);
    expect(countMarks(svg, "rule")).toBe(4); // arrows
    expect(markItems(svg, "symbol")).toEqual([4, 9, 2]); // arrowheads, points, centres
    expect(countMarks(svg, "text")).toBe(5); // contour labels
    expect(hasLegend(svg)).toBe(true);
    expect(texts(svg)).toEqual(expect.arrayContaining(["Pooling of regression parameters", "Intercept estimate", "Slope estimate", "0.9"]));
  });

  preset("fit-lines", (svg) => {
    // Rules: grid, axis lines and ticks, then the fits: 3 per facet except E, whose no-pooling line
    // is replaced by a note. 5 facets in rows of 4: x axes under facets B, C, D (lowest of their
    // columns) and E; y axes left of A and E.
    expect(markItems(svg, "rule").at(-1)).toBe(3 * 4 + 2);
    expect(countMarks(svg, "symbol")).toBe(fx.data.length);
    expect(markItems(svg, "text").slice(0, 1)).toEqual([5]); // facet headers
    expect(texts(svg).filter((t) => t === "x")).toHaveLength(4);
    expect(texts(svg).filter((t) => t === "y")).toHaveLength(2);
    expect(texts(svg)).toEqual(expect.arrayContaining(["A", "E", "n too small: no line"]));
    expect(hasLegend(svg)).toBe(true);
  });

  preset("no-pooling", (svg) => {
    expect(markItems(svg, "rule").at(-1)).toBe(4 + 5); // orange lines + faint complete pooling
    expect(texts(svg)).toContain("n too small: no line");
  });

  it("the trellis draws each group's points inside its own facet, at its data values", () => {
    const spec = chartPresets.get("fit-lines").build(tables, {}) as unknown as { datasets: Record<string, Record<string, number | string>[]> };
    const facets = new Map<number, { x0: number; x1: number; y0: number; y1: number }>();
    for (const r of spec.datasets.trellis_grid!) {
      const f = facets.get(r.order as number) ?? { x0: Infinity, x1: -Infinity, y0: Infinity, y1: -Infinity };
      facets.set(r.order as number, { x0: Math.min(f.x0, r.x as number), x1: Math.max(f.x1, r.x2 as number), y0: Math.min(f.y0, r.y as number), y1: Math.max(f.y1, r.y2 as number) });
    }
    expect(facets.size).toBe(5);
    const points = spec.datasets.trellis!;
    expect(points).toHaveLength(fx.data.length);
    for (const p of points) {
      const f = facets.get(p.order as number)!;
      expect(p.x).toBeGreaterThanOrEqual(f.x0);
      expect(p.x).toBeLessThanOrEqual(f.x1);
      expect(p.y).toBeGreaterThanOrEqual(f.y0);
      expect(p.y).toBeLessThanOrEqual(f.y1);
      expect(fx.data).toContainEqual(expect.objectContaining({ group: p.group, x: p.dx, y: p.dy }));
    }
    // Within a facet, a larger value is further right and higher up (smaller pixel y).
    const a = points.filter((p) => p.order === 0).sort((p, q) => (p.dx as number) - (q.dx as number));
    for (let i = 1; i < a.length; i++) expect(a[i]!.x as number).toBeGreaterThanOrEqual(a[i - 1]!.x as number);
    // Facets of one row share their top, and the first facets of the rows share their left.
    expect(facets.get(1)!.y0).toBe(facets.get(0)!.y0);
    expect(facets.get(4)!.x0).toBe(facets.get(0)!.x0);
    expect(facets.get(4)!.y0).toBeGreaterThan(facets.get(0)!.y1);
  });

  preset("spaghetti", (svg) => {
    expect(countMarks(svg, "line")).toBe(5 + 1); // one per group + the fixed-effect line
    expect(countMarks(svg, "area")).toBe(2); // prediction and confidence ribbons
    expect(hasLegend(svg)).toBe(true);
  });

  preset("random-effects-scatter", (svg) => {
    expect(countMarks(svg, "line")).toBe(1); // 95% ellipse
    expect(markItems(svg, "symbol")).toEqual([5, 5]); // truth rings, BLUPs
    expect(markItems(svg, "rule")).toEqual([1, 1, 5]); // crosshairs, truth segments
    expect(texts(svg).join(" ")).toMatch(/estimated ρ = -0\.30 · correlation of BLUPs = -?\d\.\d\d · true ρ = /);
  });

  preset("caterpillar", (svg) => {
    expect(countMarks(svg, "symbol")).toBe(10);
    expect(countMarks(svg, "rule")).toBe(10 + 2); // intervals + one reference line per panel
    expect(texts(svg)).toEqual(expect.arrayContaining(["(Intercept)", "x", "Conditional modes with 95% intervals"]));
    expect(hasLegend(svg)).toBe(true);
  });

  preset("variance-components", (svg) => {
    expect(countMarks(svg, "rect")).toBe(2);
    expect(texts(svg)).toContain("ICC = 0.96");
  });

  preset("variance-function", (svg) => {
    expect(countMarks(svg, "area")).toBe(2);
    expect(texts(svg).some((t) => t.includes("between groups at x ="))).toBe(true);
  });

  preset("pooling-weights", (svg) => {
    expect(countMarks(svg, "symbol")).toBe(5);
    expect(countMarks(svg, "line")).toBe(1);
  });

  preset("model-comparison", (svg) => {
    expect(countMarks(svg, "symbol")).toBe(8);
    expect(texts(svg)).toEqual(expect.arrayContaining(["Model comparison", "Random intercept"]));
  });

  preset("complete-pooling", (svg) => {
    expect(countMarks(svg, "line")).toBe(1);
    expect(texts(svg).join(" ")).toContain("Simpson reversal");
  });

  preset("parameter-recovery", (svg) => {
    expect(countMarks(svg, "symbol")).toBe(8);
    expect(countMarks(svg, "rule")).toBe(4);
  });

  preset("coefficient-summary", (svg) => {
    expect(countMarks(svg, "symbol")).toBe(2);
    expect(countMarks(svg, "rect")).toBe(2); // truth ticks
  });

  preset("sandbox", (svg) => {
    expect(texts(svg)).toEqual(expect.arrayContaining(["The Data", "Shrinkage Map", "Spaghetti"]));
    expect(countMarks(svg, "line")).toBeGreaterThanOrEqual(1 + 6); // contours (one path) and spaghetti lines
    expect(linePieces(svg)).toContain(5); // the shrinkage map's contours
  });

  it("every built-in preset has a snapshot test and documented inputs", () => {
    expect(builtinPresets.map((p) => p.name).sort()).toEqual(
      ["caterpillar", "coefficient-summary", "complete-pooling", "data", "fit-lines", "model-comparison", "no-pooling", "parameter-recovery", "pooling-weights", "random-effects-scatter", "sandbox", "shrinkage-map", "slope-estimates", "spaghetti", "variance-components", "variance-function"],
    );
    for (const p of builtinPresets) {
      expect(Object.keys(p.inputs).length).toBeGreaterThan(0);
      for (const i of Object.values(p.inputs)) expect(i.description.length).toBeGreaterThan(5);
    }
  });
});

describe("preset options", () => {
  it("data({revealGroups: false}) is all grey with only the overall line", async () => {
    const svg = await render("data", { revealGroups: false, counts: false });
    expect(hasLegend(svg)).toBe(false);
    expect(markItems(svg, "rule")).toEqual([1]);
  });

  it("data({family: 'binomial'}) overlays binned proportions", async () => {
    const svg = await render("data", { family: "binomial", counts: false }, { data: fx.binaryData });
    expect(countMarks(svg, "symbol")).toBe(fx.binaryData.length + 10); // points + line's point markers
    expect(countMarks(svg, "line")).toBe(1);
  });

  it("spaghetti({family: 'binomial'}) draws curves on the probability scale", async () => {
    const spec = chartPresets.get("spaghetti").build({ coefs: fx.binaryCoefs, data: fx.binaryData }, { family: "binomial" });
    const rows = (spec as unknown as { datasets: Record<string, { y: number }[]> }).datasets.spag_lines!;
    expect(rows.length).toBe(3 * 41);
    expect(rows.every((r) => r.y > 0 && r.y < 1)).toBe(true);
    const svg = (await renderSvg(spec)).svg;
    expect(countMarks(svg, "line")).toBe(3);
    expect(texts(svg)).toContain("probability");
  });

  it("fit-lines({zoom: 2}) keeps the two groups whose lines differ most", async () => {
    const spec = chartPresets.get("fit-lines").build(tables, { zoom: 2 });
    const groups = new Set((spec as unknown as { datasets: { trellis: { group: string; kind: string }[] } }).datasets.trellis.map((r) => r.group));
    expect(groups.size).toBe(2);
  });

  it("shrinkage-map({offsets: true}) centres the fixed effect at 0", () => {
    const spec = chartPresets.get("shrinkage-map").build(tables, { offsets: true }) as unknown as { datasets: Record<string, { model_label: string; intercept: number; slope: number }[]> };
    const fixed = spec.datasets.shrink_centres!.find((c) => c.model_label.startsWith("Fixed"))!;
    expect([fixed.intercept, fixed.slope]).toEqual([0, 0]);
  });

  it("a missing required table gives a clear error", () => {
    expect(() => chartPresets.get("shrinkage-map").build({})).toThrow(/shrinkage-map: input table "coefs" is missing/);
  });
});
