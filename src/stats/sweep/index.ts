// Pure summaries of simulation studies (sweeps): seeds, Wald intervals and tests, performance
// measures with Monte Carlo standard errors.
export { replicateSeed } from "./seeds";
export { waldInterval, waldTest } from "./wald";
export { summarisePerformance, mean, sampleSD, proportion, wilsonInterval, type Outcome, type Performance, type PerformanceOptions } from "./summarise";
