// The headless runner behind `workbench run` and the tests: validate, apply values, compute every
// cell, wait until all have settled, and report statuses and summaries as plain JSON.
import type { CellRegistry, Json } from "../cells/registry";
import { cellTypes } from "../cells";
import { validateWorkbench } from "./document/validate";
import type { WorkbenchDoc } from "./document/types";
import { withValue } from "./edits";
import { createEngine, type Engine } from "./engine";

export interface HeadlessCell {
  id: string;
  type: string;
  status: "fulfilled" | "rejected";
  error: string | null;
  summary: Json | null;
}

export interface HeadlessResult {
  title: string;
  cells: HeadlessCell[];
  elapsed_ms: number;
}

export interface HeadlessOptions {
  registry?: CellRegistry;
  /** Values for parameter-like cells, applied before the first run (so nothing computes twice). */
  values?: ReadonlyArray<readonly [id: string, value: unknown]>;
}

/** Validates and applies values; throws WorkbenchError (bad file or refused value) before anything runs. */
export function prepareWorkbench(input: unknown, options: HeadlessOptions = {}): WorkbenchDoc {
  const registry = options.registry ?? cellTypes;
  let doc = validateWorkbench(input, registry);
  for (const [id, value] of options.values ?? []) doc = withValue(doc, id, value, registry);
  return doc;
}

function summarise(engine: Engine, id: string): Json | null {
  try {
    return engine.summary(id);
  } catch (error) {
    // A broken summary must not hide the cell's status.
    return { summaryError: (error as Error).message };
  }
}

/** Runs every cell to completion. The engine is returned for --out; the caller disposes it. */
export async function runHeadless(input: unknown, options: HeadlessOptions = {}): Promise<{ result: HeadlessResult; engine: Engine }> {
  const start = performance.now();
  const doc = prepareWorkbench(input, options);
  const engine = createEngine(doc, options.registry ? { registry: options.registry } : {});
  await engine.settled();
  const cells = doc.cells.map((cell): HeadlessCell => {
    const run = engine.run(cell.id)!;
    const status = run.status === "fulfilled" ? "fulfilled" : "rejected";
    return { id: cell.id, type: cell.type, status, error: run.error, summary: status === "fulfilled" ? summarise(engine, cell.id) : null };
  });
  return { result: { title: doc.title, cells, elapsed_ms: Math.round(performance.now() - start) }, engine };
}
