import type { Preset, CommonOptions } from "./types";
import type { Tables } from "../tables";
import { ellipse, extent, fmt, label, num, optionalTable, pad, randomCov, ranefRows, table } from "./util";
import { topLevel, size, q, n, domainFrom, subtitleFrom, type Json } from "./spec";
import { ELLIPSE_GREY, GREY } from "../palette";
import { RE_SCATTER_COLORS, RE_SCATTER_TITLE, randomEffectsScatterFigure } from "./random-effects-scatter-figure";

/** Options of {@link randomEffectsScatter}. */
export interface RandomEffectsScatterOptions extends CommonOptions {
  /** Level of the model-implied ellipse. Defaults to 0.95. */
  level: number;
  /** Overlay the true b_j (grey rings with segments to the estimates) when `truth` is given. Defaults to true. */
  showTruth: boolean;
  /** The generating correlation, quoted in the subtitle. */
  trueRho?: number;
  xTitle: string;
  yTitle: string;
}

export const randomEffectsScatterDefaults: RandomEffectsScatterOptions = {
  level: 0.95, showTruth: true, xTitle: "Intercept deviation b0j", yTitle: "Slope deviation b1j",
};

function correlation(xs: number[], ys: number[]): number | undefined {
  const k = xs.length;
  if (k < 3) return undefined;
  const mx = xs.reduce((a, b) => a + b, 0) / k, my = ys.reduce((a, b) => a + b, 0) / k;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < k; i++) { sxy += (xs[i]! - mx) * (ys[i]! - my); sxx += (xs[i]! - mx) ** 2; syy += (ys[i]! - my) ** 2; }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : undefined;
}

/**
 * **Random Effects Scatter** (lme4 `plot(ranef(m))` with two terms): x = b0j, y = b1j, purple points,
 * grey crosshairs at 0, the model-implied `level` ellipse of N(0, Σ), and a subtitle comparing the
 * estimated ρ, the sample correlation of the BLUPs and the true ρ. With `truth`, grey rings mark the
 * true b_j with segments to the estimates.
 *
 * Inputs:
 * - `ranef` ({@link RanefRow}): group, term ("(Intercept)" and one slope term), condval, condsd
 * - `varcorr` ({@link VarCorrRow}, optional): Σ for the ellipse and the estimated ρ
 * - `truth` ({@link TruthRow}, optional): `offset` = true b_j per group and term
 *
 * Datasets: `re_points` (group, b0, b1), `re_ellipse` (i, x, y), `re_truth` (group, b0, b1, est_b0, est_b1),
 * `re_meta` (one row: the padded axis ranges x0, x1, y0, y1, `zero` for the crosshairs, the subtitle, the
 * three correlations and `y_title`, the y axis's title for the hand-painted figure). Scale domains and the
 * subtitle read `re_meta`, so new estimates only replace rows.
 */
function build(tables: Tables, options: Partial<RandomEffectsScatterOptions> = {}) {
  const o = { ...randomEffectsScatterDefaults, ...options };
  const re = ranefRows(table(tables, "ranef", "random-effects-scatter"));
  const terms = [...new Set(re.map((r) => r.term))];
  const t0 = terms.includes("(Intercept)") ? "(Intercept)" : terms[0];
  const t1 = terms.find((t) => t !== t0);
  const groups = [...new Set(re.map((r) => r.group))];
  const val = (g: string, t: string | undefined) => re.find((r) => r.group === g && r.term === t)?.condval;
  const points = groups.flatMap((group) => {
    const b0 = val(group, t0), b1 = t1 === undefined ? 0 : val(group, t1);
    return b0 === undefined || b1 === undefined ? [] : [{ group, b0, b1 }];
  });
  const cov = randomCov(optionalTable(tables, "varcorr"));
  const ell = cov.sigma2 ? ellipse([0, 0], cov.sigma2, o.level, 72) : [];
  const truthRows = o.showTruth ? optionalTable(tables, "truth") : [];
  const trueVal = (g: string, t: string | undefined) => {
    const r = truthRows.find((r) => label(r.group) === g && r.term === t);
    return r ? num(r.offset) : undefined;
  };
  const truth = points.flatMap((p) => {
    const b0 = trueVal(p.group, t0), b1 = t1 === undefined ? 0 : trueVal(p.group, t1);
    return b0 === undefined || b1 === undefined ? [] : [{ group: p.group, b0, b1, est_b0: p.b0, est_b1: p.b1 }];
  });
  const blupRho = correlation(points.map((p) => p.b0), points.map((p) => p.b1));
  const trueRho = o.trueRho ?? (truth.length ? correlation(truth.map((p) => p.b0), truth.map((p) => p.b1)) : undefined);
  const subtitle = `estimated ρ = ${fmt(cov.rho)} · correlation of BLUPs = ${fmt(blupRho)} · true ρ = ${fmt(trueRho)}`;
  const xDom = pad(extent([0, ...points.map((p) => p.b0), ...ell.map((e) => e.x), ...truth.map((t) => t.b0)]));
  const yDom = pad(extent([0, ...points.map((p) => p.b1), ...ell.map((e) => e.y), ...truth.map((t) => t.b1)]));
  const { width, height } = size(o, 380, 340);
  const xt = o.xTitle, yt = t1 === undefined ? "(no slope term)" : o.yTitle;
  const meta = [{
    x0: xDom[0], x1: xDom[1], y0: yDom[0], y1: yDom[1], zero: 0, subtitle, y_title: yt,
    estimated_rho: cov.rho ?? null, blup_rho: blupRho ?? null, true_rho: trueRho ?? null,
  }];
  const x = (f: string) => q(f, xt, { scale: { domain: domainFrom("re_meta", "x0", "x1"), nice: false, zero: false } });
  const y = (f: string) => q(f, yt, { scale: { domain: domainFrom("re_meta", "y0", "y1"), nice: false, zero: false } });
  const colorScale = { domain: [...RE_SCATTER_COLORS.keys()], range: [...RE_SCATTER_COLORS.values()] };
  const layer: Json[] = [
    { data: { name: "re_meta" }, mark: { type: "rule", color: GREY, strokeDash: [2, 2] }, encoding: { x: x("zero") } },
    { data: { name: "re_meta" }, mark: { type: "rule", color: GREY, strokeDash: [2, 2] }, encoding: { y: y("zero") } },
    { data: { name: "re_ellipse" }, mark: { type: "line", color: ELLIPSE_GREY, strokeDash: [4, 4] }, encoding: { x: x("x"), y: y("y"), order: { field: "i" } } },
  ];
  if (o.showTruth && optionalTable(tables, "truth").length) {
    layer.push(
      { data: { name: "re_truth" }, mark: { type: "rule", color: "#aaaaaa" }, encoding: { x: x("b0"), y: y("b1"), x2: { field: "est_b0" }, y2: { field: "est_b1" } } },
      { data: { name: "re_truth" }, mark: { type: "point", filled: false, size: 60, strokeWidth: 1.5 }, encoding: { x: x("b0"), y: y("b1"), color: { datum: "True b_j", scale: colorScale, title: null } } },
    );
  }
  layer.push({
    data: { name: "re_points" },
    mark: { type: "point", filled: true, size: 55 },
    encoding: {
      x: x("b0"), y: y("b1"),
      color: { datum: "BLUP (estimate)", scale: colorScale, title: null },
      tooltip: [n("group", "Group"), q("b0", "b0j", { format: ".3f" }), q("b1", "b1j", { format: ".3f" })],
    },
  });
  return topLevel({ width, height, layer }, { re_points: points, re_ellipse: ell, re_truth: truth, re_meta: meta },
    { text: o.title ?? RE_SCATTER_TITLE, subtitle: subtitleFrom("re_meta") });
}

export const randomEffectsScatter: Preset<RandomEffectsScatterOptions> = {
  name: "random-effects-scatter",
  title: "Random Effects Scatter",
  inputs: {
    ranef: { required: true, description: "group, term, condval, condsd: conditional modes b_j" },
    varcorr: { required: false, description: "grp, var1, var2, vcov, sdcor: Σ for the ellipse" },
    truth: { required: false, description: "group, term, offset: true b_j" },
  },
  defaults: randomEffectsScatterDefaults,
  build,
  figure: (datasets, options = {}) => randomEffectsScatterFigure(datasets, { ...randomEffectsScatterDefaults, ...options }),
};
