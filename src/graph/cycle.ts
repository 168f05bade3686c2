import type { DependencyGraph } from "./graph";

/** One cycle as a closed path [a, b, c, a], or null; found by DFS with an explicit stack (no recursion limit). */
export function findCycle(graph: DependencyGraph): string[] | null {
  const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = done
  for (const root of graph.ids) {
    if (state.has(root)) continue;
    const path: string[] = [];
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    state.set(root, 1);
    path.push(root);
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const inputs = graph.inputsOf.get(top.id) ?? [];
      if (top.next < inputs.length) {
        const input = inputs[top.next++]!;
        const s = state.get(input);
        if (s === 1) {
          // The path runs from consumers to inputs; reverse it so arrows read "a feeds b".
          const cycle = path.slice(path.indexOf(input)).reverse();
          // Start at the cell that comes first in the document, so the message is stable.
          const first = cycle.indexOf(graph.ids.find((id) => cycle.includes(id))!);
          const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
          return [...rotated, rotated[0]!];
        }
        if (s === undefined) {
          state.set(input, 1);
          path.push(input);
          stack.push({ id: input, next: 0 });
        }
      } else {
        state.set(top.id, 2);
        path.pop();
        stack.pop();
      }
    }
  }
  return null;
}

export function formatCycle(cycle: readonly string[]): string {
  return `cycle: ${cycle.join(" -> ")}`;
}
