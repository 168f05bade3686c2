export { fitGlmm } from "./fit";
export { formatGlmmSummary } from "./summary";
export { GlmmError } from "./error";
export { ghRule, type GHRule } from "./gauss-hermite";
export type { GlmmFit, GlmmOptions, GlmmFixefRow } from "./types";
