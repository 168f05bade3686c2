// The Observable runtime with nothing in scope: no builtins, and a global resolver that refuses every
// name, so a cell can never reach window, process, fetch or globalThis (v6 falls back to globalThis otherwise).
import { Runtime, RuntimeError } from "@observablehq/runtime";

/** Every name the runtime cannot find in a module ends here: refused, like an undefined variable. */
export function refuseGlobal(name: string): never {
  throw new RuntimeError(`${name} is not defined`, name);
}

/**
 * The runtime normally waits for the next animation frame before recomputing. A slider move should
 * settle before the frame it was made in is painted, so recomputation starts in a microtask instead:
 * edits made in one event handler still coalesce into one pass, and the runtime's version checks
 * still drop results that a newer edit made stale.
 */
function computeInMicrotask(this: Runtime & { _disposed?: boolean; _computeNow(): Promise<void> }): Promise<void> {
  return Promise.resolve().then(() => (this._disposed ? undefined : this._computeNow()));
}

export function createRuntime(): Runtime {
  const runtime = new Runtime(null, refuseGlobal);
  Object.defineProperty(runtime, "_computeSoon", { value: computeInMicrotask, writable: true, configurable: true });
  return runtime;
}
