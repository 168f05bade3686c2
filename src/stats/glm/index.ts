export { fitGlm, type GlmInput } from "./glm";
export { glmCompletePooling, glmFixedFactor, glmSeparate, type GlmPoolingOptions } from "./pooling";
export type { GlmFit, GlmFixefRow, GlmOptions, GlmPoolingFit, GlmGroupCoef } from "./types";
