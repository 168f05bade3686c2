// The sweep charts' hand-painted figures against Vega's rendering of the same presets' specs: every
// point, interval bar, axis label and legend entry must sit where Vega puts it (Vega's scenegraph,
// headless), so the chart on the page and its SVG export agree.
import { describe, expect, it } from "vitest";
import "../../../src/cells";
import { chartPresets, computePlot, type PlotConfig } from "../../../src/cells/plot";
import { layoutFigure, type PanelLayout } from "../../../src/cells/plot/figure/layout";
import type { Figure } from "../../../src/cells/plot/figure/types";
import { createView } from "../../../src/cells/plot/render-svg";
import { gridAxis, valueLabel } from "../../../src/cells/sweep/chart-axes";

type Item = { x?: number; y?: number; y2?: number; text?: string; fill?: string; opacity?: number; datum?: Record<string, unknown>; items?: Mark[] };
type Mark = { marktype: string; role: string; name?: string; items: Item[] };

/** What Vega drew in one panel (a scope group), in the panel's coordinates. */
interface VegaPanel {
  points: Item[];
  bars: Item[];
  xLabels: Item[];
  yLabels: Item[];
}

/** Vega's panels (the root, or each concat group) with their points, interval rules and axis labels. */
function vegaPanels(root: Mark): { panels: VegaPanel[]; legend: { label: string; fill: string }[] } {
  const panels: VegaPanel[] = [];
  const collect = (group: Item, panel: VegaPanel) => {
    for (const mark of group.items ?? []) {
      if (mark.role === "axis") {
        const axis = mark.items[0]!;
        const bottom = (axis.y ?? 0) > 1;
        // Labels Vega hides as overlapping have opacity 0: only those it shows count.
        for (const part of axis.items ?? []) if (part.role === "axis-label") (bottom ? panel.xLabels : panel.yLabels).push(...part.items.filter((l) => l.opacity !== 0));
      } else if (mark.role === "mark" && mark.marktype === "symbol") panel.points.push(...mark.items);
      else if (mark.role === "mark" && mark.marktype === "rule" && mark.items.some((i) => i.datum && "high" in i.datum)) panel.bars.push(...mark.items);
    }
  };
  const top = root.items[0]!;
  const scopes = (top.items ?? []).filter((m) => m.role === "scope" && m.name?.startsWith("concat_"));
  if (scopes.length) for (const scope of scopes) collect(scope.items[0]!, newPanel(panels));
  else collect(top, newPanel(panels));
  // A legend entry is a symbol (its fill) and a label (its text), in order.
  const symbols: string[] = [];
  const labels: string[] = [];
  const walk = (m: Mark) => {
    if (m.role === "legend-symbol") symbols.push(...m.items.map((i) => String(i.fill ?? "")));
    if (m.role === "legend-label") labels.push(...m.items.map((i) => String(i.text ?? "")));
    for (const item of m.items) for (const inner of item.items ?? []) walk(inner);
  };
  for (const mark of top.items ?? []) if (mark.role === "legend") walk(mark);
  return { panels, legend: labels.map((label, i) => ({ label, fill: symbols[i] ?? "" })) };
}

function newPanel(panels: VegaPanel[]): VegaPanel {
  const panel: VegaPanel = { points: [], bars: [], xLabels: [], yLabels: [] };
  panels.push(panel);
  return panel;
}

/** Text widths for the layout (positions inside a panel do not depend on them). */
const measure = (text: string) => text.length * 6;

async function compare(name: string, summary: Record<string, unknown>[], options: Record<string, unknown> = {}): Promise<{ figure: Figure; panels: PanelLayout[] }> {
  const value = computePlot({ preset: name, options } as PlotConfig, [{ id: "power", type: "sweep", value: { summary } }]);
  const figure = value.figure!;
  expect(figure).toBeDefined();
  const { view } = createView(value.spec, { renderer: "none" });
  try {
    await view.runAsync();
    const { panels: vega, legend } = vegaPanels((view.scenegraph() as unknown as { root: Mark }).root);
    const layout = layoutFigure(figure, measure);
    expect(layout.panels.length).toBe(vega.length);
    layout.panels.forEach((p, k) => {
      const v = vega[k]!;
      const points = p.panel.series.flatMap((s) => s.points.map((pt) => ({ ...pt, color: s.color })));
      expect(points.length).toBe(v.points.length);
      for (const item of v.points) {
        const datum = item.datum!;
        const field = ["rejection", "bias", "coverage"].find((f) => f in datum)!;
        const match = points.find((pt) => pt.x === datum.x && pt.y === datum[field] && pt.color === item.fill);
        expect(match, `point ${JSON.stringify(datum)} in ${item.fill}`).toBeDefined();
        expect(p.x(match!.x)).toBeCloseTo(item.x!, 6);
        expect(p.y(match!.y)).toBeCloseTo(item.y!, 6);
      }
      expect(p.panel.intervals.length).toBe(v.bars.length);
      for (const bar of v.bars) {
        const datum = bar.datum! as { x: number; low: number; high: number };
        const match = p.panel.intervals.find((i) => i.x === datum.x && i.low === datum.low && i.high === datum.high)!;
        expect(match).toBeDefined();
        expect(p.x(match.x)).toBeCloseTo(bar.x!, 6);
        expect(p.y(match.low)).toBeCloseTo(bar.y!, 6);
        expect(p.y(match.high)).toBeCloseTo(bar.y2!, 6);
      }
      // Axis labels: the same texts at the same positions (Vega offsets labels by the 0.5 px of its axis group).
      expect(p.panel.x.labels ?? []).toEqual(v.xLabels.map((l) => l.text));
      p.panel.x.ticks.forEach((t, i) => p.panel.x.labels && expect(p.x(t)).toBeCloseTo(v.xLabels[i]!.x!, 6));
      expect(p.panel.y.labels).toEqual(v.yLabels.map((l) => l.text));
      p.panel.y.ticks.forEach((t, i) => expect(p.y(t)).toBeCloseTo(v.yLabels[i]!.y!, 6));
    });
    expect(figure.legends.flatMap((l) => l.entries.map((e) => ({ label: e.label, fill: e.color })))).toEqual(legend);
    return { figure, panels: layout.panels };
  } finally {
    view.finalize();
  }
}

const row = (grid: number, term: string, values: Record<string, unknown>) => ({
  point: 0, grid_value: grid, series: "", label: `groups=${grid}`, term, alpha: 0.05, n: 40,
  rejection: null, mcse_rejection: null, bias: null, mcse_bias: null, coverage: null, mcse_coverage: null, ...values,
});

/** The power template's grid (4 to 32 groups: a log axis) with the slope and its SD. */
const logGrid = [4, 8, 16, 32].flatMap((g, i) => [
  row(g, "x", { rejection: [0.22, 0.4, 0.75, 0.93][i], bias: [0.03, -0.02, 0.01, 0][i], mcse_bias: 0.02, coverage: [0.88, 0.9, 0.93, 0.95][i] }),
  row(g, "sd__x", { bias: [-0.12, -0.06, -0.03, -0.01][i], mcse_bias: 0.015 }),
]);
/** Three group sizes (a linear axis), one term. */
const linearGrid = [10, 15, 20].map((g, i) => row(g, "x", { rejection: [0.5, 0.7, 1][i], bias: [0.1, 0.05, -0.02][i], mcse_bias: 0.03, coverage: [0.92, 0.94, 1][i] }));

describe("the sweep charts' figures", () => {
  it("put the power curve's points, bars, ticks and labels where Vega draws them (log and linear grids)", async () => {
    const log = await compare("power-curve", logGrid, { terms: ["x"], xTitle: "number of groups" });
    expect(log.figure.panels[0]!.x.log).toBe(true);
    expect(log.figure.panels[0]!.x.labels).toEqual(["4", "8", "16", "32"]);
    expect(log.figure.panels[0]!.rules.map((r) => r.label)).toEqual(["target 0.8", "α = 0.05"]);
    expect(log.figure.legends).toEqual([]);
    const linear = await compare("power-curve", linearGrid);
    expect(linear.figure.panels[0]!.x.log).toBe(false);
    // Two curves get a legend, in Vega's order and colours.
    const two = await compare("power-curve", [...linearGrid, ...linearGrid.map((r) => ({ ...r, term: "z", rejection: 0.3 }))]);
    expect(two.figure.legends[0]!.entries.map((e) => e.label)).toEqual(["x", "z"]);
  });

  it("label grid values as Vega does, round or not, and leave out labels that would overlap", async () => {
    const halves = await compare("power-curve", [1.5, 2.5, 3.5].map((g, i) => row(g, "x", { rejection: 0.2 * (i + 1) })));
    expect(halves.figure.panels[0]!.x.labels).toEqual(["1.5", "2.5", "3.5"]);
    const eighths = await compare("power-curve", [0.125, 0.25, 0.375, 0.5].map((g, i) => row(g, "x", { rejection: 0.2 * (i + 1) })));
    expect(eighths.figure.panels[0]!.x.labels).toEqual(["0.125", "0.25", "0.375", "0.5"]);
    // 100 to 130 crowd the left of a log axis up to 1000: the labels that would overlap go, ticks and all.
    const crowded = await compare("power-curve", [100, 110, 120, 130, 1000].map((g, i) => row(g, "x", { rejection: 0.1 * (i + 1) })));
    const shown = crowded.figure.panels[0]!.x.labels!;
    expect(shown[0]).toBe("100");
    expect(shown).toContain("1000");
    expect(shown.length).toBeLessThan(5);
  });

  it("put bias and coverage in two panels as Vega's vconcat does, the upper without x labels", async () => {
    const { figure } = await compare("bias-coverage", logGrid, { xTitle: "number of groups" });
    const [bias, coverage] = figure.panels;
    expect(bias!.x.labels).toBeNull();
    expect(coverage!.x.title).toBe("number of groups");
    expect(bias!.series.length).toBe(2); // x and sd__x
    expect(coverage!.rules[0]!.value).toBeCloseTo(0.95, 12);
    expect(coverage!.y.title).toBe("Coverage of the 95% Wald CI");
    await compare("bias-coverage", linearGrid);
  });

  it("show what the tooltip of Vega's point says", async () => {
    const { figure } = await compare("power-curve", logGrid, { terms: ["x"] });
    const first = figure.panels[0]!.series[0]!.points[0]!;
    expect(first.tooltip).toEqual([["Grid point", "groups=4"], ["Term", "x"], ["Rejection rate", "0.220"], ["95% interval from", expect.any(String)], ["to", expect.any(String)], ["Fits", "40"]]);
  });

  it("keep a drag's held y domain, as the spec's scales do", () => {
    const config = { preset: "bias-coverage" } as PlotConfig;
    const before = computePlot(config, [{ id: "power", type: "sweep", value: { summary: logGrid } }]);
    // A draft whose bias intervals are a little narrower: its nice domain fits in the old one.
    const narrower = logGrid.map((r) => ({ ...r, mcse_bias: 0.01 }));
    const fresh = computePlot(config, [{ id: "power", type: "sweep", value: { summary: narrower } }]);
    const held = computePlot(config, [{ id: "power", type: "sweep", value: { summary: narrower } }], before);
    const domain = (v: typeof before) => v.figure!.panels[0]!.y.domain;
    expect(domain(fresh)).not.toEqual(domain(before));
    expect(domain(held)).toEqual(domain(before));
    expect(chartPresets.get("estimate-distribution").figure).toBeUndefined();
  });
});

describe("a grid axis", () => {
  it("is log from a factor of 8, else linear with its values as ticks, and round ticks beyond 12 values", () => {
    expect(gridAxis([4, 8, 16, 32], 420)).toMatchObject({ log: true, ticks: [4, 8, 16, 32], padding: 0 });
    expect(gridAxis([4, 8, 16, 32], 420, false)).toMatchObject({ log: false, ticks: [4, 8, 16, 32], padding: 12 });
    expect(gridAxis([-1, 0, 1], 420).log).toBe(false);
    const many = gridAxis(Array.from({ length: 20 }, (_, i) => i + 10), 420);
    expect(many.valueTicks).toBe(false);
    expect(many.ticks).toEqual([10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30]);
    expect(gridAxis([5], 420).domain[0]).toBeLessThan(5);
    expect(valueLabel(-0.25)).toBe("\u22120.25");
    expect(valueLabel(1 / 3)).toBe("0.333333");
    expect(valueLabel(1e-7)).toBe("0.0000001");
    expect(valueLabel(3.5e6)).toBe("3500000");
  });
});
