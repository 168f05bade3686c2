// Checks raw JSON data before validation: forbidden keys, depth and size. Iterative, so a hostile
// file cannot overflow the stack.
import { at, type Issue } from "../../cells/schema";
import { FORBIDDEN_KEYS, LIMITS } from "./limits";
import { WorkbenchError } from "./issues";

export function checkJsonShape(value: unknown): void {
  const issues: Issue[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: "", depth: 0 }];
  let nodes = 0;
  while (stack.length && issues.length < 20) {
    const { value: v, path, depth } = stack.pop()!;
    if (++nodes > LIMITS.nodes) {
      issues.push({ path: "", message: `too many values (more than ${LIMITS.nodes})` });
      break;
    }
    if (typeof v !== "object" || v === null) continue;
    if (depth >= LIMITS.depth) {
      issues.push({ path, message: `nested deeper than ${LIMITS.depth} levels` });
      continue;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, path: at(path, i), depth: depth + 1 }));
      continue;
    }
    if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) {
      issues.push({ path, message: "not plain JSON data" });
      continue;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) issues.push({ path: at(path, key), message: `forbidden key "${key}"` });
      else stack.push({ value: (v as Record<string, unknown>)[key], path: at(path, key), depth: depth + 1 });
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
