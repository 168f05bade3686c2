// While a slider is dragged (a draft run) a plot holds each scale domain its spec reads from a dataset
// at its last value while the new one fits inside it and spans at least half of it; the release
// (not a draft) computes every domain afresh.
import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { computePlot, plot, type PlotValue } from "../../../src/cells/plot";
import { HOLD_FRACTION, domainPairs, holdDomains, holds } from "../../../src/cells/plot/held-domains";
import type { ComputeContext } from "../../../src/cells/registry";
import { domainFrom, listFrom, readDomainFrom } from "../../../src/cells/plot/presets/spec";
import * as fx from "./fixtures";

const context = (draft: boolean, previous?: unknown) =>
  ({ cellId: "p", signal: new AbortController().signal, invalidation: new Promise<void>(() => {}), draft, previous }) as unknown as ComputeContext;

const cpConfig = { preset: "complete-pooling", tables: { data: "sim", coefs: "fit.coefs" } };
const yMean = fx.data.reduce((s, r) => s + (r.y as number), 0) / fx.data.length;
/** The fixture data and fits with y stretched about its mean by `k` (k < 1 narrows the y domains). */
const stretched = (k: number) => [
  { id: "sim", type: "generator", value: aq.from(fx.data.map((r) => ({ ...r, y: yMean + ((r.y as number) - yMean) * k }))) },
  { id: "fit", type: "model", value: { coefs: fx.coefs.map((c) => ({ ...c, intercept: yMean * (1 - k) + (c.intercept as number) * k, slope: (c.slope as number) * k })) } },
];
const cpValue = (k: number): PlotValue => computePlot(cpConfig, stretched(k));
const scales = (v: PlotValue) => v.datasets.cp_scales![0] as Record<string, number>;

describe("held domains", () => {
  it("reads back what domainFrom wrote, and nothing else", () => {
    expect(readDomainFrom(domainFrom("cp_scales", "x0", "x1").expr as string)).toEqual({ dataset: "cp_scales", lo: "x0", hi: "x1" });
    expect(readDomainFrom(listFrom("cp_scales", "groups").expr as string)).toBeNull();
    expect(readDomainFrom("[data('a')[0].x0, data('b')[0].x1]")).toBeNull();
  });

  it("finds the domain pairs a preset's scales read from its datasets", () => {
    expect(domainPairs(cpValue(1).spec)).toEqual([
      { dataset: "cp_scales", lo: "x0", hi: "x1" },
      { dataset: "cp_scales", lo: "y0", hi: "y1" },
      { dataset: "cp_scales", lo: "r0", hi: "r1" },
    ]);
    expect(domainPairs({ layer: [{ encoding: { x: { scale: { domain: [0, 1] } } } }] })).toEqual([]);
  });

  it("holds a domain that contains the new one and is at most twice as wide", () => {
    expect(holds(-10, 10, -8, 9)).toBe(true);
    expect(holds(-10, 10, -10, 10)).toBe(true);
    expect(holds(-10, 10, -11, 9)).toBe(false); // a mark would fall off the chart
    expect(holds(-10, 10, -2, 2)).toBe(false); // the marks would huddle in the middle
    expect(holds(0, 10, 0, 10 * HOLD_FRACTION)).toBe(true);
    expect(holds(0, 10, 0, 10 * HOLD_FRACTION - 0.01)).toBe(false);
    expect(holds(10, 0, 2, 8)).toBe(false);
  });

  it("a draft keeps the last domains where they hold, in its rows and in its spec; other fields are the new ones", () => {
    const wide = cpValue(1), narrower = cpValue(0.8);
    expect(scales(narrower).y1).toBeLessThan(scales(wide).y1);
    const held = holdDomains(narrower, wide);
    expect(scales(held).y0).toBe(scales(wide).y0);
    expect(scales(held).y1).toBe(scales(wide).y1);
    expect(scales(held).groups).toEqual(scales(narrower).groups);
    expect((held.spec as { datasets: Record<string, unknown[]> }).datasets.cp_scales).toBe(held.datasets.cp_scales);
    expect(held.datasets.cp_points).toBe(narrower.datasets.cp_points);
    // Growing past the last domain, or shrinking to under half of it, changes it.
    expect(scales(holdDomains(cpValue(1.5), wide)).y1).toBe(scales(cpValue(1.5)).y1);
    expect(scales(holdDomains(cpValue(0.2), wide)).y1).toBe(scales(cpValue(0.2)).y1);
    // Nothing to hold: the same value comes back.
    expect(holdDomains(wide, wide)).toBe(wide);
    expect(holdDomains(narrower, null)).toBe(narrower);
    expect(holdDomains(narrower, { source: "spec", datasets: wide.datasets })).toBe(narrower);
  });

  it("the plot cell holds domains only in a draft: the release computes them afresh", async () => {
    const inputs = stretched;
    const wide = (await plot.compute(cpConfig as never, inputs(1), context(false))) as PlotValue;
    const draft = (await plot.compute(cpConfig as never, inputs(0.8), context(true, wide))) as PlotValue;
    expect(scales(draft).y1).toBe(scales(wide).y1);
    const release = (await plot.compute(cpConfig as never, inputs(0.8), context(false, draft))) as PlotValue;
    expect(scales(release).y1).toBe(scales(cpValue(0.8)).y1);
    expect(scales(release).y1).not.toBe(scales(wide).y1);
  });
});
