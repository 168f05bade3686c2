import type { Preset, CommonOptions } from "./types";
import type { Tables } from "../tables";
import { dataRows, extent, optionalTable, randomCov, table } from "./util";
import { topLevel, size, q, anchorLayer, domainFrom } from "./spec";
import { niceDomain } from "./nice-domain";
import { MODEL_COLORS, GREY } from "../palette";
import { SHARE_PANEL_RATIO, VARIANCE_TEXT, varianceFunctionFigure } from "./variance-figures";

/** Options of {@link varianceFunction}. */
export interface VarianceFunctionOptions extends CommonOptions {
  /** x range; defaults to the data's range, else [0, 10]. */
  xRange?: [number, number];
  /** x at which the share is marked. Defaults to the middle of the range. */
  at?: number;
  /** Grid points. Defaults to 50. */
  resolution: number;
  xTitle: string;
}

export const varianceFunctionDefaults: VarianceFunctionOptions = { resolution: 50, xTitle: "x" };

/**
 * **Variance across x** (powerlmm-style VPC): with random slopes the between-group variance
 * τ0² + 2x·ρτ0τ1 + x²τ1² is quadratic in x. Top: stacked areas of between-group and residual
 * variance; bottom: the between-group share with a marker at `at`.
 *
 * Inputs: `varcorr` ({@link VarCorrRow}); `data` ({@link DataRow}, optional: x range).
 * Datasets: `vf_between` and `vf_residual` (x, lower, upper: the two stacked bands), `vf_share` (x,
 * share), `vf_at` (x, share, label),
 * `vf_scales` (one row: x0, x1, and v1, the stacked variance's nice maximum), which most slider moves
 * leave as it is, so Vega keeps its scales and axes.
 */
function build(tables: Tables, options: Partial<VarianceFunctionOptions> = {}) {
  const o = { ...varianceFunctionDefaults, ...options };
  const cov = randomCov(table(tables, "varcorr", "variance-function"));
  const data = dataRows(optionalTable(tables, "data"));
  const [x0, x1] = o.xRange ?? (data.length ? extent(data.map((d) => d.x)) : [0, 10]);
  const t0 = cov.tau0 ?? 0, t1 = cov.tau1 ?? 0, rho = cov.rho ?? 0, s2 = (cov.sigma ?? 0) ** 2;
  const between = (x: number) => t0 * t0 + 2 * x * rho * t0 * t1 + x * x * t1 * t1;
  const k = Math.max(2, o.resolution);
  const xs = Array.from({ length: k + 1 }, (_, i) => x0 + ((x1 - x0) * i) / k);
  // The stack is drawn as two bands with their edges computed here: one area mark each, where a
  // colour-encoded Vega-Lite area would run a stack transform and a facet per series on every update.
  const betweenBand = xs.map((x) => ({ x, lower: 0, upper: between(x) }));
  const residualBand = xs.map((x) => ({ x, lower: between(x), upper: between(x) + s2 }));
  const share = xs.map((x) => ({ x, share: between(x) + s2 > 0 ? between(x) / (between(x) + s2) : 0 }));
  const at = o.at ?? (x0 + x1) / 2;
  const atShare = between(at) + s2 > 0 ? between(at) / (between(at) + s2) : 0;
  const atRows = [{ x: at, share: atShare, label: `${Math.round(atShare * 100)}% between groups at x = ${at.toFixed(2)}` }];
  const [, v1] = niceDomain(0, Math.max(...xs.map((xx) => between(xx) + s2)));
  const scales = [{ x0, x1, v0: 0, v1: Number.isFinite(v1) && v1 > 0 ? v1 : 1 }];
  const { width, height } = size(o, 420, 160);
  const x = q("x", o.xTitle, { scale: { zero: false, nice: false, domain: domainFrom("vf_scales", "x0", "x1") } });
  const band = (field: string) => q(field, "Variance", { scale: { nice: false, domain: domainFrom("vf_scales", "v0", "v1") } });
  const component = (name: string) => ({ datum: name, title: "Component", scale: { domain: [VARIANCE_TEXT.between, VARIANCE_TEXT.residual], range: [MODEL_COLORS.partial, GREY] } });
  return topLevel({
    vconcat: [
      {
        width, height, title: VARIANCE_TEXT.top,
        layer: [
          { data: { name: "vf_between" }, mark: { type: "area", opacity: 0.85, description: "Between-group variance by x" }, encoding: { x, y: band("upper"), y2: { field: "lower" }, color: component(VARIANCE_TEXT.between) } },
          { data: { name: "vf_residual" }, mark: { type: "area", opacity: 0.85, description: "Residual variance σ², stacked on the between-group variance" }, encoding: { x, y: band("upper"), y2: { field: "lower" }, color: component(VARIANCE_TEXT.residual) } },
        ],
      },
      {
        width, height: Math.round(height * SHARE_PANEL_RATIO), title: VARIANCE_TEXT.bottom,
        layer: [
          { data: { name: "vf_share" }, mark: { type: "line", color: MODEL_COLORS.partial, strokeWidth: 2 }, encoding: { x, y: q("share", VARIANCE_TEXT.share, { scale: { domain: [0, 1] }, axis: { format: "%" } }) } },
          { data: { name: "vf_at" }, mark: { type: "rule", color: "#444", strokeDash: [3, 3] }, encoding: { x: q("x") } },
          { data: { name: "vf_at" }, mark: { type: "point", filled: true, color: "black", size: 50 }, encoding: { x: q("x"), y: q("share") } },
          { data: { name: "vf_at" }, mark: { type: "text", align: "left", dx: 6, dy: -8, fontSize: 10 }, encoding: { x: q("x"), y: q("share"), text: { field: "label" } } },
          anchorLayer("vf_scales"),
        ],
      },
    ],
  }, { vf_between: betweenBand, vf_residual: residualBand, vf_share: share, vf_at: atRows, vf_scales: scales }, o.title ?? VARIANCE_TEXT.function);
}

export const varianceFunction: Preset<VarianceFunctionOptions> = {
  name: "variance-function",
  title: "Variance Across x",
  inputs: {
    varcorr: { required: true, description: "grp, var1, var2, vcov, sdcor" },
    data: { required: false, description: "group, x, y: x range" },
  },
  defaults: varianceFunctionDefaults,
  build,
  figure: (datasets, options = {}) => varianceFunctionFigure(datasets, { ...varianceFunctionDefaults, ...options }),
};
