import * as vega from "vega";
import { describe, expect, it } from "vitest";
import { niceDomain, niceExtent } from "../../../src/cells/plot/presets/nice-domain";

describe("niceDomain", () => {
  it("equals the domain of Vega's nice linear scale over wide, narrow, negative and tiny ranges", () => {
    const linear = (vega as unknown as { scale: (type: string) => () => { domain(d?: number[]): any; nice(): any } }).scale("linear");
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5);
    const ranges: [number, number][] = [[-2.1, 2.3], [0.013, 0.0171], [-870, -12], [1e-6, 3e-6], [3, 3.0004]];
    for (let k = 0; k < 200; k++) {
      const scale = 10 ** Math.round(random() * 8);
      const a = random() * scale;
      ranges.push([a, a + Math.abs(random()) * scale + 1e-9]);
    }
    for (const [lo, hi] of ranges) {
      const vegaDomain = linear().domain([lo, hi]).nice().domain() as number[];
      expect(niceDomain(lo, hi)).toEqual(vegaDomain);
    }
  });

  it("leaves an empty or reversed range as it is", () => {
    expect(niceDomain(1, 1)).toEqual([1, 1]);
    expect(niceDomain(Number.NaN, 2)).toEqual([Number.NaN, 2]);
  });
});

describe("niceExtent", () => {
  it("rounds out the extent of the finite values, leaving out nulls, NaN and infinities", () => {
    expect(niceExtent([0.13, null, -2.4, Number.NaN, 1.7, undefined, Infinity])).toEqual(niceDomain(-2.4, 1.7));
    expect(niceExtent([-2.4, 1.7])).toEqual([-2.5, 2]);
    // One value is widened by half a unit each side, none gives [0, 1] (as `extent` does).
    expect(niceExtent([3])).toEqual([2.5, 3.5]);
    expect(niceExtent([null, Number.NaN])).toEqual([0, 1]);
  });
});
