// Pure edits of a workbench document. Each returns a new document or throws a WorkbenchError, so the
// engine changes nothing (document or runtime) when an edit is refused.
import type { CellRegistry } from "../cells/registry";
import type { Issue } from "../cells/schema";
import { checkGraph } from "../graph";
import { WorkbenchError } from "./document/issues";
import { checkConfig, checkInputArity, validateCell } from "./document/validate-cell";
import type { CellDoc, WorkbenchDoc } from "./document/types";
import { validateWorkbench } from "./document/validate";

export function indexOfCell(doc: WorkbenchDoc, id: string): number {
  const i = doc.cells.findIndex((c) => c.id === id);
  if (i < 0) throw new WorkbenchError([{ path: "", message: `no cell with id "${id}"` }]);
  return i;
}

function withCells(doc: WorkbenchDoc, cells: CellDoc[]): WorkbenchDoc {
  const issues = checkGraph(cells);
  if (issues.length) throw new WorkbenchError(issues);
  return { ...doc, cells };
}

export function withConfig(doc: WorkbenchDoc, id: string, config: unknown, registry: CellRegistry): WorkbenchDoc {
  const i = indexOfCell(doc, id);
  const cell = doc.cells[i]!;
  const issues: Issue[] = [];
  const parsed = checkConfig(registry.get(cell.type), config, `cells[${i}].config`, issues);
  if (!parsed) throw new WorkbenchError(issues);
  return { ...doc, cells: doc.cells.map((c, k) => (k === i ? { ...c, config: parsed } : c)) };
}

export function withInputs(doc: WorkbenchDoc, id: string, inputs: readonly string[], registry: CellRegistry): WorkbenchDoc {
  const i = indexOfCell(doc, id);
  const cell = doc.cells[i]!;
  const issues: Issue[] = [];
  checkInputArity(registry.get(cell.type), inputs.length, `cells[${i}].inputs`, issues);
  if (issues.length) throw new WorkbenchError(issues);
  return withCells(doc, doc.cells.map((c, k) => (k === i ? { ...c, inputs: [...inputs] } : c)));
}

/** A new cell; `config` defaults to the type's defaults. Appended to `sheet` (an index) when given. */
export function withCell(doc: WorkbenchDoc, raw: Partial<CellDoc> & { id: string; type: string }, registry: CellRegistry, sheet?: number): WorkbenchDoc {
  const issues: Issue[] = [];
  const path = `cells[${doc.cells.length}]`;
  const config = raw.config ?? (registry.has(raw.type) ? registry.get(raw.type).defaults : {});
  const cell = validateCell({ ...raw, config, inputs: raw.inputs ?? [] }, path, registry, issues);
  if (!cell) throw new WorkbenchError(issues);
  const next = withCells(doc, [...doc.cells, cell]);
  if (sheet === undefined) return next;
  if (!doc.sheets[sheet]) throw new WorkbenchError([{ path: `sheets[${sheet}]`, message: "no such sheet" }]);
  return { ...next, sheets: doc.sheets.map((s, k) => (k === sheet ? { ...s, cells: [...s.cells, cell.id] } : s)) };
}

/** Without the cell, its sheet entries and its layout; refused while other cells read it. */
export function withoutCell(doc: WorkbenchDoc, id: string): WorkbenchDoc {
  indexOfCell(doc, id);
  const readers = doc.cells.filter((c) => c.inputs.includes(id)).map((c) => `"${c.id}"`);
  if (readers.length) throw new WorkbenchError([{ path: "", message: `cannot remove "${id}": read by ${readers.join(", ")}` }]);
  const layoutCells = { ...doc.layout.cells };
  delete layoutCells[id];
  return {
    ...doc,
    cells: doc.cells.filter((c) => c.id !== id),
    sheets: doc.sheets.map((s) => ({ ...s, cells: s.cells.filter((c) => c !== id) })),
    layout: doc.layout.cells ? { ...doc.layout, cells: layoutCells } : doc.layout,
  };
}

/** The config with a new value for a settable (parameter-like) cell; throws an Error saying why not. */
export function withValue(doc: WorkbenchDoc, id: string, value: unknown, registry: CellRegistry): WorkbenchDoc {
  const i = indexOfCell(doc, id);
  const cell = doc.cells[i]!;
  const type = registry.get(cell.type);
  if (!type.setValue) throw new WorkbenchError([{ path: `cells[${i}]`, message: `"${id}" is a ${type.name} cell, which takes no value` }]);
  let config: unknown;
  try {
    config = type.setValue(cell.config, value);
  } catch (error) {
    throw new WorkbenchError([{ path: `cells[${i}].config.value`, message: (error as Error).message }]);
  }
  return withConfig(doc, id, config, registry);
}

/** The parts of a document that are not cells: what the user reorganises without recomputing anything. */
export type DocMeta = Partial<Pick<WorkbenchDoc, "title" | "description" | "sheets" | "layout">>;

/** Title, description, sheets or layout replaced; checked like a file, cells untouched (the same objects). */
export function withMeta(doc: WorkbenchDoc, patch: DocMeta, registry: CellRegistry): WorkbenchDoc {
  const checked = validateWorkbench({ ...doc, ...patch }, registry);
  return { ...doc, title: checked.title, description: checked.description, sheets: checked.sheets, layout: checked.layout };
}
