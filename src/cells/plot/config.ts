// Config of the plot cell: a named preset (with options) or a user Vega-Lite spec, plus table bindings.
import type { Issue, Schema } from "../schema";
import { at, describeValue, object, optional, recordOf, string } from "../schema";
import { bindMap } from "../bind";
import { chartPresets } from "./presets";
import { checkUserSpec } from "./safe-spec";

type JsonObject = Record<string, unknown>;

/** A plain JSON object (the user spec); its safety is checked by `checkUserSpec` in `checkPlot`. */
function jsonObject(expected: string): Schema<JsonObject> {
  return {
    kind: "object",
    expected,
    parse(value, path, issues) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        issues.push({ path, message: `expected ${expected}, got ${describeValue(value)}` });
        return undefined;
      }
      return value as JsonObject;
    },
  };
}

/** A map of string → string (table name → "cellId" or "cellId.key"). */
function stringMap(expected: string): Schema<Record<string, string>> {
  return recordOf<string>(expected, (key, value) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(key)) return { problem: "table names are letters, digits and _" };
    if (typeof value !== "string" || !/^[A-Za-z0-9_-]{1,64}(\.[A-Za-z_][A-Za-z0-9_]{0,39})?$/.test(value)) return { problem: `expected "cellId" or "cellId.table", got ${describeValue(value)}` };
    return { value };
  });
}

const isScalarOption = (v: unknown): boolean =>
  typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && v.length <= 500);

/**
 * What a preset option may be, written in the file or bound from a cell: a scalar or an array of
 * scalars (no nested objects, so nothing such as a Vega signal can ride in; no code).
 */
export function isOptionValue(value: unknown): boolean {
  return isScalarOption(value) || (Array.isArray(value) && value.length <= 100 && value.every(isScalarOption));
}

/** Preset options: see {@link isOptionValue}. */
function optionsMap(): Schema<Record<string, unknown>> {
  return recordOf<unknown>("an object of numbers, strings, booleans or arrays of them", (_key, value) =>
    isOptionValue(value)
      ? { value }
      : { problem: `expected a number, string, boolean or array of them, got ${describeValue(value)}` },
  );
}

export const plotSchema = object({
  /** Name of a chart preset (see docs/charts.md); exclusive with `spec`. */
  preset: optional(string({ minLength: 1, maxLength: 40 })),
  /** A Vega-Lite spec from the file; exclusive with `preset`. Checked by `checkUserSpec`. */
  spec: optional(jsonObject("a Vega-Lite spec object")),
  /** Table name → "cellId" or "cellId.key"; unbound names are matched automatically. */
  tables: optional(stringMap("an object mapping table names to input cell ids")),
  /** Preset options (title, width, height and the preset's own). */
  options: optional(optionsMap()),
  /** Preset options driven by input cells: option name → input cell id (e.g. {"family": "family"}). */
  bind: optional(bindMap("any")),
});

export interface PlotConfig {
  preset?: string;
  spec?: JsonObject;
  tables?: Record<string, string>;
  options?: Record<string, unknown>;
  bind?: Record<string, string>;
}

export const plotDefaults: PlotConfig = { preset: "data" };

/** Cross-field checks: exactly one of preset/spec, a known preset, a safe spec. */
export function checkPlot(config: PlotConfig): Issue[] {
  const issues: Issue[] = [];
  if ((config.preset === undefined) === (config.spec === undefined)) {
    issues.push({ path: "preset", message: "give exactly one of preset or spec" });
  }
  if (config.preset !== undefined && !chartPresets.has(config.preset)) {
    issues.push({ path: "preset", message: `unknown chart preset "${config.preset}" (known: ${chartPresets.names().join(", ")})` });
  }
  if (config.bind && config.spec !== undefined) issues.push({ path: "bind", message: "bind drives preset options; a spec has none" });
  if (config.bind && config.preset !== undefined && chartPresets.has(config.preset)) {
    const known = Object.keys(chartPresets.get(config.preset).defaults).concat(["title", "width", "height"]);
    for (const option of Object.keys(config.bind)) {
      if (!known.includes(option)) issues.push({ path: at("bind", option), message: `the ${config.preset} chart has no option "${option}" (its options: ${known.join(", ")})` });
    }
  }
  if (config.spec !== undefined) {
    const r = checkUserSpec(config.spec);
    if (!r.ok) for (const e of r.errors) issues.push({ path: at("spec", e.path).replace(/\.$/, ""), message: e.message });
  }
  return issues;
}
