// Structural mutations of parsed JSON documents for the loader fuzzers.
import fc from "fast-check";

export type JsonPath = (string | number)[];

/** Every path to an object/array/value inside `value` (root first), breadth-limited. */
export function paths(value: unknown, limit = 5000): JsonPath[] {
  const out: JsonPath[] = [];
  const stack: { v: unknown; p: JsonPath }[] = [{ v: value, p: [] }];
  while (stack.length && out.length < limit) {
    const { v, p } = stack.pop()!;
    out.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, p: [...p, i] }));
    else if (v && typeof v === "object") for (const k of Object.keys(v)) stack.push({ v: (v as Record<string, unknown>)[k], p: [...p, k] });
  }
  return out;
}

function getAt(root: unknown, path: JsonPath): unknown {
  let v = root;
  for (const k of path) v = (v as Record<string | number, unknown>)?.[k];
  return v;
}

/** Sets an own property even for "__proto__" (as JSON.parse would create it). */
export function defineOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export type Mutation =
  | { op: "replace"; pick: number; value: unknown }
  | { op: "delete"; pick: number }
  | { op: "insert"; pick: number; key: string; value: unknown }
  | { op: "duplicate"; pick: number }
  | { op: "retype"; pick: number }
  | { op: "swap-ids"; a: number; b: number };

/** Keys a hostile or careless file might contain. */
export const KEY_POOL = [
  "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "script", "x", "id", "type",
  "config", "inputs", "name", "cells", "sheets", "layout", "value", "min", "max", "steps", "spec", "tex", "markdown",
  "formula", "source", "csv", "builtin", "url", "href", "", " ", "ünï", "0", "length",
];

const scalarish = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1, 1e308, -1e308, 0.5, 2 ** 53, -0, "", " ", "NaN", "Infinity", "__proto__", "constructor",
    "<script>window.__pwned=1</script>", "d => d.x", "y ~ x + (1 | g)", "sleepstudy", "parameter", "table", "plot", "n", "sleep"),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 30 }),
);

export const jsonish = fc.oneof(
  { weight: 3, arbitrary: scalarish },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(scalarish, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...KEY_POOL), scalarish, { maxKeys: 4 }) },
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("replace" as const), pick: fc.nat(), value: jsonish }),
  fc.record({ op: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("insert" as const), pick: fc.nat(), key: fc.constantFrom(...KEY_POOL), value: jsonish }),
  fc.record({ op: fc.constant("duplicate" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("retype" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("swap-ids" as const), a: fc.nat(), b: fc.nat() }),
);

function retype(v: unknown): unknown {
  if (typeof v === "string") return Number.isNaN(Number(v)) ? v.length : Number(v);
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]));
  if (v && typeof v === "object") return Object.values(v);
  return v === null ? {} : null;
}

/** Applies mutations to a deep copy of `doc` and returns the copy. */
export function applyMutations(doc: unknown, mutations: readonly Mutation[]): unknown {
  let root: unknown = structuredClone(doc);
  for (const m of mutations) {
    const all = paths(root);
    if (m.op === "swap-ids") {
      const cells = (root as { cells?: unknown })?.cells;
      if (Array.isArray(cells) && cells.length > 1) {
        const a = cells[m.a % cells.length] as Record<string, unknown> | null;
        const b = cells[m.b % cells.length] as Record<string, unknown> | null;
        if (a && b && typeof a === "object" && typeof b === "object") [a.id, b.id] = [b.id, a.id];
      }
      continue;
    }
    const path = all[m.pick % all.length]!;
    if (path.length === 0) {
      if (m.op === "replace") root = m.value;
      else if (m.op === "retype") root = retype(root);
      continue;
    }
    const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown> | unknown[];
    const key = path[path.length - 1]!;
    const target = (parent as Record<string | number, unknown>)[key];
    switch (m.op) {
      case "replace":
        (parent as Record<string | number, unknown>)[key] = structuredClone(m.value);
        break;
      case "retype":
        (parent as Record<string | number, unknown>)[key] = retype(target);
        break;
      case "delete":
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete (parent as Record<string, unknown>)[key as string];
        break;
      case "duplicate":
        if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(target));
        else defineOwn(parent as Record<string, unknown>, `${String(key)}2`, structuredClone(target));
        break;
      case "insert":
        if (target && typeof target === "object" && !Array.isArray(target)) defineOwn(target as Record<string, unknown>, m.key, structuredClone(m.value));
        else if (Array.isArray(target)) target.push(structuredClone(m.value));
        else if (!Array.isArray(parent)) defineOwn(parent as Record<string, unknown>, m.key, structuredClone(m.value));
        break;
    }
  }
  return root;
}

/** Text-level damage: truncation, byte flips, insertions. */
export type TextMutation = { op: "truncate"; at: number } | { op: "insert"; at: number; text: string } | { op: "delete"; at: number; len: number } | { op: "flip"; at: number; char: string };

export const textMutationArb: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("{", "}", "[", "]", ",", '"', "\\", ":", "\uFEFF", "\u0000", "\uD800", '"__proto__":{},', "1e999", "-0")) }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), char: fc.string({ minLength: 1, maxLength: 1 }) }),
);

export function applyTextMutations(text: string, mutations: readonly TextMutation[]): string {
  let t = text;
  for (const m of mutations) {
    const at = t.length ? m.at % (t.length + 1) : 0;
    if (m.op === "truncate") t = t.slice(0, at);
    else if (m.op === "insert") t = t.slice(0, at) + m.text + t.slice(at);
    else if (m.op === "delete") t = t.slice(0, at) + t.slice(at + m.len);
    else t = t.slice(0, at) + m.char + t.slice(at + 1);
  }
  return t;
}
