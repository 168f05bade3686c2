import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import type { Issue } from "../../../src/cells/schema";
import { transform } from "../../../src/cells/transform";

const ctx = { cellId: "t", signal: new AbortController().signal, invalidation: new Promise<void>(() => {}) };

describe("transform cell", () => {
  it("transform.config.parse(config) reports step problems with full paths", () => {
    const issues: Issue[] = [];
    transform.config.parse({ steps: [{ filter: "d => d.x > 0" }, { derive: { z: "d => fetch('x')" } }] }, "cells[2].config", issues);
    expect(issues).toEqual([{ path: "cells[2].config.steps[1].derive.z", message: `unknown function "fetch" in "d => fetch('x')"` }]);
  });

  it("transform.compute(config, [main, other]) runs on the first input and joins others by cell id", async () => {
    const main = aq.table({ g: ["a", "b"], x: [1, 2] });
    const labels = aq.table({ g: ["a", "b"], label: ["A", "B"] });
    const config = transform.config.parse({ steps: [{ join: { table: "labels", on: "g" } }, { derive: { x2: "d => d.x * 2" } }] }, "config", [])!;
    const out = await transform.compute(config, [
      { id: "data", type: "dataset", value: main },
      { id: "labels", type: "dataset", value: labels },
    ], ctx);
    expect(out.objects()).toEqual([{ g: "a", x: 1, label: "A", x2: 2 }, { g: "b", x: 2, label: "B", x2: 4 }]);
    expect(transform.summary(out, config)).toEqual({ rows: 2, columns: ["g", "x", "label", "x2"], groupedBy: null });
  });

  it("transform.compute reads a generator-like value's data table and refuses non-tables", async () => {
    const config = transform.config.parse({ steps: [] }, "config", [])!;
    const data = aq.table({ y: [1] });
    expect((await transform.compute(config, [{ id: "sim", type: "generator", value: { data } }], ctx)).numRows()).toBe(1);
    expect(() => transform.compute(config, [{ id: "n", type: "parameter", value: 3 }], ctx)).toThrow('input "n" (parameter) is not a table');
  });
});
