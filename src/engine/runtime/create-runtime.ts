// The Observable runtime with nothing in scope: no builtins, and a global resolver that refuses every
// name, so a cell can never reach window, process, fetch or globalThis (v6 falls back to globalThis otherwise).
import { Runtime, RuntimeError } from "@observablehq/runtime";

/** Every name the runtime cannot find in a module ends here: refused, like an undefined variable. */
export function refuseGlobal(name: string): never {
  throw new RuntimeError(`${name} is not defined`, name);
}

export function createRuntime(): Runtime {
  return new Runtime(null, refuseGlobal);
}
