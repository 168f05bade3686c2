// The thin bridge to @observablehq/runtime: one variable per cell, defined with its input variables and
// redefined in place on edit, so the runtime recomputes exactly the downstream cells. Observers turn the
// runtime's pending/fulfilled/rejected into RunEvents; the runtime keeps scheduling and stale-dropping.
import { RuntimeError, type Module, type Runtime, type Variable } from "@observablehq/runtime";
import type { CellInput, CellType } from "../cells/registry";
import { afterPaint } from "./runtime/after-paint";
import { createRuntime } from "./runtime/create-runtime";
import { ms, type Milliseconds, type RunEvent } from "./run/cell-run";

/** Variable names carry a prefix that no builtin ("invalidation", "visibility") or global can collide with. */
const PREFIX = "cell ";
export const variableName = (id: string): string => PREFIX + id;
/** A cell's `resolve` result lives in a second variable, computed only while some cell reads it. */
const RESOLVED_PREFIX = "resolved ";
const resolvedName = (id: string): string => RESOLVED_PREFIX + id;
const cellIdOf = (name: string): string | null =>
  name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name.startsWith(RESOLVED_PREFIX) ? name.slice(RESOLVED_PREFIX.length) : null;

/** A cell's value travels boxed, so the runtime never treats a value as a promise or generator. */
interface Box {
  value: unknown;
  elapsed: Milliseconds;
}

/** A cell's own failure; downstream cells receive it as a RuntimeError naming their input instead. */
class CellFailure extends Error {
  constructor(
    readonly cellId: string,
    message: string,
    readonly elapsed: Milliseconds,
  ) {
    super(message);
  }
}

/** What the adapter asks of the engine. */
export interface AdapterHooks {
  /** Called for every runtime report about a cell. */
  onEvent(id: string, event: RunEvent): void;
  /** The type name of a cell, read at compute time for CellInput.type. */
  typeOf(id: string): string;
  /** The cell's last fulfilled value (its CellRun's), handed to its next compute as `previous`. */
  previousOf(id: string): unknown;
  /**
   * Whether a cell is off screen (not shown and read by nothing shown): such a cell starts only
   * after the next paint, so what the user is looking at settles first, and a newer value arriving
   * before then (a slider drag) cancels it without it ever running.
   */
  offScreen(id: string): boolean;
  /** Whether computes starting now serve a continuous edit (ComputeContext.draft). */
  drafting(): boolean;
  /**
   * Whether off-screen cells may start: no continuous edit in progress and none of the user's edits
   * in the last moments (the user has paused).
   */
  quiet(): boolean;
  /** Resolves when `quiet` or `offScreen` may have changed (a pause began, the focus moved). */
  nextWake(): Promise<void>;
}

/** What the adapter needs to define one cell. */
export interface CellDefinition {
  id: string;
  type: CellType;
  config: unknown;
  inputs: readonly string[];
  /** Per input: read its `resolve` result rather than its value (CellType.readsResolved). */
  readResolved: readonly boolean[];
  /** Per input, for this cell's own `resolve`: the input's `resolve` result (its type has one) or its value. */
  resolveFrom: readonly boolean[];
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === "string" ? error : "failed";
}

/** Maps a rejection to the event for cell `id`: its own error, or blocked through a direct input. */
function classify(id: string, error: unknown): RunEvent {
  if (error instanceof CellFailure && error.cellId === id) return { kind: "failed", error: error.message, elapsed: error.elapsed };
  if (error instanceof RuntimeError && error.input !== undefined) {
    const input = cellIdOf(error.input);
    if (input !== null && input !== id) return { kind: "blocked", by: input };
  }
  return { kind: "failed", error: messageOf(error), elapsed: null };
}

export class RuntimeAdapter {
  readonly #runtime: Runtime = createRuntime();
  readonly #module: Module = this.#runtime.module();
  readonly #variables = new Map<string, Variable>();
  readonly #resolved = new Map<string, Variable>();
  #disposed = false;

  constructor(private readonly hooks: AdapterHooks) {}

  /** Defines the cell's variable, or redefines it in place (same Variable: its outputs stay attached). */
  define(cell: CellDefinition): void {
    let variable = this.#variables.get(cell.id);
    if (!variable) {
      const id = cell.id;
      // A deleted variable still settles once (to undefined); only the live variable of an id may report.
      const live = (): boolean => this.#variables.get(id) === created;
      const created: Variable = this.#module.variable({
        pending: () => live() && this.hooks.onEvent(id, { kind: "pending" }),
        fulfilled: (box) => live() && this.hooks.onEvent(id, { kind: "fulfilled", value: (box as Box).value, elapsed: (box as Box).elapsed }),
        rejected: (error) => live() && this.hooks.onEvent(id, classify(id, error)),
      });
      variable = created;
      this.#variables.set(id, variable);
    }
    const reads = cell.inputs.map((input, i) => (cell.readResolved[i] ? resolvedName(input) : variableName(input)));
    variable.define(variableName(cell.id), [...reads, "invalidation"], this.#definition(cell));
    if (cell.type.resolve) this.#defineResolved(cell);
  }

  /**
   * The cell's `resolve` as a variable with no observer: the runtime computes it only while a cell
   * that reads it is computed, and its failure reaches that cell as "blocked by" this one.
   */
  #defineResolved(cell: CellDefinition): void {
    const { id, type, config, inputs: ids } = cell;
    let variable = this.#resolved.get(id);
    if (!variable) {
      variable = this.#module.variable();
      this.#resolved.set(id, variable);
    }
    const reads = ids.map((input, i) => (cell.resolveFrom[i] ? resolvedName(input) : variableName(input)));
    variable.define(resolvedName(id), reads, (...boxes: Box[]): Box => {
      const inputs: CellInput[] = boxes.map((box, i) => ({ id: ids[i]!, type: this.hooks.typeOf(ids[i]!), value: box.value }));
      return { value: type.resolve!(config, inputs), elapsed: ms(0) };
    });
  }

  #definition(cell: CellDefinition): (...args: unknown[]) => Promise<Box> {
    const { id, type, config, inputs: ids } = cell;
    return async (...args) => {
      const invalidation = args.pop() as Promise<void>;
      const inputs: CellInput[] = (args as Box[]).map((box, i) => ({ id: ids[i]!, type: this.hooks.typeOf(ids[i]!), value: box.value }));
      // One AbortController per run: aborted when the runtime invalidates this run (re-run, edit, dispose).
      const controller = new AbortController();
      void invalidation.then(() => controller.abort(new Error(`cell "${id}" was superseded`)));
      if (this.hooks.offScreen(id)) {
        await afterPaint();
        // Then they wait for the user to pause (a drag to end, a run of key presses to stop): each step
        // would supersede them anyway, and their work between steps would delay the next one. A cell
        // whose sheet opens meanwhile starts at once.
        while (this.hooks.offScreen(id) && !this.hooks.quiet() && !controller.signal.aborted) {
          await Promise.race([this.hooks.nextWake(), invalidation]);
        }
        // Superseded while waiting: the runtime drops this run's result, so skip the work.
        if (controller.signal.aborted) throw controller.signal.reason;
      }
      const start = performance.now();
      try {
        const value = await type.compute(config, inputs, { cellId: id, signal: controller.signal, invalidation, previous: this.hooks.previousOf(id), draft: this.hooks.drafting() });
        return { value, elapsed: ms(performance.now() - start) };
      } catch (error) {
        throw new CellFailure(id, messageOf(error), ms(performance.now() - start));
      }
    };
  }

  /** Removes a cell's variable; cells still reading it would see "not defined" (the engine refuses that first). */
  delete(id: string): void {
    const variable = this.#variables.get(id);
    this.#variables.delete(id);
    variable?.delete();
    this.#resolved.get(id)?.delete();
    this.#resolved.delete(id);
  }

  /** Resolves once the scheduled compute pass has run (every affected cell has seen `pending`). */
  async computed(): Promise<void> {
    if (!this.#disposed) await this.#runtime._compute();
  }

  /** Waits for the current run of these cells to settle; never rejects. */
  async wait(ids: readonly string[]): Promise<void> {
    if (this.#disposed) return;
    await Promise.allSettled(ids.filter((id) => this.#variables.has(id)).map((id) => this.#module.value(variableName(id))));
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#runtime.dispose();
  }
}
