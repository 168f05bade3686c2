// Built-in chart presets: one file per chart of docs/charts.md; one line here per preset.
import { PresetRegistry } from "./registry";
import type { Preset } from "./types";
import { dataScatter } from "./data-scatter";
import { slopeEstimates } from "./slope-estimates";
import { poolingWeights } from "./pooling-weights";
import { modelComparison } from "./model-comparison";
import { completePooling } from "./complete-pooling";
import { noPooling } from "./no-pooling";
import { fitLines } from "./fit-lines";
import { shrinkageMap } from "./shrinkage-map";
import { spaghetti } from "./spaghetti";
import { randomEffectsScatter } from "./random-effects-scatter";
import { caterpillar } from "./caterpillar";
import { varianceComponents } from "./variance-components";
import { varianceFunction } from "./variance-function";
import { parameterRecovery } from "./parameter-recovery";
import { coefficientSummary } from "./coefficient-summary";
import { sandbox } from "./sandbox";

export const builtinPresets: readonly Preset<any>[] = [
  dataScatter, slopeEstimates, poolingWeights, modelComparison, completePooling, noPooling, fitLines,
  shrinkageMap, spaghetti, randomEffectsScatter, caterpillar, varianceComponents, varianceFunction,
  parameterRecovery, coefficientSummary, sandbox,
];

/** The registry the plot cell uses; tests may build their own `PresetRegistry`. */
export const chartPresets = new PresetRegistry();
for (const p of builtinPresets) chartPresets.register(p);

export { PresetRegistry } from "./registry";
export { PresetInputError } from "./util";
export type { Preset, PresetInput, CommonOptions } from "./types";
export {
  dataScatter, slopeEstimates, poolingWeights, modelComparison, completePooling, noPooling, fitLines,
  shrinkageMap, spaghetti, randomEffectsScatter, caterpillar, varianceComponents, varianceFunction,
  parameterRecovery, coefficientSummary, sandbox,
};
