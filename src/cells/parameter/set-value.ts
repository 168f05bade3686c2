// Setting a parameter from outside: a slider move (typed value) or `--set id=TEXT` (a string to parse).
import { refuseValue, type ParameterConfig } from "./config";

/** Reads CLI text as the control's kind of value; typed values pass through unchanged. */
function coerce(config: ParameterConfig, value: unknown): unknown {
  if (typeof value !== "string") return value;
  switch (config.control) {
    case "slider":
    case "number": {
      const text = value.trim();
      const n = text === "" ? NaN : Number(text);
      return Number.isFinite(n) ? n : value;
    }
    case "toggle":
      return value === "true" ? true : value === "false" ? false : value;
    case "select": {
      // Options may be numbers; "2" selects the option 2.
      const match = config.options?.find((o) => String(o) === value);
      return match ?? value;
    }
  }
}

/** The config with `value` set; throws an Error saying why a value is refused (never clamps silently). */
export function setParameterValue(config: ParameterConfig, value: unknown): ParameterConfig {
  const v = coerce(config, value);
  const why = refuseValue(config, v);
  if (why) throw new Error(why);
  return { ...config, value: v as ParameterConfig["value"] };
}
