// Fuzzing the engine: random small DAGs of test cells (parameter, count, fail, slow) with random
// configs, then random edits (valid and invalid), some made while cells are still running. After every
// refused edit the document is unchanged; after settling, every cell's state matches a reference
// evaluation of the final document; the document always re-validates (what autosave writes is sound).
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createEngine, validateWorkbench, WorkbenchError, type Engine, type WorkbenchDoc } from "../../src/engine";
import { createProbe, testRegistry } from "../engine/helpers/test-types";
import { budget, Counter, expectCleanError, sample, withTimeout } from "./helpers";

const counter = new Counter("engine");
afterAll(() => counter.report());
const probe = createProbe();
const registry = testRegistry(probe);

type Kind = "parameter" | "count" | "fail" | "slow";
interface GenCell {
  kind: Kind;
  value: number;
  inputs: number[]; // indices of earlier cells
}

const cellArb = fc.record({
  kind: fc.constantFrom<Kind>("parameter", "count", "count", "fail", "slow"),
  value: fc.integer({ min: 0, max: 9 }),
  inputs: fc.uniqueArray(fc.nat({ max: 7 }), { maxLength: 3 }),
});

function configOf(kind: Kind, value: number): Record<string, unknown> {
  switch (kind) {
    case "parameter":
      return { control: "slider", min: 0, max: 100, value };
    case "count":
      return { add: value };
    case "fail":
      return { message: `boom ${value}` };
    case "slow":
      return { ms: value % 4 };
  }
}

function buildDoc(cells: GenCell[]): Record<string, unknown> {
  return {
    format: "pooling-workbench",
    version: 1,
    title: "fuzz",
    cells: cells.map((c, i) => ({
      id: `c${i}`,
      type: c.kind,
      config: configOf(c.kind, c.value),
      inputs: c.kind === "parameter" ? [] : c.inputs.filter((j) => j < i).map((j) => `c${j}`),
    })),
  };
}

type Edit =
  | { op: "config"; cell: number; value: number; broken: boolean }
  | { op: "param"; cell: number; value: number | string }
  | { op: "add"; kind: Kind; value: number; inputs: number[]; id: number }
  | { op: "remove"; cell: number }
  | { op: "inputs"; cell: number; inputs: number[]; ghost: boolean }
  | { op: "settle" };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant("config" as const), cell: fc.nat({ max: 12 }), value: fc.integer({ min: -5, max: 200 }), broken: fc.boolean() }),
  fc.record({ op: fc.constant("param" as const), cell: fc.nat({ max: 12 }), value: fc.oneof(fc.integer({ min: -10, max: 150 }), fc.constantFrom("7", "x", "", "1e2", "NaN")) }),
  fc.record({ op: fc.constant("add" as const), kind: fc.constantFrom<Kind>("parameter", "count", "fail", "slow"), value: fc.integer({ min: 0, max: 9 }), inputs: fc.uniqueArray(fc.nat({ max: 12 }), { maxLength: 3 }), id: fc.nat({ max: 14 }) }),
  fc.record({ op: fc.constant("remove" as const), cell: fc.nat({ max: 12 }) }),
  fc.record({ op: fc.constant("inputs" as const), cell: fc.nat({ max: 12 }), inputs: fc.uniqueArray(fc.nat({ max: 12 }), { maxLength: 3 }), ghost: fc.boolean() }),
  fc.constant({ op: "settle" as const }),
);

const idAt = (doc: WorkbenchDoc, i: number): string => doc.cells[i % Math.max(1, doc.cells.length)]?.id ?? "nope";

async function applyEdit(engine: Engine, edit: Edit): Promise<void> {
  const doc = engine.doc;
  if (edit.op === "settle") {
    await withTimeout(engine.settled(), 5000, "settled() between edits");
    return;
  }
  const before = engine.doc;
  try {
    switch (edit.op) {
      case "config": {
        const id = idAt(doc, edit.cell);
        const type = doc.cells.find((c) => c.id === id)?.type as Kind | undefined;
        engine.setConfig(id, edit.broken ? { nonsense: edit.value } : configOf(type ?? "count", edit.value));
        break;
      }
      case "param":
        engine.setParameter(idAt(doc, edit.cell), edit.value);
        break;
      case "add":
        engine.addCell({ id: `n${edit.id}`, type: edit.kind, config: configOf(edit.kind, edit.value), inputs: edit.kind === "parameter" ? [] : edit.inputs.map((j) => idAt(doc, j)) });
        break;
      case "remove":
        engine.removeCell(idAt(doc, edit.cell));
        break;
      case "inputs":
        engine.setInputs(idAt(doc, edit.cell), [...edit.inputs.map((j) => idAt(doc, j)), ...(edit.ghost ? ["ghost"] : [])]);
        break;
    }
    counter.hit("accepted-edit");
  } catch (error) {
    counter.hit("refused-edit");
    expectCleanError(error, sample(edit));
    expect(error, sample(edit)).toBeInstanceOf(WorkbenchError);
    expect(engine.doc, `a refused edit changed the document: ${sample(edit)}`).toBe(before);
  }
}

/** Reference evaluation: value of each cell, or the set of failing roots that block it. */
function reference(doc: WorkbenchDoc): Map<string, { value?: number; failing: Set<string>; own?: string }> {
  const out = new Map<string, { value?: number; failing: Set<string>; own?: string }>();
  const byId = new Map(doc.cells.map((c) => [c.id, c]));
  const visit = (id: string): { value?: number; failing: Set<string>; own?: string } => {
    const hit = out.get(id);
    if (hit) return hit;
    const cell = byId.get(id)!;
    const ins = cell.inputs.map(visit);
    const failing = new Set(ins.flatMap((r) => [...r.failing]));
    let result: { value?: number; failing: Set<string>; own?: string };
    if (failing.size) result = { failing };
    else if (cell.type === "fail") result = { failing: new Set([id]), own: String(cell.config.message) };
    else if (cell.type === "parameter") result = { value: cell.config.value as number, failing };
    else {
      const sum = ins.reduce((s, r) => s + (r.value ?? 0), 0);
      result = { value: (cell.type === "count" ? ((cell.config.add as number) ?? 0) : 0) + sum, failing };
    }
    out.set(id, result);
    return result;
  };
  for (const c of doc.cells) visit(c.id);
  return out;
}

describe("fuzz: engine", () => {
  it("random DAGs and random edits settle to the reference state; refused edits change nothing", async () => {
    let graphs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(cellArb, { minLength: 1, maxLength: 8 }), fc.array(editArb, { maxLength: 8 }), async (cells, edits) => {
        graphs++;
        counter.hit("graph");
        let engine: Engine;
        try {
          engine = createEngine(buildDoc(cells), { registry });
        } catch (error) {
          expectCleanError(error);
          return;
        }
        try {
          for (const edit of edits) await applyEdit(engine, edit);
          await withTimeout(engine.settled(), 5000, `settled() after ${sample(edits)}`);
          const doc = engine.doc;
          // The document the app would autosave re-validates to itself.
          expect(validateWorkbench(structuredClone(doc), registry)).toEqual(doc);
          const ref = reference(doc);
          for (const cell of doc.cells) {
            const run = engine.run(cell.id)!;
            const want = ref.get(cell.id)!;
            const where = `${cell.id} in ${sample(doc.cells.map((c) => [c.id, c.type, c.inputs]))} after ${sample(edits)}`;
            if (want.own !== undefined) expect(run, where).toMatchObject({ status: "rejected", error: want.own, blockedBy: null });
            else if (want.failing.size) {
              expect(run.status, where).toBe("rejected");
              expect(want.failing.has(run.blockedBy ?? ""), `${where}: blocked by ${run.blockedBy}, expected one of ${[...want.failing]}`).toBe(true);
            } else expect(run, where).toMatchObject({ status: "fulfilled", value: want.value });
          }
        } finally {
          engine.dispose();
        }
      }),
      budget(3000),
    );
    console.log(`[fuzz] engine graphs: ${graphs}`);
  });

  it("a listener that throws, and dispose() in the middle of a run, do not break other cells", async () => {
    let done = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(cellArb, { minLength: 2, maxLength: 6 }), fc.nat({ max: 3 }), async (cells, disposeAfter) => {
        counter.hit("dispose-midway");
        const engine = createEngine(buildDoc(cells), { registry });
        const original = console.error;
        console.error = () => undefined; // the engine reports the throwing listener on console.error
        try {
          engine.subscribe(() => {
            throw new TypeError("listener bug");
          });
          for (let i = 0; i < disposeAfter; i++) await new Promise((r) => setTimeout(r, 1));
          engine.dispose();
          await withTimeout(engine.settled(), 2000, "settled() after dispose");
          done++;
        } finally {
          console.error = original;
        }
      }),
      { ...budget(1000), numRuns: 60 },
    );
    expect(done).toBeGreaterThan(0);
  });
});
