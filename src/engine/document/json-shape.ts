// Checks raw JSON data before validation: forbidden keys, numbers beyond the double range, depth and
// size. Iterative, so a hostile file cannot overflow the stack.
import { at, type Issue } from "../../cells/schema";
import { FORBIDDEN_KEYS, LIMITS } from "./limits";
import { WorkbenchError } from "./issues";

/** A node still to visit; its path is built only if it is reported (paths of a million array items would cost more than the check). */
interface Pending {
  value: unknown;
  parent: Pending | null;
  key: string | number;
  depth: number;
}

function pathOf(node: Pending): string {
  const keys: (string | number)[] = [];
  for (let n: Pending | null = node; n && n.parent; n = n.parent) keys.push(n.key);
  return keys.reverse().reduce<string>((path, key) => at(path, key), "");
}

/**
 * JSON.parse reads a number beyond the double range (1e999) as Infinity, which a save writes back as
 * null: refused, so that an opened file always saves as what it was.
 */
const NOT_FINITE = "a number too large to store (it reads as Infinity)";

export function checkJsonShape(value: unknown): void {
  const issues: Issue[] = [];
  const stack: Pending[] = [{ value, parent: null, key: "", depth: 0 }];
  let nodes = 1;
  while (stack.length && issues.length < 20) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v !== "object" || v === null) continue;
    if (node.depth >= LIMITS.depth) {
      issues.push({ path: pathOf(node), message: `nested deeper than ${LIMITS.depth} levels` });
      continue;
    }
    if (Array.isArray(v)) {
      // Count before pushing, so a huge array is refused at once instead of being walked.
      nodes += v.length;
      if (nodes > LIMITS.nodes) {
        issues.push({ path: "", message: `too many values (more than ${LIMITS.nodes})` });
        break;
      }
      for (let i = v.length - 1; i >= 0; i--) {
        const item: unknown = v[i];
        // Numbers and strings need no visit: only objects can nest or hide forbidden keys.
        if (typeof item === "object" && item !== null) stack.push({ value: item, parent: node, key: i, depth: node.depth + 1 });
        else if (typeof item === "number" && !Number.isFinite(item)) issues.push({ path: pathOf({ value: item, parent: node, key: i, depth: node.depth + 1 }), message: NOT_FINITE });
      }
      continue;
    }
    if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) {
      issues.push({ path: pathOf(node), message: "not plain JSON data" });
      continue;
    }
    const keys = Object.keys(v);
    nodes += keys.length;
    if (nodes > LIMITS.nodes) {
      issues.push({ path: "", message: `too many values (more than ${LIMITS.nodes})` });
      break;
    }
    for (const key of keys) {
      const child: Pending = { value: (v as Record<string, unknown>)[key], parent: node, key, depth: node.depth + 1 };
      if (FORBIDDEN_KEYS.has(key)) issues.push({ path: pathOf(child), message: `forbidden key "${key}"` });
      else if (typeof child.value === "number" && !Number.isFinite(child.value)) issues.push({ path: pathOf(child), message: NOT_FINITE });
      else stack.push(child);
    }
  }
  if (issues.length) throw new WorkbenchError(issues);
}

/** Parses file text as data (never evaluated), refusing oversized or malformed input. */
export function parseWorkbenchText(text: string): unknown {
  if (text.length > LIMITS.fileChars) throw new WorkbenchError([{ path: "", message: `file too large (${text.length} characters; the limit is ${LIMITS.fileChars})` }]);
  let value: unknown;
  try {
    // Editors on Windows may save a byte-order mark, which JSON.parse refuses.
    value = JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text);
  } catch (error) {
    throw new WorkbenchError([{ path: "", message: `not valid JSON: ${(error as Error).message}` }]);
  }
  checkJsonShape(value);
  return value;
}
