/**
 * updateL: the numeric phase of the blocked Cholesky factorization at θ (lme4 §"PLS step II";
 * MixedModels.jl `updateL!`), and the profiled criteria of mixed-models.md §1.4:
 *
 *   L Lᵀ = [Λᵀ A_ZZ Λ + I, Λᵀ A_Z,Xy; A_Xy,Z Λ, A_Xy,Xy]
 *   ML:   d(θ)  = ldL2 − Σlog w + n·(1 + log(2π·pwrss/n))
 *   REML: d_R(θ) = ldL2 − Σlog w + ldRX2 + (n−p)·(1 + log(2π·pwrss/(n−p)))
 * with ldL2 = log|L_θ|², ldRX2 = log|R_X|², and pwrss the square of the last diagonal element of L.
 */
import { choleskyLowerBlocked } from "../linalg/cholesky-blocked";
import { choleskyLowerSparseHead } from "../linalg/cholesky-sparse-head";
import { gemmNTMinus, syrkLowerMinus } from "../linalg/rank-update";
import type { BlockedSystem, ScalarPairs } from "./blocks";
import { fillT } from "./terms";

export interface PlsTerms {
  ldL2: number;
  ldRX2: number;
  pwrss: number;
}

/** Scratch for updateL: one T per term and a small temp. */
export interface FactorWork {
  T: Float64Array[];
  /** T per block row, null (identity) for the [X y] block. */
  Tb: (Float64Array | null)[];
  tmp: Float64Array;
  /** θ copied into a typed array (keeps the hot loops monomorphic). */
  theta: Float64Array;
  /** 1/L_g² for a scalar first term. */
  invL2: Float64Array;
  /** R_g = T₀ L_g⁻ᵀ per level of term 0 (p₀ × p₀ each). */
  R: Float64Array;
}

export function createWork(sys: BlockedSystem): FactorWork {
  const maxp = Math.max(...sys.pw);
  const T = sys.terms.map((t) => new Float64Array(t.p * t.p));
  const ntheta = sys.terms.reduce((s, t) => s + t.ntheta, 0);
  return { T, Tb: [...T, null], tmp: new Float64Array(maxp * maxp), theta: new Float64Array(ntheta),
    invL2: new Float64Array(sys.nlv[0]), R: new Float64Array(sys.A00.length) };
}

/** dst = Tiᵀ src Tj for a pi × pj mini-block (T null = identity). */
function congruence(
  src: Float64Array, so: number, lds: number, dst: Float64Array, dof: number, ldd: number,
  Ti: Float64Array | null, pi: number, Tj: Float64Array | null, pj: number, tmp: Float64Array,
): void {
  // tmp = src Tj (pi × pj)
  for (let c = 0; c < pj; c++)
    for (let a = 0; a < pi; a++) {
      let s = 0;
      if (Tj) for (let l = c; l < pj; l++) s += src[so + a + l * lds] * Tj[l + c * pj];
      else s = src[so + a + c * lds];
      tmp[a + c * pi] = s;
    }
  for (let c = 0; c < pj; c++)
    for (let a = 0; a < pi; a++) {
      let s = 0;
      if (Ti) for (let l = a; l < pi; l++) s += Ti[l + a * pi] * tmp[l + c * pi];
      else s = tmp[a + c * pi];
      dst[dof + a + c * ldd] = s;
    }
}

/** L[target] −= c Σ prod / L_g² (see ScalarPairs). */
function applyPairs(sp: ScalarPairs, L: Float64Array, c: number, invL2: Float64Array): void {
  const { target, ptr, level0, prod } = sp;
  for (let t = 0; t < target.length; t++) {
    let s = 0;
    for (let e = ptr[t]; e < ptr[t + 1]; e++) s += prod[e] * invL2[level0[e]];
    L[target[t]] -= c * s;
  }
}

/**
 * (0,0): L_g = chol(T₀ᵀ A_g T₀ + I) for every level g, and R_g = T₀ L_g⁻ᵀ (used for column 0).
 * Returns Σ_g log|L_g|², or NaN if a block is not positive definite.
 */
function factorFirstBlock(sys: BlockedSystem, work: FactorWork): number {
  const p0 = sys.pw[0];
  const nl0 = sys.nlv[0];
  const { L00, A00 } = sys;
  const T0 = work.T[0];
  const R = work.R;
  const tmp = work.tmp;
  let ldL2 = 0;
  if (p0 === 1) {
    const t0 = T0[0];
    const t2 = t0 * t0;
    for (let g = 0; g < nl0; g++) {
      const v = Math.sqrt(t2 * A00[g] + 1);
      L00[g] = v;
      work.invL2[g] = 1 / (v * v);
      R[g] = t0 / v;
      ldL2 += 2 * Math.log(v);
    }
    return ldL2;
  }
  if (p0 === 2) return factorFirstBlock2(sys, work);
  const pp0 = p0 * p0;
  for (let g = 0; g < nl0; g++) {
    const off = g * pp0;
    // tmp = A_g T₀ (T₀ lower), then L_g = T₀ᵀ tmp (lower triangle only) + I
    for (let c = 0; c < p0; c++)
      for (let a = 0; a < p0; a++) {
        let sum = 0;
        for (let l = c; l < p0; l++) sum += A00[off + a + l * p0] * T0[l + c * p0];
        tmp[a + c * p0] = sum;
      }
    for (let c = 0; c < p0; c++)
      for (let a = c; a < p0; a++) {
        let sum = a === c ? 1 : 0;
        for (let l = a; l < p0; l++) sum += T0[l + a * p0] * tmp[l + c * p0];
        L00[off + a + c * p0] = sum;
      }
    // small in-place Cholesky
    for (let j = 0; j < p0; j++) {
      let d = L00[off + j + j * p0];
      for (let l = 0; l < j; l++) d -= L00[off + j + l * p0] * L00[off + j + l * p0];
      if (!(d > 0)) return NaN;
      const ljj = Math.sqrt(d);
      L00[off + j + j * p0] = ljj;
      ldL2 += 2 * Math.log(ljj);
      for (let i = j + 1; i < p0; i++) {
        let v = L00[off + i + j * p0];
        for (let l = 0; l < j; l++) v -= L00[off + i + l * p0] * L00[off + j + l * p0];
        L00[off + i + j * p0] = v / ljj;
      }
    }
    // R_g = T₀ L_g⁻ᵀ: row a solves x L_gᵀ = T₀[a, ·]
    for (let a = 0; a < p0; a++)
      for (let c = 0; c < p0; c++) {
        let v = c <= a ? T0[a + c * p0] : 0;
        for (let l = 0; l < c; l++) v -= R[off + a + l * p0] * L00[off + c + l * p0];
        R[off + a + c * p0] = v / L00[off + c + c * p0];
      }
  }
  return ldL2;
}

/**
 * factorFirstBlock for p₀ = 2 (a random intercept and slope), written out. With T₀ = [t₀₀ 0; t₁₀ t₁₁]
 * and A_g = [a₀₀ a₀₁; a₁₀ a₁₁]: M = T₀ᵀ A_g T₀ + I has
 *   m₀₀ = 1 + t₀₀ u₀ + t₁₀ u₁,  m₁₀ = t₁₁ u₁,  m₁₁ = 1 + t₁₁² a₁₁,  where (u₀, u₁) = A_g (t₀₀, t₁₀)ᵀ;
 * L_g = [l₀₀ 0; l₁₀ l₁₁] with l₀₀ = √m₀₀, l₁₀ = m₁₀ / l₀₀, l₁₁ = √(m₁₁ − l₁₀²); and R_g = T₀ L_g⁻ᵀ.
 * The general loops spend most of their time on index arithmetic at this size, and lmer fits with a
 * random slope (sweeps refit them by the hundred) evaluate this once per level per evaluation.
 */
function factorFirstBlock2(sys: BlockedSystem, work: FactorWork): number {
  const nl0 = sys.nlv[0];
  const { L00, A00 } = sys;
  const T0 = work.T[0];
  const R = work.R;
  const t00 = T0[0], t10 = T0[1], t11 = T0[3];
  let ldL2 = 0;
  for (let g = 0; g < nl0; g++) {
    const off = 4 * g;
    // The operations in the general loops' order, so both give the same bits (GLMM's PIRLS fast
    // paths are checked bit for bit against this factor).
    const a00 = A00[off], a10 = A00[off + 1], a01 = A00[off + 2], a11 = A00[off + 3];
    const u0 = a00 * t00 + a01 * t10;
    const u1 = a10 * t00 + a11 * t10;
    const m00 = 1 + t00 * u0 + t10 * u1;
    if (!(m00 > 0)) return NaN;
    const l00 = Math.sqrt(m00);
    ldL2 += 2 * Math.log(l00);
    const l10 = (t11 * u1) / l00;
    const d = 1 + t11 * (a11 * t11) - l10 * l10;
    if (!(d > 0)) return NaN;
    const l11 = Math.sqrt(d);
    ldL2 += 2 * Math.log(l11);
    L00[off] = l00;
    L00[off + 1] = l10;
    L00[off + 3] = l11;
    const r00 = t00 / l00;
    const r10 = t10 / l00;
    R[off] = r00;
    R[off + 1] = r10;
    R[off + 2] = (-r00 * l10) / l11;
    R[off + 3] = (t11 - r10 * l10) / l11;
  }
  return ldL2;
}

/** (i,0): every mini-block B = T_iᵀ A R_g (= T_iᵀ A T₀ L_g⁻ᵀ). */
function scaleColumn0(sys: BlockedSystem, work: FactorWork, i: number): void {
  const blk = sys.col0[i - 1];
  const p0 = sys.pw[0];
  const pp0 = p0 * p0;
  const pi = blk.pi;
  const sz = pi * p0;
  const Ti = work.Tb[i];
  const { A, L, colPtr } = blk;
  const R = work.R;
  const tmp = work.tmp;
  const nl0 = sys.nlv[0];
  if (p0 === 1 && pi === 1) {
    const ti = Ti ? Ti[0] : 1;
    for (let g = 0; g < nl0; g++) {
      const f = ti * R[g];
      for (let b = colPtr[g]; b < colPtr[g + 1]; b++) L[b] = f * A[b];
    }
    return;
  }
  if (p0 === 2 && !Ti) {
    // the [X y] block below a random intercept and slope: B = A R_g with the 2 × 2 R_g written out
    for (let g = 0; g < nl0; g++) {
      const ro = 4 * g;
      const r00 = R[ro], r10 = R[ro + 1], r01 = R[ro + 2], r11 = R[ro + 3];
      for (let b = colPtr[g]; b < colPtr[g + 1]; b++) {
        const o = b * sz;
        for (let a = 0; a < pi; a++) {
          const x0 = A[o + a], x1 = A[o + a + pi];
          L[o + a] = x0 * r00 + x1 * r10;
          L[o + a + pi] = x0 * r01 + x1 * r11;
        }
      }
    }
    return;
  }
  for (let g = 0; g < nl0; g++) {
    const ro = g * pp0;
    for (let b = colPtr[g]; b < colPtr[g + 1]; b++) {
      const o = b * sz;
      if (!Ti) {
        for (let c = 0; c < p0; c++)
          for (let a = 0; a < pi; a++) {
            let v = 0;
            for (let l = 0; l < p0; l++) v += A[o + a + l * pi] * R[ro + l + c * p0];
            L[o + a + c * pi] = v;
          }
        continue;
      }
      for (let c = 0; c < p0; c++)
        for (let a = 0; a < pi; a++) {
          let v = 0;
          for (let l = 0; l < p0; l++) v += A[o + a + l * pi] * R[ro + l + c * p0];
          tmp[a + c * pi] = v;
        }
      for (let c = 0; c < p0; c++)
        for (let a = 0; a < pi; a++) {
          let v = 0;
          for (let l = a; l < pi; l++) v += Ti[l + a * pi] * tmp[l + c * pi];
          L[o + a + c * pi] = v;
        }
    }
  }
}

/**
 * L(i,j) −= Σ_g L(i,0)_g L(j,0)_gᵀ: products of the mini-blocks that share level g of term 0
 * (for i = j only pairs with row level ≥ column level, i.e. the lower triangle).
 */
function downdateColumn0(sys: BlockedSystem, i: number, j: number, Lij: Float64Array): void {
  const p0 = sys.pw[0];
  const nl0 = sys.nlv[0];
  const bi = sys.col0[i - 1];
  const bj = sys.col0[j - 1];
  const pi = bi.pi;
  const pj = bj.pi;
  const qi = sys.qb[i];
  const szi = pi * p0;
  const szj = pj * p0;
  const Li = bi.L;
  const Lj = bj.L;
  const ri = bi.rowLevel;
  const rj = bj.rowLevel;
  const ci = bi.colPtr;
  const cj = bj.colPtr;
  const diag = i === j;
  if (p0 === 1 && pi === 1 && pj === 1) {
    // scalar terms: one product per pair (the general loop's sum is 0 + product)
    for (let g = 0; g < nl0; g++) {
      const ei = ci[g + 1];
      for (let b = cj[g]; b < cj[g + 1]; b++) {
        const lb = Lj[b];
        const col = rj[b] * qi;
        for (let a = diag ? b : ci[g]; a < ei; a++) Lij[col + ri[a]] -= 0 + Li[a] * lb;
      }
    }
    return;
  }
  for (let g = 0; g < nl0; g++) {
    const ei = ci[g + 1];
    for (let b = cj[g]; b < cj[g + 1]; b++) {
      const hb = rj[b] * pj;
      const ob = b * szj;
      for (let a = diag ? b : ci[g]; a < ei; a++) {
        const ha = ri[a] * pi;
        const oa = a * szi;
        for (let c = 0; c < pj; c++) {
          const col = ha + (hb + c) * qi;
          if (p0 === 2) {
            // a random intercept and slope: the sum over term 0's two columns written out
            const y0 = Lj[ob + c], y1 = Lj[ob + c + pj];
            for (let r = 0; r < pi; r++) Lij[col + r] -= Li[oa + r] * y0 + Li[oa + r + pi] * y1;
            continue;
          }
          for (let r = 0; r < pi; r++) {
            let sum = 0;
            for (let l = 0; l < p0; l++) sum += Li[oa + r + l * pi] * Lj[ob + c + l * pj];
            Lij[col + r] -= sum;
          }
        }
      }
    }
  }
}

/**
 * X L_jjᵀ = B for every block B = L(i,j), i > j, reading L_jj once: column c of L_jj scales column c
 * of each B and then downdates the later columns (right-looking, contiguous in L_jj).
 */
function rightSolveBelow(sys: BlockedSystem, j: number): void {
  const Ljj = sys.denseL[j][j] as Float64Array;
  const qj = sys.qb[j];
  const k = sys.k;
  const head = sys.sparseHead[j];
  for (let c = 0; c < qj; c++) {
    const cc = c * qj;
    const inv = 1 / Ljj[cc + c];
    // in a sparse leading column only the symbolic pattern can be nonzero
    const sparse = head !== null && c < head.denseFrom;
    for (let i = j + 1; i <= k; i++) {
      const B = sys.denseL[i][j] as Float64Array;
      const m = sys.qb[i];
      const bc = c * m;
      for (let r = 0; r < m; r++) B[bc + r] *= inv;
      if (sparse) {
        for (let e = head.colPtr[c]; e < head.colPtr[c + 1]; e++) {
          const jj = head.rowIdx[e];
          const l = Ljj[cc + jj];
          const bj = jj * m;
          for (let r = 0; r < m; r++) B[bj + r] -= B[bc + r] * l;
        }
        continue;
      }
      for (let jj = c + 1; jj < qj; jj++) {
        const l = Ljj[cc + jj];
        if (l === 0) continue;
        const bj = jj * m;
        for (let r = 0; r < m; r++) B[bj + r] -= B[bc + r] * l;
      }
    }
  }
}

/** Dense block (i, j): L = (I ⊗ T_i)ᵀ A (I ⊗ T_j). */
function scaleDense(sys: BlockedSystem, i: number, j: number, Tb: (Float64Array | null)[], tmp: Float64Array): void {
  const A = sys.denseA[i][j] as Float64Array;
  const L = sys.denseL[i][j] as Float64Array;
  const pi = sys.pw[i];
  const pj = sys.pw[j];
  const Ti = Tb[i];
  const Tj = Tb[j];
  if (pi === 1 && pj === 1) {
    const s = (Ti ? Ti[0] : 1) * (Tj ? Tj[0] : 1);
    if (i !== j) {
      for (let x = 0; x < A.length; x++) L[x] = s * A[x];
      return;
    }
    // diagonal block: only the lower triangle is used
    const q = sys.qb[i];
    for (let c = 0; c < q; c++) for (let x = c * q + c; x < (c + 1) * q; x++) L[x] = s * A[x];
    return;
  }
  const ld = sys.qb[i];
  for (let hj = 0; hj < sys.nlv[j]; hj++)
    for (let hi = 0; hi < sys.nlv[i]; hi++) {
      const off = hi * pi + hj * pj * ld;
      congruence(A, off, ld, L, off, ld, Ti, pi, Tj, pj, tmp);
    }
}

/**
 * Factor at θ. Returns null when a diagonal block is not positive definite (only possible in the
 * [X y] block, i.e. for numerically rank-deficient X).
 */
export function updateL(sys: BlockedSystem, theta: ArrayLike<number>, work: FactorWork): PlsTerms | null {
  const { k, terms, qb, denseL } = sys;
  const { T, Tb, tmp } = work;
  const th = work.theta;
  th.set(theta);
  for (let t = 0; t < k; t++) fillT(th, terms[t], T[t]);
  let ldL2 = factorFirstBlock(sys, work);
  if (Number.isNaN(ldL2)) return null;
  for (let i = 1; i <= k; i++) scaleColumn0(sys, work, i);

  // columns j = 1..k
  for (let j = 1; j <= k; j++) {
    const qj = qb[j];
    const Ljj = denseL[j][j] as Float64Array;
    scaleDense(sys, j, j, Tb, tmp);
    if (j < k) for (let x = 0; x < qj; x++) Ljj[x + x * qj] += 1;
    // − Σ_g L(j,0)_g L(j,0)_gᵀ over pairs of mini-blocks in the same level g of term 0
    const pjj = sys.pairs[j][j];
    if (pjj) applyPairs(pjj, Ljj, T[j][0] * T[j][0] * T[0][0] * T[0][0], work.invL2);
    else downdateColumn0(sys, j, j, Ljj);
    for (let jj = 1; jj < j; jj++) syrkLowerMinus(Ljj, qj, denseL[j][jj] as Float64Array, qb[jj]);
    const head = sys.sparseHead[j];
    if ((head ? choleskyLowerSparseHead(Ljj, qj, head) : choleskyLowerBlocked(Ljj, qj)) >= 0) return null;
    if (j < k) for (let x = 0; x < qj; x++) ldL2 += 2 * Math.log(Ljj[x + x * qj]);

    for (let i = j + 1; i <= k; i++) {
      const qi = qb[i];
      const Lij = denseL[i][j] as Float64Array;
      scaleDense(sys, i, j, Tb, tmp);
      const pij = sys.pairs[i][j];
      if (pij) applyPairs(pij, Lij, T[i][0] * T[j][0] * T[0][0] * T[0][0], work.invL2);
      else downdateColumn0(sys, i, j, Lij);
      for (let jj = 1; jj < j; jj++)
        gemmNTMinus(Lij, qi, qj, denseL[i][jj] as Float64Array, denseL[j][jj] as Float64Array, qb[jj]);
    }
    // L(i,j) ← L(i,j) L(j,j)⁻ᵀ for all i > j in one pass over L(j,j)
    if (j < k) rightSolveBelow(sys, j);
  }

  const m = sys.m;
  const p = sys.p;
  const Lxy = denseL[k][k] as Float64Array;
  let ldRX2 = 0;
  for (let a = 0; a < p; a++) ldRX2 += 2 * Math.log(Lxy[a + a * m]);
  const last = Lxy[p + p * m];
  return { ldL2, ldRX2, pwrss: last * last };
}

/** The profiled criterion from the PLS terms (mixed-models.md §1.4). */
export function profiledCriterion(pls: PlsTerms, n: number, p: number, sumLogW: number, REML: boolean): number {
  const dof = REML ? n - p : n;
  const base = pls.ldL2 - sumLogW + dof * (1 + Math.log((2 * Math.PI * pls.pwrss) / dof));
  return REML ? base + pls.ldRX2 : base;
}
