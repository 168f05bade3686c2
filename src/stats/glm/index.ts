export { fitGlm, type GlmInput } from "./glm";
export { glmCompletePooling, glmSeparate, type GlmPoolingOptions } from "./pooling";
export type { GlmFit, GlmFixefRow, GlmOptions, GlmPoolingFit, GlmGroupCoef } from "./types";
