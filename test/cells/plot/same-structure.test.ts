import { describe, expect, it } from "vitest";
import { sameStructure } from "../../../src/cells/plot/same-structure";

describe("sameStructure(specA, specB)", () => {
  const spec = (extra: Record<string, unknown> = {}) => ({
    title: { text: "Fit", subtitle: { expr: "data('n')[0].s" } },
    datasets: { points: [{ x: 1, y: 2 }] },
    layer: [{ mark: { type: "point", size: 18 }, encoding: { x: { field: "x", type: "quantitative" } } }],
    ...extra,
  });

  it("ignores the rows and the order of keys", () => {
    const other = { ...spec(), datasets: { points: [{ x: 5, y: 6 }, { x: 7, y: 8 }], extra: [] } };
    const reordered = { layer: spec().layer, datasets: {}, title: { subtitle: { expr: "data('n')[0].s" }, text: "Fit" } };
    expect(sameStructure(spec(), other)).toBe(true);
    expect(sameStructure(spec(), reordered)).toBe(true);
  });

  it("sees any other difference, however deep", () => {
    const deeper = spec();
    (deeper.layer[0]!.mark as { size: number }).size = 19;
    expect(sameStructure(spec(), deeper)).toBe(false);
    expect(sameStructure(spec(), spec({ width: 300 }))).toBe(false);
    expect(sameStructure(spec({ layer: [] }), spec())).toBe(false);
    expect(sameStructure(spec({ columns: [1, 2] }), spec({ columns: { 0: 1, 1: 2 } }))).toBe(false);
    expect(sameStructure(spec({ a: null }), spec({ a: {} }))).toBe(false);
  });

  it("treats an undefined key as absent, as the JSON a view is built from does", () => {
    expect(sameStructure(spec({ width: undefined }), spec())).toBe(true);
  });

  it("a nested `datasets` key is compared: only the top level holds rows", () => {
    expect(sameStructure(spec({ usermeta: { datasets: 1 } }), spec({ usermeta: { datasets: 2 } }))).toBe(false);
  });
});
