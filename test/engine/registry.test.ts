import { describe, expect, it } from "vitest";
import { builtinCellTypes, cellTypes, getCellType, hasCellType } from "../../src/cells";
import { createCellRegistry, defineCellType } from "../../src/cells/registry";
import { object } from "../../src/cells/schema";

const fake = (name: string) =>
  defineCellType({ name, title: name, description: "", config: object({}), defaults: {}, inputs: { min: 0, max: 0 }, compute: () => 1, summary: () => 1 });

describe("cell registry", () => {
  it("registry.register(type) refuses illegal names", () => {
    const registry = createCellRegistry();
    for (const name of ["", "Plot", "1plot", "plot type", "__proto__", "x".repeat(41)]) {
      expect(() => registry.register(fake(name))).toThrow(/^Illegal cell type name/);
    }
  });

  it("registry.register(type) refuses a duplicate unless override is passed", () => {
    const registry = createCellRegistry([fake("plot")]);
    expect(() => registry.register(fake("plot"))).toThrow('The cell type "plot" is already defined; pass override: true to replace it');
    const replacement = fake("plot");
    registry.register(replacement, { override: true });
    expect(registry.get("plot")).toBe(replacement);
  });

  it("hasCellType / getCellType cover the built-ins; an unknown name throws", () => {
    expect(builtinCellTypes.map((t) => t.name)).toEqual(expect.arrayContaining(["parameter", "dataset", "table"]));
    expect(hasCellType("dataset")).toBe(true);
    expect(hasCellType("plott")).toBe(false);
    expect(getCellType("table").title).toBe("Table");
    expect(() => getCellType("plott")).toThrow('unknown cell type "plott"');
    expect(cellTypes.names()).toEqual(builtinCellTypes.map((t) => t.name));
  });

  it("every built-in type's defaults pass its own schema and checks", () => {
    for (const type of builtinCellTypes) {
      const issues: { path: string; message: string }[] = [];
      type.config.parse(type.defaults, "config", issues);
      expect([...issues, ...(type.check?.(type.defaults) ?? [])]).toEqual([]);
    }
  });
});
