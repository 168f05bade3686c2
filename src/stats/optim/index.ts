export { bobyqa, defaultInitialStep } from "./bobyqa";
export type { BobyqaOptions, OptSummary, ReturnReason, FitLogRow } from "./summary";
