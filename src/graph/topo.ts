import { findCycle, formatCycle } from "./cycle";
import type { DependencyGraph } from "./graph";

/** Ids with every cell after its inputs; ties keep document order. Throws naming a cycle if there is one. */
export function topologicalOrder(graph: DependencyGraph): string[] {
  const indegree = new Map(graph.ids.map((id) => [id, graph.inputsOf.get(id)?.length ?? 0]));
  const order: string[] = [];
  const ready = graph.ids.filter((id) => indegree.get(id) === 0);
  // Kahn's algorithm; `ready` is consumed front to back so roots keep their document order.
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i]!;
    order.push(id);
    for (const out of graph.outputsOf.get(id) ?? []) {
      const d = indegree.get(out)! - 1;
      indegree.set(out, d);
      if (d === 0) ready.push(out);
    }
  }
  if (order.length < graph.ids.length) {
    const cycle = findCycle(graph);
    throw new Error(cycle ? formatCycle(cycle) : "cycle");
  }
  return order;
}
