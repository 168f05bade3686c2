import { describe, expect, it } from "vitest";
import { buildGraph, checkGraph, downstreamOf, findCycle, topologicalOrder, upstreamOf } from "../../src/graph";

const nodes = (spec: Record<string, string[]>) => Object.entries(spec).map(([id, inputs]) => ({ id, inputs }));

describe("graph", () => {
  it("topologicalOrder(graph) puts inputs first and keeps document order for ties", () => {
    const g = buildGraph(nodes({ view: ["fit"], fit: ["data", "n"], data: [], n: [] }));
    expect(topologicalOrder(g)).toEqual(["data", "n", "fit", "view"]);
  });

  it("topologicalOrder(cyclic graph) throws naming the cycle", () => {
    expect(() => topologicalOrder(buildGraph(nodes({ a: ["c"], b: ["a"], c: ["b"], d: [] })))).toThrow("cycle: a -> b -> c -> a");
  });

  it("findCycle(graph) starts at the first cell in the document and follows the data flow", () => {
    expect(findCycle(buildGraph(nodes({ x: [], b: ["c"], c: ["d"], d: ["b"] })))).toEqual(["b", "d", "c", "b"]);
    expect(findCycle(buildGraph(nodes({ a: [], b: ["a"] })))).toBeNull();
  });

  it("checkGraph(nodes) reports duplicates, missing inputs, self-reads and repeats with paths", () => {
    expect(checkGraph(nodes({ a: ["a"], b: ["zz", "a", "a"] }))).toEqual([
      { path: "cells[0].inputs[0]", message: 'cell "a" cannot read itself' },
      { path: "cells[1].inputs[0]", message: 'no cell with id "zz"' },
      { path: "cells[1].inputs[2]", message: '"a" is listed twice' },
    ]);
    expect(checkGraph([{ id: "a", inputs: [] }, { id: "a", inputs: [] }])).toEqual([{ path: "cells[1].id", message: 'duplicate id "a" (also cells[0])' }]);
  });

  it("checkGraph(cycle of 2000) is found without recursion", () => {
    const many = Array.from({ length: 2000 }, (_, k) => ({ id: `c${k}`, inputs: [`c${(k + 1999) % 2000}`] }));
    const issues = checkGraph(many);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message.startsWith("cycle: c0 -> c1 -> c2")).toBe(true);
  });

  it("upstreamOf / downstreamOf(graph, id) give the transitive sets, without the cell itself", () => {
    const g = buildGraph(nodes({ n: [], data: [], fit: ["data", "n"], plot: ["fit", "data"], eq: ["fit"], other: [] }));
    expect(upstreamOf(g, "plot")).toEqual(new Set(["fit", "data", "n"]));
    expect(downstreamOf(g, "data")).toEqual(new Set(["fit", "plot", "eq"]));
    expect(downstreamOf(g, "other")).toEqual(new Set());
  });
});

describe("suggest(word, names)", () => {
  it("suggest(misspelt, names) finds the nearest name within two edits, else null", async () => {
    const { suggest } = await import("../../src/graph");
    expect(suggest("fitt", ["data", "fit", "plot"])).toBe("fit");
    expect(suggest("Plot", ["plot"])).toBe("plot");
    expect(suggest("histogram", ["plot", "table"])).toBeNull();
  });
});
