import type { Preset, CommonOptions } from "./types";
import type { Tables, PopulationRow } from "../tables";
import { coefRows, dataRows, extent, groupBy, num, ols, optionalTable, table } from "./util";
import { quantile7 } from "../../../stats/summary-format";
import { topLevel, size, q, n, anchorLayer, domainFrom, listFrom, subtitleFrom, type Json } from "./spec";
import { niceExtent } from "./nice-domain";
import { MODEL_COLORS, GROUP_SCHEME } from "../palette";
import { BOX_WIDTH, COMPLETE_POOLING_TEXT, completePoolingFigure, RESIDUALS_HEIGHT } from "./complete-pooling-figure";

/** Options of {@link completePooling}. */
export interface CompletePoolingOptions extends CommonOptions {
  xTitle: string;
  yTitle: string;
}

export const completePoolingDefaults: CompletePoolingOptions = { xTitle: "x", yTitle: "y" };

/**
 * **Complete Pooling**: grey points, one teal line with its 95% band, and below it boxplots of the
 * residuals by group (residuals that cluster by group show the independence violation). The subtitle
 * warns of a Simpson reversal when the pooled slope's sign differs from the mean within-group slope;
 * it is read from the one-row `cp_note` dataset, so a new fit only replaces rows.
 *
 * Inputs: `data` ({@link DataRow}); `coefs` ({@link CoefRow}, optional: the "complete" row gives the
 * line, else OLS on `data`; "no" rows give the within-group slopes); `pooled_band`
 * ({@link PopulationRow}, optional: x, estimate, conf_low, conf_high of the pooled fit).
 * Datasets: `cp_points` (group, x, y, residual), `cp_line` (x, estimate, conf_low, conf_high),
 * `cp_note` (one row: subtitle, pooled_slope, mean_within_slope, simpson), `cp_box` (group, min, q1,
 * median, q3, max of the residuals: the box plot's numbers, computed here with R's quantile type 7,
 * as Vega's aggregate does, so Vega runs no per-group aggregation on each update), `cp_scales` (one row:
 * the nice domains x0, x1, y0, y1 of the scatter and r0, r1 of the residuals, and the sorted groups).
 */
function build(tables: Tables, options: Partial<CompletePoolingOptions> = {}) {
  const o = { ...completePoolingDefaults, ...options };
  const data = dataRows(table(tables, "data", "complete-pooling"));
  const coefs = coefRows(optionalTable(tables, "coefs"));
  const fit = coefs.find((c) => c.model === "complete") ?? ols(data);
  const points = data.map((d) => ({ group: d.group, x: d.x, y: d.y, residual: fit ? d.y - (fit.intercept + fit.slope * d.x) : null }));
  const band = (optionalTable(tables, "pooled_band") as readonly Partial<PopulationRow>[]).flatMap((p) => {
    const x = num(p.x), e = num(p.estimate);
    return x === undefined || e === undefined ? [] : [{ x, estimate: e, conf_low: num(p.conf_low) ?? null, conf_high: num(p.conf_high) ?? null }];
  });
  const [x0, x1] = extent(data.map((d) => d.x));
  const line = band.length ? band : fit ? [x0, x1].map((x) => ({ x, estimate: fit.intercept + fit.slope * x, conf_low: null, conf_high: null })) : [];
  const within = coefs.filter((c) => c.model === "no").map((c) => c.slope);
  const meanWithin = within.length ? within.reduce((a, b) => a + b, 0) / within.length : undefined;
  const simpson = fit && meanWithin !== undefined && Math.sign(fit.slope) !== Math.sign(meanWithin) && Math.sign(meanWithin) !== 0;
  const box = [...groupBy(points.filter((p) => p.residual !== null), (p) => p.group)].map(([group, ps]) => {
    const r = ps.map((p) => p.residual as number).sort((a, b) => a - b);
    return { group, min: r[0]!, q1: quantile7(r, 0.25), median: quantile7(r, 0.5), q3: quantile7(r, 0.75), max: r[r.length - 1]! };
  });
  const note = [{
    subtitle: fit ? `pooled slope ${fit.slope.toFixed(3)}${meanWithin !== undefined ? `, mean within-group slope ${meanWithin.toFixed(3)}` : ""}${simpson ? " — Simpson reversal: the signs disagree" : ""}` : "no pooled fit",
    pooled_slope: fit?.slope ?? null, mean_within_slope: meanWithin ?? null, simpson: Boolean(simpson),
  }];
  // Every scale's domain rides in one row, rounded out as Vega's nice scales would be: most slider moves
  // leave it as it is, so Vega keeps its scales and axes and only moves the marks.
  const [sx0, sx1] = niceExtent([...points.map((p) => p.x), ...line.map((l) => l.x)]);
  const [sy0, sy1] = niceExtent([...points.map((p) => p.y), ...line.flatMap((l) => [l.estimate, l.conf_low, l.conf_high])]);
  const [r0, r1] = niceExtent([0, ...box.flatMap((b) => [b.min, b.max])]);
  const scales = [{ x0: sx0, x1: sx1, y0: sy0, y1: sy1, r0, r1, groups: box.map((b) => b.group).sort() }];
  const { width, height } = size(o, 420, 260);
  const x = q("x", o.xTitle, { scale: { zero: false, nice: false, domain: domainFrom("cp_scales", "x0", "x1") } });
  const yTop = { zero: false, nice: false, domain: domainFrom("cp_scales", "y0", "y1") };
  const group = (extra: Json = {}) => n("group", "Group", { ...extra, scale: { ...(extra.scale as Json | undefined), domain: listFrom("cp_scales", "groups") } });
  const residual = (field: string) => q(field, "Residual", { scale: { nice: false, domain: domainFrom("cp_scales", "r0", "r1") } });
  const top: Json = {
    width, height, title: COMPLETE_POOLING_TEXT.top,
    layer: [
      // The band layer exists whenever a pooled_band table is given (its rows may still lack limits).
      ...(optionalTable(tables, "pooled_band").length ? [{ data: { name: "cp_line" }, transform: [{ filter: "isValid(datum.conf_low)" }], mark: { type: "area", color: MODEL_COLORS.complete, opacity: 0.2 }, encoding: { x, y: q("conf_low", o.yTitle, { scale: yTop }), y2: { field: "conf_high" } } }] : []),
      { data: { name: "cp_points" }, mark: { type: "point", filled: true, color: "#777", opacity: 0.6, size: 30 }, encoding: { x, y: q("y", o.yTitle, { scale: yTop }), tooltip: [n("group", "Group"), q("x"), q("y")] } },
      { data: { name: "cp_line" }, mark: { type: "line", strokeWidth: 2.5 }, encoding: { x, y: q("estimate", o.yTitle, { scale: yTop }), color: { datum: "Complete pooling", scale: { domain: ["Complete pooling"], range: [MODEL_COLORS.complete] }, title: "Model" } } },
    ],
  };
  const bottom: Json = {
    width, height: RESIDUALS_HEIGHT, title: COMPLETE_POOLING_TEXT.bottom,
    layer: [
      // A min-max box plot: whisker, box, white median tick.
      { data: { name: "cp_box" }, mark: { type: "rule" }, encoding: { x: group(), y: residual("min"), y2: { field: "max" } } },
      { data: { name: "cp_box" }, mark: { type: "bar", size: BOX_WIDTH }, encoding: { x: group(), y: residual("q1"), y2: { field: "q3" }, color: group({ scale: { scheme: GROUP_SCHEME }, legend: null }) } },
      { data: { name: "cp_box" }, mark: { type: "tick", color: "white", size: BOX_WIDTH }, encoding: { x: group(), y: residual("median") } },
      // One row, so one rule; reading cp_note also keeps that dataset in the view for the subtitle.
      { data: { name: "cp_note" }, mark: { type: "rule", color: "#444", strokeDash: [3, 3] }, encoding: { y: { datum: 0 } } },
      anchorLayer("cp_scales"),
    ],
  };
  return topLevel({ vconcat: [top, bottom], resolve: { scale: { color: "independent" } } }, { cp_points: points, cp_line: line, cp_note: note, cp_box: box, cp_scales: scales }, { text: o.title ?? COMPLETE_POOLING_TEXT.title, subtitle: subtitleFrom("cp_note") });
}

export const completePooling: Preset<CompletePoolingOptions> = {
  name: "complete-pooling",
  title: "Complete Pooling",
  inputs: {
    data: { required: true, description: "group, x, y" },
    coefs: { required: false, description: "group, model, intercept, slope: complete row and no-pooling slopes" },
    pooled_band: { required: false, description: "x, estimate, conf_low, conf_high of the pooled fit" },
  },
  defaults: completePoolingDefaults,
  build,
  figure: (datasets, options = {}) => completePoolingFigure(datasets, { ...completePoolingDefaults, ...options }),
};
