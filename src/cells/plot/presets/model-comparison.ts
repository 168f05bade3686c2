import type { Preset, CommonOptions } from "./types";
import type { Tables, AnovaRow } from "../tables";
import { label, num, table } from "./util";
import { topLevel, size, q, n, anchorLayer, domainFrom, listFrom } from "./spec";
import { niceDomain } from "./nice-domain";
import { comparisonHeight, CRITERION_COLORS, MODEL_COMPARISON_SUBTITLE, MODEL_COMPARISON_TITLE, modelComparisonFigure } from "./model-comparison-figure";

/** Options of {@link modelComparison}. */
export interface ModelComparisonOptions extends CommonOptions {
  /** Criteria drawn. Defaults to AIC and BIC. */
  criteria: ("AIC" | "BIC")[];
}

export const modelComparisonDefaults: ModelComparisonOptions = { criteria: ["AIC", "BIC"] };

/**
 * **Model Comparison**: a ΔAIC / ΔBIC lollipop chart (0 = best model per criterion), models in the
 * order of the anova table, with a rule at 0 and ±2 guide lines; tooltips show npar, logLik and the LRT.
 *
 * Input `anova` ({@link AnovaRow}): model, npar, AIC, BIC, logLik, deviance, Chisq, Df, p (refitted with ML).
 * Datasets: `mc_rows` (model, order: row of the anova table, criterion, value, delta, best, npar, logLik,
 * Chisq, Df, p); `mc_scales` (one row: x0, x1, the Δ axis rounded out as a nice scale, and models, the
 * models in table order). Scales read `mc_scales`, which most slider moves leave as it is, so Vega
 * keeps its scales and axes and only moves the marks.
 */
function build(tables: Tables, options: Partial<ModelComparisonOptions> = {}) {
  const o = { ...modelComparisonDefaults, ...options };
  const anova = table(tables, "anova", "model-comparison") as readonly Partial<AnovaRow>[];
  const models = anova.map((r) => label(r.model));
  const rows = o.criteria.flatMap((crit) => {
    const vals = anova.map((r) => num(r[crit]));
    const best = Math.min(...vals.filter((v): v is number => v !== undefined));
    return anova.flatMap((r, i) => {
      const v = vals[i];
      return v === undefined ? [] : [{
        model: models[i]!, order: i, criterion: crit, value: v, delta: v - best, best: v === best ? "Best model" : "Other",
        npar: num(r.npar) ?? null, logLik: num(r.logLik) ?? null, Chisq: num(r.Chisq) ?? null, Df: num(r.Df) ?? null, p: num(r.p) ?? null,
      }];
    });
  });
  const { width, height } = size(o, 380, comparisonHeight(models.length));
  const [x0, x1] = niceDomain(0, Math.max(2, ...rows.map((r) => r.delta)));
  const scales = [{ x0, x1, models }];
  const y = n("model", "Model", { scale: { domain: listFrom("mc_scales", "models") } });
  const yOffset = n("criterion", null as unknown as string, { scale: { domain: o.criteria } });
  const color = n("criterion", "Criterion", { scale: { domain: [...CRITERION_COLORS.keys()], range: [...CRITERION_COLORS.values()] } });
  return topLevel({
    width, height,
    layer: [
      { data: { values: [{ v: 0 }, { v: 2 }] }, mark: { type: "rule", color: "#999", strokeDash: [3, 3] }, encoding: { x: q("v", undefined, { scale: { domain: domainFrom("mc_scales", "x0", "x1"), nice: false } }) } },
      { data: { name: "mc_rows" }, transform: [{ calculate: "0", as: "zero" }], mark: { type: "rule", strokeWidth: 2 }, encoding: { y, yOffset, x: q("zero"), x2: { field: "delta" }, color } },
      {
        data: { name: "mc_rows" }, mark: { type: "point", filled: true, size: 80 },
        encoding: {
          y, yOffset, x: q("delta", "Δ from the best model (0 = best)"), color,
          shape: { field: "best", type: "nominal", title: null, scale: { domain: ["Best model", "Other"], range: ["diamond", "circle"] } },
          tooltip: [n("model", "Model"), n("criterion", "Criterion"), q("value", "Value", { format: ".1f" }), q("delta", "Δ", { format: ".1f" }), q("npar", "npar"), q("logLik", "logLik", { format: ".2f" }), q("Chisq", "Chisq", { format: ".2f" }), q("Df", "Df"), q("p", "p (LRT, conservative at a boundary)", { format: ".3g" })],
        },
      },
      anchorLayer("mc_scales"),
    ],
  }, { mc_rows: rows, mc_scales: scales }, { text: o.title ?? MODEL_COMPARISON_TITLE, subtitle: MODEL_COMPARISON_SUBTITLE });
}

export const modelComparison: Preset<ModelComparisonOptions> = {
  name: "model-comparison",
  title: "Model Comparison",
  inputs: { anova: { required: true, description: "model, npar, AIC, BIC, logLik, deviance, Chisq, Df, p" } },
  defaults: modelComparisonDefaults,
  build,
  figure: (datasets, options = {}) => modelComparisonFigure(datasets, { ...modelComparisonDefaults, ...options }),
};
