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
  let count = 0;
  for (const key in a) {
    if (key === skip || a[key] === undefined) continue;
    count++;
    if (!(key in b) || !equalJson(a[key], b[key])) return false;
  }
  for (const key in b) if (key !== skip && b[key] !== undefined) count--;
  return count === 0;
}

/** Deep equality of JSON-like values (plain objects, arrays, primitives); NaN equals NaN. */
export function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isObject(a) || !isObject(b)) return typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b);
  return equalObjects(a, b);
}
