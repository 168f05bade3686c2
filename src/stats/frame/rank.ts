/** Relative tolerance below which a column counts as a linear combination of earlier ones (R's qr tol). */
export const RANK_TOL = 1e-7;

/**
 * Indices of the columns to keep so the kept set has full column rank. Columns are taken in
 * order and one is dropped when its part orthogonal to the kept columns has norm below
 * `tol` times its own norm. This is what R's limited-pivoting QR (dqrdc2) does in effect:
 * aliased columns move to the end and are dropped, the rest keep their order.
 *
 * Gram-Schmidt: v = x_j − Σ_k (q_k·v) q_k over the kept orthonormal q_k, repeated once when the
 * first pass cancelled most of x_j (‖v‖ < ‖x_j‖/√2, "twice is enough"): the second pass removes
 * what rounding left behind, so an aliased column's remainder is measured to rounding level, while a
 * clearly independent column costs one pass. The q_k share one buffer and the loops are indexed:
 * this runs for every model frame, several per slider step.
 */
export function independentColumns(columns: readonly Float64Array[], tol = RANK_TOL): number[] {
  const kept: number[] = [];
  const n = columns.length > 0 ? columns[0]!.length : 0;
  const basis = new Float64Array(n * columns.length);
  for (let j = 0; j < columns.length; j++) {
    const x = columns[j]!;
    const norm = Math.sqrt(dot(x, 0, x, 0, n));
    // The candidate is written where the next basis vector goes.
    const at = kept.length * n;
    basis.set(x, at);
    let rest = norm;
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < kept.length; k++) {
        const qAt = k * n;
        const d = dot(basis, qAt, basis, at, n);
        for (let i = 0; i < n; i++) basis[at + i]! -= d * basis[qAt + i]!;
      }
      const before = rest;
      rest = Math.sqrt(dot(basis, at, basis, at, n));
      if (rest >= before * Math.SQRT1_2) break;
    }
    if (norm === 0 || rest < tol * norm) continue;
    for (let i = 0; i < n; i++) basis[at + i]! /= rest;
    kept.push(j);
  }
  return kept;
}

function dot(a: Float64Array, aAt: number, b: Float64Array, bAt: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[aAt + i]! * b[bAt + i]!;
  return s;
}
