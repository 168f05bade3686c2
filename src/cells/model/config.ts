// Config of a model cell: which fit (or comparison of fits), the lme4 formula, and fitting options,
// any of which a parameter cell can drive through `bind`.
import { bindMap } from "../bind";
import { array, boolean, number, object, oneOfValues, optional, string, type Infer, type Issue } from "../schema";

export const methods = ["compare", "lmer", "glmer", "lm", "glm", "no-pooling", "anova"] as const;
export type ModelMethod = (typeof methods)[number];

export const families = ["gaussian", "binomial", "poisson"] as const;

/** Options a parameter cell may drive. */
export const bindableModelOptions = ["family", "REML", "nAGQ", "formula", "level"] as const;

const formulaText = () => string({ minLength: 3, maxLength: 2000 });

export const modelSchema = object({
  /**
   * compare: complete pooling, no pooling and the mixed model side by side (the teaching default);
   * lmer / glmer: the mixed model; lm / glm: the fixed part only; no-pooling: one fit per group;
   * anova: the models in `formulas`, refitted by ML and compared by likelihood-ratio tests.
   */
  method: optional(oneOfValues(methods), "compare"),
  /** lme4 formula, e.g. "y ~ x + (x | group)". */
  formula: formulaText(),
  /** gaussian (lmer), binomial (logit) or poisson (log). */
  family: optional(oneOfValues(families), "gaussian"),
  /** REML (lmer's default) or ML; anova always refits by ML. */
  REML: optional(boolean(), true),
  /** Gauss-Hermite points for glmer: 1 = Laplace, 0 = fast PIRLS-only fit. */
  nAGQ: optional(number({ integer: true, min: 0, max: 25 }), 1),
  /** Columns to treat as factors even if numeric. */
  factors: optional(array(string({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
  /** The predictor whose coefficient is "the slope" in coefficient tables and charts; defaults to the first non-intercept term. */
  x: optional(string({ minLength: 1, maxLength: 100 })),
  /** Extra formulas for `anova` (the first is `formula`). */
  formulas: optional(array(formulaText(), { maxItems: 8 })),
  /** Model labels for `anova`, one per formula. */
  labels: optional(array(string({ minLength: 1, maxLength: 60 }), { maxItems: 9 })),
  /** Confidence level of Wald intervals. */
  level: optional(number({ min: 0.5, max: 0.999 }), 0.95),
  bind: optional(bindMap(bindableModelOptions)),
});

export type ModelConfig = Infer<typeof modelSchema>;

export const modelDefaults: ModelConfig = { method: "compare", formula: "y ~ x + (x | group)", family: "gaussian", REML: true, nAGQ: 1, level: 0.95 };

export function checkModel(config: ModelConfig): Issue[] {
  const issues: Issue[] = [];
  if (config.method === "lmer" && config.family !== "gaussian" && !config.bind?.family) {
    issues.push({ path: "family", message: `lmer fits gaussian models; use method "glmer" for ${config.family}` });
  }
  if (config.labels && config.labels.length !== 1 + (config.formulas?.length ?? 0)) {
    issues.push({ path: "labels", message: `give one label per formula (${1 + (config.formulas?.length ?? 0)})` });
  }
  return issues;
}
