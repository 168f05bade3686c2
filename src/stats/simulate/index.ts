export { createRng, uniformInt, type Rng } from "./rng";
export { normal, bivariateNormal, gamma, beta, binomial, poisson, invLogit } from "./distributions";
export { groupSizes, MAX_SIZE_RATIO } from "./sizes";
export {
  simulateGroupedData,
  validateSimulateOptions,
  simulateDefaults,
  MAX_GROUPS,
  MAX_ROWS,
  MAX_POISSON_RATE,
  type SimulateOptions,
  type SimulatedData,
  type SimulatedColumns,
  type SimulationTruth,
  type SimulationFamily,
} from "./grouped";
