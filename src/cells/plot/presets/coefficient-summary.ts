import type { Preset, CommonOptions } from "./types";
import type { Tables, TidyRow } from "../tables";
import { label, num, table } from "./util";
import { topLevel, size, q, n, byField } from "./spec";
import { MODEL_COLORS } from "../palette";
import { COEFFICIENT_KINDS, COEFFICIENT_TITLE, coefficientHeight, coefficientSummaryFigure, coefficientXTitle } from "./coefficient-summary-figure";

/** Options of {@link coefficientSummary}. */
export interface CoefficientSummaryOptions extends CommonOptions {
  /** Exponentiate (odds / rate ratios for GLMMs); the reference moves to 1. Defaults to false. */
  exponentiate: boolean;
  /** Include the intercept row. Defaults to true. */
  intercept: boolean;
}

export const coefficientSummaryDefaults: CoefficientSummaryOptions = { exponentiate: false, intercept: true };

/**
 * **Coefficient Summary** dot-whisker: fixed effects with their confidence intervals, a reference
 * line at 0 (1 when exponentiated) and black ticks at the true values.
 *
 * Input `tidy` ({@link TidyRow}): effect, term, estimate, std_error, conf_low, conf_high, truth.
 * Only `effect = "fixed"` rows are drawn; missing conf limits fall back to estimate ± 1.96·std_error.
 * Dataset: `coef_rows` (term, order: row of the tidy table, estimate, conf_low, conf_high, truth).
 */
function build(tables: Tables, options: Partial<CoefficientSummaryOptions> = {}) {
  const o = { ...coefficientSummaryDefaults, ...options };
  const tf = o.exponentiate ? Math.exp : (v: number) => v;
  const rows = (table(tables, "tidy", "coefficient-summary") as readonly Partial<TidyRow>[]).flatMap((r, order) => {
    const est = num(r.estimate), se = num(r.std_error);
    if (r.effect !== "fixed" || est === undefined) return [];
    if (!o.intercept && r.term === "(Intercept)") return [];
    const lo = num(r.conf_low) ?? (se !== undefined ? est - 1.96 * se : undefined);
    const hi = num(r.conf_high) ?? (se !== undefined ? est + 1.96 * se : undefined);
    const t = num(r.truth);
    return [{ term: label(r.term), order, estimate: tf(est), conf_low: lo === undefined ? null : tf(lo), conf_high: hi === undefined ? null : tf(hi), truth: t === undefined ? null : tf(t) }];
  });
  const { width, height } = size(o, 300, coefficientHeight(rows.length));
  const y = n("term", "Term", { sort: byField() });
  const xTitle = coefficientXTitle(o.exponentiate);
  const kinds = { domain: [...COEFFICIENT_KINDS.keys()], range: [...COEFFICIENT_KINDS.values()] };
  return topLevel({
    width, height,
    layer: [
      { data: { values: [{ r: o.exponentiate ? 1 : 0 }] }, mark: { type: "rule", color: "#888", strokeDash: [3, 3] }, encoding: { x: q("r") } },
      { data: { name: "coef_rows" }, transform: [{ filter: "isValid(datum.conf_low)" }], mark: { type: "rule", strokeWidth: 2, color: MODEL_COLORS.partial }, encoding: { y, x: q("conf_low", xTitle, { scale: { zero: false } }), x2: { field: "conf_high" } } },
      { data: { name: "coef_rows" }, mark: { type: "point", filled: true, size: 70 }, encoding: { y, x: q("estimate", xTitle), color: { datum: "Estimate (95% CI)", scale: kinds, title: null }, tooltip: [n("term", "Term"), q("estimate", "Estimate", { format: ".3f" }), q("conf_low", "Lower", { format: ".3f" }), q("conf_high", "Upper", { format: ".3f" })] } },
      { data: { name: "coef_rows" }, transform: [{ filter: "isValid(datum.truth)" }], mark: { type: "tick", thickness: 2 }, encoding: { y, x: q("truth"), color: { datum: "True value", scale: kinds, title: null } } },
    ],
  }, { coef_rows: rows }, o.title ?? COEFFICIENT_TITLE);
}

export const coefficientSummary: Preset<CoefficientSummaryOptions> = {
  name: "coefficient-summary",
  title: "Coefficient Summary",
  inputs: { tidy: { required: true, description: "effect, term, estimate, std_error, conf_low, conf_high, truth" } },
  defaults: coefficientSummaryDefaults,
  build,
  figure: (datasets, options = {}) => coefficientSummaryFigure(datasets, { ...coefficientSummaryDefaults, ...options }),
};
