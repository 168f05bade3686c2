// Which fixed-effects columns a model frame keeps: those with a part orthogonal to the earlier kept
// columns of at least RANK_TOL of their own norm, in order (R's dqrdc2 in effect).
import { describe, expect, it } from "vitest";
import { independentColumns, RANK_TOL } from "../../../src/stats/frame/rank";

const n = 40;
const column = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
const ones = column(() => 1);
const x = column((i) => Math.sin(i) * 3 + i / 10);
const z = column((i) => Math.cos(3 * i));
const combine = (a: Float64Array, s: number, b: Float64Array, t: number) => a.map((v, i) => s * v + t * b[i]!);

describe("independentColumns", () => {
  it("keeps independent columns in order and drops exact linear combinations and zero columns", () => {
    expect(independentColumns([ones, x, z])).toEqual([0, 1, 2]);
    expect(independentColumns([ones, x, combine(ones, 1, x, 2), z])).toEqual([0, 1, 3]);
    expect(independentColumns([ones, new Float64Array(n), x])).toEqual([0, 2]);
    // Order decides which of two aliased columns goes: the later one.
    expect(independentColumns([combine(ones, 1, x, 2), ones, x])).toEqual([0, 1]);
  });

  it("drops a column whose independent part is below the tolerance and keeps one above it", () => {
    const zUnit = z.map((v) => v / Math.sqrt(z.reduce((s, w) => s + w * w, 0)));
    const xNorm = Math.sqrt(x.reduce((s, w) => s + w * w, 0));
    // x plus a sliver of z: its part orthogonal to {1, x} is about `size` times ‖x‖.
    const nearly = (size: number) => combine(x, 1, zUnit, size * xNorm);
    expect(independentColumns([ones, x, nearly(RANK_TOL / 100)])).toEqual([0, 1]);
    expect(independentColumns([ones, x, nearly(RANK_TOL * 100)])).toEqual([0, 1, 2]);
  });

  it("keeps many indicator columns of a factor and drops the one the intercept aliases", () => {
    const levels = 8;
    const indicators = Array.from({ length: levels }, (_, l) => column((i) => (i % levels === l ? 1 : 0)));
    // Intercept plus all eight indicators: the last indicator is 1 − the others.
    expect(independentColumns([ones, ...indicators])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
