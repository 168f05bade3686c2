// @observablehq/runtime 6 ships no types; this declares only what the engine uses.
declare module "@observablehq/runtime" {
  export interface Observer<T = unknown> {
    pending?(): void;
    fulfilled?(value: T, name: string | null): void;
    rejected?(error: unknown, name: string | null): void;
  }

  export class RuntimeError extends Error {
    constructor(message: string, input?: string);
    /** The name of the input variable the failure came through, if any. */
    readonly input: string | undefined;
  }

  export class Variable {
    define(name: string | null, inputs: readonly string[], definition: (...inputs: any[]) => unknown): Variable;
    define(inputs: readonly string[], definition: (...inputs: any[]) => unknown): Variable;
    delete(): Variable;
  }

  export class Module {
    variable(observer?: Observer | true, options?: { shadow?: Record<string, unknown> }): Variable;
    define(name: string, inputs: readonly string[], definition: (...inputs: any[]) => unknown): Variable;
    redefine(name: string, inputs: readonly string[], definition: (...inputs: any[]) => unknown): Variable;
    builtin(name: string, value: unknown): void;
    /** The next settled value of a variable; retries if it is redefined while pending. */
    value(name: string): Promise<unknown>;
  }

  export class Runtime {
    /** `global` is consulted for names no module or builtin defines; v6 defaults it to globalThis. */
    constructor(builtins?: Record<string, unknown> | null, global?: (name: string) => unknown);
    module(): Module;
    dispose(): void;
    /** Internal but stable since v4: the promise of the next scheduled compute pass. */
    _compute(): Promise<void>;
  }
}
