import { describe, expect, it } from "vitest";
import { choleskyLower, solveLower } from "../../../src/stats/linalg";
import { chooseDenseFrom, choleskyLowerSparseHead, solveLowerSparseHead } from "../../../src/stats/linalg/cholesky-sparse-head";
import { emptyPattern, linkPattern, minimumDegree, type BitPattern } from "../../../src/stats/linalg/minimum-degree";

let seed = 11;
const rnd = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;

/** A symmetric positive definite matrix with the pattern of `cliques` (each clique's entries nonzero), as the column-0 downdate makes. */
function cliqueMatrix(n: number, cliques: number[][]): { A: Float64Array; pattern: BitPattern } {
  const A = new Float64Array(n * n);
  const pattern = emptyPattern(n);
  for (let i = 0; i < n; i++) A[i + i * n] = 1;
  for (const c of cliques) {
    const w = c.map(() => rnd() + 0.1);
    c.forEach((a, x) =>
      c.forEach((b, y) => {
        A[a + b * n] += w[x] * w[y];
        linkPattern(pattern, a, b);
      }),
    );
  }
  return { A, pattern };
}

function randomCliques(n: number, count: number, size: number, cluster: number): number[][] {
  return Array.from({ length: count }, () => {
    const home = Math.floor(rnd() * (n / cluster)) * cluster;
    const set = new Set<number>();
    while (set.size < size) set.add(rnd() < 0.9 ? home + Math.floor(rnd() * cluster) : Math.floor(rnd() * n));
    return [...set];
  });
}

function permuted(A: Float64Array, n: number, perm: Int32Array): Float64Array {
  const P = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) P[i + j * n] = A[perm[i] + perm[j] * n];
  return P;
}

describe("minimumDegree", () => {
  it("returns a permutation whose symbolic pattern covers every nonzero of the factor", () => {
    const n = 120;
    const { A, pattern } = cliqueMatrix(n, randomCliques(n, 200, 5, 12));
    const sym = minimumDegree(pattern);
    expect([...sym.perm].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    const L = permuted(A, n, sym.perm);
    expect(choleskyLower(L, n)).toBe(-1);
    for (let j = 0; j < n; j++) {
      const rows = new Set(sym.rowIdx.subarray(sym.colPtr[j], sym.colPtr[j + 1]));
      for (let i = j + 1; i < n; i++) if (Math.abs(L[i + j * n]) > 1e-13) expect(rows.has(i), `L[${i},${j}]`).toBe(true);
      for (const i of rows) expect(i).toBeGreaterThan(j);
    }
  });

  it("eliminates a shuffled path graph with no fill (one entry below each diagonal but the last)", () => {
    const n = 50;
    const label = Array.from({ length: n }, (_, i) => i).sort(() => rnd() - 0.5);
    const pattern = emptyPattern(n);
    for (let i = 0; i + 1 < n; i++) linkPattern(pattern, label[i], label[i + 1]);
    const sym = minimumDegree(pattern);
    expect(sym.colPtr[n]).toBe(n - 1);
  });

  it("reduces fill against the natural order on clustered cliques", () => {
    const n = 200;
    const cliques = randomCliques(n, 150, 6, 20).map((c) => c.map((a) => (a * 37) % n));
    const { A, pattern } = cliqueMatrix(n, cliques);
    const sym = minimumDegree(pattern);
    const natural = A.slice();
    choleskyLower(natural, n);
    let naturalNnz = 0;
    for (let j = 0; j < n; j++) for (let i = j + 1; i < n; i++) if (natural[i + j * n] !== 0) naturalNnz++;
    expect(sym.colPtr[n]).toBeLessThan(0.5 * naturalNnz);
  });
});

describe("choleskyLowerSparseHead", () => {
  it("equals the dense factor for every split between sparse and dense columns", () => {
    const n = 150;
    const { A, pattern } = cliqueMatrix(n, randomCliques(n, 300, 5, 15));
    const sym = minimumDegree(pattern);
    const P = permuted(A, n, sym.perm);
    const dense = P.slice();
    expect(choleskyLower(dense, n)).toBe(-1);
    const { denseFrom } = chooseDenseFrom(sym);
    for (const split of [0, 1, 40, denseFrom, 149, 150]) {
      const L = P.slice();
      expect(choleskyLowerSparseHead(L, n, { colPtr: sym.colPtr, rowIdx: sym.rowIdx, denseFrom: split })).toBe(-1);
      let worst = 0;
      for (let j = 0; j < n; j++) for (let i = j; i < n; i++) worst = Math.max(worst, Math.abs(L[i + j * n] - dense[i + j * n]));
      expect(worst, `split ${split}`).toBeLessThan(1e-12);
    }
  });

  it("solveLowerSparseHead equals the dense forward substitution for a right-hand side zero above `from`", () => {
    const n = 150;
    const { A, pattern } = cliqueMatrix(n, randomCliques(n, 300, 5, 15));
    const sym = minimumDegree(pattern);
    const L = permuted(A, n, sym.perm);
    const head = { colPtr: sym.colPtr, rowIdx: sym.rowIdx, denseFrom: chooseDenseFrom(sym).denseFrom };
    choleskyLowerSparseHead(L, n, head);
    for (const from of [0, 17, head.denseFrom, 140]) {
      const b = new Float64Array(2 * n);
      for (let i = from; i < n; i++) b[n + i] = rnd() - 0.5;
      const dense = b.slice(n);
      solveLower(L, n, dense);
      solveLowerSparseHead(L, n, head, b, n, from);
      for (let i = 0; i < n; i++) expect(b[n + i]).toBeCloseTo(dense[i]!, 12);
    }
  });

  it("reports the first non-positive pivot in the sparse part and in the dense part", () => {
    const n = 60;
    const { A, pattern } = cliqueMatrix(n, randomCliques(n, 80, 4, 10));
    const sym = minimumDegree(pattern);
    const head = { colPtr: sym.colPtr, rowIdx: sym.rowIdx, denseFrom: 30 };
    for (const bad of [5, 45]) {
      const P = permuted(A, n, sym.perm);
      P[bad + bad * n] = -1;
      expect(choleskyLowerSparseHead(P, n, head)).toBeLessThanOrEqual(bad);
      expect(choleskyLowerSparseHead(P, n, head)).toBeGreaterThanOrEqual(0);
    }
  });

  it("puts the split where the predicted cost is lowest: all dense for a full pattern", () => {
    const n = 40;
    const pattern = emptyPattern(n);
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) linkPattern(pattern, a, b);
    const choice = chooseDenseFrom(minimumDegree(pattern));
    expect(choice.denseFrom).toBe(0);
    expect(choice.relativeCost).toBe(1);
  });
});
