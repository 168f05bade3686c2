// The built-in registry end to end: dataset -> transform -> table and plot, through `workbench run`.
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";

describe("workbench run with every built-in type", () => {
  it("run(sleepstudy-plot.json, --out DIR, --format json) fulfils every cell and writes the plot's SVG", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wb-int-"));
    let out = "";
    try {
      const code = await main(["run", join(import.meta.dirname, "..", "fixtures", "sleepstudy-plot.json"), "--out", dir, "--format", "json"], {
        out: (t) => void (out += t),
        err: (t) => void (out += t),
      });
      const result = JSON.parse(out);
      expect(result.cells.map((c: { id: string; status: string }) => `${c.id}:${c.status}`)).toEqual(["sleep:fulfilled", "xy:fulfilled", "rows:fulfilled", "scatter:fulfilled"]);
      expect(code).toBe(0);
      expect(result.cells[2].summary).toMatchObject({ rows: 144, columns: ["y", "x", "group"] });
      expect((await readdir(dir)).sort()).toEqual(["rows.csv", "scatter.svg", "sleep.csv", "xy.csv"]);
      expect(await readFile(join(dir, "scatter.svg"), "utf8")).toMatch(/^<svg/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
