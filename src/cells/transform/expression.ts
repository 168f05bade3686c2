/**
 * Checking Arquero string expressions from workbench files before Arquero compiles them.
 *
 * Arquero turns a string such as "d => d.x - op.mean(d.x)" into JavaScript with the `Function`
 * constructor. Its parser already refuses free variables and unknown calls; this module adds a
 * second, stricter gate so that a shared file can never reach globals, constructors or prototypes:
 *
 * 1. a lexical pass over the source (string literals and comments skipped) refuses keywords that
 *    have no business in a row expression (`this`, `function`, `import`, `new`, …) and prototype
 *    names (`constructor`, `__proto__`, `prototype`) even as property names;
 * 2. Arquero's own parser (`aq.parse` with `ast: true`) rewrites row accesses into Column nodes
 *    and op calls into Function nodes; its complaints are reworded (e.g. `unknown function "fetch"`).
 *    A compiler stub makes sure it evaluates nothing while checking (computed column names must be
 *    string literals);
 * 3. an allow-list walk of the rewritten tree: only columns, constants, literals, operators,
 *    conditionals, template strings, array/object literals, calls of functions in Arquero's op
 *    table, and `.length` / `[number]` on computed values. Any other node type (`this`, `import()`,
 *    `a?.b`, sequences, tagged templates, statement blocks) is refused, since Arquero's own
 *    rewrite does not look inside node types it does not know.
 *
 * The checked string itself is what later reaches Arquero: nothing is rewritten or escaped. We
 * never use `aq.escape` or `aq.addFunction`.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";

/** Longest accepted expression, in characters. */
export const MAX_EXPRESSION_LENGTH = 2000;

/** What an expression may touch: the verb decides. */
export interface ExpressionContext {
  /** The table whose row is `d`; column names are checked against it when given. */
  table?: ColumnTable;
  /** Join predicates: the two tables read as `(a, b) => …`, or `true` to check without tables. */
  join?: [ColumnTable, ColumnTable] | true;
  /** Columns may only appear inside aggregate functions (rollup). */
  aggregateOnly?: boolean;
  /** Window functions (op.rank, op.lag, …) are refused when false. */
  window?: boolean;
  /** Aggregate functions (op.mean, …) are refused when false. */
  aggregate?: boolean;
}

/** A refused expression; `message` says why, without the step path (the pipeline adds it). */
export class ExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExpressionError";
  }
}

const PROTOTYPE_NAMES = new Set([
  "constructor",
  "__proto__",
  "prototype",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
]);

const KEYWORDS = new Set([
  "this", "super", "arguments", "function", "class", "import", "export", "new", "async", "await",
  "yield", "with", "delete", "debugger", "var", "let", "const", "return", "if", "for", "while", "do",
  "switch", "throw", "try", "catch",
]);

const GLOBAL_NAMES = new Set([
  "globalThis", "window", "self", "global", "document", "process", "require", "module", "exports",
  "Function", "eval", "Reflect", "Proxy", "Object", "Symbol", "setTimeout", "setInterval",
  "setImmediate", "queueMicrotask", "fetch", "XMLHttpRequest", "WebSocket", "Worker", "importScripts",
  "localStorage", "sessionStorage", "indexedDB", "navigator", "location", "parent", "top", "frames",
]);

type Node = { type: string; [key: string]: any };

/**
 * Checks `source` for use under `context` and returns it unchanged; throws {@link ExpressionError}
 * with a message such as `unknown function "fetch"` or `"constructor" is not allowed`.
 */
export function checkExpression(source: unknown, context: ExpressionContext = {}): string {
  if (typeof source !== "string") {
    throw new ExpressionError(`expected an expression string such as "d => d.x * 2", got ${describe(source)}`);
  }
  if (source.trim() === "") throw new ExpressionError("the expression is empty");
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`the expression is ${source.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}`);
  }
  scanWords(source);
  const ast = parseWithArquero(source, context);
  allow(ast, source);
  return source;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v)}`;
}

// ---- 1. lexical pass -------------------------------------------------------------------------

/** Walks identifier-like words outside string literals, template text and comments. */
function scanWords(src: string): void {
  const n = src.length;
  const templateDepth: number[] = []; // brace depth at which each open `${` returns to template text
  let braces = 0;
  let i = 0;
  let prevSignificant = ""; // last non-space character outside literals
  const word = /[A-Za-z_$][\w$]*/y;
  while (i < n) {
    const c = src[i];
    if (c === "'" || c === '"') {
      i = skipQuoted(src, i, c);
      prevSignificant = c;
    } else if (c === "`") {
      i = skipTemplateText(src, i + 1, templateDepth, braces);
      prevSignificant = "`";
    } else if (c === "/" && src[i + 1] === "/") {
      const j = src.indexOf("\n", i);
      i = j < 0 ? n : j;
    } else if (c === "/" && src[i + 1] === "*") {
      const j = src.indexOf("*/", i + 2);
      i = j < 0 ? n : j + 2;
    } else if (c === "{") {
      braces++;
      i++;
      prevSignificant = c;
    } else if (c === "}") {
      if (templateDepth.length && templateDepth[templateDepth.length - 1] === braces) {
        templateDepth.pop();
        i = skipTemplateText(src, i + 1, templateDepth, braces);
        prevSignificant = "`";
      } else {
        braces--;
        i++;
        prevSignificant = c;
      }
    } else if (/[A-Za-z_$]/.test(c)) {
      word.lastIndex = i;
      const w = word.exec(src)![0];
      const isProperty = prevSignificant === ".";
      if (PROTOTYPE_NAMES.has(w)) {
        throw new ExpressionError(`"${w}" is not allowed: expressions may not reach for constructors or prototypes`);
      }
      if (!isProperty && KEYWORDS.has(w)) {
        throw new ExpressionError(
          w === "function" || w === "class"
            ? `"${w}" is not allowed: expressions may not define functions`
            : `"${w}" is not allowed in a table expression`,
        );
      }
      i += w.length;
      prevSignificant = "a";
    } else {
      if (!/\s/.test(c)) prevSignificant = c;
      i++;
    }
  }
}

function skipQuoted(src: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < src.length && src[i] !== quote) i += src[i] === "\\" ? 2 : 1;
  return i + 1;
}

/** From inside template text, returns the index after the closing backtick or after a `${`. */
function skipTemplateText(src: string, start: number, depth: number[], braces: number): number {
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (c === "\\") i += 2;
    else if (c === "`") return i + 1;
    else if (c === "$" && src[i + 1] === "{") {
      depth.push(braces);
      return i + 2;
    } else i++;
  }
  return i;
}

// ---- 2. Arquero's parser ---------------------------------------------------------------------

/** Compiler stub: checking must never evaluate anything (Arquero would compile computed names). */
const NO_COMPILE = {
  expr: () => null,
  expr2: () => null,
  join: () => null,
  escape: () => {
    throw new ExpressionError("escaped functions are not allowed");
  },
  param: () => {
    throw new ExpressionError("computed column names must be string literals, as in d[\"my column\"]");
  },
};

function parseWithArquero(source: string, context: ExpressionContext): Node {
  const options: Record<string, unknown> = {
    ast: true,
    compiler: NO_COMPILE,
    error(node: Node, message: string) {
      throw new ExpressionError(reword(node, message, source));
    },
  };
  if (context.table) options.table = context.table;
  if (context.join) options.join = context.join === true ? [null, null] : context.join;
  if (context.aggregateOnly) options.aggronly = true;
  if (context.window === false) options.window = false;
  if (context.aggregate === false) options.aggregate = false;
  let parsed: { exprs: unknown[] };
  try {
    parsed = aq.parse({ e: source }, options) as { exprs: unknown[] };
  } catch (err) {
    if (err instanceof ExpressionError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (/^Expression parse error/.test(message)) {
      throw new ExpressionError('cannot parse the expression; write it like "d => d.x * 2"');
    }
    throw new ExpressionError(message.split("\n")[0]);
  }
  return parsed.exprs[0] as Node;
}

/** Arquero reports positions in "expr=(" + source, hence the offset of 6. */
function snippet(node: Node, source: string): string {
  return typeof node.start === "number" ? source.slice(node.start - 6, node.end - 6) : "";
}

function calleeName(callee: Node, source: string): string {
  if (callee.type === "Identifier") return callee.name;
  if (callee.type === "MemberExpression" && !callee.computed && callee.property?.type === "Identifier") {
    return snippet(callee, source) || callee.property.name;
  }
  return snippet(callee, source);
}

function reword(node: Node, message: string, source: string): string {
  const text = snippet(node, source);
  if (message.startsWith("Invalid function call")) {
    const callee = node.callee as Node | undefined;
    if (callee && (callee.type === "FunctionExpression" || callee.type === "ArrowFunctionExpression")) {
      return "expressions may not define functions";
    }
    if (callee && callee.type !== "Identifier" && callee.type !== "MemberExpression") {
      return `only op.* functions may be called, not "${text}"`;
    }
    return `unknown function "${calleeName(callee ?? node, source)}"`;
  }
  if (message.startsWith("Invalid variable reference")) {
    const name = node.name ?? text;
    if (name === "$") return `parameters ($) are not supported: "${text}"`;
    if (GLOBAL_NAMES.has(name)) return `"${name}" is not allowed: expressions may not reach for globals`;
    return `unknown name "${name}" (read columns as d.name and call functions as op.name)`;
  }
  if (message.startsWith("Function definitions")) return "expressions may not define functions";
  if (message.startsWith("Invalid member expression")) {
    return `computed column names must be string literals, as in d["my column"], not "${text}"`;
  }
  if (message.startsWith("Invalid column reference (must be input")) {
    return `the column reference "${text}" must be inside an aggregate function such as op.mean(...)`;
  }
  if (message.startsWith("Invalid column reference")) return `unknown column "${text}"`;
  if (message.startsWith("Invalid param reference")) return `parameters ($) are not supported: "${text}"`;
  if (message.startsWith("Aggregate function not allowed")) return `aggregate functions are not allowed here: "${text}"`;
  if (message.startsWith("Window function not allowed")) return `window functions are not allowed here: "${text}"`;
  return `${message.replace(/ not allowed$/, " are not allowed")}${text ? `: "${text}"` : ""}`;
}

// ---- 3. allow-list walk ----------------------------------------------------------------------

function refuse(message: string): never {
  throw new ExpressionError(message);
}

function checkName(name: unknown): void {
  if (typeof name === "string" && PROTOTYPE_NAMES.has(name)) {
    refuse(`"${name}" is not allowed: expressions may not reach for constructors or prototypes`);
  }
}

function allow(node: Node | null | undefined, source: string): void {
  if (!node) return;
  switch (node.type) {
    case "Column":
    case "Dictionary":
      checkName(node.name);
      return;
    case "Constant":
    case "TemplateElement":
    case "Literal":
      return;
    case "BinaryExpression":
    case "LogicalExpression":
      allow(node.left, source);
      allow(node.right, source);
      return;
    case "UnaryExpression":
      if (node.operator === "delete") refuse('"delete" is not allowed in a table expression');
      allow(node.argument, source);
      return;
    case "ConditionalExpression":
      allow(node.test, source);
      allow(node.consequent, source);
      allow(node.alternate, source);
      return;
    case "CallExpression": {
      const callee = node.callee as Node;
      if (callee?.type !== "Function" || typeof callee.name !== "string" || !Object.hasOwn(aq.op, callee.name)) {
        refuse(`only op.* functions may be called${callee?.name ? `, not "${callee.name}"` : ""}`);
      }
      if (callee.name === "random") {
        refuse("op.random() is not reproducible; use a sample step with a seed, or a generator cell");
      }
      for (const arg of node.arguments as Node[]) {
        if (arg.type === "SpreadElement") refuse("spread arguments (...) are not supported");
        allow(arg, source);
      }
      return;
    }
    case "ArrayExpression":
      for (const el of node.elements as (Node | null)[]) {
        if (el?.type === "SpreadElement") refuse("spread elements (...) are not supported");
        allow(el, source);
      }
      return;
    case "ObjectExpression":
      for (const prop of node.properties as Node[]) {
        if (prop.type !== "Property" || prop.kind !== "init" || prop.method || prop.computed) {
          refuse("object literals may only have plain keys and values, as in {a: d.x}");
        }
        const key = prop.key as Node;
        checkName(key.type === "Identifier" ? key.name : key.value);
        if (prop.shorthand) refuse("object literals need explicit values, as in {a: d.x}");
        allow(prop.value, source);
      }
      return;
    case "TemplateLiteral":
      for (const e of node.expressions as Node[]) allow(e, source);
      return;
    case "MemberExpression": {
      // Row access was rewritten to Column nodes, so this reads a property of a computed value.
      const property = node.property as Node;
      const ok = node.computed
        ? property.type === "Literal" && typeof property.value === "number"
        : property.type === "Identifier" && property.name === "length";
      if (!ok) {
        const name = node.computed ? `[${property.raw ?? "…"}]` : `.${property.name}`;
        refuse(`property access "${name}" is only allowed on the row (d.column); use op.* functions instead`);
      }
      allow(node.object, source);
      return;
    }
    case "BlockStatement":
      return refuse("statement blocks are not supported; write a single expression such as d => d.x * 2");
    case "ThisExpression":
      return refuse('"this" is not allowed in a table expression');
    case "ImportExpression":
      return refuse('"import" is not allowed in a table expression');
    case "ChainExpression":
      return refuse("optional chaining (?.) is not supported");
    case "SequenceExpression":
      return refuse("comma sequences are not supported");
    case "Parameter":
      return refuse("parameters ($) are not supported");
    default:
      return refuse(`unsupported syntax (${node.type})`);
  }
}
