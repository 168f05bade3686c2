// Binding a cell's options to other cells: `bind: {option: "cellId"}` makes that input's value the
// option's value, so a slider or select drives a generator knob or a model's family.
import { describeValue, recordOf, type Schema } from "./schema";
import type { CellInput } from "./registry";

/** Schema of a bind map whose keys must be among `options` ("any": any option name, checked later). */
export function bindMap(options: readonly string[] | "any"): Schema<Record<string, string>> {
  const expected = `an object mapping option names to input cell ids, e.g. {"${options === "any" ? "option" : (options[0] ?? "option")}": "slider1"}`;
  return recordOf<string>(expected, (key, value) => {
    if (options === "any" ? !/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(key) : !options.includes(key)) {
      return { problem: options === "any" ? `"${key}" is not an option name` : `unknown option "${key}" (expected one of ${options.join(", ")})` };
    }
    if (typeof value !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(value)) return { problem: `expected a cell id, got ${describeValue(value)}` };
    return { value };
  });
}

/**
 * Option values taken from inputs: explicit `bind` entries first, then (unless `options` is
 * "explicit") any input whose cell id is an option name (a slider called "confounding" drives
 * confounding). Returns the bound options only.
 */
export function boundOptions(bind: Readonly<Record<string, string>> | undefined, options: readonly string[] | "explicit", inputs: readonly CellInput[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const used = new Set<string>();
  for (const [option, id] of Object.entries(bind ?? {})) {
    const input = inputs.find((i) => i.id === id);
    if (!input) throw new Error(`bind.${option}: "${id}" is not an input of this cell`);
    out[option] = input.value;
    used.add(id);
  }
  if (options === "explicit") return out;
  for (const input of inputs) {
    if (!used.has(input.id) && options.includes(input.id) && !(input.id in out)) out[input.id] = input.value;
  }
  return out;
}
