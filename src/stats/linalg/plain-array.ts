/**
 * The values of a typed array as a plain array, by a preallocated loop. `Array.from(typed)` goes
 * through the iterator protocol and, outside V8's optimised tiers, allocates a result object per
 * element: on every slider move that was the largest source of garbage in the lm fits.
 */
export function plainArray(values: ArrayLike<number>): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  return out;
}
