// One open workbench in the UI: the engine, a Solid signal per cell's run state, the document as a
// signal, undo/redo history and autosave. Components read from here and call its edit methods;
// all computation stays in the engine and the cells.
import { batch, createSignal, type Accessor, type Setter } from "solid-js";
import { createEngine, type CellRun, type Engine, type WorkbenchDoc } from "../../engine";
import { createCellRun } from "../../engine";
import { createHistory, type History } from "./history";

export interface SessionOptions {
  /** Called (debounced by the caller) after every accepted change of the document. */
  onDocChange?: (doc: WorkbenchDoc) => void;
}

export interface Session {
  readonly doc: Accessor<WorkbenchDoc>;
  /** Run state of a cell; a signal so only that cell's card re-renders. */
  run(cellId: string): CellRun;
  readonly engine: () => Engine;
  readonly history: History<WorkbenchDoc>;
  /** Live parameter change (dragging): a draft for the engine, no history entry until `commitParameter`. */
  setParameter(cellId: string, value: unknown): void;
  /** Ends the drag: the engine recomputes exactly, and the change becomes one undo step from `before`. */
  commitParameter(cellId: string, before: WorkbenchDoc): void;
  /** Applies an edit through the engine and records it for undo; throws (nothing changed) if refused. */
  edit(change: (engine: Engine) => void): void;
  /** Replaces the document (undo, redo, open file); recreates the engine when the cells' shape changed. */
  replaceDoc(doc: WorkbenchDoc): void;
  undo(): boolean;
  redo(): boolean;
  /** The cells on screen (the open sheet's): the engine computes what they need first. */
  setFocus(ids: readonly string[] | null): void;
  dispose(): void;
}

export function createSession(initial: WorkbenchDoc, options: SessionOptions = {}): Session {
  const runSignals = new Map<string, [Accessor<CellRun>, Setter<CellRun>]>();
  const [doc, setDoc] = createSignal(initial);
  let focus: readonly string[] | null = null;
  let engine = start(initial);
  const history = createHistory<WorkbenchDoc>();

  function signalOf(id: string): [Accessor<CellRun>, Setter<CellRun>] {
    let signal = runSignals.get(id);
    if (!signal) {
      signal = createSignal<CellRun>(createCellRun(), { equals: false });
      runSignals.set(id, signal);
    }
    return signal;
  }

  // Run states arrive one cell at a time (a slider move makes each downstream cell pending, then each
  // settles); those of one microtask reach the components as one Solid batch instead of an update each.
  // An engine replaced meanwhile (undo across a structural edit, an opened file) may still have some
  // on the way: those are dropped, the new engine's states having been set already.
  let arrived: [Engine, string, CellRun][] = [];
  function deliverRuns(): void {
    const runs = arrived;
    arrived = [];
    batch(() => {
      for (const [from, id, run] of runs) if (from === engine) signalOf(id)[1](run);
    });
  }

  function start(next: WorkbenchDoc): Engine {
    const created = createEngine(next);
    created.setFocus(focus);
    created.subscribe((id, run) => {
      if (arrived.length === 0) queueMicrotask(deliverRuns);
      arrived.push([created, id, run]);
    });
    batch(() => {
      for (const [id, run] of created.runs()) signalOf(id)[1](run);
    });
    return created;
  }

  function changed(next: WorkbenchDoc): void {
    setDoc(next);
    options.onDocChange?.(next);
  }

  function replaceDoc(next: WorkbenchDoc): void {
    // An undo or an opened file ends any drag still in progress: what follows computes exactly.
    engine.endDraft();
    if (!applyInPlace(engine, next)) {
      engine.dispose();
      engine = start(next);
    }
    changed(next);
  }

  return {
    doc,
    run: (id) => signalOf(id)[0](),
    engine: () => engine,
    history,
    setParameter(id, value) {
      batch(() => {
        engine.setParameter(id, value, { draft: true });
        changed(engine.doc);
      });
    },
    commitParameter(_id, before) {
      engine.endDraft();
      if (before !== engine.doc) history.record(before);
    },
    edit(change) {
      const before = engine.doc;
      change(engine);
      if (engine.doc !== before) {
        history.record(before);
        changed(engine.doc);
      }
    },
    replaceDoc,
    undo() {
      const previous = history.undo(doc());
      if (!previous) return false;
      replaceDoc(previous);
      return true;
    },
    redo() {
      const next = history.redo(doc());
      if (!next) return false;
      replaceDoc(next);
      return true;
    },
    setFocus(ids) {
      focus = ids;
      engine.setFocus(ids);
    },
    dispose: () => engine.dispose(),
  };
}

/**
 * Moves the engine to `next` with config and sheet edits only, when the two documents have the same
 * cells with the same types and inputs (the common undo of a slider move); otherwise returns false.
 */
function applyInPlace(engine: Engine, next: WorkbenchDoc): boolean {
  const current = engine.doc;
  if (current.cells.length !== next.cells.length) return false;
  for (let i = 0; i < next.cells.length; i++) {
    const a = current.cells[i]!;
    const b = next.cells[i]!;
    if (a.id !== b.id || a.type !== b.type || a.name !== b.name || a.inputs.join("\u0000") !== b.inputs.join("\u0000")) return false;
  }
  for (let i = 0; i < next.cells.length; i++) {
    const a = current.cells[i]!;
    const b = next.cells[i]!;
    if (JSON.stringify(a.config) !== JSON.stringify(b.config)) engine.setConfig(b.id, b.config);
  }
  const meta = { title: next.title, description: next.description, sheets: next.sheets, layout: next.layout };
  if (JSON.stringify(meta) !== JSON.stringify({ title: current.title, description: current.description, sheets: current.sheets, layout: current.layout })) {
    engine.setMeta(meta);
  }
  return true;
}
