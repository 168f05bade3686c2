// Config of a transform cell: the pipeline steps, checked (shape and every expression) when a file opens.
import { object, type Infer, type Schema } from "../schema";
import { validateSteps, type PipelineStep } from "./steps";

/** The steps array; problems carry paths such as `steps[2].derive.z`. */
function stepsSchema(): Schema<PipelineStep[]> {
  return {
    kind: "array",
    expected: 'an array of steps such as [{"filter": "d => d.x > 0"}]',
    parse(value, path, issues) {
      const found = validateSteps(value, path);
      issues.push(...found);
      return found.length ? undefined : (value as PipelineStep[]);
    },
  };
}

export const transformSchema = object({
  /** Arquero verbs as data; `join.table` names another input of the cell by its cell id. */
  steps: stepsSchema(),
});

export type TransformConfig = Infer<typeof transformSchema>;

export const defaults: TransformConfig = { steps: [] };
