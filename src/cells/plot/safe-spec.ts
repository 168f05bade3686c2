/**
 * Checks a user-supplied Vega-Lite spec from a shared workbench file before it reaches Vega.
 *
 * Shared files are data: a spec may not fetch (`url` anywhere: data, images, lookups), link out
 * (`href` channels and mark properties), carry opaque payloads (`usermeta`), bind widgets to foreign
 * DOM elements (`bind.element`), or use expressions that reach for globals, constructors or
 * prototypes (the known Vega XSS patterns: vega/vega#3018, #3984, GHSA-7f2v-3qq3-vvjf). The first three
 * are *removed* with a warning; dangerous expressions and oversized specs are *refused*.
 *
 * This is defence in depth: rendering still goes through the AST interpreter and the refusing loader.
 */

/** One finding; `path` is JSON-path-like (`layer[0].encoding.href`). */
export interface SpecIssue {
  path: string;
  message: string;
}

/** Limits on a user spec. */
export interface SpecLimits {
  /** Maximum serialised size in characters. Defaults to 2,000,000. */
  maxChars: number;
  /** Maximum nesting depth of objects and arrays. Defaults to 48. */
  maxDepth: number;
  /** Maximum number of objects, arrays and scalars. Defaults to 400,000. */
  maxNodes: number;
  /** Maximum length of one expression string. Defaults to 2,000. */
  maxExprChars: number;
}

export const defaultSpecLimits: SpecLimits = { maxChars: 2_000_000, maxDepth: 48, maxNodes: 400_000, maxExprChars: 2_000 };

/** Most rows a generator (`data.sequence`, `sequence()` in an expression) may make: a short spec must not draw a billion points. */
export const MAX_GENERATED_ROWS = 100_000;

/** Rows a `{start, stop, step}` sequence makes. */
function sequenceLength(seq: Record<string, unknown>): number {
  const start = Number(seq.start ?? 0);
  const stop = Number(seq.stop);
  const step = Number(seq.step ?? 1);
  if (![start, stop, step].every(Number.isFinite) || step === 0) return Infinity;
  return Math.max(0, Math.ceil((stop - start) / step));
}

/** `sequence(a, b, step)` calls whose literal arguments make too many values, or whose arguments are not literals. */
function sequenceProblem(expr: string): string | undefined {
  const calls = expr.matchAll(/sequence\s*\(([^()]*)\)/g);
  for (const call of calls) {
    const args = call[1]!.split(",").map((a) => a.trim());
    if (!args.every((a) => /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(a))) return "sequence() in a shared chart takes number literals only";
    const [a, b, c] = args.map(Number);
    const length = args.length === 1 ? sequenceLength({ start: 0, stop: a }) : sequenceLength({ start: a, stop: b, step: c ?? 1 });
    if (length > MAX_GENERATED_ROWS) return `sequence() would make ${length === Infinity ? "endless" : length.toLocaleString("en")} values; the limit is ${MAX_GENERATED_ROWS.toLocaleString("en")}`;
  }
  return undefined;
}

/** Paint values (fill, stroke, background, …) may not point at outside resources: `url(...)` is dropped. */
const URL_VALUE = /url\s*\(/i;

/** Result of {@link checkUserSpec}: the cleaned spec, or the reasons it was refused. */
export type SpecCheck =
  | { ok: true; spec: Record<string, unknown>; removed: SpecIssue[] }
  | { ok: false; errors: SpecIssue[]; removed: SpecIssue[] };

/** Keys removed wherever they appear (outside inline data). */
const STRIP_KEYS: Readonly<Record<string, string>> = {
  url: "URLs are not loaded: workbench charts draw only inline data",
  href: "links (href) are not allowed in shared charts",
  usermeta: "usermeta is not allowed in shared files",
};

/** Keys whose string values are Vega expressions. */
const EXPR_KEYS = new Set(["expr", "calculate", "filter", "test", "update", "signal"]);

/** Identifiers and property names an expression may never mention. */
const FORBIDDEN = [
  "constructor", "__proto__", "prototype", "__defineGetter__", "__defineSetter__", "__lookupGetter__",
  "window", "document", "globalThis", "global", "self", "top", "parent", "frames", "opener", "event", "view",
  "eval", "Function", "setTimeout", "setInterval", "setImmediate", "requestAnimationFrame", "queueMicrotask",
  "fetch", "XMLHttpRequest", "WebSocket", "Worker", "importScripts", "import", "require", "process", "module",
  "cookie", "localStorage", "sessionStorage", "indexedDB", "location", "navigator", "alert", "postMessage",
  "innerHTML", "outerHTML", "srcdoc", "Reflect", "Proxy", "Symbol", "vega", "VEGA_DEBUG",
];
const FORBIDDEN_RE = new RegExp(`(^|[^A-Za-z0-9_$])(${FORBIDDEN.join("|")})(?![A-Za-z0-9_$])`);

/**
 * Why an expression string is refused, or undefined when it looks harmless. Besides the word list,
 * computed member access must use a plain string or number literal (`datum["a b"]`), so names cannot be
 * assembled at run time (`datum["constr" + "uctor"]`).
 */
export function expressionProblem(expr: string, maxChars = defaultSpecLimits.maxExprChars): string | undefined {
  if (expr.length > maxChars) return `expression longer than ${maxChars} characters`;
  // Normalise escapes that could hide a name inside a string literal ("\x63onstructor", "\u0063...").
  if (/\\[xu0-7]/.test(expr)) return "escape sequences (\\x, \\u, octal) are not allowed in expressions";
  const m = FORBIDDEN_RE.exec(expr);
  if (m) return `expression mentions "${m[2]}", which shared charts may not use`;
  const sequence = sequenceProblem(expr);
  if (sequence) return sequence;
  for (let i = 0; i < expr.length; i++) {
    if (expr[i] !== "[") continue;
    // Member access when the previous non-space char ends an operand.
    let j = i - 1;
    while (j >= 0 && /\s/.test(expr[j]!)) j--;
    if (j < 0 || !/[A-Za-z0-9_$\])]/.test(expr[j]!)) continue;
    const close = expr.indexOf("]", i);
    const inner = close < 0 ? expr.slice(i + 1) : expr.slice(i + 1, close).trim();
    if (!/^("[^"\\]*"|'[^'\\]*'|\d+)$/.test(inner)) {
      return "computed member access must use a plain string or number literal, e.g. datum[\"my field\"]";
    }
  }
  return undefined;
}

const at = (path: string, key: string | number) => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * Checks and cleans a user-supplied Vega-Lite spec (already parsed from JSON). Returns a deep copy with
 * `url`, `href`, `usermeta` and `bind.element` removed, or `ok: false` with every refusal reason.
 * Inline data (`data.values`, `datasets`) is copied as data and never inspected for expressions.
 */
export function checkUserSpec(input: unknown, limits: Partial<SpecLimits> = {}): SpecCheck {
  const lim = { ...defaultSpecLimits, ...limits };
  const errors: SpecIssue[] = [];
  const removed: SpecIssue[] = [];
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return { ok: false, errors: [{ path: "", message: "a Vega-Lite spec must be a JSON object" }], removed };
  }
  let size: number;
  try {
    size = JSON.stringify(input).length;
  } catch {
    return { ok: false, errors: [{ path: "", message: "the spec is not plain JSON (cycle or unsupported value)" }], removed };
  }
  if (size > lim.maxChars) {
    return { ok: false, errors: [{ path: "", message: `the spec is ${size} characters; the limit is ${lim.maxChars}` }], removed };
  }
  let nodes = 0;

  const copyData = (v: unknown, path: string, depth: number): unknown => {
    if (++nodes > lim.maxNodes) throw new Error("node limit");
    if (depth > lim.maxDepth) { errors.push({ path, message: `nested deeper than ${lim.maxDepth} levels` }); return null; }
    if (Array.isArray(v)) return v.map((x, i) => copyData(x, at(path, i), depth + 1));
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (k === "__proto__") { removed.push({ path: at(path, k), message: "__proto__ keys are dropped" }); continue; }
        out[k] = copyData(x, at(path, k), depth + 1);
      }
      return out;
    }
    return v;
  };

  const walk = (v: unknown, path: string, depth: number, parentKey: string): unknown => {
    if (++nodes > lim.maxNodes) throw new Error("node limit");
    if (depth > lim.maxDepth) { errors.push({ path, message: `nested deeper than ${lim.maxDepth} levels` }); return null; }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, at(path, i), depth + 1, parentKey));
    if (typeof v === "string") {
      if (EXPR_KEYS.has(parentKey)) {
        const problem = expressionProblem(v, lim.maxExprChars);
        if (problem) errors.push({ path, message: problem });
      } else if (parentKey === "field" || parentKey === "as" || parentKey === "name") {
        const m = FORBIDDEN_RE.exec(v);
        if (m && ["constructor", "__proto__", "prototype"].includes(m[2]!)) errors.push({ path, message: `"${m[2]}" is not allowed as a ${parentKey}` });
      }
      if (URL_VALUE.test(v)) {
        removed.push({ path, message: "removed: url(...) values would load outside resources" });
        return undefined;
      }
      return v;
    }
    if (v === null || typeof v !== "object") return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = at(path, k);
      if (k === "__proto__" || k === "constructor" || k === "prototype") { removed.push({ path: p, message: `"${k}" keys are dropped` }); continue; }
      if (k in STRIP_KEYS) { removed.push({ path: p, message: `removed: ${STRIP_KEYS[k]}` }); continue; }
      if (k === "element" && parentKey === "bind") { removed.push({ path: p, message: "removed: widgets may not bind to page elements" }); continue; }
      if ((k === "values" && parentKey === "data") || k === "datasets") { out[k] = copyData(x, p, depth + 1); continue; }
      if (k === "sequence" && parentKey === "data" && x !== null && typeof x === "object") {
        const length = sequenceLength(x as Record<string, unknown>);
        if (length > MAX_GENERATED_ROWS) {
          errors.push({ path: p, message: `this sequence would make ${length === Infinity ? "endless" : length.toLocaleString("en")} rows; the limit is ${MAX_GENERATED_ROWS.toLocaleString("en")}` });
          continue;
        }
      }
      const cleaned = walk(x, p, depth + 1, k);
      if (cleaned !== undefined) out[k] = cleaned;
    }
    // A data source with nothing left after removing `url` would make vega-lite complain; give it no rows.
    if (parentKey === "data" && Object.keys(out).length === 0 && removed.some((r) => r.path === at(path, "url"))) out.values = [];
    return out;
  };

  let spec: Record<string, unknown>;
  try {
    spec = walk(input, "", 0, "") as Record<string, unknown>;
  } catch {
    return { ok: false, errors: [{ path: "", message: `the spec has more than ${lim.maxNodes} values` }], removed };
  }
  return errors.length ? { ok: false, errors, removed } : { ok: true, spec, removed };
}
