export { checkExpression, ExpressionError, MAX_EXPRESSION_LENGTH, type ExpressionContext } from "./expression";
export { runPipeline, PipelineError, MAX_RESULT_ROWS, MAX_RESULT_COLUMNS, type PipelineTables, type RunPipelineOptions } from "./pipeline";
export { sampleTable } from "./sample";
export {
  validateSteps,
  stepVerb,
  nameProblem,
  VERBS,
  MAX_STEPS,
  type PipelineStep,
  type Verb,
  type OrderKey,
  type JoinSpec,
  type SampleSpec,
  type FoldSpec,
  type PivotSpec,
  type SliceSpec,
} from "./steps";
