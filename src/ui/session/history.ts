// Undo/redo over immutable snapshots. Documents are small and shared structurally by the engine's
// edits, so keeping whole snapshots is simpler and safer than inverse operations.

export interface History<T> {
  /** Saves the state before an edit; clears the redo stack. */
  record(before: T): void;
  /** Returns the state to go back to (and remembers `current` for redo), or undefined at the start. */
  undo(current: T): T | undefined;
  redo(current: T): T | undefined;
  canUndo(): boolean;
  canRedo(): boolean;
}

export function createHistory<T>(limit = 200): History<T> {
  const past: T[] = [];
  const future: T[] = [];
  return {
    record(before) {
      past.push(before);
      if (past.length > limit) past.shift();
      future.length = 0;
    },
    undo(current) {
      const previous = past.pop();
      if (previous !== undefined) future.push(current);
      return previous;
    },
    redo(current) {
      const next = future.pop();
      if (next !== undefined) past.push(current);
      return next;
    },
    canUndo: () => past.length > 0,
    canRedo: () => future.length > 0,
  };
}
