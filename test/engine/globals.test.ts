// A cell can never reach the host: no builtins, a resolver that refuses every global name, and
// inputs that must name cells of the same workbench.
import { afterEach, describe, expect, it } from "vitest";
import type { Runtime } from "@observablehq/runtime";
import { WorkbenchError, createRuntime, refuseGlobal, validateWorkbench } from "../../src/engine";
import { cellTypes } from "../../src/cells";
import { workbench } from "./helpers/test-types";

const GLOBALS = ["process", "window", "fetch", "globalThis", "document", "require", "setTimeout", "Function", "eval"];

let runtime: Runtime | undefined;
afterEach(() => runtime?.dispose());

describe("no globals", () => {
  it.each(GLOBALS)("validateWorkbench(cell with inputs [%s]) is refused: no such cell", (name) => {
    const doc = workbench([{ id: "data", type: "dataset", config: { source: { builtin: "Dyestuff" } } }, { id: "view", type: "table", inputs: [name] }]);
    expect(() => validateWorkbench(doc, cellTypes)).toThrow(`cells[1].inputs[0]: no cell with id "${name}"`);
  });

  it.each(GLOBALS)("createRuntime(): a variable reading %s is rejected as not defined", async (name) => {
    runtime = createRuntime();
    const module = runtime.module();
    module.variable(true).define("x", [name], (v: unknown) => v);
    await expect(module.value("x")).rejects.toThrow(`${name} is not defined`);
  });

  it("refuseGlobal(name) throws for every name, including ones globalThis has", () => {
    expect(() => refuseGlobal("process")).toThrow("process is not defined");
    expect(() => refuseGlobal("Math")).toThrow("Math is not defined");
  });

  it.each(["__proto__", "constructor", "prototype"])("validateWorkbench(cell id %s) is refused", (id) => {
    const doc = { format: "pooling-workbench", version: 1, title: "t", cells: [{ id, type: "parameter", config: { control: "toggle", value: true }, inputs: [] }] };
    expect(() => validateWorkbench(doc, cellTypes)).toThrow(WorkbenchError);
  });
});
