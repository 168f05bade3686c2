// Turning upstream cell values into the named row tables a chart reads.
import type { CellInput } from "../registry";
import type { Row, Tables } from "./tables";

/** Maximum rows taken from one input table (charts of more rows are unreadable and slow). */
export const MAX_ROWS = 50_000;

function isColumnTable(v: unknown): v is { objects(opts?: { limit?: number }): Row[]; numRows(): number } {
  const t = v as { objects?: unknown; numRows?: unknown } | null;
  return typeof t === "object" && t !== null && typeof t.objects === "function" && typeof t.numRows === "function";
}

/** Rows of a table-like value (Arquero table or array of plain objects), or undefined. */
export function toRows(value: unknown): Row[] | undefined {
  if (isColumnTable(value)) return value.objects({ limit: MAX_ROWS });
  if (Array.isArray(value) && value.every((r) => r !== null && typeof r === "object" && !Array.isArray(r))) {
    return (value as Row[]).slice(0, MAX_ROWS).map((r) => ({ ...r }));
  }
  return undefined;
}

/** Own data property `key` of an object value, else undefined (never runs getters). */
function ownValue(value: unknown, key: string): unknown {
  if (value === null || typeof value !== "object" || ["__proto__", "constructor", "prototype"].includes(key)) return undefined;
  const d = Object.getOwnPropertyDescriptor(value, key);
  return d && "value" in d ? d.value : undefined;
}

/**
 * Resolves the table bindings of a plot cell.
 * - Explicit: `bindings[name] = "cellId"` or `"cellId.key"` (a named table inside a model value).
 * - Implicit, for names not bound explicitly: an input whose value has an own table property of that
 *   name (a model cell's `{coefs, fixef, …}`), else the next table-valued input, in `wanted` order.
 */
export function bindTables(inputs: readonly CellInput[], wanted: readonly string[], bindings: Readonly<Record<string, string>> = {}): { tables: Tables; errors: string[] } {
  const tables: Tables = {};
  const errors: string[] = [];
  for (const [name, ref] of Object.entries(bindings)) {
    const [id, key] = ref.split(".", 2) as [string, string | undefined];
    const input = inputs.find((i) => i.id === id);
    if (!input) { errors.push(`table "${name}" is bound to "${ref}", but "${id}" is not an input of this cell`); continue; }
    const rows = toRows(key === undefined ? input.value : ownValue(input.value, key));
    if (!rows) { errors.push(`table "${name}": "${ref}" is not a table`); continue; }
    tables[name] = rows;
  }
  const used = new Set<CellInput>();
  for (const name of wanted) {
    if (tables[name]) continue;
    const holder = inputs.find((i) => toRows(ownValue(i.value, name)));
    if (holder) { tables[name] = toRows(ownValue(holder.value, name)); continue; }
    const next = inputs.find((i) => !used.has(i) && toRows(i.value) && !Object.values(bindings).some((b) => b.split(".")[0] === i.id));
    if (next) { used.add(next); tables[name] = toRows(next.value); }
  }
  return { tables, errors };
}
