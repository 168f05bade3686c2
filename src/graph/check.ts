// Everything that makes a graph unrunnable, found before anything runs.
import { findCycle, formatCycle } from "./cycle";
import { buildGraph, type GraphNode } from "./graph";
import { suggest } from "./suggest";

export interface GraphIssue {
  path: string;
  message: string;
}

/** Duplicate ids, inputs naming no cell, a cell reading itself, repeated inputs and cycles; paths like `cells[3].inputs[0]`. */
export function checkGraph(nodes: readonly GraphNode[]): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const firstIndex = new Map<string, number>();
  nodes.forEach((node, i) => {
    const seen = firstIndex.get(node.id);
    if (seen !== undefined) issues.push({ path: `cells[${i}].id`, message: `duplicate id "${node.id}" (also cells[${seen}])` });
    else firstIndex.set(node.id, i);
  });
  nodes.forEach((node, i) => {
    const mine = new Set<string>();
    node.inputs.forEach((input, j) => {
      const path = `cells[${i}].inputs[${j}]`;
      if (input === node.id) issues.push({ path, message: `cell "${node.id}" cannot read itself` });
      else if (!firstIndex.has(input)) {
        const hint = typeof input === "string" ? suggest(input, [...firstIndex.keys()].filter((id) => id !== node.id)) : null;
        issues.push({ path, message: `no cell with id "${input}"${hint ? ` (did you mean "${hint}"?)` : ""}` });
      }
      else if (mine.has(input)) issues.push({ path, message: `"${input}" is listed twice` });
      mine.add(input);
    });
  });
  if (issues.length) return issues;
  const cycle = findCycle(buildGraph(nodes));
  if (cycle) issues.push({ path: "cells", message: formatCycle(cycle) });
  return issues;
}
