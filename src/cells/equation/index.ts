// The equation cell: KaTeX with live numbers, `{{cellId.path|digits}}` filled from its inputs.
import { loadOnce } from "../load-once";
import { defineCellType, type CellInput } from "../registry";
import { boolean, object, optional, string, type Infer } from "../schema";
import type { EquationResult } from "./render";

// KaTeX is loaded on first render, not with the registry: import rendering from "./render" directly.
export { lookupPath, formatNumber, substitute } from "./lookup";
export type { EquationResult, EquationOptions } from "./render";

export const equationSchema = object({
  /** TeX with `{{cellId.path|format}}` placeholders, e.g. `\hat\beta_1 = {{fit.fixef.x|2}}`. */
  tex: string({ minLength: 1, maxLength: 4000 }),
  /** Display (block) mode. Defaults to true. */
  display: optional(boolean(), true),
});

export type EquationConfig = Infer<typeof equationSchema>;

/** Input values keyed by cell id: what placeholders look up. */
export function inputsById(inputs: readonly CellInput[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const i of inputs) out[i.id] = i.value;
  return out;
}

// KaTeX (and the markdown renderer) load on first use.
const loadRender = loadOnce(() => import("./render"));

export const equation = defineCellType<EquationConfig, EquationResult>({
  name: "equation",
  title: "Equation",
  description: "A KaTeX equation with live numbers from other cells.",
  config: equationSchema,
  defaults: { tex: "y_{ij} = \\beta_0 + \\beta_1 x_{ij} + \\varepsilon_{ij}", display: true },
  inputs: { min: 0, max: 20 },
  compute: async (config, inputs) => {
    const render = loadRender();
    return (render instanceof Promise ? await render : render).renderEquation(config.tex, inputsById(inputs), { displayMode: config.display ?? true });
  },
  summary: (value) => ({ errors: value.errors, chars: value.html.length }),
});
