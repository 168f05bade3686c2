// Validation of a whole workbench document: shape, cells, graph, sheets and layout, all before anything runs.
import type { CellRegistry } from "../../cells/registry";
import { at, type Issue } from "../../cells/schema";
import { checkGraph } from "../../graph";
import { checkJsonShape } from "./json-shape";
import { LIMITS } from "./limits";
import { migrate, type MigrateOptions } from "./migrate";
import { WorkbenchError } from "./issues";
import { validateCell } from "./validate-cell";
import { CURRENT_VERSION, FORMAT, type CellDoc, type CellLayout, type LayoutDoc, type SheetDoc, type WorkbenchDoc } from "./types";

const TOP_KEYS = new Set(["format", "version", "title", "description", "cells", "sheets", "layout"]);
const LAYOUT_KEYS = new Set(["x", "y", "width", "height", "collapsed"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkString(value: unknown, path: string, max: number, issues: Issue[]): string {
  if (typeof value !== "string" || value.length > max) {
    issues.push({ path, message: `expected a string of at most ${max} characters` });
    return "";
  }
  return value;
}

function validateSheets(raw: unknown, ids: ReadonlySet<string>, issues: Issue[]): SheetDoc[] {
  if (!Array.isArray(raw) || raw.length > LIMITS.sheets) {
    issues.push({ path: "sheets", message: `expected an array of at most ${LIMITS.sheets} sheets` });
    return [];
  }
  return raw.map((sheet, i) => {
    const path = `sheets[${i}]`;
    if (!isObject(sheet)) {
      issues.push({ path, message: "expected a sheet object {name, cells}" });
      return { name: "", cells: [] };
    }
    for (const key of Object.keys(sheet)) {
      if (key !== "name" && key !== "cells") issues.push({ path: at(path, key), message: `unknown key "${key}" (expected name, cells)` });
    }
    const name = checkString(sheet.name, at(path, "name"), 200, issues);
    const cells = Array.isArray(sheet.cells) ? sheet.cells : [];
    if (!Array.isArray(sheet.cells)) issues.push({ path: at(path, "cells"), message: "expected an array of cell ids" });
    const seen = new Set<string>();
    cells.forEach((id, j) => {
      const p = at(at(path, "cells"), j);
      if (typeof id !== "string" || !ids.has(id)) issues.push({ path: p, message: `no cell with id ${JSON.stringify(id)}` });
      else if (seen.has(id)) issues.push({ path: p, message: `"${id}" is listed twice` });
      else seen.add(id);
    });
    return { name, cells: [...seen] };
  });
}

function validateLayout(raw: unknown, ids: ReadonlySet<string>, issues: Issue[]): LayoutDoc {
  if (!isObject(raw)) {
    issues.push({ path: "layout", message: "expected an object" });
    return {};
  }
  for (const key of Object.keys(raw)) if (key !== "cells") issues.push({ path: at("layout", key), message: `unknown key "${key}" (expected cells)` });
  if (raw.cells === undefined) return {};
  if (!isObject(raw.cells)) {
    issues.push({ path: "layout.cells", message: "expected an object keyed by cell id" });
    return {};
  }
  const cells: Record<string, CellLayout> = {};
  for (const [id, entry] of Object.entries(raw.cells)) {
    const path = at("layout.cells", id);
    if (!ids.has(id)) issues.push({ path, message: `no cell with id "${id}"` });
    else if (!isObject(entry)) issues.push({ path, message: "expected an object {x, y, width, height, collapsed}" });
    else {
      for (const [key, v] of Object.entries(entry)) {
        const ok = LAYOUT_KEYS.has(key) && (key === "collapsed" ? typeof v === "boolean" : typeof v === "number" && Number.isFinite(v));
        if (!ok) issues.push({ path: at(path, key), message: LAYOUT_KEYS.has(key) ? `invalid ${key}` : `unknown key "${key}"` });
      }
      cells[id] = { ...(entry as CellLayout) };
    }
  }
  return { cells };
}

/**
 * Checks a parsed document (any version) against the registry and returns the normalised current-version
 * document, or throws a WorkbenchError listing every problem with its path.
 */
export function validateWorkbench(input: unknown, registry: CellRegistry, options: MigrateOptions = {}): WorkbenchDoc {
  checkJsonShape(input);
  const raw = migrate(input, options);
  const issues: Issue[] = [];
  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.has(key)) issues.push({ path: key, message: `unknown key "${key}" (expected ${[...TOP_KEYS].join(", ")})` });
  }
  const title = checkString(raw.title, "title", LIMITS.titleLength, issues);
  const description = raw.description === undefined ? "" : checkString(raw.description, "description", LIMITS.descriptionLength, issues);
  if (!Array.isArray(raw.cells) || raw.cells.length > LIMITS.cells) {
    issues.push({ path: "cells", message: `expected an array of at most ${LIMITS.cells} cells` });
    throw new WorkbenchError(issues);
  }
  const cells = raw.cells.map((cell, i) => validateCell(cell, `cells[${i}]`, registry, issues));
  if (issues.length) throw new WorkbenchError(issues);
  const checked = cells as CellDoc[];
  issues.push(...checkGraph(checked));
  const ids = new Set(checked.map((c) => c.id));
  const sheets = raw.sheets === undefined ? [{ name: "Sheet 1", cells: [...ids] }] : validateSheets(raw.sheets, ids, issues);
  const layout = raw.layout === undefined ? {} : validateLayout(raw.layout, ids, issues);
  if (issues.length) throw new WorkbenchError(issues);
  return { format: FORMAT, version: CURRENT_VERSION, title, description, cells: checked, sheets, layout };
}
