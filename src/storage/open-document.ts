// Turning text from outside (a file, a share link, a stored record) into a checked workbench document.
// Everything goes through parse -> shape check -> migrate -> validate, so a bad file is refused with
// the validation message and never reaches the open workbench.
import { cellTypes } from "../cells";
import type { CellRegistry } from "../cells/registry";
import { formatIssues, parseWorkbenchText, validateWorkbench, WorkbenchError, type WorkbenchDoc } from "../engine/document";

export type OpenResult = { ok: true; doc: WorkbenchDoc } | { ok: false; message: string };

/** Parses and validates workbench text; returns the document or the message to show the user. */
export function openWorkbenchText(text: string, registry: CellRegistry = cellTypes): OpenResult {
  try {
    return { ok: true, doc: validateWorkbench(parseWorkbenchText(text), registry) };
  } catch (error) {
    return { ok: false, message: describeOpenError(error) };
  }
}

/** Validates an already-parsed value (from IndexedDB) the same way as a file. */
export function openWorkbenchValue(value: unknown, registry: CellRegistry = cellTypes): OpenResult {
  try {
    return { ok: true, doc: validateWorkbench(value, registry) };
  } catch (error) {
    return { ok: false, message: describeOpenError(error) };
  }
}

function describeOpenError(error: unknown): string {
  if (error instanceof WorkbenchError) return formatIssues(error.issues);
  return error instanceof Error ? error.message : String(error);
}

/** The text a saved file holds: stable key order from the document, two-space indent, final newline. */
export function serializeWorkbench(doc: WorkbenchDoc): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
