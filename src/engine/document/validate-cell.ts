// Checks one cell document against the registry: id, type, name, inputs and config.
import type { CellRegistry, CellType } from "../../cells/registry";
import { at, type Issue } from "../../cells/schema";
import { FORBIDDEN_KEYS, LIMITS } from "./limits";
import { suggest } from "../../graph/suggest";
import type { CellDoc } from "./types";

const ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const CELL_KEYS = new Set(["id", "type", "name", "config", "inputs"]);

export function idProblem(id: unknown): string | null {
  if (typeof id !== "string") return `expected a string id, got ${JSON.stringify(id) ?? "nothing"}`;
  if (!ID.test(id) || id.length > LIMITS.idLength) {
    return `invalid id ${JSON.stringify(id.slice(0, 80))}: use letters, digits, "_" and "-", starting with a letter or "_", at most ${LIMITS.idLength} characters`;
  }
  if (FORBIDDEN_KEYS.has(id)) return `the id "${id}" is reserved`;
  return null;
}

/** Parses `config` with the type's schema and cross-field check; returns the normalised config or undefined. */
export function checkConfig(type: CellType, config: unknown, path: string, issues: Issue[]): Record<string, unknown> | undefined {
  const before = issues.length;
  const parsed = type.config.parse(config, path, issues);
  if (parsed === undefined || issues.length > before) return undefined;
  for (const issue of type.check?.(parsed) ?? []) issues.push({ path: issue.path ? at(path, issue.path) : path, message: issue.message });
  return issues.length > before ? undefined : (parsed as Record<string, unknown>);
}

export function checkInputArity(type: CellType, count: number, path: string, issues: Issue[]): void {
  const { min, max } = type.inputs;
  if (count < min || count > max) {
    const want = min === max ? `exactly ${min}` : `${min} to ${max}`;
    issues.push({ path, message: `a ${type.name} cell takes ${want} input${max === 1 && min === max ? "" : "s"}, got ${count}` });
  }
}

/** A checked, normalised copy of one cell, or undefined after pushing its issues (graph checks come later). */
export function validateCell(raw: unknown, path: string, registry: CellRegistry, issues: Issue[]): CellDoc | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    issues.push({ path, message: "expected a cell object" });
    return undefined;
  }
  const cell = raw as Record<string, unknown>;
  const before = issues.length;
  for (const key of Object.keys(cell)) {
    if (!CELL_KEYS.has(key)) issues.push({ path: at(path, key), message: `unknown key "${key}" (expected id, type, name, config, inputs)` });
  }
  const idWhy = idProblem(cell.id);
  if (idWhy) issues.push({ path: at(path, "id"), message: idWhy });
  if (cell.name !== undefined && (typeof cell.name !== "string" || cell.name.length > 200)) {
    issues.push({ path: at(path, "name"), message: "expected a string of at most 200 characters" });
  }
  const inputs = cell.inputs ?? [];
  if (!Array.isArray(inputs) || inputs.length > LIMITS.inputsPerCell) {
    issues.push({ path: at(path, "inputs"), message: `expected an array of at most ${LIMITS.inputsPerCell} cell ids` });
  } else {
    inputs.forEach((input, j) => {
      if (typeof input !== "string") issues.push({ path: at(at(path, "inputs"), j), message: `expected a cell id, got ${JSON.stringify(input)}` });
    });
  }
  if (typeof cell.type !== "string") {
    issues.push({ path: at(path, "type"), message: `expected a cell type name, got ${JSON.stringify(cell.type) ?? "nothing"}` });
    return undefined;
  }
  if (!registry.has(cell.type)) {
    const hint = suggest(cell.type, registry.names());
    const known = `known: ${registry.names().join(", ")}`;
    issues.push({ path: at(path, "type"), message: `unknown cell type "${cell.type.slice(0, 80)}" (${hint ? `did you mean "${hint}"? ` : ""}${known})` });
    return undefined;
  }
  const type = registry.get(cell.type);
  if (Array.isArray(inputs)) checkInputArity(type, inputs.length, at(path, "inputs"), issues);
  const config = checkConfig(type, cell.config ?? {}, at(path, "config"), issues);
  if (issues.length > before || config === undefined) return undefined;
  const doc: CellDoc = { id: cell.id as string, type: type.name, config, inputs: [...(inputs as string[])] };
  if (typeof cell.name === "string") doc.name = cell.name;
  return doc;
}
