// The dependency graph, derived on demand from cells' declared inputs (never stored in the file).

/** What the graph needs to know of a cell: its id and the ids it reads. */
export interface GraphNode {
  id: string;
  inputs: readonly string[];
}

export interface DependencyGraph {
  /** Cell ids in document order. */
  ids: readonly string[];
  inputsOf: ReadonlyMap<string, readonly string[]>;
  outputsOf: ReadonlyMap<string, readonly string[]>;
}

/** Builds the graph; inputs naming no node are left out (checkGraph reports them). */
export function buildGraph(nodes: readonly GraphNode[]): DependencyGraph {
  const ids = nodes.map((n) => n.id);
  const known = new Set(ids);
  const inputsOf = new Map<string, string[]>();
  const outputsOf = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const node of nodes) {
    const inputs = [...new Set(node.inputs)].filter((i) => known.has(i));
    inputsOf.set(node.id, inputs);
    for (const input of inputs) outputsOf.get(input)!.push(node.id);
  }
  return { ids, inputsOf, outputsOf };
}
