// Config of a parameter cell: one control (slider, number box, select or toggle) holding one value.
import { array, number, object, oneOfValues, optional, scalar, string, type Infer, type Issue } from "../schema";

export const controls = ["slider", "number", "select", "toggle"] as const;
export type Control = (typeof controls)[number];

export const parameterSchema = object({
  control: oneOfValues(controls),
  label: optional(string({ maxLength: 200 })),
  min: optional(number()),
  max: optional(number()),
  step: optional(number({ min: 0 })),
  /** The current value; the file keeps the last position of the slider. */
  value: scalar(),
  /** The value "reset" returns to; defaults to the value in the file. */
  default: optional(scalar()),
  options: optional(array(scalar(), { minItems: 1, maxItems: 1000 })),
});

export type ParameterConfig = Infer<typeof parameterSchema>;

export const defaults: ParameterConfig = { control: "slider", label: "n", min: 0, max: 10, step: 1, value: 5 };

/** The one check for a candidate value under a config; returns why it is refused, or null. */
export function refuseValue(config: ParameterConfig, value: unknown): string | null {
  switch (config.control) {
    case "slider":
    case "number": {
      if (typeof value !== "number" || !Number.isFinite(value)) return `a ${config.control} needs a number, got ${JSON.stringify(value)}`;
      const { min, max } = config;
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        return `${value} is outside the range [${min ?? "-inf"}, ${max ?? "inf"}]`;
      }
      return null;
    }
    case "select":
      if (!config.options?.includes(value as never)) {
        return `${JSON.stringify(value)} is not one of the options ${(config.options ?? []).map((o) => JSON.stringify(o)).join(", ")}`;
      }
      return null;
    case "toggle":
      return typeof value === "boolean" ? null : `a toggle needs true or false, got ${JSON.stringify(value)}`;
    default:
      return assertNever(config.control);
  }
}

function assertNever(x: never): never {
  throw new Error(`unhandled control ${String(x)}`);
}

/** Checks across fields that the schema cannot express; paths are relative to config. */
export function checkParameter(config: ParameterConfig): Issue[] {
  const issues: Issue[] = [];
  if (config.control === "slider") {
    if (config.min === undefined) issues.push({ path: "min", message: "a slider needs min" });
    if (config.max === undefined) issues.push({ path: "max", message: "a slider needs max" });
  }
  if (config.min !== undefined && config.max !== undefined && !(config.min < config.max)) {
    issues.push({ path: "max", message: `max (${config.max}) must be greater than min (${config.min})` });
  }
  if (config.control === "select" && config.options === undefined) issues.push({ path: "options", message: "a select needs options" });
  if (issues.length) return issues;
  const why = refuseValue(config, config.value);
  if (why) issues.push({ path: "value", message: why });
  if (config.default !== undefined) {
    const whyDefault = refuseValue(config, config.default);
    if (whyDefault) issues.push({ path: "default", message: whyDefault });
  }
  return issues;
}
