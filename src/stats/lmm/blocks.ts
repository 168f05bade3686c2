/**
 * The blocked system A = [Z X y]ᵀ W [Z X y] (computed once) and storage for its blocked Cholesky
 * factor L of  [Λᵀ A_ZZ Λ + I, Λᵀ A_Z,Xy; ·, A_Xy,Xy]  (MixedModels.jl's layout, written from the math).
 *
 * Block rows b = 0..k: the k random-effects terms in lme4's order, then the pseudo-term [X y] (one
 * "level", m = p+1 columns, Λ = I there). Storage by position:
 * - (0,0): uniform block diagonal, one p₀×p₀ block per level (no fill-in: each row of Z₀ hits one level);
 * - (i,0), i ≥ 1: blocked sparse by level of term 0 (the pattern of Z_iᵀ Z₀ never fills);
 * - (i,j), 1 ≤ j ≤ i: dense, column-major (crossed factors fill in; memory O(q_i q_j)).
 */
import type { ModelMatrices } from "../frame/model-matrices";
import type { SparseHead } from "../linalg/cholesky-sparse-head";
import type { OrderedTerm } from "./terms";

/** Block (i, 0), i ≥ 1: for each level g of term 0 the mini-blocks (rows of level h of block i) × (level g). */
export interface SparseColumnBlock {
  /** Width of block row i. */
  pi: number;
  /** Mini-blocks of level g are colPtr[g] .. colPtr[g+1]-1, sorted by row level. */
  colPtr: Int32Array;
  rowLevel: Int32Array;
  /** Mini-block b occupies [b·pi·p0, (b+1)·pi·p0), column-major pi × p0. */
  A: Float64Array;
  L: Float64Array;
}

export interface BlockedSystem {
  terms: OrderedTerm[];
  /** Number of random-effects terms. */
  k: number;
  n: number;
  p: number;
  /** p + 1. */
  m: number;
  /** Width (columns per level), number of levels and total size of each block row 0..k. */
  pw: number[];
  nlv: number[];
  qb: number[];
  A00: Float64Array;
  L00: Float64Array;
  /** col0[i-1] is block (i, 0). */
  col0: SparseColumnBlock[];
  /** dense[i][j] for 1 ≤ j ≤ i ≤ k (null elsewhere); leading dimension qb[i]. */
  denseA: (Float64Array | null)[][];
  denseL: (Float64Array | null)[][];
  /**
   * Scalar fast path (p₀ = p_i = p_j = 1, i ≥ j ≥ 1, both random-effects blocks): the downdate of
   * L(i,j) by column 0 is t_i t_j t₀² Σ_g A(i,0)_ag A(j,0)_bg / L_g², whose pattern and products are
   * fixed; they are stored grouped by target entry so each evaluation streams through them.
   */
  pairs: (ScalarPairs | null)[][];
  /**
   * Per block row j ≥ 1: the symbolic pattern of L(j,j) when its levels were put in a fill-reducing
   * order (see level-order.ts), else null and L(j,j) is factored as a dense block.
   */
  sparseHead: (SparseHead | null)[];
  /** Σ log w_i (0 without prior weights). */
  sumLogW: number;
  /** y − offset. */
  yo: Float64Array;
  w: Float64Array | null;
}

export interface ScalarPairs {
  /** Distinct target positions in the dense block (column-major index), increasing. */
  target: Int32Array;
  /** Contributions of target t are ptr[t] .. ptr[t+1]-1. */
  ptr: Int32Array;
  level0: Int32Array;
  prod: Float64Array;
}

export function buildSystem(
  mm: ModelMatrices, terms: OrderedTerm[], heads: { block: number; head: SparseHead }[] = [],
): BlockedSystem {
  const { n, p, X } = mm;
  const k = terms.length;
  const m = p + 1;
  const w = mm.weights ?? null;
  const yo = new Float64Array(n);
  for (let r = 0; r < n; r++) yo[r] = mm.y[r] - (mm.offset ? mm.offset[r] : 0);
  let sumLogW = 0;
  if (w) for (let r = 0; r < n; r++) sumLogW += Math.log(w[r]);
  const pw = [...terms.map((t) => t.p), m];
  const nlv = [...terms.map((t) => t.nl), 1];
  const qb = pw.map((v, i) => v * nlv[i]);
  // Columns and levels of every block row as plain typed arrays: the loops below run once per fit,
  // but for the small fits a sweep runs by the hundred they were a sizeable share of the fit, and
  // closures per element (column, level, weight) kept V8 from compiling them tightly.
  const Xy = [...Array.from({ length: p }, (_, a) => X.subarray(a * n, (a + 1) * n)), yo];
  const columnsOf: (readonly Float64Array[])[] = [...terms.map((t) => t.columns), Xy];
  const levelsOf: Int32Array[] = [...terms.map((t) => t.index), new Int32Array(n)];
  const t0 = terms[0];
  const p0 = t0.p;
  const Z0 = t0.columns;
  const level0 = t0.index;
  const A00 = new Float64Array(t0.nl * p0 * p0);
  for (let r = 0; r < n; r++) {
    const base = level0[r] * p0 * p0;
    const wr = w === null ? 1 : w[r];
    for (let c = 0; c < p0; c++) {
      const zc = wr * Z0[c][r];
      for (let a = 0; a < p0; a++) A00[base + a + c * p0] += Z0[a][r] * zc;
    }
  }

  const col0: SparseColumnBlock[] = [];
  const order = new Int32Array(n);
  const keys = new Float64Array(n);
  for (let i = 1; i <= k; i++) {
    const pi = pw[i];
    const nli = nlv[i];
    const Zi = columnsOf[i];
    const { blockOf, colPtr, rowLevel } = i === k ? singleLevelBlocks(n, t0.nl, level0) : pairBlocks(n, t0.nl, level0, nli, levelsOf[i], order, keys);
    const nb = rowLevel.length;
    const A = new Float64Array(nb * pi * p0);
    for (let r = 0; r < n; r++) {
      const base = blockOf[r] * pi * p0;
      const wr = w === null ? 1 : w[r];
      for (let c = 0; c < p0; c++) {
        const zc = wr * Z0[c][r];
        for (let a = 0; a < pi; a++) A[base + a + c * pi] += Zi[a][r] * zc;
      }
    }
    col0.push({ pi, colPtr, rowLevel, A, L: new Float64Array(A.length) });
  }

  const denseA: (Float64Array | null)[][] = [];
  const denseL: (Float64Array | null)[][] = [];
  for (let i = 0; i <= k; i++) {
    denseA.push(new Array<Float64Array | null>(k + 1).fill(null));
    denseL.push(new Array<Float64Array | null>(k + 1).fill(null));
    for (let j = 1; j <= i; j++) {
      denseA[i][j] = new Float64Array(qb[i] * qb[j]);
      denseL[i][j] = new Float64Array(qb[i] * qb[j]);
    }
  }
  for (let j = 1; j <= k; j++) {
    const pj = pw[j];
    const Zj = columnsOf[j];
    const levelJ = levelsOf[j];
    for (let i = j; i <= k; i++) {
      const Aij = denseA[i][j] as Float64Array;
      const pi = pw[i];
      const Zi = columnsOf[i];
      const levelI = levelsOf[i];
      const ld = qb[i];
      for (let r = 0; r < n; r++) {
        const wr = w === null ? 1 : w[r];
        const cj = levelJ[r] * pj;
        const ri = levelI[r] * pi;
        for (let c = 0; c < pj; c++) {
          const vc = wr * Zj[c][r];
          if (vc === 0) continue;
          const off = (cj + c) * ld + ri;
          for (let a = 0; a < pi; a++) Aij[off + a] += Zi[a][r] * vc;
        }
      }
    }
  }
  const pairs: (ScalarPairs | null)[][] = [];
  for (let i = 0; i <= k; i++) {
    pairs.push(new Array<ScalarPairs | null>(k + 1).fill(null));
    if (i === 0 || i === k || p0 !== 1 || pw[i] !== 1) continue;
    for (let j = 1; j <= i; j++)
      if (pw[j] === 1) pairs[i][j] = scalarPairs(col0[i - 1], col0[j - 1], qb[i], qb[j], i === j, t0.nl);
  }
  const sparseHead = new Array<SparseHead | null>(k + 1).fill(null);
  for (const h of heads) sparseHead[h.block] = h.head;
  return {
    terms, k, n, p, m, pw, nlv, qb,
    A00, L00: new Float64Array(A00.length), col0, denseA, denseL, pairs, sparseHead, sumLogW, yo, w,
  };
}

/**
 * The nonzero blocks of Z₀ᵀ Zᵢ: one per pair (level g of term 0, level h of block i) that some row
 * has, ordered by g then h. blockOf[r] is row r's block, colPtr[g] … colPtr[g+1]−1 are level g's
 * blocks, rowLevel[b] is block b's level h. `order` and `keys` are scratch arrays of length n.
 */
function pairBlocks(n: number, nl0: number, level0: Int32Array, nli: number, levelI: Int32Array, order: Int32Array, keys: Float64Array): { blockOf: Int32Array; colPtr: Int32Array; rowLevel: Int32Array } {
  // rows ordered by (level of term 0, level of block i): two stable counting-sort passes
  const byH = countingOrder(n, nli, levelI, null);
  const sorted = countingOrder(n, nl0, level0, byH);
  order.set(sorted);
  for (let r = 0; r < n; r++) keys[r] = level0[r] * nli + levelI[r];
  const blockOf = new Int32Array(n);
  const colPtr = new Int32Array(nl0 + 1);
  const rowLevelList: number[] = [];
  let last = -1;
  for (let s = 0; s < n; s++) {
    const r = order[s];
    if (keys[r] !== last) {
      last = keys[r];
      rowLevelList.push(levelI[r]);
      colPtr[level0[r] + 1]++;
    }
    blockOf[r] = rowLevelList.length - 1;
  }
  for (let g = 0; g < nl0; g++) colPtr[g + 1] += colPtr[g];
  return { blockOf, colPtr, rowLevel: Int32Array.from(rowLevelList) };
}

/**
 * {@link pairBlocks} for a block of one level (the [X y] block): a block per level of term 0 that
 * some row has, in level order, without sorting the rows.
 */
function singleLevelBlocks(n: number, nl0: number, level0: Int32Array): { blockOf: Int32Array; colPtr: Int32Array; rowLevel: Int32Array } {
  const rankOf = new Int32Array(nl0).fill(-1);
  for (let r = 0; r < n; r++) rankOf[level0[r]] = 0;
  const colPtr = new Int32Array(nl0 + 1);
  let nb = 0;
  for (let g = 0; g < nl0; g++) {
    if (rankOf[g] === 0) {
      rankOf[g] = nb++;
      colPtr[g + 1] = 1;
    }
    colPtr[g + 1] += colPtr[g];
  }
  const blockOf = new Int32Array(n);
  for (let r = 0; r < n; r++) blockOf[r] = rankOf[level0[r]];
  return { blockOf, colPtr, rowLevel: new Int32Array(nb) };
}

/** Stable counting sort of rows 0..n−1 (or of `within`, if given) by key[r] ∈ [0, nb). */
function countingOrder(n: number, nb: number, key: Int32Array, within: Int32Array | null): Int32Array {
  const count = new Int32Array(nb + 1);
  for (let r = 0; r < n; r++) count[key[r] + 1]++;
  for (let b = 0; b < nb; b++) count[b + 1] += count[b];
  const out = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const r = within ? within[s] : s;
    out[count[key[r]]++] = r;
  }
  return out;
}

/** Precompute the column-0 downdate of a scalar dense block, grouped by target entry. */
function scalarPairs(
  bi: SparseColumnBlock, bj: SparseColumnBlock, qi: number, qj: number, diag: boolean, nl0: number,
): ScalarPairs {
  let count = 0;
  for (let g = 0; g < nl0; g++) {
    const ni = bi.colPtr[g + 1] - bi.colPtr[g];
    const nj = bj.colPtr[g + 1] - bj.colPtr[g];
    count += diag ? (ni * (ni + 1)) / 2 : ni * nj;
  }
  const tgt = new Int32Array(count);
  const lev = new Int32Array(count);
  const prod = new Float64Array(count);
  let e = 0;
  for (let g = 0; g < nl0; g++)
    for (let b = bj.colPtr[g]; b < bj.colPtr[g + 1]; b++) {
      const hb = bj.rowLevel[b];
      for (let a = diag ? b : bi.colPtr[g]; a < bi.colPtr[g + 1]; a++) {
        tgt[e] = bi.rowLevel[a] + hb * qi;
        lev[e] = g;
        prod[e] = bi.A[a] * bj.A[b];
        e++;
      }
    }
  // counting sort by target
  const size = qi * qj;
  const cnt = new Int32Array(size + 1);
  for (let x = 0; x < count; x++) cnt[tgt[x] + 1]++;
  let nt = 0;
  for (let t = 0; t < size; t++) if (cnt[t + 1] > 0) nt++;
  for (let t = 0; t < size; t++) cnt[t + 1] += cnt[t];
  const level0 = new Int32Array(count);
  const prodS = new Float64Array(count);
  const fill = cnt.slice(0, size);
  for (let x = 0; x < count; x++) {
    const d = fill[tgt[x]]++;
    level0[d] = lev[x];
    prodS[d] = prod[x];
  }
  const target = new Int32Array(nt);
  const ptr = new Int32Array(nt + 1);
  let u = 0;
  for (let t = 0; t < size; t++)
    if (cnt[t + 1] > cnt[t]) {
      target[u] = t;
      ptr[u + 1] = cnt[t + 1];
      u++;
    }
  return { target, ptr, level0, prod: prodS };
}
