import { describe, expect, it } from "vitest";
import { layoutFigure, tooltipNear } from "../../../../src/cells/plot/figure/layout";
import { METRIC } from "../../../../src/cells/plot/figure/metrics";
import { positionScale } from "../../../../src/cells/plot/figure/scales";
import { axis, figure, legend, measure, panel } from "./fixtures";
import type { FigureLegend } from "../../../../src/cells/plot/figure/types";

describe("positionScale", () => {
  it("maps a linear domain onto the panel inside its padding, y upward", () => {
    const x = positionScale(axis({ domain: [10, 20], padding: 12 }), 424, false);
    expect([x(10), x(15), x(20)]).toEqual([12, 212, 412]);
    const y = positionScale(axis({ domain: [-1, 1] }), 100, true);
    expect([y(-1), y(0), y(1)]).toEqual([100, 50, 0]);
  });

  it("maps a log domain by ratios: each doubling the same distance", () => {
    const x = positionScale(axis({ log: true, domain: [4, 32] }), 300, false);
    expect(x(4)).toBeCloseTo(0, 12);
    expect(x(8)).toBeCloseTo(100, 12);
    expect(x(16)).toBeCloseTo(200, 12);
    expect(x(32)).toBeCloseTo(300, 12);
  });

  it("puts everything at the start of an empty domain instead of dividing by zero", () => {
    const x = positionScale(axis({ domain: [3, 3], padding: 5 }), 100, false);
    expect(x(3)).toBe(5);
    expect(x(7)).toBe(5);
  });
});

describe("layoutFigure", () => {
  it("stacks the panels under the title, aligned past the widest y axis", () => {
    const layout = layoutFigure(figure(), measure);
    const [upper, lower] = layout.panels;
    // The lower panel's labels are 6 characters wide: tick, padding, 36 px of label, title gap and title.
    const extent = METRIC.tickSize + METRIC.labelPadding + 36 + METRIC.axisTitlePadding + METRIC.axisTitleSize;
    expect(upper!.left).toBe(METRIC.pad + extent);
    expect(lower!.left).toBe(upper!.left);
    // Title 14 px, subtitle 3 + 11 px, offset 4, half a label above the panel.
    expect(upper!.top).toBe(METRIC.pad + 14 + 3 + 11 + 4 + 5);
    // The upper panel's x axis has ticks only; the lower one's labels and title are below it. The concat
    // spacing runs between the panels' full extents: the lower panel's top label reaches 5 px above it.
    expect(lower!.top).toBe(upper!.top + 100 + METRIC.tickSize + METRIC.panelSpacing + 5);
    expect(layout.height).toBe(Math.ceil(lower!.top + 100 + METRIC.tickSize + METRIC.labelPadding + 10 + METRIC.axisTitlePadding + 11 + METRIC.pad));
    // The last x label ("1.0", centred on the right edge) reaches 9 px past the panel.
    expect(layout.width).toBe(Math.ceil(upper!.left + 200 + 9 + METRIC.pad));
  });

  it("moves the panels down for a legend and lays its entries out in a row", () => {
    const plain = layoutFigure(figure(), measure);
    const layout = layoutFigure(figure({ legends: [legend("Term", [["x", "red"], ["sd__x", "blue"]])] }), measure);
    const [placed] = layout.legends;
    expect(placed!.entries.map((e) => e.label)).toEqual(["x", "sd__x"]);
    expect(placed!.entries[1]!.symbolX).toBeGreaterThan(placed!.entries[0]!.labelX + 6);
    expect(layout.panels[0]!.top).toBeGreaterThan(plain.panels[0]!.top + METRIC.legendOffset);
    expect(placed!.entries[0]!.y).toBeLessThan(layout.panels[0]!.top);
  });

  it("makes room for a title wider than the panels", () => {
    const long = "A".repeat(100);
    expect(layoutFigure(figure({ title: long }), measure).width).toBe(METRIC.pad + 600 + METRIC.pad);
  });
});

describe("tooltipNear", () => {
  it("finds the point under the pointer, across panels, and nothing away from every point", () => {
    const layout = layoutFigure(figure({ panels: [panel(), panel({ series: [{ color: "blue", points: [{ x: 0.5, y: 0.5, tooltip: [["at", "c"]] }] }] })] }), measure);
    const [upper, lower] = layout.panels;
    const at = (p: typeof upper, x: number, y: number) => [p!.left + p!.x(x), p!.top + p!.y(y)] as const;
    const [bx, by] = at(upper, 0.75, 0.8);
    expect(tooltipNear(layout, bx + 3, by - 2)).toEqual([["at", "b"]]);
    const [cx, cy] = at(lower, 0.5, 0.5);
    expect(tooltipNear(layout, cx, cy)).toEqual([["at", "c"]]);
    expect(tooltipNear(layout, cx + 20, cy)).toBeNull();
  });
});

describe("layoutFigure, panels side by side", () => {
  it("puts each panel right of the one before, tops aligned, and makes the figure tall enough for every x title", () => {
    const layout = layoutFigure(figure({ arrange: "row", panels: [panel({ title: "a" }), panel({ title: "b", y: axis({ hidden: true }) })] }), measure);
    const [a, b] = layout.panels;
    expect(b!.top).toBe(a!.top);
    // The first panel's last x label ("1.0", 18 px wide, centred) reaches 9 px past it; then the spacing;
    // then the second panel's first label reaches 9 px to its left.
    expect(b!.left).toBe(a!.left + 200 + 9 + METRIC.panelSpacing + 9);
    const xTitleBottom = a!.top + 100 + METRIC.tickSize + METRIC.labelPadding + METRIC.labelSize + METRIC.axisTitlePadding + METRIC.axisTitleSize;
    expect(layout.height).toBe(Math.ceil(xTitleBottom + METRIC.pad));
  });
});

describe("legend layout", () => {
  it("lays entries out in a grid of columns as wide as their widest entry, rows 2 px apart", () => {
    const squares = (labels: string[]): FigureLegend => ({ title: "Model", columns: 2, entries: labels.map((label) => ({ label, color: "red", symbol: { kind: "shape", shape: "square", opacity: 1, outline: null } })) });
    const [placed] = layoutFigure(figure({ legends: [squares(["a", "bbbbbb", "cccc", "d"])] }), measure).legends;
    const [a, b, c, d] = placed!.entries;
    expect(c!.symbolX).toBe(a!.symbolX);
    expect(d!.symbolX).toBe(b!.symbolX);
    // Column 0 is as wide as "cccc": a 12 px symbol box, 4 px, 24 px of label; then 10 px to column 1.
    expect(b!.symbolX - a!.symbolX).toBe(12 + 4 + 24 + 10);
    // Rows of 11 px (squares without outline) and 2 px between.
    expect(c!.y - a!.y).toBe(11 + 2);
  });
});
