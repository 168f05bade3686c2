import type { DependencyGraph } from "./graph";

function closure(start: string, next: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>();
  const queue = [...(next.get(start) ?? [])];
  while (queue.length) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(next.get(id) ?? []));
  }
  return seen;
}

/** Every cell `id` reads from, directly or not (itself excluded): for the UI's highlighting. */
export function upstreamOf(graph: DependencyGraph, id: string): Set<string> {
  return closure(id, graph.inputsOf);
}

/** Every cell that recomputes when `id` changes (itself excluded). */
export function downstreamOf(graph: DependencyGraph, id: string): Set<string> {
  return closure(id, graph.outputsOf);
}

/** The cells of `ids` that exist, and everything they read: what must compute for them to show. */
export function withUpstream(graph: DependencyGraph, ids: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const id of ids) {
    if (!graph.inputsOf.has(id)) continue;
    out.add(id);
    for (const up of upstreamOf(graph, id)) out.add(up);
  }
  return out;
}
