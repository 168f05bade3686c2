// The engine the UI and the headless runner drive: a validated document, its runtime variables and
// the run state of every cell. Edits are checked first (document-level), then applied to the runtime.
import type { CellRegistry, CellType, Json } from "../cells/registry";
import type { ColumnTable } from "arquero";
import { cellTypes } from "../cells";
import { buildGraph, downstreamOf, upstreamOf, type DependencyGraph } from "../graph";
import { validateWorkbench } from "./document/validate";
import type { CellDoc, WorkbenchDoc } from "./document/types";
import { indexOfCell, withCell, withConfig, withInputs, withMeta, withoutCell, withValue, type DocMeta } from "./edits";
import { createCellRun, transition, type CellRun, type RunEvent } from "./run/cell-run";
import { neededFor, readsResolved } from "./needed";
import { RuntimeAdapter } from "./runtime-adapter";

export interface EngineOptions {
  /** Cell types to use; defaults to the built-in registry. Tests pass their own. */
  registry?: CellRegistry;
  /** The pause after which off-screen cells start; defaults to {@link OFF_SCREEN_QUIET_MS}. */
  offScreenQuietMs?: number;
}

export type EngineListener = (cellId: string, run: CellRun) => void;

export interface Engine {
  /** The current document (a new object after every accepted edit). */
  readonly doc: WorkbenchDoc;
  /** Run state of one cell. */
  run(cellId: string): CellRun | undefined;
  /** Run state of every cell, in document order. */
  runs(): Map<string, CellRun>;
  /** Replaces a cell's config (validated; refused with a WorkbenchError naming the path). Only downstream recomputes. */
  setConfig(cellId: string, config: unknown): void;
  /**
   * Sets a parameter-like cell's value (typed, or text as from `--set`). `draft`: one step of a
   * continuous edit (a drag); the cells it recomputes run as drafts until {@link Engine.endDraft}.
   */
  setParameter(cellId: string, value: unknown, options?: { draft?: boolean }): void;
  /** Ends a continuous edit: the parameters it moved are set again, so their downstream recomputes exactly. */
  endDraft(): void;
  /** Adds a cell (config defaults to the type's); refused before any change if invalid or if it makes a cycle. */
  addCell(cell: Partial<CellDoc> & { id: string; type: string }, options?: { sheet?: number }): void;
  /** Removes a cell no other cell reads. */
  removeCell(cellId: string): void;
  /** Rewires a cell's inputs; cycles and missing ids are refused before anything changes. */
  setInputs(cellId: string, inputs: readonly string[]): void;
  /** Replaces title, description, sheets or layout (checked); nothing recomputes. */
  setMeta(patch: DocMeta): void;
  /** The dependency graph of the current document, derived on demand. */
  graph(): DependencyGraph;
  upstream(cellId: string): Set<string>;
  downstream(cellId: string): Set<string>;
  /** JSON summary of a fulfilled cell's value (null otherwise). */
  summary(cellId: string): Json | null;
  /** Named tables of a fulfilled cell (empty when the type has none). */
  tables(cellId: string): Record<string, ColumnTable>;
  /** SVG of a fulfilled plot-like cell, or null. */
  svg(cellId: string): Promise<string | null>;
  /**
   * The cells the user is looking at (a sheet's cells), or null for all. Cells neither in `ids` nor
   * upstream of them compute after the next paint, so a slider move redraws what is on screen first.
   */
  setFocus(ids: readonly string[] | null): void;
  /** Called on every run-state change; returns the unsubscribe function. */
  subscribe(listener: EngineListener): () => void;
  /** Resolves when no cell is pending (after the edits made so far). */
  settled(): Promise<void>;
  /** Stops every computation (running cells see their signal abort). */
  dispose(): void;
}

/**
 * How long the user must pause (no edit, no drag step) before cells nobody is looking at start: a
 * run of arrow-key steps or clicks then computes them once at its end instead of after every step.
 */
export const OFF_SCREEN_QUIET_MS = 300;

/** Validates `input` (any supported version; throws WorkbenchError) and starts computing every cell. */
export function createEngine(input: unknown, options: EngineOptions = {}): Engine {
  const registry = options.registry ?? cellTypes;
  let doc = validateWorkbench(input, registry);
  const runs = new Map<string, CellRun>(doc.cells.map((c) => [c.id, createCellRun()]));
  const listeners = new Set<EngineListener>();
  let disposed = false;
  const cellOf = (id: string): CellDoc => doc.cells[indexOfCell(doc, id)]!;
  const typeOfCell = (cell: CellDoc): CellType => registry.get(cell.type);

  function onEvent(id: string, event: RunEvent): void {
    const run = runs.get(id);
    if (!run) return; // a removed cell's last report
    // Name the root cause: if the direct input is itself blocked, point at what blocks it.
    const resolved: RunEvent = event.kind === "blocked" ? { kind: "blocked", by: runs.get(event.by)?.blockedBy ?? event.by } : event;
    const next = transition(run, resolved);
    runs.set(id, next);
    for (const listener of listeners) {
      // Listeners run inside the runtime's promise handlers: a throw there would become an unhandled
      // rejection and could stall the compute pass, so it is reported and contained.
      try {
        listener(id, next);
      } catch (error) {
        console.error(`workbench: a run-state listener threw for cell "${id}":`, error);
      }
    }
  }

  // The focused cells and everything they read; null while nothing is focused (headless, tests).
  let focus: { ids: readonly string[]; closure: Set<string> } | null = null;
  const focusClosure = (ids: readonly string[]): Set<string> => neededFor(doc.cells, registry, ids);
  const offScreen = (id: string): boolean => focus !== null && !focus.closure.has(id);

  // Parameters moved by the continuous edit in progress (a drag); empty when none is.
  const drafted = new Set<string>();
  // Off-screen cells start once the user pauses: no drag in progress and no edit for OFF_SCREEN_QUIET_MS.
  // The pause is the timer's to declare (not a clock comparison, which a timer firing a fraction of a
  // millisecond early by the clock would leave waiting for a wake that already came).
  const quietMs = options.offScreenQuietMs ?? OFF_SCREEN_QUIET_MS;
  let paused = true;
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  let wake: { promise: Promise<void>; resolve: () => void } | null = null;
  const wakeWaiters = (): void => {
    wake?.resolve();
    wake = null;
  };
  const edited = (): void => {
    paused = false;
    clearTimeout(quietTimer);
    quietTimer = setTimeout(() => {
      paused = true;
      wakeWaiters();
    }, quietMs);
  };

  const adapter = new RuntimeAdapter({
    onEvent,
    typeOf: (id) => cellOf(id).type,
    // A run's value is kept while it is pending and cleared when it fails: the previous value to build on.
    previousOf: (id) => runs.get(id)?.value,
    offScreen,
    drafting: () => drafted.size > 0,
    quiet: () => drafted.size === 0 && paused,
    nextWake: () => {
      if (!wake) {
        let resolve!: () => void;
        const promise = new Promise<void>((r) => (resolve = r));
        wake = { promise, resolve };
      }
      return wake.promise;
    },
  });
  const define = (cell: CellDoc): void => {
    edited();
    const type = typeOfCell(cell);
    const inputTypes = cell.inputs.map((id) => typeOfCell(cellOf(id)));
    adapter.define({
      id: cell.id,
      type,
      config: cell.config,
      inputs: cell.inputs,
      readResolved: inputTypes.map((input) => readsResolved(type, input)),
      resolveFrom: inputTypes.map((input) => input.resolve !== undefined),
    });
  };
  // Wiring edits change what the focused cells read.
  const refocus = (): void => {
    if (focus) focus = { ids: focus.ids, closure: focusClosure(focus.ids) };
  };
  for (const cell of doc.cells) define(cell);
  // Opening is not an edit: cells on other sheets still start after the first paint.
  clearTimeout(quietTimer);
  paused = true;

  function fulfilledValue(id: string): { value: unknown; cell: CellDoc } | null {
    const run = runs.get(id);
    return run?.status === "fulfilled" ? { value: run.value, cell: cellOf(id) } : null;
  }

  return {
    get doc() {
      return doc;
    },
    run: (id) => runs.get(id),
    runs: () => new Map(doc.cells.map((c) => [c.id, runs.get(c.id)!])),
    setConfig(id, config) {
      doc = withConfig(doc, id, config, registry);
      define(cellOf(id));
    },
    setParameter(id, value, opts = {}) {
      doc = withValue(doc, id, value, registry);
      if (opts.draft) drafted.add(id);
      define(cellOf(id));
    },
    endDraft() {
      const moved = [...drafted].filter((id) => runs.has(id));
      drafted.clear();
      for (const id of moved) define(cellOf(id));
      wakeWaiters(); // waiters re-check: a drag that moved nothing still ended
    },
    addCell(cell, opts = {}) {
      doc = withCell(doc, cell, registry, opts.sheet);
      runs.set(cell.id, createCellRun());
      refocus();
      define(cellOf(cell.id));
    },
    removeCell(id) {
      doc = withoutCell(doc, id);
      runs.delete(id);
      refocus();
      adapter.delete(id);
    },
    setInputs(id, inputs) {
      doc = withInputs(doc, id, inputs, registry);
      refocus();
      define(cellOf(id));
    },
    setMeta(patch) {
      doc = withMeta(doc, patch, registry);
    },
    graph: () => buildGraph(doc.cells),
    upstream: (id) => upstreamOf(buildGraph(doc.cells), id),
    downstream: (id) => downstreamOf(buildGraph(doc.cells), id),
    summary(id) {
      const got = fulfilledValue(id);
      return got ? typeOfCell(got.cell).summary(got.value, got.cell.config) : null;
    },
    tables(id) {
      const got = fulfilledValue(id);
      return got ? (typeOfCell(got.cell).tables?.(got.value, got.cell.config) ?? {}) : {};
    },
    async svg(id) {
      const got = fulfilledValue(id);
      const type = got && typeOfCell(got.cell);
      return got && type?.svg ? await type.svg(got.value, got.cell.config) : null;
    },
    setFocus(ids) {
      focus = ids === null ? null : { ids: [...ids], closure: focusClosure(ids) };
      wakeWaiters();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async settled() {
      // Loop because a settling cell may have been redefined meanwhile (an edit during the wait).
      while (!disposed) {
        await adapter.computed();
        const pending = [...runs].filter(([, run]) => run.status === "pending").map(([id]) => id);
        if (pending.length === 0) return;
        await adapter.wait(pending);
      }
    },
    dispose() {
      disposed = true;
      listeners.clear();
      clearTimeout(quietTimer);
      adapter.dispose();
      wakeWaiters();
    },
  };
}
