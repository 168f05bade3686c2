// The groups picked on the page, shared by every chart: a click on a group's legend entry (or on one
// of its points) in one chart highlights that group in all of them, on every sheet, as the chart
// catalogue asks of The Data's legend. View state: it is not saved with the workbench, and opening
// another workbench clears it.
export interface PickStore {
  get(): ReadonlySet<string>;
  set(picked: ReadonlySet<string>): void;
  /** Calls `listener` after every change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export function createPickStore(): PickStore {
  let picked: ReadonlySet<string> = new Set();
  const listeners = new Set<() => void>();
  return {
    get: () => picked,
    set(next) {
      const same = next.size === picked.size && [...next].every((label) => picked.has(label));
      if (same) return;
      picked = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The page's store. */
export const pagePicks = createPickStore();
