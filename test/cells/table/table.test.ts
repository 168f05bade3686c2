import { describe, expect, it } from "vitest";
import { builtinTable } from "../../../src/cells/dataset";
import { isTable, table } from "../../../src/cells/table";

const context = { cellId: "t", signal: new AbortController().signal, invalidation: new Promise<void>(() => {}) };

describe("table", () => {
  it("table.compute({maxRows}, [dataset]) is the input table; summary shows maxRows rows", () => {
    const data = builtinTable("Penicillin");
    const value = table.compute({ maxRows: 2 }, [{ id: "pen", type: "dataset", value: data }], context);
    expect(value).toBe(data);
    expect(table.summary(data, { maxRows: 2 })).toEqual({
      rows: 144,
      columns: ["diameter", "plate", "sample"],
      head: [
        { diameter: 27, plate: "a", sample: "A" },
        { diameter: 23, plate: "a", sample: "B" },
      ],
    });
  });

  it("table.compute(config, [a number]) throws naming the input", () => {
    expect(() => table.compute({ maxRows: 5 }, [{ id: "n", type: "parameter", value: 3 }], context)).toThrow('input "n" (parameter) is not a table');
  });

  it("isTable(value) accepts Arquero tables only", () => {
    expect(isTable(builtinTable("Dyestuff"))).toBe(true);
    expect(isTable({ rows: [] })).toBe(false);
    expect(isTable(null)).toBe(false);
  });

  it("table.config fills maxRows = 10 and refuses 0", () => {
    const issues: { path: string; message: string }[] = [];
    expect(table.config.parse({}, "config", issues)).toEqual({ maxRows: 10 });
    table.config.parse({ maxRows: 0 }, "config", issues);
    expect(issues).toEqual([{ path: "config.maxRows", message: "expected an integer in [1, 10000], got 0" }]);
  });
});
