// The sweep as a cell: the power template runs headless (Node worker threads), plots read its tables
// through the sweep presets, and the CLI's progress line can be printed from the progress store.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { runHeadless } from "../../../src/engine/headless";
import { disposeSharedPools } from "../../../src/engine/workers";
import { chartPresets } from "../../../src/cells/plot/presets";
import { formatSweepProgress, printSweepProgress, type SweepProgress, type SweepValue } from "../../../src/cells/sweep";
import { fulfilled } from "../../engine/helpers/test-types";

afterAll(() => disposeSharedPools());

function powerTemplate(replicates: number): any {
  const doc = JSON.parse(readFileSync(new URL("../../../templates/power.json", import.meta.url), "utf8"));
  const sweep = doc.cells.find((c: { id: string }) => c.id === "power");
  sweep.config.replicates = replicates;
  sweep.config.workers = 2;
  return doc;
}

describe("the power template", () => {
  it("runs headless on worker threads, with a progress line, and its plots read the sweep", async () => {
    const lines: string[] = [];
    const stop = printSweepProgress((line) => lines.push(line), { intervalMs: 0 });
    const { result, engine } = await runHeadless(powerTemplate(4));
    stop();
    try {
      expect(result.cells.filter((c) => c.status !== "fulfilled")).toEqual([]);
      const summary = result.cells.find((c) => c.id === "power")!.summary as Record<string, any>;
      expect(summary).toMatchObject({ status: "complete", points: 4, replicates: 4, fits: 16, alpha: 0.05, seed: 2026, terms: ["x", "sd__x"] });
      expect(summary.results.map((r: { groups: number; term: string }) => `${r.groups}:${r.term}`)).toEqual(["4:x", "4:sd__x", "8:x", "8:sd__x", "16:x", "16:sd__x", "32:x", "32:sd__x"]);
      const plots = result.cells.filter((c) => c.type === "plot");
      expect(plots.map((p) => (p.summary as { datasets: Record<string, number> }).datasets)).toEqual([
        { power_rows: 4, power_refs: 2, power_note: 1 },
        { bc_bias: 8, bc_coverage: 4, bc_note: 1, bc_scales: 1 },
        { est_rows: 32 },
      ]);
      const tables = engine.tables("power");
      expect(Object.keys(tables)).toEqual(["main", "replicates", "grid"]);
      expect(tables.replicates!.numRows()).toBe(32);
      expect(tables.main!.columnNames()).toEqual(expect.arrayContaining(["groups", "term", "bias", "mcse_bias", "coverage", "mcse_coverage", "rejection", "mcse_rejection", "singular_rate", "nonconverged_rate"]));
      const svg = await engine.svg("power_curve");
      expect(svg).toContain("<svg");
      expect(lines[0]).toBe("sweep power: 0/16 fits (0%), 2 workers\n");
      expect(lines.at(-1)).toMatch(/^sweep power: 16\/16 fits \(100%\) done in .*fits\/s\n$/);
    } finally {
      engine.dispose();
    }
  });

  it("a slider drag gets a draft sweep (the first replicates of each point); the release runs them all", async () => {
    const { engine } = await runHeadless(powerTemplate(100));
    try {
      engine.setParameter("groupSize", 6, { draft: true });
      await engine.settled();
      const draft = engine.run("power")!.value as SweepValue;
      expect(draft.status).toBe("draft");
      expect(draft.done).toBeLessThan(400);
      expect(engine.run("power_curve")!.status).toBe("fulfilled");
      engine.endDraft();
      await engine.settled();
      const full = engine.run("power")!.value as SweepValue;
      expect(full.status).toBe("complete");
      expect(full.done).toBe(400);
    } finally {
      engine.dispose();
    }
  }, 60_000);

  it("on the power study's sheet a drag step's sweep starts from the generator's and model's resolve: the example data and fit on the Details sheet wait for the pause", async () => {
    const doc = powerTemplate(100);
    const { engine } = await runHeadless(doc);
    try {
      const sheet = doc.sheets.find((s: { name: string }) => s.name === "Power study").cells as string[];
      expect(sheet).not.toContain("fit");
      engine.setFocus(sheet);
      const before = { sim: engine.run("sim")!.runs, fit: engine.run("fit")!.runs, power: engine.run("power")!.runs };
      const powerSettled = fulfilled(engine, "power");
      engine.setParameter("groupSize", 7, { draft: true });
      await powerSettled;
      const draft = engine.run("power")!.value as SweepValue;
      expect(draft.status).toBe("draft");
      // The draft's grid has 7 observations per group: the generator's resolve, not its last value (5).
      expect(draft.grid.map((g) => [g.groups, g.groupSize, g.formula])).toEqual([4, 8, 16, 32].map((g) => [g, 7, "y ~ x + (x | group)"]));
      expect(engine.run("power")!.runs).toBe(before.power + 1);
      expect([engine.run("sim")!.status, engine.run("sim")!.runs]).toEqual(["pending", before.sim]);
      expect([engine.run("fit")!.status, engine.run("fit")!.runs]).toEqual(["pending", before.fit]);
      engine.endDraft();
      await engine.settled();
      expect(engine.run("fit")).toMatchObject({ status: "fulfilled", runs: before.fit + 1 });
      expect((engine.summary("sim") as { rows: number }).rows).toBe(8 * 7);
    } finally {
      engine.dispose();
    }
  }, 60_000);

  it("gives the same summary for the same seed", async () => {
    const a = await runHeadless(powerTemplate(2));
    const b = await runHeadless(powerTemplate(2));
    a.engine.dispose();
    b.engine.dispose();
    expect(b.result.cells.find((c) => c.id === "power")!.summary).toEqual(a.result.cells.find((c) => c.id === "power")!.summary);
  });
});

describe("a sweep rerun", () => {
  it("reuses the last result when the varied parameter moves (no grid point changes) and refits when another does", async () => {
    const { engine } = await runHeadless(powerTemplate(2));
    try {
      const first = engine.run("power")!.value;
      engine.setParameter("groups", 12);
      await engine.settled();
      expect(engine.run("sim")!.runs).toBe(2); // the example data did change
      expect(engine.run("power")!.value).toBe(first);
      engine.setParameter("slope", 0.8);
      await engine.settled();
      const refit = engine.run("power")!.value as { status: string; done: number };
      expect(refit).not.toBe(first);
      expect(refit).toMatchObject({ status: "complete", done: 8 });
    } finally {
      engine.dispose();
    }
  });
});

describe("sweep chart presets", () => {
  const summary = [
    { point: 0, groups: 4, grid_value: 4, series: "", label: "groups=4", term: "x", alpha: 0.05, n: 50, rejection: 0.3, mcse_rejection: 0.06, bias: 0.01, mcse_bias: 0.02, coverage: 0.9, mcse_coverage: 0.04 },
    { point: 1, groups: 8, grid_value: 8, series: "", label: "groups=8", term: "x", alpha: 0.05, n: 50, rejection: 0.98, mcse_rejection: 0.02, bias: 0, mcse_bias: 0.01, coverage: 0.94, mcse_coverage: 0.03 },
    { point: 1, groups: 8, grid_value: 8, series: "", label: "groups=8", term: "sd__x", alpha: 0.05, n: 50, rejection: null, mcse_rejection: null, bias: -0.1, mcse_bias: 0.02, coverage: null, mcse_coverage: null },
  ];
  it("are registered and draw rates with 95% Wilson intervals (±1.96 MCSE, clipped, without a count)", () => {
    for (const name of ["power-curve", "bias-coverage", "estimate-distribution"]) expect(chartPresets.has(name)).toBe(true);
    const spec = chartPresets.get("power-curve").build({ summary }) as any;
    // 15 of 50 and 49 of 50: R's prop.test(15, 50, correct = FALSE)$conf.int is 0.1910355 0.4375035.
    const [first, second] = spec.datasets.power_rows;
    expect(first).toMatchObject({ x: 4, rejection: 0.3 });
    expect(first.low).toBeCloseTo(0.1910355, 6);
    expect(first.high).toBeCloseTo(0.4375035, 6);
    expect(second).toMatchObject({ x: 8, rejection: 0.98 });
    expect(second.high).toBeLessThan(1);
    // A draft's 2 of 2: an interval, not a point (prop.test(2, 2, correct = FALSE): 0.3423802 1).
    const certain = chartPresets.get("power-curve").build({ summary: [{ ...summary[0], n: 2, rejection: 1, mcse_rejection: 0, rejection_n: 2 }] }) as any;
    expect(certain.datasets.power_rows[0].low).toBeCloseTo(0.3423802, 6);
    expect(certain.datasets.power_rows[0].high).toBe(1);
    // A table without counts falls back to ±1.96 MCSE, clipped to [0, 1].
    const bare = chartPresets.get("power-curve").build({ summary: summary.map(({ n: _n, ...r }) => r) }) as any;
    expect(bare.datasets.power_rows[0]).toMatchObject({ low: 0.3 - 1.96 * 0.06, high: 0.3 + 1.96 * 0.06 });
    expect(bare.datasets.power_rows[1].high).toBe(1);
    expect(spec.datasets.power_refs.map((r: { ref: string }) => r.ref)).toEqual(["target 0.8", "α = 0.05"]);
    // The subtitle says how many fits each point rests on (a drag's draft: two or three).
    expect(spec.datasets.power_note).toEqual([{ subtitle: "50 fits per grid point; bars: 95% Wilson intervals" }]);
    const draft = chartPresets.get("power-curve").build({ summary: summary.map((r, i) => ({ ...r, n: 2 + (i % 2) })) }) as any;
    expect(draft.datasets.power_note[0].subtitle).toBe("2–3 fits per grid point; bars: 95% Wilson intervals");
    const bc = chartPresets.get("bias-coverage").build({ summary }, { terms: ["x"] }) as any;
    expect(bc.datasets.bc_bias.length).toBe(2);
    expect(bc.datasets.bc_coverage.length).toBe(2);
    // Each panel's y domain is a nice extent of its intervals and its reference line, read from bc_scales.
    const [scales] = bc.datasets.bc_scales;
    const bias = bc.datasets.bc_bias as { low: number; high: number }[];
    expect(scales.b0).toBeLessThanOrEqual(Math.min(0, ...bias.map((r) => r.low)));
    expect(scales.b1).toBeGreaterThanOrEqual(Math.max(0, ...bias.map((r) => r.high)));
    const coverage = bc.datasets.bc_coverage as { low: number; high: number }[];
    expect(scales.c0).toBeLessThanOrEqual(Math.min(0.95, ...coverage.map((r) => r.low)));
    expect(scales.c1).toBeGreaterThanOrEqual(Math.max(0.95, ...coverage.map((r) => r.high)));
    expect(JSON.stringify(bc.vconcat[1].layer[1].encoding.y.scale.domain)).toContain("bc_scales");
    expect(() => chartPresets.get("estimate-distribution").build({})).toThrow(/input table "replicates" is missing/);
  });
});

describe("progress lines", () => {
  const base: SweepProgress = { cellId: "s", runId: 1, state: "running", done: 30, total: 120, failures: 0, workers: 2, mode: "node", elapsedMs: 3000, fitsPerSecond: 10, partial: null, message: null };
  it("say how far a sweep is", () => {
    expect(formatSweepProgress(base)).toBe("sweep s: 30/120 fits (25%), 2 workers, 10.0 fits/s, about 9.0 s left");
    expect(formatSweepProgress({ ...base, state: "cancelled", failures: 2 })).toBe("sweep s: 30/120 fits (25%) cancelled after 3.0 s, 2 failed");
  });
});
