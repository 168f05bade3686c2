// The R call that fits the same model, for users to copy into R and check.
import type { ModelMethod } from "./config";

export function rCall(method: ModelMethod, formula: string, options: { family: string; REML: boolean; nAGQ: number; group?: string; data?: string }): string {
  const data = options.data ?? "data";
  const fixedPart = formula.replace(/\+?\s*\([^()]*\|[^()]*\)/g, "").replace(/~\s*$/, "~ 1").trim();
  const glmFamily = options.family === "binomial" ? "binomial" : "poisson";
  switch (method) {
    case "lmer":
    case "compare":
    case "glmer":
    case "anova":
      if (!/\|/.test(formula)) return options.family === "gaussian" ? `lm(${formula}, data = ${data})` : `glm(${formula}, data = ${data}, family = ${glmFamily})`;
      if (options.family === "gaussian") return `lmer(${formula}, data = ${data}${options.REML ? "" : ", REML = FALSE"})`;
      return `glmer(${formula}, data = ${data}, family = ${glmFamily}${options.nAGQ !== 1 ? `, nAGQ = ${options.nAGQ}` : ""})`;
    case "lm":
      return `lm(${fixedPart}, data = ${data})`;
    case "glm":
      return `glm(${fixedPart}, data = ${data}, family = ${glmFamily})`;
    case "no-pooling":
      return `lme4::lmList(${fixedPart} | ${options.group ?? "group"}, data = ${data})`;
  }
}
