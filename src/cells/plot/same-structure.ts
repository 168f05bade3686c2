/**
 * Whether two chart specs differ only in their rows (top-level `datasets`): then the live view is
 * updated in place instead of rebuilt. A structural walk with an early exit, run on every slider move:
 * serialising both specs to compare them cost more than the rest of the plot cell's work.
 */
export function sameStructure(a: unknown, b: unknown): boolean {
  if (!isObject(a) || !isObject(b)) return a === b;
  return equalObjects(a, b, "datasets");
}

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === "object";
}

function equalObjects(a: JsonObject, b: JsonObject, skip?: string): boolean {
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalJson(a[i], bb[i])) return false;
    return true;
  }
  // Object.keys, not for...in: a for...in body's keyed reads are optimised for one object shape, and
  // V8 discarded that code again and again as the walk went from one spec node's shape to the next.
  const aKeys = Object.keys(a);
  let count = 0;
  for (let i = 0; i < aKeys.length; i++) {
    const key = aKeys[i]!;
    const value = a[key];
    if (key === skip || value === undefined) continue;
    count++;
    if (!Object.hasOwn(b, key) || !equalJson(value, b[key])) return false;
  }
  const bKeys = Object.keys(b);
  for (let i = 0; i < bKeys.length; i++) if (bKeys[i] !== skip && b[bKeys[i]!] !== undefined) count--;
  return count === 0;
}

/** Deep equality of JSON-like values (plain objects, arrays, primitives); NaN equals NaN. */
export function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isObject(a) || !isObject(b)) return typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b);
  return equalObjects(a, b);
}
