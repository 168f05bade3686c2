// A module a cell loads on first use (KaTeX, Vega), kept once loaded.

/**
 * Returns a getter for the module `load` imports: the first call awaits `load()`, later calls get the
 * module itself. Awaiting `import()` again would cost more than a microtask: Chromium resolves a
 * dynamic import in a new task, so a frame could paint between a slider move and the cell's result.
 */
export function loadOnce<M>(load: () => Promise<M>): () => M | Promise<M> {
  let loaded: M | undefined;
  let loading: Promise<M> | undefined;
  return () => {
    if (loaded !== undefined) return loaded;
    loading ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        loading = undefined; // a failed chunk load may succeed on the next run
        throw error;
      },
    );
    return loading;
  };
}
