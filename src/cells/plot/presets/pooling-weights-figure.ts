// Pooling Weights as a hand-painted figure, drawn from the spec's datasets (pooling-weights.ts) with
// the spec's scales: n on a log x over `pw_range`' [n0, n1] with Vega's log ticks, λ on [0, 1].
import type { Figure, FigureAxis, FigureMark } from "../figure/types";
import { positionScale } from "../figure/scales";
import { MODEL_COLORS } from "../palette";
import { logTickLabels, logTicks } from "./axis-ticks";
import { firstRow, linearAxis, picked, rowsOf, type Datasets } from "./figure-parts";

export const POOLING_WEIGHTS_TEXT = {
  title: "How much each group keeps of its own estimate",
  subtitle: "λ_j = τ0² / (τ0² + σ²/n_j); the rest is borrowed from the population",
  x: "Observations in the group (n_j, log scale)",
  y: "Weight on the group's own estimate (λ_j)",
} as const;

/**
 * A log x axis over [lo, hi] as Vega-Lite draws one: Vega's default tick count (Vega-Lite sets none
 * for a log scale), d3's log ticks and labels, flush ends, greedy overlap.
 */
function logAxis(title: string, lo: number, hi: number): FigureAxis {
  const count = 10;
  const all = logTicks(lo, hi, count);
  const labels = logTickLabels(all, count);
  return { title, log: true, domain: [lo, hi], padding: 0, ticks: all, labels, flush: true, overlap: "greedy" };
}

export function poolingWeightsFigure(datasets: Datasets, o: { title?: string; width?: number; height?: number }): Figure {
  const range = firstRow<{ n0: number; n1: number }>(datasets, "pw_range") ?? { n0: 1, n1: 10 };
  const width = o.width ?? 400;
  const height = o.height ?? 260;
  const xAxis = logAxis(POOLING_WEIGHTS_TEXT.x, range.n0, range.n1);
  const yAxis = linearAxis(POOLING_WEIGHTS_TEXT.y, [0, 1], height);
  const x = positionScale(xAxis, width, false);
  const y = positionScale(yAxis, height, true);
  const curve = rowsOf<{ n: number; lambda: number }>(datasets, "pw_curve");
  const groups = rowsOf<{ group: string; n: number; lambda: number }>(datasets, "pw_groups");
  const marks: FigureMark[] = [
    { kind: "line", points: curve.map((r) => [x(r.n), y(r.lambda)] as const), color: "#444", width: 2, opacity: 1, dash: [4, 3] },
  ];
  for (const g of groups) {
    marks.push({
      kind: "symbol", x: x(g.n), y: y(g.lambda), shape: "circle", area: 70, color: MODEL_COLORS.partial, opacity: 0.7, ...picked(g.group, 0.7),
      tooltip: [["Group", g.group], ["n_j", String(g.n)], ["λ_j", g.lambda.toFixed(2)]],
    });
  }
  for (const g of groups) marks.push({ kind: "text", x: x(g.n) + 7, y: y(g.lambda), text: g.group, font: "10px sans-serif", color: "black", align: "left", baseline: "middle", angle: 0 });
  return {
    title: o.title ?? POOLING_WEIGHTS_TEXT.title,
    subtitle: POOLING_WEIGHTS_TEXT.subtitle,
    legends: [],
    panels: [{ width, height, x: xAxis, y: yAxis, rules: [], intervals: [], series: [], marks }],
  };
}
