// The public surface of the stats layer: one line per module.
export { parseFormula, type FormulaAst } from "./formula/parse";
export { formulaTerms, type FormulaTerms, type Term } from "./formula/terms";
export type { RandomSpec } from "./formula/random";
export { FormulaError } from "./formula/error";
export { deparse, type Expr } from "./formula/ast";
export { modelFrame, type FrameOptions } from "./frame/model-frame";
export { FrameError } from "./frame/frame-error";
export type { DataColumn, DataColumns, FamilyName, ModelMatrices, RandomTerm } from "./frame/model-matrices";
export { fitLm, type LmInput } from "./lm/lm";
export { formatLmSummary } from "./lm/summary";
export type { FixedEffect, GroupCoefficients, LmFit } from "./lm/types";
export { completePooling } from "./pooling/complete";
export { noPoolingSeparate } from "./pooling/separate";
export { noPoolingFixedFactor } from "./pooling/fixed-factor";
export type { PoolingFit, PoolingOptions } from "./pooling/types";
export * from "./lmm";
export { fitModel, referenceLayout, type FitOptions, type FitResult } from "./fit";
