// The checked registry of built-in cell types. A new cell type: one folder under cells/, one line here.
import { createCellRegistry, type CellType } from "./registry";
import { dataset } from "./dataset";
import { equation } from "./equation";
import { generator } from "./generator";
import { model } from "./model";
import { parameter } from "./parameter";
import { plot } from "./plot";
import { sweep } from "./sweep";
import { table } from "./table";
import { text } from "./text";
import { transform } from "./transform";

export const builtinCellTypes: readonly CellType[] = [parameter, generator, dataset, transform, model, table, plot, equation, text, sweep];

/** The registry the app and the CLI use; tests build their own with createCellRegistry. */
export const cellTypes = createCellRegistry(builtinCellTypes);

export function hasCellType(name: string): boolean {
  return cellTypes.has(name);
}

export function getCellType(name: string): CellType {
  return cellTypes.get(name);
}

export { CellRegistry, createCellRegistry, defineCellType } from "./registry";
export type { CellInput, CellType, ComputeContext, InputArity, Json } from "./registry";
