// The caterpillar plot as a hand-painted figure, drawn from the spec's datasets (caterpillar.ts) with
// the spec's scales: a panel per term side by side, each over its own x range from `cat_scales`, the
// groups in `cat_scales`' rank order, 16 px a row.
import type { Figure, FigureMark, FigurePanel } from "../figure/types";
import { positionScale } from "../figure/scales";
import { MODEL_COLORS } from "../palette";
import { bandAxis, bandRows, colorLegend, firstRow, linearAxis, picked, rowsOf, vRule, type Datasets } from "./figure-parts";

interface CaterpillarRow {
  group: string;
  term: string;
  estimate: number;
  lo: number;
  hi: number;
  excludes: string;
  first: boolean;
  ref: number;
  term_order: number;
}

/** Px per group row when the height is not given (the spec's `{ step: 16 }`). */
export const CATERPILLAR_ROW_STEP = 16;

/** The interval colours' legend entries: grey when the interval includes the reference, purple when it excludes it. */
export function intervalColors(level: number, exponentiate: boolean): Map<string, string> {
  const ref = exponentiate ? 1 : 0;
  return new Map([[`includes ${ref}`, "#999999"], [`${Math.round(level * 100)}% interval excludes ${ref}`, MODEL_COLORS.partial]]);
}

export const caterpillarTitle = (level: number): string => `Conditional modes with ${Math.round(level * 100)}% intervals`;
export const caterpillarXTitle = (exponentiate: boolean): string => (exponentiate ? "exp(conditional mode)" : "Conditional mode b_j");

export function caterpillarFigure(datasets: Datasets, o: { title?: string; width?: number; height?: number; level: number; exponentiate: boolean }): Figure {
  const scales = firstRow<Record<string, unknown> & { groups: string[] }>(datasets, "cat_scales") ?? { groups: [] };
  const groups = scales.groups;
  const rows = rowsOf<CaterpillarRow>(datasets, "caterpillar");
  const terms: string[] = [];
  for (const r of rows) terms[r.term_order] ??= r.term;
  const width = o.width ?? 200;
  const height = o.height ?? CATERPILLAR_ROW_STEP * groups.length;
  const { centre } = bandRows(groups, height);
  const colors = intervalColors(o.level, o.exponentiate);
  const panels: FigurePanel[] = terms.map((term, i) => {
    const xAxis = linearAxis(caterpillarXTitle(o.exponentiate), [Number(scales[`x0_${i}`] ?? 0), Number(scales[`x1_${i}`] ?? 1)], width, { flush: true });
    const x = positionScale(xAxis, width, false);
    const own = rows.filter((r) => r.term_order === i);
    const marks: FigureMark[] = [];
    for (const r of own) if (r.first) marks.push(vRule(x(r.ref), height, "#444"));
    for (const r of own) marks.push({ kind: "segment", x: x(r.lo), y: centre(r.group), x2: x(r.hi), y2: centre(r.group), color: colors.get(r.excludes) ?? "#999999", width: 1.5, opacity: 1, dash: null, ...picked(r.group, 1) });
    for (const r of own) {
      marks.push({
        kind: "symbol", x: x(r.estimate), y: centre(r.group), shape: "circle", area: 40, color: colors.get(r.excludes) ?? "#999999", opacity: 0.7, ...picked(r.group, 0.7),
        tooltip: [["Group", r.group], ["Term", r.term], ["Estimate", r.estimate.toFixed(3)], ["Lower", r.lo.toFixed(3)], ["Upper", r.hi.toFixed(3)]],
      });
    }
    // Only the first panel names the groups, as the spec's other panels drop their y axis.
    const yAxis = { ...bandAxis("Group", groups, 0, 0), hidden: i > 0 };
    return { title: term, width, height, x: xAxis, y: yAxis, rules: [], intervals: [], series: [], marks };
  });
  return {
    title: o.title ?? caterpillarTitle(o.level),
    subtitle: "",
    arrange: "row",
    legends: [colorLegend("Interval", [...colors].map(([label, color]) => [label, color, "circle"] as const))],
    panels,
  };
}
