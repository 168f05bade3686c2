import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cellTypes } from "../../src/cells";
import { LIMITS, WorkbenchError, migrate, parseWorkbenchText, validateWorkbench } from "../../src/engine";

const fixture = (name: string) => parseWorkbenchText(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8"));

function messageOf(input: unknown): string {
  try {
    validateWorkbench(input, cellTypes);
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError);
    return (error as WorkbenchError).message;
  }
  throw new Error("expected the document to be refused");
}

const base = () => ({
  format: "pooling-workbench",
  version: 1,
  title: "t",
  cells: [
    { id: "n", type: "parameter", config: { control: "slider", min: 0, max: 10, value: 3 }, inputs: [] },
    { id: "data", type: "dataset", config: { source: { builtin: "sleepstudy" } }, inputs: [] },
    { id: "view", type: "table", config: { maxRows: 5 }, inputs: ["data"] },
  ] as Record<string, unknown>[],
});

describe("validateWorkbench(doc, registry)", () => {
  it("validateWorkbench(basic fixture) returns the normalised document", () => {
    const doc = validateWorkbench(fixture("basic.json"), cellTypes);
    expect(doc.cells.map((c) => c.id)).toEqual(["days", "pooling", "reml", "sleep", "preview"]);
    expect(doc.sheets[1]).toEqual({ name: "Data", cells: ["sleep", "preview"] });
    expect(doc.layout.cells?.preview).toEqual({ x: 320, y: 0, collapsed: false });
  });

  it("validateWorkbench(no sheets) puts every cell on one sheet and fills config defaults", () => {
    const doc = base();
    doc.cells[2]!.config = {};
    const checked = validateWorkbench(doc, cellTypes);
    expect(checked.sheets).toEqual([{ name: "Sheet 1", cells: ["n", "data", "view"] }]);
    expect(checked.cells[2]!.config).toEqual({ maxRows: 10 });
    expect(checked.description).toBe("");
  });

  it("validateWorkbench(unknown type) names the cell and the type", () => {
    const doc = base();
    doc.cells[2]!.type = "plott";
    expect(messageOf(doc)).toMatch(/^cells\[2\]\.type: unknown cell type "plott" \(did you mean "plot"\? known: parameter, .*dataset, .*table/);
    doc.cells[2]!.type = "histogram";
    expect(messageOf(doc)).toMatch(/^cells\[2\]\.type: unknown cell type "histogram" \(known: parameter, /);
  });

  it("validateWorkbench(missing input) names the input", () => {
    const doc = base();
    doc.cells[2]!.inputs = ["dta"];
    expect(messageOf(doc)).toBe('cells[2].inputs[0]: no cell with id "dta" (did you mean "data"?)');
  });

  it.each([
    [{ control: "slider", min: 0, max: 10, value: 30 }, "cells[0].config.value: 30 is outside the range [0, 10]"],
    [{ control: "slidr", value: 3 }, 'cells[0].config.control: expected one of "slider", "number", "select", "toggle", got "slidr"'],
    [{ control: "slider", min: 0, max: 10, value: 3, mx: 4 }, 'cells[0].config.mx: unknown key "mx" (expected control, label, min, max, step, value, default, options)'],
    [{ control: "slider", min: 5, max: 1, value: 3 }, "cells[0].config.max: max (1) must be greater than min (5)"],
    [{ control: "select", value: "c", options: ["a", "b"] }, 'cells[0].config.value: "c" is not one of the options "a", "b"'],
    [{ control: "toggle" }, "cells[0].config.value: missing (expected a number, string or boolean)"],
  ])("validateWorkbench(parameter config %j) is refused with its path", (config, message) => {
    const doc = base();
    doc.cells[0]!.config = config;
    expect(messageOf(doc)).toBe(message);
  });

  it("validateWorkbench(dataset config) refuses unknown datasets and mixed sources", () => {
    const doc = base();
    doc.cells[1]!.config = { source: { builtin: "iris" } };
    expect(messageOf(doc)).toMatch(/^cells\[1\]\.config\.source\.builtin: no built-in dataset "iris"/);
    doc.cells[1]!.config = { source: { builtin: "cbpp", csv: "a\n1" } };
    expect(messageOf(doc)).toBe("cells[1].config.source: expected an object with exactly one of the keys builtin, csv, got keys builtin, csv");
  });

  it("validateWorkbench(table with two inputs) refuses the arity", () => {
    const doc = base();
    doc.cells[2]!.inputs = ["data", "n"];
    expect(messageOf(doc)).toBe("cells[2].inputs: a table cell takes exactly 1 input, got 2");
  });

  it("validateWorkbench(cycle) names the cycle", () => {
    expect(messageOf(fixture("cycle.json"))).toBe("cells: cycle: a -> b -> c -> a");
  });

  it("validateWorkbench(duplicate ids) names both places", () => {
    const doc = base();
    doc.cells[2]!.id = "n";
    expect(messageOf(doc)).toBe('cells[2].id: duplicate id "n" (also cells[0])');
  });

  it("validateWorkbench(several problems) reports the first and counts the rest", () => {
    const doc = base();
    doc.cells[0]!.type = "plott";
    doc.cells[2]!.inputs = ["nope"];
    const error = (() => {
      try {
        validateWorkbench(doc, cellTypes);
      } catch (e) {
        return e as WorkbenchError;
      }
    })()!;
    expect(error.issues.map((i) => i.path)).toEqual(["cells[0].type"]);
    doc.cells[0]!.type = "parameter";
    doc.cells[1]!.id = "bad id";
    expect(messageOf(doc)).toMatch(/^cells\[1\]\.id: invalid id "bad id"/);
  });

  it.each(["__proto__", "constructor", "prototype"])("parseWorkbenchText(key %s anywhere) is refused", (key) => {
    const text = `{"format":"pooling-workbench","version":1,"title":"t","cells":[{"id":"n","type":"parameter","config":{"control":"toggle","value":true,"${key}":{"polluted":true}},"inputs":[]}]}`;
    expect(() => parseWorkbenchText(text)).toThrow(`cells[0].config.${key}: forbidden key "${key}"`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("parseWorkbenchText(a number beyond the double range) is refused where it is: it would save as null", () => {
    expect(() => parseWorkbenchText('{"cells":[{"config":{"value":1e999}}]}')).toThrow("cells[0].config.value: a number too large to store");
    expect(() => parseWorkbenchText('{"layout":[1,-1e400]}')).toThrow("layout[1]: a number too large to store");
    expect(parseWorkbenchText('{"a":1e308,"b":[-1e-400]}')).toEqual({ a: 1e308, b: [-0] });
  });

  it("parseWorkbenchText(text with a byte-order mark) reads it", () => {
    expect(parseWorkbenchText('\uFEFF{"a":1}')).toEqual({ a: 1 });
  });

  it("parseWorkbenchText(deep nesting, huge text, bad JSON) is refused with a reason", () => {
    const deep = "[".repeat(LIMITS.depth + 5) + "]".repeat(LIMITS.depth + 5);
    expect(() => parseWorkbenchText(deep)).toThrow(`nested deeper than ${LIMITS.depth} levels`);
    expect(() => parseWorkbenchText(" ".repeat(LIMITS.fileChars + 1))).toThrow("file too large");
    expect(() => parseWorkbenchText("{title: 1}")).toThrow(/^not valid JSON/);
  });

  it("validateWorkbench(unknown top-level key, wrong format, future version) is refused", () => {
    expect(messageOf({ ...base(), script: "alert(1)" })).toBe('script: unknown key "script" (expected format, version, title, description, cells, sheets, layout)');
    expect(messageOf({ ...base(), format: "notebook" })).toBe('format: expected "pooling-workbench", got "notebook"');
    expect(messageOf({ ...base(), version: 7 })).toBe("version 7 is newer than this app reads (1); update the app".replace(/^/, "version: "));
    expect(messageOf([])).toBe("a workbench file must be a JSON object");
  });

  it("validateWorkbench(sheets and layout naming missing cells) is refused", () => {
    expect(messageOf({ ...base(), sheets: [{ name: "A", cells: ["n", "ghost"] }] })).toBe('sheets[0].cells[1]: no cell with id "ghost"');
    expect(messageOf({ ...base(), layout: { cells: { ghost: { x: 1 } } } })).toBe('layout.cells.ghost: no cell with id "ghost"');
    expect(messageOf({ ...base(), layout: { cells: { n: { x: "left" } } } })).toBe("layout.cells.n.x: invalid x");
  });
});

describe("migrate(doc)", () => {
  it("migrate(v1 doc) returns it unchanged", () => {
    const doc = base();
    expect(migrate(doc)).toBe(doc);
  });

  it("migrate(v1 doc, {migrations, current: 3}) runs each step in order", () => {
    const steps = {
      1: (d: Record<string, unknown>) => ({ ...d, title: `${d.title as string}+2` }),
      2: (d: Record<string, unknown>) => ({ ...d, title: `${d.title as string}+3` }),
    };
    expect(migrate(base(), { migrations: steps, current: 3 })).toMatchObject({ version: 3, title: "t+2+3" });
    expect(() => migrate(base(), { migrations: {}, current: 2 })).toThrow("no migration from version 1");
  });
});
