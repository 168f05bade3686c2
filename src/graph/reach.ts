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
