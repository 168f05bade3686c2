// A layered layout of the dependency graph for the graph view: each cell sits one column to the right
// of its deepest input (longest-path layering), and cells in a column are ordered by the mean row of
// their inputs (one barycentre sweep), which keeps most edges short and uncrossed for workbench-sized graphs.
import type { DependencyGraph } from "./graph";
import { topologicalOrder } from "./topo";

export interface NodePlacement {
  id: string;
  column: number;
  row: number;
}

export interface GraphLayout {
  nodes: NodePlacement[];
  edges: { from: string; to: string }[];
  columns: number;
  rows: number;
}

export function layoutGraph(graph: DependencyGraph): GraphLayout {
  const order = topologicalOrder(graph);
  const column = new Map<string, number>();
  for (const id of order) {
    const inputs = graph.inputsOf.get(id) ?? [];
    column.set(id, inputs.length ? Math.max(...inputs.map((i) => (column.get(i) ?? 0) + 1)) : 0);
  }
  const byColumn: string[][] = [];
  for (const id of graph.ids) (byColumn[column.get(id) ?? 0] ??= []).push(id);
  const row = new Map<string, number>();
  byColumn.forEach((ids, c) => {
    if (c > 0) {
      const centre = (id: string) => {
        const inputs = graph.inputsOf.get(id) ?? [];
        return inputs.length ? inputs.reduce((sum, i) => sum + (row.get(i) ?? 0), 0) / inputs.length : 0;
      };
      ids.sort((a, b) => centre(a) - centre(b));
    }
    ids.forEach((id, r) => row.set(id, r));
  });
  const edges = graph.ids.flatMap((to) => (graph.inputsOf.get(to) ?? []).map((from) => ({ from, to })));
  return {
    nodes: graph.ids.map((id) => ({ id, column: column.get(id) ?? 0, row: row.get(id) ?? 0 })),
    edges,
    columns: byColumn.length,
    rows: Math.max(0, ...byColumn.map((ids) => ids?.length ?? 0)),
  };
}
