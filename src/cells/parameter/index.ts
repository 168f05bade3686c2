// The parameter cell: a control whose value feeds downstream cells; moving it recomputes only them.
import { defineCellType } from "../registry";
import { checkParameter, defaults, parameterSchema, type ParameterConfig } from "./config";
import { setParameterValue } from "./set-value";

export type { ParameterConfig } from "./config";
export { setParameterValue } from "./set-value";

export const parameter = defineCellType<ParameterConfig, number | string | boolean>({
  name: "parameter",
  title: "Parameter",
  description: "A slider, number box, select or toggle whose value other cells read.",
  config: parameterSchema,
  defaults,
  inputs: { min: 0, max: 0 },
  check: checkParameter,
  compute: (config) => config.value,
  summary: (value) => value,
  setValue: setParameterValue,
});
