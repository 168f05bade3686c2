import type { Preset, CommonOptions } from "./types";
import type { Tables } from "../tables";
import { fixefLine, fmt, optionalTable, randomCov, table } from "./util";
import { topLevel, size, q, n, anchorLayer, subtitleFrom } from "./spec";
import { MODEL_COLORS, GREY } from "../palette";
import { VARIANCE_TEXT, varianceComponentsFigure } from "./variance-figures";

/** Options of {@link varianceComponents}. */
export interface VarianceComponentsOptions extends CommonOptions {
  /**
   * Family: "gaussian" uses σ²; "binomial" (logit) uses the latent residual π²/3; "poisson" uses
   * ln(1 + 1/λ) with λ = exp(fixed intercept), labelled "approximate". Defaults to "gaussian".
   */
  family: "gaussian" | "binomial" | "poisson";
}

export const varianceComponentsDefaults: VarianceComponentsOptions = { family: "gaussian" };

/**
 * **Variance Components (ICC bar)**: a 100% stacked bar of between-group variance τ0² and residual
 * variance, labelled with the intraclass correlation ICC = τ0² / (τ0² + σ²).
 *
 * Inputs: `varcorr` ({@link VarCorrRow}); `fixef` ({@link FixefRow}, optional: Poisson λ).
 * Datasets: `vc_parts` (component, variance, share, order, label), `vc_note` (one row: icc, subtitle;
 * the subtitle reads it, so a new fit only replaces rows).
 */
function build(tables: Tables, options: Partial<VarianceComponentsOptions> = {}) {
  const o = { ...varianceComponentsDefaults, ...options };
  const cov = randomCov(table(tables, "varcorr", "variance-components"));
  const tau2 = (cov.tau0 ?? 0) ** 2;
  let resid: number, residLabel: string, approx = false;
  if (o.family === "binomial") { resid = Math.PI ** 2 / 3; residLabel = "Residual (latent, π²/3)"; }
  else if (o.family === "poisson") {
    const lambda = Math.exp(fixefLine(optionalTable(tables, "fixef")).intercept ?? 0);
    resid = Math.log(1 + 1 / lambda); residLabel = "Residual (approx., ln(1 + 1/λ))"; approx = true;
  } else { resid = (cov.sigma ?? 0) ** 2; residLabel = "Residual (σ²)"; }
  const total = tau2 + resid;
  const icc = total > 0 ? tau2 / total : undefined;
  const parts = [
    { component: "Between groups (τ0²)", variance: tau2, share: total > 0 ? tau2 / total : 0, order: 0 },
    { component: residLabel, variance: resid, share: total > 0 ? resid / total : 0, order: 1 },
  ].map((p) => ({ ...p, label: `${p.component}: ${fmt(p.variance, 3)} (${Math.round(p.share * 100)}%)` }));
  const { width, height } = size(o, 420, 60);
  const note = [{ icc: icc ?? null, subtitle: `ICC = ${fmt(icc)}${approx ? " (approximate)" : ""}` }];
  return topLevel({
    data: { name: "vc_parts" },
    width, height,
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          x: q("variance", VARIANCE_TEXT.componentsAxis, { stack: "normalize", axis: { format: "%" } }),
          color: n("component", "Component", { scale: { domain: parts.map((p) => p.component), range: [MODEL_COLORS.partial, GREY] } }),
          order: { field: "order" },
          tooltip: [n("component", "Component"), q("variance", "Variance", { format: ".3f" }), q("share", "Share", { format: ".1%" })],
        },
      },
      anchorLayer("vc_note"),
    ],
  }, { vc_parts: parts, vc_note: note }, { text: o.title ?? VARIANCE_TEXT.components, subtitle: subtitleFrom("vc_note") });
}

export const varianceComponents: Preset<VarianceComponentsOptions> = {
  name: "variance-components",
  title: "Variance Components",
  inputs: {
    varcorr: { required: true, description: "grp, var1, var2, vcov, sdcor" },
    fixef: { required: false, description: "term, estimate: Poisson mean for the approximate residual" },
  },
  defaults: varianceComponentsDefaults,
  build,
  figure: (datasets, options = {}) => varianceComponentsFigure(datasets, options),
};
