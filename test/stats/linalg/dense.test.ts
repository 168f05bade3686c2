import { describe, expect, it } from "vitest";
import {
  choleskyLower, gemmNTMinus, logdetFromCholesky, rightSolveLowerTrans, solveLower, solveLowerTrans, syrkLowerMinus,
} from "../../../src/stats/linalg";
import { choleskyLowerBlocked } from "../../../src/stats/linalg/cholesky-blocked";

let seed = 7;
const rnd = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;

/** A = G Gᵀ + n I, column-major n × n. */
function spd(n: number): Float64Array {
  const G = Float64Array.from({ length: n * n }, rnd);
  const A = new Float64Array(n * n);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      let s = i === j ? n : 0;
      for (let l = 0; l < n; l++) s += G[i + l * n] * G[j + l * n];
      A[i + j * n] = s;
    }
  return A;
}

describe("dense kernels", () => {
  it("choleskyLower(A) gives L with L Lᵀ = A", () => {
    const n = 7;
    const A = spd(n);
    const L = A.slice();
    expect(choleskyLower(L, n)).toBe(-1);
    for (let i = 0; i < n; i++)
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let l = 0; l <= j; l++) s += L[i + l * n] * L[j + l * n];
        expect(s).toBeCloseTo(A[i + j * n], 9);
      }
  });

  it("choleskyLower reports the first non-positive pivot", () => {
    const A = Float64Array.from([1, 2, 2, 1]);
    expect(choleskyLower(A, 2)).toBe(1);
  });

  it("choleskyLowerBlocked(A, 250) equals the unblocked factor", () => {
    const n = 250;
    const A = spd(n);
    const L1 = A.slice();
    const L2 = A.slice();
    choleskyLower(L1, n);
    expect(choleskyLowerBlocked(L2, n)).toBe(-1);
    let md = 0;
    for (let j = 0; j < n; j++) for (let i = j; i < n; i++) md = Math.max(md, Math.abs(L1[i + j * n] - L2[i + j * n]));
    expect(md).toBeLessThan(1e-9);
    expect(logdetFromCholesky(L2, n)).toBeCloseTo(logdetFromCholesky(L1, n), 9);
  });

  it("solveLower / solveLowerTrans / rightSolveLowerTrans invert L", () => {
    const n = 5;
    const L = spd(n);
    choleskyLower(L, n);
    const b = Float64Array.from([1, -2, 3, 0.5, 4]);
    const x = b.slice();
    solveLower(L, n, x);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j <= i; j++) s += L[i + j * n] * x[j];
      expect(s).toBeCloseTo(b[i], 10);
    }
    const y = b.slice();
    solveLowerTrans(L, n, y);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = i; j < n; j++) s += L[j + i * n] * y[j];
      expect(s).toBeCloseTo(b[i], 10);
    }
    const m = 3;
    const B = Float64Array.from({ length: m * n }, rnd);
    const X = B.slice();
    rightSolveLowerTrans(L, n, X, m);
    for (let r = 0; r < m; r++)
      for (let c = 0; c < n; c++) {
        let s = 0;
        for (let l = 0; l <= c; l++) s += X[r + l * m] * L[c + l * n];
        expect(s).toBeCloseTo(B[r + c * m], 10);
      }
  });

  it("syrkLowerMinus and gemmNTMinus subtract A Aᵀ and A Bᵀ", () => {
    const n = 4, k = 3, m = 2;
    const A = Float64Array.from({ length: n * k }, rnd);
    const B = Float64Array.from({ length: m * k }, rnd);
    const C = new Float64Array(n * n);
    syrkLowerMinus(C, n, A, k);
    const D = new Float64Array(n * m);
    gemmNTMinus(D, n, m, A, B, k);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let l = 0; l < k; l++) s += A[i + l * n] * A[j + l * n];
        expect(C[i + j * n]).toBeCloseTo(-s, 12);
      }
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let l = 0; l < k; l++) s += A[i + l * n] * B[j + l * m];
        expect(D[i + j * n]).toBeCloseTo(-s, 12);
      }
    }
  });
});
