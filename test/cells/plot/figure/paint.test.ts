// paintFigure against a context that records its calls (Node has no canvas; the e2e tests look at real pixels).
import { describe, expect, it } from "vitest";
import { layoutFigure } from "../../../../src/cells/plot/figure/layout";
import { METRIC } from "../../../../src/cells/plot/figure/metrics";
import { paintFigure } from "../../../../src/cells/plot/figure/paint";
import { figure, legend, measure, panel } from "./fixtures";

interface Call {
  name: string;
  args: unknown[];
  /** The fill and stroke style and line dash when the call was made. */
  fill: unknown;
  stroke: unknown;
  dash: unknown;
}

function recordingContext(): { ctx: CanvasRenderingContext2D; calls: Call[] } {
  const calls: Call[] = [];
  const state: Record<string, unknown> = { dash: [] };
  const ctx = new Proxy(state, {
    get(target, key: string) {
      if (key in target && key !== "dash") return target[key];
      return (...args: unknown[]) => {
        if (key === "setLineDash") target.dash = args[0];
        calls.push({ name: key, args, fill: target.fillStyle, stroke: target.strokeStyle, dash: target.dash });
      };
    },
    set(target, key: string, value) {
      target[key] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

describe("paintFigure", () => {
  const layout = layoutFigure(figure({ legends: [legend("Term", [["x", "red"]])] }), measure);
  const { ctx, calls } = recordingContext();
  paintFigure(ctx, layout);
  const texts = calls.filter((c) => c.name === "fillText").map((c) => c.args[0]);

  it("writes the title, subtitle, legend, tick labels, rule label and axis titles", () => {
    expect(texts.slice(0, 4)).toEqual(["Title", "sub", "Term", "x"]);
    const title = calls.find((c) => c.name === "fillText" && c.args[0] === "Title")!;
    expect(title.args.slice(1)).toEqual([METRIC.pad, layout.titleTop]);
    // The upper panel's x axis has no labels: "0.0" once per y axis and once on the lower x axis.
    expect(texts.filter((t) => t === "0.0").length).toBe(2);
    expect(texts.filter((t) => t === "0.0000").length).toBe(1);
    expect(texts.filter((t) => t === "half").length).toBe(2);
    expect(texts).toContain("wide");
    expect(texts.filter((t) => t === "x").length).toBe(2); // the legend entry and the lower panel's x title
  });

  it("puts each y label at its tick and each point where the scales say", () => {
    const lower = layout.panels[1]!;
    const label = calls.find((c) => c.name === "fillText" && c.args[0] === "0.5000")!;
    expect(label.args[1]).toBe(lower.left - METRIC.tickSize - METRIC.labelPadding);
    expect(label.args[2]).toBe(lower.top + lower.y(0.5));
    const arcs = calls.filter((c) => c.name === "arc" && c.args[2] === METRIC.pointRadius);
    expect(arcs.map((c) => [c.args[0], c.args[1], c.fill])).toEqual(
      layout.panels.flatMap((p) => p.panel.series[0]!.points.map((pt) => [p.left + p.x(pt.x), p.top + p.y(pt.y), "red"])),
    );
  });

  it("draws the axes under the data, as Vega-Lite does", () => {
    const lastLabel = Math.max(...calls.flatMap((c, i) => (c.name === "fillText" ? [i] : [])));
    const firstPoint = calls.findIndex((c) => c.name === "arc" && c.args[2] === METRIC.pointRadius);
    expect(lastLabel).toBeLessThan(firstPoint);
  });

  it("dashes the reference rules only, and draws each interval as a bar from low to high", () => {
    const dashed = calls.filter((c) => c.name === "stroke" && Array.isArray(c.dash) && (c.dash as number[]).length > 0);
    expect(dashed.length).toBe(2);
    expect(dashed.every((c) => c.stroke === "black")).toBe(true);
    const p = layout.panels[0]!;
    const x = p.left + p.x(0.25);
    const moves = calls.filter((c) => c.name === "moveTo" && c.args[0] === x && c.args[1] === p.top + p.y(0.1));
    expect(moves.length).toBe(1);
    expect(calls[calls.indexOf(moves[0]!) + 1]).toMatchObject({ name: "lineTo", args: [x, p.top + p.y(0.4)], stroke: "red" });
  });
});

describe("paintFigure, free marks", () => {
  const seg = (x: number, opacity = 1) => ({ kind: "segment" as const, x, y: 0, x2: x, y2: 10, color: "#ddd", width: 1, opacity, dash: null });
  const text = (t: string) => ({ kind: "text" as const, x: 0, y: 0, text: t, font: "10px sans-serif", color: "black", align: "left" as const, baseline: "top" as const, angle: 0 });
  const marks = [seg(1), seg(2), seg(3), seg(4, 0.6), text("a"), text("b"), { ...seg(5), clip: true }];
  const layout = layoutFigure(figure({ panels: [panel({ rules: [], intervals: [], series: [], marks })] }), measure);
  const { ctx, calls } = recordingContext();
  paintFigure(ctx, layout);
  const p = layout.panels[0]!;
  const at = calls.findIndex((c) => c.name === "moveTo" && c.args[0] === p.left + 1 && c.args[1] === p.top);
  const after = calls.slice(at);

  it("strokes opaque segments of one style as one path, and a translucent one on its own", () => {
    const strokes = after.filter((c) => c.name === "stroke");
    // One for segments 1-3, one for the translucent segment 4, one for the clipped segment 5.
    expect(strokes.length).toBe(3);
    expect(after.slice(0, after.indexOf(strokes[0]!)).filter((c) => c.name === "moveTo").length).toBe(3);
  });

  it("puts each text on Vega's baseline and cuts clipped marks off at the plot area", () => {
    const a = after.find((c) => c.name === "fillText" && c.args[0] === "a")!;
    // A 10 px "top" text's alphabetic baseline is 8 px down (Vega's 0.79 of the size, rounded).
    expect(a.args.slice(1)).toEqual([p.left, p.top + 8]);
    const clip = after.findIndex((c) => c.name === "clip");
    const rect = after.slice(0, clip).reverse().find((c) => c.name === "rect")!;
    expect(rect.args).toEqual([p.left, p.top, p.panel.width, p.panel.height]);
    expect(after.findIndex((c) => c.name === "moveTo" && c.args[0] === p.left + 5)).toBeGreaterThan(clip);
  });
});
