export { fitLmm, fitLmmEstimates, lmmObjective, SINGULAR_TOL, BOUNDARY_TOL } from "./fit";
export { predictLmm } from "./predict";
export type { PredictData, PredictOptions } from "./predict";
export { formatLmmSummary } from "./summary";
export { orderTerms } from "./terms";
export type {
  LmmFit, LmmEstimates, LmmOptions, LmmConvergence, FixefRow, VarCorrRow, RanefGroup, CoefGroup, ReTermSummary,
} from "./types";
