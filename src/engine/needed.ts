// Which cells must compute for some cells to show. Usually a cell and everything upstream of it; but a
// cell that reads an input only through the input's `resolve` (CellType.readsResolved: a sweep reads
// the generator's options and the model's formula, then reruns them itself) does not need that
// input's compute, only what the input's own resolve reads.
import type { CellRegistry, CellType } from "../cells/registry";
import type { CellDoc } from "./document/types";

/** Whether a cell of type `reader` reads an input of type `input` through the input's `resolve`. */
export function readsResolved(reader: CellType, input: CellType): boolean {
  return input.resolve !== undefined && (reader.readsResolved?.includes(input.name) ?? false);
}

/** The cells of `ids` that exist and every cell whose value they need, directly or not. */
export function neededFor(cells: readonly CellDoc[], registry: CellRegistry, ids: readonly string[]): Set<string> {
  const byId = new Map(cells.map((c) => [c.id, c]));
  const values = new Set<string>();
  const resolved = new Set<string>();
  const typeOf = (cell: CellDoc): CellType => registry.get(cell.type);
  const visit = (id: string, how: "value" | "resolved"): void => {
    const cell = byId.get(id);
    const seen = how === "value" ? values : resolved;
    if (!cell || seen.has(id)) return;
    seen.add(id);
    const type = typeOf(cell);
    for (const inputId of cell.inputs) {
      const input = byId.get(inputId);
      if (!input) continue;
      const inputType = typeOf(input);
      // A value reads its inputs' values except those its type reads resolved; a resolve reads the
      // resolve of every input that has one.
      const throughResolve = how === "value" ? readsResolved(type, inputType) : inputType.resolve !== undefined;
      visit(inputId, throughResolve ? "resolved" : "value");
    }
  };
  for (const id of ids) visit(id, "value");
  return values;
}
