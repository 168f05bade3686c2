// The Spaghetti Plot as a hand-painted figure, drawn from the spec's datasets (spaghetti.ts) with the
// spec's scales: x over `spag_range`, y over the nice extent of every value the layers draw (the spec
// leaves that domain to Vega: the same fields, rounded out as Vega's nice scale is).
import type { Figure, FigureMark } from "../figure/types";
import { MODEL_COLORS } from "../palette";
import { firstRow, picked, rowsOf, strokeLegend, xyAxes, type Datasets } from "./figure-parts";
import { niceExtent } from "./nice-domain";
import { groupBy, isFiniteNumber } from "./util";

interface PopulationRow {
  x: number;
  estimate: number | null;
  conf_low: number | null;
  conf_high: number | null;
  pred_low: number | null;
  pred_high: number | null;
}

export const SPAGHETTI_LINE_LABELS = ["Groups (partial pooling)", "Fixed effect (population)"] as const;
export const SPAGHETTI_LINE_COLORS = [MODEL_COLORS.partial, "black"] as const;
export const SPAGHETTI_TITLE = "Group lines around the average";

export function spaghettiFigure(datasets: Datasets, o: { title?: string; width?: number; height?: number; xTitle: string; yTitle: string }): Figure {
  const range = firstRow<{ x0: number; x1: number }>(datasets, "spag_range") ?? { x0: 0, x1: 1 };
  const population = rowsOf<PopulationRow>(datasets, "spag_population");
  const lines = rowsOf<{ group: string; x: number; y: number }>(datasets, "spag_lines");
  const points = rowsOf<{ group: string; x: number; y: number }>(datasets, "spag_points");
  const predicted = population.filter((p) => isFiniteNumber(p.pred_low) && isFiniteNumber(p.pred_high));
  const confident = population.filter((p) => isFiniteNumber(p.conf_low) && isFiniteNumber(p.conf_high));
  const yDomain = niceExtent([
    ...predicted.flatMap((p) => [p.pred_low, p.pred_high]), ...confident.flatMap((p) => [p.conf_low, p.conf_high]),
    ...points.map((p) => p.y), ...lines.map((l) => l.y), ...population.map((p) => p.estimate),
  ]);
  const width = o.width ?? 420;
  const height = o.height ?? 300;
  const { xAxis, yAxis, x, y } = xyAxes({ title: o.xTitle, domain: [range.x0, range.x1] }, { title: o.yTitle, domain: yDomain }, width, height);

  const marks: FigureMark[] = [];
  if (predicted.length) marks.push({ kind: "area", points: predicted.map((p) => [x(p.x), y(p.pred_low!), y(p.pred_high!)] as const), color: "#bbbbbb", opacity: 0.25, clip: true });
  if (confident.length) marks.push({ kind: "area", points: confident.map((p) => [x(p.x), y(p.conf_low!), y(p.conf_high!)] as const), color: "#888888", opacity: 0.35, clip: true });
  for (const p of points) marks.push({ kind: "symbol", x: x(p.x), y: y(p.y), shape: "circle", area: 14, color: "#555", opacity: 0.5, tooltip: null, clip: true, ...picked(p.group, 0.5) });
  // One line per group, in the order the groups first appear, each through its points in x order.
  for (const [group, rows] of groupBy(lines, (l) => l.group)) {
    const run = rows.map((l) => [x(l.x), y(l.y)] as const).sort((a, b) => a[0] - b[0]);
    marks.push({ kind: "line", points: run, color: SPAGHETTI_LINE_COLORS[0], width: 1.25, opacity: 0.4, dash: null, clip: true, ...picked(group, 0.4) });
  }
  const estimated = population.filter((p) => isFiniteNumber(p.estimate));
  if (estimated.length) marks.push({ kind: "line", points: estimated.map((p) => [x(p.x), y(p.estimate!)] as const), color: SPAGHETTI_LINE_COLORS[1], width: 3, opacity: 1, dash: null, clip: true });

  return {
    title: o.title ?? SPAGHETTI_TITLE,
    subtitle: "",
    legends: [strokeLegend(null, new Map(SPAGHETTI_LINE_LABELS.map((label, i) => [label, SPAGHETTI_LINE_COLORS[i]!])))],
    panels: [{ width, height, x: xAxis, y: yAxis, rules: [], intervals: [], series: [], marks }],
  };
}
