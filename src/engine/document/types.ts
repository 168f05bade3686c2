// The persisted workbench document (what users share). Run state lives apart, in engine/run.

export const FORMAT = "pooling-workbench";
export const CURRENT_VERSION = 1;

/** A cell as saved: stable id, type, config and the ids of the cells it reads. */
export interface CellDoc {
  /** Stable id (letters, digits, `_`, `-`); inputs and sheets refer to cells by it. */
  id: string;
  /** Registered cell type name, e.g. "parameter". */
  type: string;
  /** Display name; free text, never used for wiring. */
  name?: string;
  /** Type-specific settings, checked against the type's schema (defaults filled after validation). */
  config: Record<string, unknown>;
  /** Ids of upstream cells, in the order the cell type reads them. */
  inputs: string[];
}

/** A tab grouping cells; a cell may appear on several sheets or on none. */
export interface SheetDoc {
  name: string;
  cells: string[];
}

/** Where a cell sits on the canvas; every field optional so a file without layout still opens. */
export interface CellLayout {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  collapsed?: boolean;
}

export interface LayoutDoc {
  cells?: Record<string, CellLayout>;
}

export interface WorkbenchDoc {
  format: typeof FORMAT;
  version: typeof CURRENT_VERSION;
  title: string;
  description: string;
  cells: CellDoc[];
  sheets: SheetDoc[];
  layout: LayoutDoc;
}
