import type { Preset, CommonOptions } from "./types";
import type { Tables, PopulationRow } from "../tables";
import { coefRows, dataRows, extent, fixefLine, num, optionalTable, table } from "./util";
import { topLevel, size, q, n, anchorLayer, domainFrom, type Json } from "./spec";
import { SPAGHETTI_LINE_COLORS, SPAGHETTI_LINE_LABELS, SPAGHETTI_TITLE, spaghettiFigure } from "./spaghetti-figure";

/** Options of {@link spaghetti}. */
export interface SpaghettiOptions extends CommonOptions {
  /** Response family; non-gaussian curves are drawn through the inverse link. Defaults to "gaussian". */
  family: "gaussian" | "binomial" | "poisson";
  /** "response" (probabilities / counts) or "link" (straight lines). Defaults to "response". */
  scale: "response" | "link";
  /** Show the raw points (off by default). */
  showPoints: boolean;
  /** Show the lighter prediction band when `population` has pred_low/pred_high. Defaults to true. */
  predictionBand: boolean;
  /** x range of the lines; defaults to the data's range, else the population grid, else [0, 1]. */
  xRange?: [number, number];
  /** Points per curve for non-gaussian families. Defaults to 40. */
  resolution: number;
  xTitle: string;
  yTitle: string;
}

export const spaghettiDefaults: SpaghettiOptions = {
  family: "gaussian", scale: "response", showPoints: false, predictionBand: true, resolution: 40, xTitle: "x", yTitle: "y",
};

const LINE_LABELS = SPAGHETTI_LINE_LABELS;
const lineScale = { domain: [...SPAGHETTI_LINE_LABELS], range: [...SPAGHETTI_LINE_COLORS] };
/** The y title: the option for a gaussian response, else the scale the curves are drawn on. */
export function spaghettiYTitle(o: Pick<SpaghettiOptions, "family" | "scale" | "yTitle">): string {
  if (o.family === "gaussian") return o.yTitle;
  if (o.scale === "link") return o.family === "binomial" ? "log-odds" : "log rate";
  return o.family === "binomial" ? "probability" : "expected count";
}

const logit = (p: number) => Math.log(p / (1 - p));
const clampP = (p: number) => Math.min(Math.max(p, 1e-9), 1 - 1e-9);

/**
 * **Spaghetti Plot**: thin purple lines, one per group (partial-pooling coefficients), a thick black
 * fixed-effect line with a grey confidence ribbon and an optional lighter prediction ribbon
 * (ggeffects `type = "random"`). GLMMs are drawn on the response scale (inverse link), or
 * straightened with `scale: "link"`.
 *
 * Inputs:
 * - `coefs` ({@link CoefRow}): "partial" rows (intercept, slope on the link scale)
 * - `population` ({@link PopulationRow}, optional): fixed-effect prediction and bands on the response scale
 * - `fixef` ({@link FixefRow}, optional): used for the black line when `population` is absent
 * - `data` ({@link DataRow}, optional): x range and the optional raw points
 *
 * Datasets: `spag_lines` (group, x, y), `spag_population` (x, estimate, conf_low, conf_high, pred_low, pred_high),
 * `spag_points` (group, x, y), `spag_range` (one row: x0, x1, the x range). The x scale reads its domain from
 * `spag_range` and the marks are clipped to it, so a new range only replaces rows.
 */
function build(tables: Tables, options: Partial<SpaghettiOptions> = {}) {
  const o = { ...spaghettiDefaults, ...options };
  const coefs = coefRows(table(tables, "coefs", "spaghetti")).filter((c) => c.model === "partial");
  const data = dataRows(optionalTable(tables, "data"));
  const popIn = optionalTable(tables, "population") as readonly Partial<PopulationRow>[];
  const linkScale = o.family === "gaussian" || o.scale === "link";
  const inv = (eta: number) => (linkScale ? eta : o.family === "binomial" ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta));
  // population rows arrive on the response scale; the link toggle maps them through the (monotone) link.
  const toScale = (v: number | undefined) =>
    v === undefined ? null : o.family === "gaussian" || o.scale === "response" ? v : o.family === "binomial" ? logit(clampP(v)) : Math.log(Math.max(v, 1e-9));
  const [x0, x1] = o.xRange ?? (data.length ? extent(data.map((d) => d.x)) : popIn.length ? extent(popIn.map((p) => num(p.x) ?? 0)) : [0, 1]);
  const k = o.family === "gaussian" || linkScale ? 1 : Math.max(2, o.resolution);
  const grid = Array.from({ length: k + 1 }, (_, i) => x0 + ((x1 - x0) * i) / k);
  const lines = coefs.flatMap((c) => grid.map((x) => ({ group: c.group, x, y: inv(c.intercept + c.slope * x) })));
  let population = popIn.flatMap((p) => {
    const x = num(p.x), est = num(p.estimate);
    if (x === undefined || est === undefined) return [];
    return [{
      x, estimate: toScale(est), conf_low: toScale(num(p.conf_low)), conf_high: toScale(num(p.conf_high)),
      pred_low: o.predictionBand ? toScale(num(p.pred_low)) : null, pred_high: o.predictionBand ? toScale(num(p.pred_high)) : null,
    }];
  });
  if (!population.length) {
    const fx = fixefLine(optionalTable(tables, "fixef"));
    if (fx.intercept !== undefined && fx.slope !== undefined) {
      population = grid.map((x) => ({ x, estimate: inv(fx.intercept! + fx.slope! * x), conf_low: null, conf_high: null, pred_low: null, pred_high: null }));
    }
  }
  const points = o.showPoints ? data.map((d) => ({ group: d.group, x: d.x, y: linkScale && o.family !== "gaussian" ? null : d.y })).filter((d) => d.y !== null) : [];
  const { width, height } = size(o, 420, 300);
  const yTitle = spaghettiYTitle(o);
  const x = q("x", o.xTitle, { scale: { zero: false, domain: domainFrom("spag_range", "x0", "x1"), nice: false } });
  const layer: Json[] = [
    {
      data: { name: "spag_population" }, transform: [{ filter: "isValid(datum.pred_low) && isValid(datum.pred_high)" }],
      mark: { type: "area", color: "#bbbbbb", opacity: 0.25, clip: true },
      encoding: { x, y: q("pred_low", yTitle), y2: { field: "pred_high" } },
    },
    {
      data: { name: "spag_population" }, transform: [{ filter: "isValid(datum.conf_low) && isValid(datum.conf_high)" }],
      mark: { type: "area", color: "#888888", opacity: 0.35, clip: true },
      encoding: { x, y: q("conf_low", yTitle), y2: { field: "conf_high" } },
    },
  ];
  if (o.showPoints && !(linkScale && o.family !== "gaussian")) {
    layer.push({ data: { name: "spag_points" }, mark: { type: "point", filled: true, color: "#555", size: 14, opacity: 0.5, clip: true }, encoding: { x, y: q("y", yTitle) } });
  }
  layer.push(
    {
      data: { name: "spag_lines" },
      // Clipped as the other layers are: a line at the top of the nice domain keeps its stroke inside the plot.
      mark: { type: "line", strokeWidth: 1.25, opacity: 0.4, clip: true },
      encoding: { color: { datum: LINE_LABELS[0], scale: lineScale, title: null }, x, y: q("y", yTitle, { scale: { zero: false } }), detail: n("group"), tooltip: [n("group", "Group")] },
    },
    {
      data: { name: "spag_population" },
      mark: { type: "line", strokeWidth: 3, clip: true },
      encoding: { color: { datum: LINE_LABELS[1], scale: lineScale, title: null }, x, y: q("estimate", yTitle), tooltip: [q("x", o.xTitle, { format: ".2f" }), q("estimate", "Fixed-effect prediction", { format: ".3f" })] },
    },
  );
  layer.push(anchorLayer("spag_range"));
  return topLevel({ width, height, layer }, { spag_lines: lines, spag_population: population, spag_points: points, spag_range: [{ x0, x1 }] },
    o.title ?? SPAGHETTI_TITLE);
}

export const spaghetti: Preset<SpaghettiOptions> = {
  name: "spaghetti",
  title: "Spaghetti Plot",
  inputs: {
    coefs: { required: true, description: "group, model = partial, intercept, slope (link scale)" },
    population: { required: false, description: "x, estimate, conf_low, conf_high, pred_low, pred_high (response scale)" },
    fixef: { required: false, description: "term, estimate: the black line when population is absent" },
    data: { required: false, description: "group, x, y: x range and optional raw points" },
  },
  defaults: spaghettiDefaults,
  build,
  figure: (datasets, options = {}) => {
    const o = { ...spaghettiDefaults, ...options };
    return spaghettiFigure(datasets, { ...o, yTitle: spaghettiYTitle(o) });
  },
};
