/**
 * Dotted-path lookup and number formatting for live values in equations and text:
 * `{{fit.fixef.x|2}}` reads `inputs.fit.fixef.x` and formats it with 2 decimals.
 */

/** Path segments that would walk into prototypes; always refused. */
const FORBIDDEN_SEGMENTS = new Set(["__proto__", "constructor", "prototype", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__"]);

/** Maximum number of path segments and of characters in one path. */
export const MAX_PATH_SEGMENTS = 12;
export const MAX_PATH_CHARS = 200;

export type Lookup = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Looks up a dotted path (`a.b.0.c`) in `inputs`, following *own* properties only (arrays by index,
 * Maps by key). `__proto__`, `constructor` and `prototype` segments are refused.
 */
export function lookupPath(inputs: unknown, path: string): Lookup {
  if (path.length > MAX_PATH_CHARS) return { ok: false, message: `path longer than ${MAX_PATH_CHARS} characters` };
  const segments = path.split(".").map((s) => s.trim());
  if (segments.length > MAX_PATH_SEGMENTS) return { ok: false, message: `path "${path}" has more than ${MAX_PATH_SEGMENTS} parts` };
  let cur: unknown = inputs;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const where = segments.slice(0, i + 1).join(".");
    if (seg === "") return { ok: false, message: `path "${path}" has an empty part` };
    if (FORBIDDEN_SEGMENTS.has(seg)) return { ok: false, message: `path "${path}" uses "${seg}", which is not allowed` };
    if (cur instanceof Map) {
      if (!cur.has(seg)) return { ok: false, message: `"${where}" is not defined` };
      cur = cur.get(seg);
      continue;
    }
    if (cur === null || (typeof cur !== "object" && typeof cur !== "function")) {
      return { ok: false, message: `"${segments.slice(0, i).join(".")}" is ${cur === null ? "null" : typeof cur}, so "${where}" is not defined` };
    }
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return { ok: false, message: `"${where}" is not defined` };
    const desc = Object.getOwnPropertyDescriptor(cur, seg);
    // Data properties only: a getter would run code.
    if (!desc || !("value" in desc)) return { ok: false, message: `"${where}" is not a plain value` };
    cur = desc.value;
  }
  return { ok: true, value: cur };
}

/**
 * A format spec after the `|`: `2` → 2 decimals; `s3` → 3 significant digits; `e2` → exponential;
 * `p1` → percent with 1 decimal; empty → up to 4 significant digits. Returns undefined when invalid.
 */
export function formatNumber(value: number, spec: string): { text: string; percent: boolean } | undefined {
  const m = /^(?:([spe]?)(\d{1,2}))?$/.exec(spec.trim());
  if (!m) return undefined;
  const kind = m[1] ?? "", digits = m[2] === undefined ? undefined : Number(m[2]);
  if (digits !== undefined && digits > 12) return undefined;
  if (!Number.isFinite(value)) return { text: Number.isNaN(value) ? "NaN" : value > 0 ? "∞" : "-∞", percent: false };
  if (digits === undefined) return { text: String(Number(value.toPrecision(4))), percent: false };
  switch (kind) {
    case "s": return { text: String(Number(value.toPrecision(Math.max(1, digits)))), percent: false };
    case "e": return { text: value.toExponential(digits), percent: false };
    case "p": return { text: (value * 100).toFixed(digits), percent: true };
    default: return { text: Math.abs(value) >= 1e21 ? value.toExponential(digits) : value.toFixed(digits), percent: false };
  }
}

/** `{{ path | format }}` placeholders. */
export const PLACEHOLDER = /\{\{\s*([^{}|]+?)\s*(?:\|\s*([^{}]*?)\s*)?\}\}/g;

/** Maximum placeholders per template. */
export const MAX_PLACEHOLDERS = 200;

/**
 * Replaces every placeholder with `render(value, format)`; lookup and format problems are collected in
 * `errors` and the placeholder becomes `missing`.
 */
export function substitute(
  template: string, inputs: unknown, render: (value: unknown, format: string, path: string) => string | { error: string }, missing: string, errors: string[],
): string {
  let count = 0;
  return template.replace(PLACEHOLDER, (_all, rawPath: string, rawFormat: string | undefined) => {
    if (++count > MAX_PLACEHOLDERS) {
      if (count === MAX_PLACEHOLDERS + 1) errors.push(`more than ${MAX_PLACEHOLDERS} {{…}} placeholders; the rest are not filled in`);
      return missing;
    }
    const path = rawPath.trim();
    const found = lookupPath(inputs, path);
    if (!found.ok) { errors.push(`{{${path}}}: ${found.message}`); return missing; }
    const out = render(found.value, (rawFormat ?? "").trim(), path);
    if (typeof out === "object") { errors.push(`{{${path}}}: ${out.error}`); return missing; }
    return out;
  });
}
