// A small config-schema helper: each cell type describes its config with these builders, the file
// validator checks shared files against them, and the UI can read `kind`/bounds to build editors.
// Deliberately tiny (no zod/valibot): configs are shallow, and messages must name the exact path.

/** One problem found in a document: where (e.g. `cells[3].config.min`) and why. */
export interface Issue {
  path: string;
  message: string;
}

export interface Schema<T> {
  readonly kind: "number" | "string" | "boolean" | "enum" | "array" | "object" | "oneOf" | "scalar";
  /** What a valid value looks like, in words: used in messages and docs. */
  readonly expected: string;
  /** Checks `value`; returns the normalised value (defaults filled), or undefined after pushing issues. */
  parse(value: unknown, path: string, issues: Issue[]): T | undefined;
}

/** A schema marked optional inside `object({...})`, with the value used when the key is absent. */
export interface OptionalSchema<T> extends Schema<T> {
  readonly optional: true;
  readonly defaultValue: T | undefined;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;
type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { optional: true } ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
export type ObjectOf<S extends Shape> = { [K in RequiredKeys<S>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Infer<S[K]>;
};

/** `path.key` or `path[index]`, the notation every message uses. */
export function at(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
}

export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value.length > 40 ? "a long string" : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return `a${typeof value === "object" ? "n" : ""} ${typeof value}`;
}

function fail<T>(issues: Issue[], path: string, expected: string, value: unknown): T | undefined {
  issues.push({ path, message: `expected ${expected}, got ${describeValue(value)}` });
  return undefined;
}

export interface NumberOptions {
  min?: number;
  max?: number;
  integer?: boolean;
}

export function number(options: NumberOptions = {}): Schema<number> & NumberOptions {
  const { min, max, integer } = options;
  const expected =
    (integer ? "an integer" : "a number") +
    (min !== undefined && max !== undefined ? ` in [${min}, ${max}]` : min !== undefined ? ` >= ${min}` : max !== undefined ? ` <= ${max}` : "");
  return {
    kind: "number",
    expected,
    ...options,
    parse(value, path, issues) {
      if (typeof value !== "number" || !Number.isFinite(value)) return fail(issues, path, expected, value);
      if (integer && !Number.isInteger(value)) return fail(issues, path, expected, value);
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) return fail(issues, path, expected, value);
      return value;
    },
  };
}

export function string(options: { minLength?: number; maxLength?: number } = {}): Schema<string> {
  const { minLength = 0, maxLength = 10_000 } = options;
  const expected = minLength > 0 ? `a non-empty string of at most ${maxLength} characters` : `a string of at most ${maxLength} characters`;
  return {
    kind: "string",
    expected,
    parse(value, path, issues) {
      if (typeof value !== "string" || value.length < minLength || value.length > maxLength) return fail(issues, path, expected, value);
      return value;
    },
  };
}

export function boolean(): Schema<boolean> {
  return {
    kind: "boolean",
    expected: "true or false",
    parse(value, path, issues) {
      return typeof value === "boolean" ? value : fail(issues, path, "true or false", value);
    },
  };
}

/** One of a fixed list of strings, e.g. the parameter controls. */
export function oneOfValues<const V extends string>(values: readonly V[]): Schema<V> & { values: readonly V[] } {
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`;
  return {
    kind: "enum",
    expected,
    values,
    parse(value, path, issues) {
      return (values as readonly unknown[]).includes(value) ? (value as V) : fail(issues, path, expected, value);
    },
  };
}

/** A number, string or boolean: the values a parameter can hold. */
export function scalar(): Schema<number | string | boolean> {
  const expected = "a number, string or boolean";
  return {
    kind: "scalar",
    expected,
    parse(value, path, issues) {
      if (typeof value === "string" && value.length <= 10_000) return value;
      if (typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) return value;
      return fail(issues, path, expected, value);
    },
  };
}

export function array<T>(item: Schema<T>, options: { minItems?: number; maxItems?: number } = {}): Schema<T[]> & { item: Schema<T> } {
  const { minItems = 0, maxItems = 10_000 } = options;
  const expected = `an array of ${minItems > 0 ? `${minItems} to ` : "at most "}${maxItems} items`;
  return {
    kind: "array",
    expected,
    item,
    parse(value, path, issues) {
      if (!Array.isArray(value) || value.length < minItems || value.length > maxItems) return fail(issues, path, expected, value);
      const before = issues.length;
      const out = value.map((v, i) => item.parse(v, at(path, i), issues));
      return issues.length === before ? (out as T[]) : undefined;
    },
  };
}

export function optional<T>(schema: Schema<T>, defaultValue?: T): OptionalSchema<T> {
  return { ...schema, parse: schema.parse, optional: true, defaultValue };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An object with exactly these keys (unknown keys are refused, which catches typos such as `mxa`). */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> & { shape: S } {
  const expected = `an object with keys ${Object.keys(shape).join(", ") || "(none)"}`;
  return {
    kind: "object",
    expected,
    shape,
    parse(value, path, issues) {
      if (!isPlainObject(value)) return fail(issues, path, "an object", value);
      const before = issues.length;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(shape, key)) issues.push({ path: at(path, key), message: `unknown key "${key}" (expected ${Object.keys(shape).join(", ")})` });
      }
      for (const [key, schema] of Object.entries(shape)) {
        const opt = (schema as Partial<OptionalSchema<unknown>>).optional === true;
        if (!Object.hasOwn(value, key) || value[key] === undefined) {
          if (opt) {
            const d = (schema as OptionalSchema<unknown>).defaultValue;
            if (d !== undefined) out[key] = d;
          } else {
            issues.push({ path: at(path, key), message: `missing (expected ${schema.expected})` });
          }
          continue;
        }
        out[key] = schema.parse(value[key], at(path, key), issues);
      }
      return issues.length === before ? (out as ObjectOf<S>) : undefined;
    },
  };
}

/**
 * One of several object shapes told apart by which key is present: `{builtin: ...} | {csv: ...}`.
 * Each variant is named by its one required key.
 */
export function oneOfKeys<V extends Record<string, Schema<unknown>>>(
  variants: V,
): Schema<{ [K in keyof V]: { [P in K]: Infer<V[K]> } }[keyof V]> & { variants: V } {
  const keys = Object.keys(variants);
  const expected = `an object with exactly one of the keys ${keys.join(", ")}`;
  return {
    kind: "oneOf",
    expected,
    variants,
    parse(value, path, issues) {
      if (!isPlainObject(value)) return fail(issues, path, expected, value);
      const present = Object.keys(value);
      if (present.length !== 1 || !keys.includes(present[0]!)) {
        issues.push({ path, message: `expected ${expected}, got keys ${present.join(", ") || "(none)"}` });
        return undefined;
      }
      const key = present[0]!;
      const inner = variants[key]!.parse(value[key], at(path, key), issues);
      return inner === undefined ? undefined : ({ [key]: inner } as never);
    },
  };
}

/** What `recordOf` does with one entry: keep a (normalised) value, or refuse it with a reason. */
export type EntryCheck<V> = { value: V } | { problem: string };

/**
 * An object used as a map (`{option: cellId}`, `{table: "cell.key"}`, ...): each entry is checked by
 * `entry`, and a refused entry is reported at its own path. `__proto__`-like keys never get through.
 */
export function recordOf<V>(expected: string, entry: (key: string, value: unknown) => EntryCheck<V>): Schema<Record<string, V>> {
  return {
    kind: "object",
    expected,
    parse(value, path, issues) {
      if (!isPlainObject(value)) return fail(issues, path, expected, value);
      const before = issues.length;
      const out: Record<string, V> = {};
      for (const [key, v] of Object.entries(value)) {
        const checked: EntryCheck<V> =
          key === "__proto__" || key === "constructor" || key === "prototype" ? { problem: `"${key}" is not an allowed key` } : entry(key, v);
        if ("problem" in checked) issues.push({ path: at(path, key), message: checked.problem });
        else out[key] = checked.value;
      }
      return issues.length === before ? out : undefined;
    },
  };
}
