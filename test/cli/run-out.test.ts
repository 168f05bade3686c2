// --out with a plot-like cell: the built-in registry has none yet, so a test type supplies svg().
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { writeOutputs } from "../../src/cli/run-command";
import { createCellRegistry, defineCellType } from "../../src/cells/registry";
import { object } from "../../src/cells/schema";
import { createEngine } from "../../src/engine";

const chart = defineCellType({
  name: "chart",
  title: "Chart",
  description: "test plot",
  config: object({}),
  defaults: {},
  inputs: { min: 0, max: 0 },
  compute: () => ({ points: 3 }),
  summary: (v: { points: number }) => v,
  svg: async (v: { points: number }) => `<svg xmlns="http://www.w3.org/2000/svg"><text>${v.points}</text></svg>`,
  tables: () => ({ main: aq.table({ x: [1, 2, 3] }), "fit/stats": aq.table({ k: ["a"] }) }),
});
const unrenderable = defineCellType({
  ...chart,
  name: "unrenderable",
  svg: async (): Promise<string> => {
    throw new Error("no marks");
  },
});
const broken = defineCellType({ ...chart, name: "broken", compute: (): never => {
    throw new Error("no data");
  } });

describe("writeOutputs(engine, dir)", () => {
  it("writes ID.svg, ID.csv and ID.NAME.csv for fulfilled cells, nothing for rejected ones", async () => {
    const registry = createCellRegistry([chart, broken]);
    const engine = createEngine(
      { format: "pooling-workbench", version: 1, title: "t", cells: [{ id: "plot", type: "chart", config: {}, inputs: [] }, { id: "bad", type: "broken", config: {}, inputs: [] }] },
      { registry },
    );
    const dir = await mkdtemp(join(tmpdir(), "wb-svg-"));
    try {
      await engine.settled();
      expect(engine.run("bad")!.status).toBe("rejected");
      const report = await writeOutputs(engine, dir);
      expect(report).toEqual({ written: ["plot.svg", "plot.csv", "plot.fit_stats.csv"], failed: [] });
      expect((await readdir(dir)).sort()).toEqual(["plot.csv", "plot.fit_stats.csv", "plot.svg"]);
      expect(await readFile(join(dir, "plot.svg"), "utf8")).toContain("<text>3</text>");
      expect(await readFile(join(dir, "plot.csv"), "utf8")).toBe("x\n1\n2\n3\n");
    } finally {
      engine.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reports a cell whose svg() throws in `failed` and still writes its tables", async () => {
    const engine = createEngine(
      { format: "pooling-workbench", version: 1, title: "t", cells: [{ id: "p", type: "unrenderable", config: {}, inputs: [] }] },
      { registry: createCellRegistry([unrenderable]) },
    );
    const dir = await mkdtemp(join(tmpdir(), "wb-svg-"));
    try {
      await engine.settled();
      expect(await writeOutputs(engine, dir)).toEqual({ written: ["p.csv", "p.fit_stats.csv"], failed: ["p.svg: no marks"] });
    } finally {
      engine.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
