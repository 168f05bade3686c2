import { describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { renderSvg } from "../../../src/cells/plot/render-svg";
import { linearTicks, logTickLabels, logTicks, tickCountFor, tickLabels } from "../../../src/cells/plot/presets/axis-ticks";
import { niceDomain } from "../../../src/cells/plot/presets/nice-domain";
import { texts } from "./svg-query";

/** The labels Vega's own x axis shows for a linear scale over `domain` drawn `width` px wide. */
async function vegaAxisLabels(domain: [number, number], width: number): Promise<string[]> {
  const spec = {
    width, height: 20,
    data: { values: [{ x: domain[0] }, { x: domain[1] }] },
    mark: "point",
    encoding: { x: { field: "x", type: "quantitative", title: null, scale: { domain, nice: false, zero: false } } },
  } as unknown as TopLevelSpec;
  const { svg } = await renderSvg(spec);
  return texts(svg).map((t) => t.replace(/&#8722;/g, "\u2212"));
}

describe("axis ticks laid out by a preset read like Vega's axis", () => {
  const cases: [number, number, number][] = [
    [-3, 2, 150], [-10, 5, 120], [0, 1, 150], [-0.35, 0.35, 150], [0, 2500, 300], [-0.004, 0.012, 200], [1, 3, 40],
  ];
  it.each(cases)("domain [%f, %f] at %i px", async (lo, hi, width) => {
    const [a, b] = niceDomain(lo, hi);
    const ours = tickLabels(linearTicks(a, b, tickCountFor(width)));
    expect(ours).toEqual(await vegaAxisLabels([a, b], width));
  });

  it("ticks are the step's multiples inside the domain", () => {
    expect(linearTicks(-3, 2, 4)).toEqual([-3, -2, -1, 0, 1, 2]);
    expect(linearTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(2, 1, 5)).toEqual([]);
    expect(linearTicks(0, Number.NaN, 5)).toEqual([]);
  });
});

describe("log ticks", () => {
  it("are every k·10^e inside the domain while it spans fewer decades than the count, else powers of ten", () => {
    expect(logTicks(1, 20, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20]);
    expect(logTicks(0.5, 3, 10)).toEqual([0.5, 0.6, 0.7, 0.8, 0.9, 1, 2, 3]);
    expect(logTicks(1, 1e12, 10)).toEqual(Array.from({ length: 13 }, (_, e) => 10 ** e));
    expect(logTicks(1, 1e30, 10)).toEqual(Array.from({ length: 16 }, (_, k) => 10 ** (2 * k)));
    expect(logTicks(0, 10, 10)).toEqual([]);
  });

  it("are labelled as d3's log format filters them: small mantissas only when there are many ticks", () => {
    expect(logTickLabels(logTicks(1, 20, 10), 10)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "20"]);
    // 17 ticks, count 10: mantissas up to 10·10/17 ≈ 5.9 keep their label.
    const labels = logTickLabels(logTicks(1, 84, 10), 10);
    expect(labels.slice(0, 9)).toEqual(["1", "2", "3", "4", "5", "", "", "", ""]);
    expect(labels.slice(9)).toEqual(["10", "20", "30", "40", "50", "", "", ""]);
  });
});
