// The presets' hand-painted figures against Vega's rendering of the same presets' specs (headless
// scenegraph): every data mark where Vega draws it, in its colour, shape and size; the same axis
// labels at the same places; the same legends. The page shows the figure, SVG export the spec.
import { describe, expect, it } from "vitest";
import "../../../../src/cells";
import { chartPresets } from "../../../../src/cells/plot";
import { specDatasets } from "../../../../src/cells/plot/spec-datasets";
import { layoutFigure } from "../../../../src/cells/plot/figure/layout";
import type { Figure } from "../../../../src/cells/plot/figure/types";
import type { Tables } from "../../../../src/cells/plot/tables";
import * as fx from "../fixtures";
import { signature, vegaMeasure, vegaScene } from "./vega-scene";

const sorted = (list: string[]) => [...list].sort();


/** Builds `preset`'s spec and figure from `tables` and checks the figure draws what Vega draws, view by view. */
async function compare(preset: string, tables: Tables, options: Record<string, unknown> = {}): Promise<Figure> {
  const p = chartPresets.get(preset);
  const spec = p.build(tables, options as never);
  const figure = p.figure!(specDatasets(spec), options as never);
  const { views: scenes, legends: shared, legendAt, offsets, tops } = await vegaScene(spec);
  const layout = layoutFigure(figure, vegaMeasure);
  const panels = layout.panels;
  // Each plot area sits where Vega puts the view's, relative to the first, to the pixel.
  panels.forEach((p, k) => {
    if (k === 0 || scenes.length < 2) return;
    expect(Math.abs(p.left - panels[0]!.left - (offsets[k]! - offsets[0]!)), `panel ${k} left`).toBeLessThanOrEqual(1);
    expect(Math.abs(p.top - panels[0]!.top - (tops[k]! - tops[0]!)), `panel ${k} top`).toBeLessThanOrEqual(1);
  });
  // The chart's own legends sit where Vega puts them over the (first) plot area, to the pixel.
  layout.legends.slice(0, figure.legends.length).forEach((l, k) => {
    expect(Math.abs(l.top - panels[0]!.top - legendAt[k]!.y), `legend ${k} top`).toBeLessThanOrEqual(1);
    expect(Math.abs(l.left - panels[0]!.left - legendAt[k]!.x), `legend ${k} left`).toBeLessThanOrEqual(1);
  });
  expect(panels.length).toBe(scenes.length);
  // Vega shifts an axis by half a pixel and then its continuous labels by nothing, its band labels back:
  // a label is drawn within half a pixel of where Vega's is.
  const sameLabels = (ours: { text: string; at: number }[], theirs: { text: string; at: number }[]) => {
    expect(ours.map((l) => l.text)).toEqual(theirs.map((l) => l.text));
    ours.forEach((l, i) => expect(Math.abs(l.at - theirs[i]!.at), l.text).toBeLessThanOrEqual(0.5 + 1e-9));
  };
  const legendsOf = (list: Figure["legends"]) => list.map((l) => ({
    title: l.title,
    entries: l.entries.map((e) => ({ label: e.label, color: e.color, shape: e.symbol.kind === "stroke" ? "stroke" : e.symbol.shape })),
  }));
  panels.forEach((panel, k) => {
    const scene = scenes[k]!;
    expect(sorted((panel.panel.marks ?? []).map(signature))).toEqual(sorted(scene.marks));
    sameLabels(panel.xLabels, scene.axes.bottom ?? []);
    sameLabels(panel.yLabels, scene.axes.left ?? []);
    if (!panel.panel.x.hidden) expect(panel.panel.x.title ?? undefined).toBe(scene.titles.bottom);
    if (!panel.panel.y.hidden) expect(panel.panel.y.title ?? undefined).toBe(scene.titles.left);
    expect(legendsOf(panel.panel.legends ?? [])).toEqual(scene.legends);
    if (scenes.length > 1) expect(panel.panel.title ?? null).toBe(scene.title);
    // A side-by-side view's title where Vega puts it over the plot area: its top, and its left edge
    // (a view's title) or its centre (a centred header).
    if (layout.arrange === "row" && scene.titleBox) {
      const b = scene.titleBox;
      expect(Math.abs(panel.titleTop - panel.top - b.y1), `panel ${k} title top`).toBeLessThanOrEqual(1);
      const at = layout.panelTitles === "start" ? b.x1 : (b.x1 + b.x2) / 2;
      expect(Math.abs(panel.titleLeft - panel.left - at), `panel ${k} title left`).toBeLessThanOrEqual(1);
    }
  });
  expect(legendsOf(figure.legends)).toEqual(shared);
  return figure;
}

const tables = fx.allTables as unknown as Tables;

describe("the presets' figures draw what Vega draws", () => {
  it("fit lines: the trellis's facets, axes, lines, note and points", async () => {
    const figure = await compare("fit-lines", tables);
    expect(figure.title).toBe("Complete, no and partial pooling");
    // Each facet's points and lines are keyed by its group, for a group picked on the page.
    const keyed = figure.panels[0]!.marks!.filter((m) => m.kind === "symbol" || (m.kind === "segment" && m.width === 1.75));
    expect(keyed.length).toBeGreaterThan(0);
    expect(new Set(keyed.map((m) => m.key))).toEqual(new Set(fx.data.map((r) => String(r.group))));
    await compare("fit-lines", tables, { zoom: 2, sort: "n", extendLines: true, title: "Zoomed" });
  });

  it("no pooling: faint complete-pooling lines under the orange ones", async () => {
    const figure = await compare("no-pooling", tables);
    const faint = figure.panels[0]!.marks!.filter((m) => m.kind === "segment" && m.opacity === 0.35);
    expect(faint.length).toBeGreaterThan(0);
  });
});

describe("the presets' figures draw what Vega draws (dot plots)", () => {
  it("slope estimates: intervals, arrows, points, true-slope ticks and reference rules, per group row", async () => {
    const figure = await compare("slope-estimates", tables);
    expect(figure.panels[0]!.y.labels!.length).toBe(5);
    await compare("slope-estimates", tables, { sort: "n", z: 1, width: 300, height: 200, xTitle: "b1" });
    await compare("slope-estimates", { coefs: fx.coefs } as unknown as Tables);
  });
});

describe("the presets' figures draw what Vega draws (model comparison)", () => {
  it("lollipops per model and criterion, the best a diamond, with Vega's two legends", async () => {
    const figure = await compare("model-comparison", tables);
    const diamonds = figure.panels[0]!.marks!.filter((m) => m.kind === "symbol" && m.shape === "diamond");
    expect(diamonds.length).toBe(2); // the best model by AIC and by BIC
    await compare("model-comparison", tables, { criteria: ["BIC"], width: 300 });
  });
});

describe("the presets' figures draw what Vega draws (pooling weights)", () => {
  it("the λ curve, the groups and their names over a log axis with Vega's ticks", async () => {
    const figure = await compare("pooling-weights", tables);
    expect(figure.panels[0]!.x.log).toBe(true);
    // Larger groups: the axis reaches 200, and d3 labels fewer of its ticks.
    const big = fx.data.map((r, i) => ({ ...r, group: `G${i % 3}` }));
    const wide = await compare("pooling-weights", { ...tables, data: [...big, ...big, ...big, ...big, ...big, ...big, ...big, ...big] } as unknown as Tables, { width: 260 });
    expect(wide.panels[0]!.x.labels!.filter((l) => l === "").length).toBeGreaterThan(0);
  });
});

describe("the presets' figures draw what Vega draws (complete pooling)", () => {
  it("the scatter with the pooled line above, the residuals' boxes by group below, each panel titled", async () => {
    const figure = await compare("complete-pooling", tables);
    expect(figure.subtitle).toContain("pooled slope");
    expect(figure.panels.map((p) => p.title)).toEqual(["One line for everyone", "Residuals by group"]);
    // With the pooled fit's confidence band.
    const band = fx.population.map((r) => ({ x: r.x, estimate: r.estimate, conf_low: (r.estimate as number) - 0.5, conf_high: (r.estimate as number) + 0.5 }));
    const banded = await compare("complete-pooling", { ...tables, pooled_band: band } as unknown as Tables, { xTitle: "dose", yTitle: "response" });
    expect(banded.panels[0]!.marks!.some((m) => m.kind === "area")).toBe(true);
  });
});

describe("the presets' figures draw what Vega draws (variance)", () => {
  it("variance components: the normalised stack across the plot, percent ticks, square swatches", async () => {
    const figure = await compare("variance-components", tables);
    expect(figure.subtitle).toMatch(/^ICC = /);
    await compare("variance-components", tables, { family: "binomial", width: 300 });
  });

  it("variance across x: the stacked bands above, the share with its marker below, one legend for both", async () => {
    const figure = await compare("variance-function", tables);
    expect(figure.panels.map((p) => p.title)).toEqual(["var(y | x) by component", "Between-group share"]);
    await compare("variance-function", tables, { at: 1, xRange: [-2, 4], height: 200, xTitle: "time" });
  });
});

describe("the presets' figures draw what Vega draws (caterpillar)", () => {
  it("a panel per term side by side, groups ranked by the first term, intervals coloured by whether they exclude the reference", async () => {
    const figure = await compare("caterpillar", tables);
    expect(figure.arrange).toBe("row");
    expect(figure.panels.map((p) => p.title)).toEqual(["(Intercept)", "x"]);
    expect(figure.panels[1]!.y.hidden).toBe(true);
    await compare("caterpillar", tables, { level: 0.5, exponentiate: true, width: 150 });
  });

  it("puts each panel past the one before, as Vega's hconcat does", async () => {
    const spec = chartPresets.get("caterpillar").build(tables, {});
    const figure = chartPresets.get("caterpillar").figure!(specDatasets(spec), {});
    const [first, second] = layoutFigure(figure, vegaMeasure).panels;
    const { offsets } = await vegaScene(spec);
    expect(second!.left - first!.left).toBe(offsets[1]! - offsets[0]!);
  });
});

describe("the presets' figures draw what Vega draws (shrinkage map)", () => {
  it("contours, arrows with turned heads, points by model, the two centres, and the legends of colour, shape and size", async () => {
    const figure = await compare("shrinkage-map", tables);
    expect(figure.legends.map((l) => l.title)).toEqual(["Model"]);
    const sized = await compare("shrinkage-map", tables, { sizeByN: true, offsets: true, xTitle: "a", yTitle: "b" });
    expect(sized.legends.map((l) => l.title)).toEqual(["Model", "n_j"]);
    // Without Σ there are no contours.
    await compare("shrinkage-map", { coefs: fx.coefs, fixef: fx.fixef } as unknown as Tables);
  });
});

describe("the presets' figures draw what Vega draws (spaghetti)", () => {
  it("a line per group, the population line over its bands, the raw points, and y rounded out as Vega's nice scale", async () => {
    const population = fx.population.map((r) => ({ ...r, pred_low: (r.estimate as number) - 3, pred_high: (r.estimate as number) + 3 }));
    const withBands = { ...tables, population } as unknown as Tables;
    const figure = await compare("spaghetti", withBands, { showPoints: true });
    expect(figure.panels[0]!.marks!.filter((m) => m.kind === "line").length).toBe(6); // five groups and the population
    await compare("spaghetti", tables, { predictionBand: false, xRange: [-2, 9], height: 200 });
    await compare("spaghetti", { coefs: fx.binaryCoefs, data: fx.binaryData } as unknown as Tables, { family: "binomial" });
  });
});

describe("the presets' figures draw what Vega draws (random effects scatter)", () => {
  it("the BLUPs, the true effects as rings joined to them, the model's ellipse and the crosshairs at 0", async () => {
    const figure = await compare("random-effects-scatter", tables);
    expect(figure.subtitle).toMatch(/^estimated ρ = /);
    await compare("random-effects-scatter", tables, { showTruth: false, level: 0.5, width: 300 });
    await compare("random-effects-scatter", { ranef: fx.ranef } as unknown as Tables);
  });
});

describe("the presets' figures draw what Vega draws (coefficient summary)", () => {
  it("an interval and a point per fixed effect, black ticks at the true values, the estimate axis rounded out as Vega's nice scale", async () => {
    const figure = await compare("coefficient-summary", tables);
    expect(figure.panels[0]!.y.labels).toEqual(["(Intercept)", "x"]);
    await compare("coefficient-summary", tables, { exponentiate: true, intercept: false, width: 240 });
  });
});

describe("the presets' figures draw what Vega draws (the data)", () => {
  const binary = fx.data.map((r, i) => ({ ...r, y: i % 3 === 0 ? 1 : 0 }));
  it("points by group, each group's line and the dashed overall line, the group sizes beside them", async () => {
    const figure = await compare("data", tables);
    expect(figure.panels.map((p) => p.title)).toEqual(["Observations", "Group sizes"]);
    await compare("data", tables, { counts: false, title: "Alone", xTitle: "dose", yTitle: "response" });
    await compare("data", tables, { revealGroups: false });
  });

  it("0/1 outcomes: jittered points and the binned proportions, no straight lines", async () => {
    const figure = await compare("data", { data: binary } as unknown as Tables, { family: "binomial", counts: false });
    expect(figure.panels[0]!.marks!.filter((m) => m.kind === "segment")).toEqual([]);
    expect(figure.panels[0]!.marks!.some((m) => m.kind === "line")).toBe(true);
    await compare("data", { data: fx.data } as unknown as Tables, { family: "poisson" });
  });
});

describe("the presets' figures draw what Vega draws (the GLMM sandbox)", () => {
  it("the data, the shrinkage map and the spaghetti side by side, each with its title and legends", async () => {
    const figure = await compare("sandbox", tables);
    expect(figure.panels.map((p) => p.title)).toEqual(["The Data", "Shrinkage Map", "Spaghetti"]);
    const binary = fx.data.map((r, i) => ({ ...r, y: i % 3 === 0 ? 1 : 0 }));
    await compare("sandbox", { ...tables, data: binary } as unknown as Tables, { family: "binomial", width: 180, height: 160, title: "Binary" });
  });
});
