// The Coefficient Summary as a hand-painted figure, drawn from the spec's datasets
// (coefficient-summary.ts) with the spec's scales: a band per term, the estimate axis rounded out as
// Vega's nice scale over the same values (the spec leaves that domain to Vega).
import type { Figure, FigureMark } from "../figure/types";
import { positionScale } from "../figure/scales";
import { MODEL_COLORS } from "../palette";
import { bandAxis, bandRows, bandTick, linearAxis, rowsOf, swatchLegend, vRule, type Datasets } from "./figure-parts";
import { isFiniteNumber } from "./util";
import { niceExtent } from "./nice-domain";

interface CoefRow {
  term: string;
  order: number;
  estimate: number;
  conf_low: number | null;
  conf_high: number | null;
  truth: number | null;
}

export const COEFFICIENT_KINDS: ReadonlyMap<string, string> = new Map([["Estimate (95% CI)", MODEL_COLORS.partial], ["True value", "black"]]);
export const COEFFICIENT_TITLE = "Fixed effects";
/** Px per term row, and the least height. */
export const coefficientHeight = (terms: number): number => Math.max(60, 30 * terms);
export const coefficientXTitle = (exponentiate: boolean): string => (exponentiate ? "exp(estimate) with 95% CI" : "Estimate with 95% CI");

export function coefficientSummaryFigure(datasets: Datasets, o: { title?: string; width?: number; height?: number; exponentiate: boolean }): Figure {
  const rows = [...rowsOf<CoefRow>(datasets, "coef_rows")].sort((a, b) => a.order - b.order);
  const reference = o.exponentiate ? 1 : 0;
  const width = o.width ?? 300;
  const height = o.height ?? coefficientHeight(rows.length);
  const domain = niceExtent([reference, ...rows.flatMap((r) => [r.estimate, r.conf_low, r.conf_high, r.truth])]);
  const xAxis = linearAxis(coefficientXTitle(o.exponentiate), domain, width, { flush: true });
  const x = positionScale(xAxis, width, false);
  const terms = rows.map((r) => r.term);
  const { step, top, centre } = bandRows(terms, height);
  const marks: FigureMark[] = [vRule(x(reference), height, "#888")];
  for (const r of rows) {
    if (isFiniteNumber(r.conf_low)) marks.push({ kind: "segment", x: x(r.conf_low), y: centre(r.term), x2: x(r.conf_high ?? r.conf_low), y2: centre(r.term), color: MODEL_COLORS.partial, width: 2, opacity: 1, dash: null });
  }
  for (const r of rows) {
    const fixed3 = (v: number | null) => (isFiniteNumber(v) ? v.toFixed(3) : "");
    marks.push({
      kind: "symbol", x: x(r.estimate), y: centre(r.term), shape: "circle", area: 70, color: MODEL_COLORS.partial, opacity: 0.7,
      tooltip: [["Term", r.term], ["Estimate", fixed3(r.estimate)], ["Lower", fixed3(r.conf_low)], ["Upper", fixed3(r.conf_high)]],
    });
  }
  for (const r of rows) if (isFiniteNumber(r.truth)) marks.push(bandTick(x(r.truth), top(r.term), step));
  return {
    title: o.title ?? COEFFICIENT_TITLE,
    subtitle: "",
    legends: [swatchLegend(null, COEFFICIENT_KINDS, "circle", 0.7)],
    panels: [{ width, height, x: xAxis, y: bandAxis("Term", terms, 0, 0), rules: [], intervals: [], series: [], marks }],
  };
}
