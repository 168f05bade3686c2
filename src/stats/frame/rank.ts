/** Relative tolerance below which a column counts as a linear combination of earlier ones (R's qr tol). */
export const RANK_TOL = 1e-7;

/**
 * Indices of the columns to keep so the kept set has full column rank. Columns are taken in
 * order and one is dropped when its part orthogonal to the kept columns has norm below
 * `tol` times its own norm. This is what R's limited-pivoting QR (dqrdc2) does in effect:
 * aliased columns move to the end and are dropped, the rest keep their order.
 */
export function independentColumns(columns: readonly Float64Array[], tol = RANK_TOL): number[] {
  const kept: number[] = [];
  const basis: Float64Array[] = [];
  columns.forEach((x, j) => {
    const norm = Math.sqrt(dot(x, x));
    const v = Float64Array.from(x);
    // Two passes of Gram-Schmidt: the second removes what rounding left behind in the first.
    for (let pass = 0; pass < 2; pass++)
      for (const q of basis) {
        const d = dot(q, v);
        for (let i = 0; i < v.length; i++) v[i]! -= d * q[i]!;
      }
    const rest = Math.sqrt(dot(v, v));
    if (norm === 0 || rest < tol * norm) return;
    for (let i = 0; i < v.length; i++) v[i]! /= rest;
    basis.push(v);
    kept.push(j);
  });
  return kept;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
