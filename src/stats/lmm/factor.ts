/**
 * updateL: the numeric phase of the blocked Cholesky factorization at θ (lme4 §"PLS step II";
 * MixedModels.jl `updateL!`), and the profiled criteria of mixed-models.md §1.4:
 *
 *   L Lᵀ = [Λᵀ A_ZZ Λ + I, Λᵀ A_Z,Xy; A_Xy,Z Λ, A_Xy,Xy]
 *   ML:   d(θ)  = ldL2 − Σlog w + n·(1 + log(2π·pwrss/n))
 *   REML: d_R(θ) = ldL2 − Σlog w + ldRX2 + (n−p)·(1 + log(2π·pwrss/(n−p)))
 * with ldL2 = log|L_θ|², ldRX2 = log|R_X|², and pwrss the square of the last diagonal element of L.
 */
import { choleskyLower } from "../linalg/cholesky";
import { choleskyLowerBlocked } from "../linalg/cholesky-blocked";
import { gemmNTMinus, syrkLowerMinus } from "../linalg/rank-update";
import { rightSolveLowerTrans } from "../linalg/triangular";
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
}

export function createWork(sys: BlockedSystem): FactorWork {
  const maxp = Math.max(...sys.pw);
  const T = sys.terms.map((t) => new Float64Array(t.p * t.p));
  const ntheta = sys.terms.reduce((s, t) => s + t.ntheta, 0);
  return { T, Tb: [...T, null], tmp: new Float64Array(maxp * maxp), theta: new Float64Array(ntheta),
    invL2: new Float64Array(sys.nlv[0]) };
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
    for (let x = 0; x < A.length; x++) L[x] = s * A[x];
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
  const { k, terms, pw, nlv, qb, col0, denseL } = sys;
  const { T, Tb, tmp } = work;
  const th = work.theta;
  for (let x = 0; x < th.length; x++) th[x] = theta[x];
  for (let t = 0; t < k; t++) fillT(th, terms[t], T[t]);
  let ldL2 = 0;

  // (0,0): L_g = chol(T₀ᵀ A_g T₀ + I), one small block per level
  const p0 = pw[0];
  const pp0 = p0 * p0;
  const L00 = sys.L00;
  const A00 = sys.A00;
  if (p0 === 1) {
    const t2 = T[0][0] * T[0][0];
    for (let g = 0; g < nlv[0]; g++) {
      const v = Math.sqrt(t2 * A00[g] + 1);
      L00[g] = v;
      work.invL2[g] = 1 / (v * v);
      ldL2 += 2 * Math.log(v);
    }
  } else {
    const T0 = T[0];
    for (let g = 0; g < nlv[0]; g++) {
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
      if (choleskyLower(L00, p0, p0, off) >= 0) return null;
      for (let a = 0; a < p0; a++) ldL2 += 2 * Math.log(L00[off + a + a * p0]);
    }
  }

  // (i,0): L = T_iᵀ A T₀ L_g⁻ᵀ per mini-block
  for (let i = 1; i <= k; i++) {
    const blk = col0[i - 1];
    const pi = blk.pi;
    const sz = pi * p0;
    const Ti = Tb[i];
    for (let g = 0; g < nlv[0]; g++) {
      const s = blk.colPtr[g];
      const e = blk.colPtr[g + 1];
      if (p0 === 1 && pi === 1) {
        const f = ((Ti ? Ti[0] : 1) * T[0][0]) / L00[g];
        for (let b = s; b < e; b++) blk.L[b] = f * blk.A[b];
        continue;
      }
      for (let b = s; b < e; b++) {
        congruence(blk.A, b * sz, pi, blk.L, b * sz, pi, Ti, pi, T[0], p0, tmp);
        rightSolveLowerTrans(L00, p0, blk.L, pi, p0, g * pp0, pi, b * sz);
      }
    }
  }

  // columns j = 1..k
  for (let j = 1; j <= k; j++) {
    const pj = pw[j];
    const qj = qb[j];
    const Ljj = denseL[j][j] as Float64Array;
    scaleDense(sys, j, j, Tb, tmp);
    if (j < k) for (let x = 0; x < qj; x++) Ljj[x + x * qj] += 1;
    // − Σ_g L(j,0)_g L(j,0)_gᵀ over pairs of mini-blocks in the same level g of term 0
    const bj = col0[j - 1];
    const szj = pj * p0;
    const pjj = sys.pairs[j][j];
    if (pjj) applyPairs(pjj, Ljj, T[j][0] * T[j][0] * T[0][0] * T[0][0], work.invL2);
    else
    for (let g = 0; g < nlv[0]; g++) {
      const s = bj.colPtr[g];
      const e = bj.colPtr[g + 1];
      for (let a = s; a < e; a++) {
        const ha = bj.rowLevel[a] * pj;
        for (let b = s; b <= a; b++) {
          const hb = bj.rowLevel[b] * pj;
          if (pj === 1 && p0 === 1) {
            Ljj[ha + hb * qj] -= bj.L[a] * bj.L[b];
            continue;
          }
          for (let c = 0; c < pj; c++)
            for (let r = 0; r < pj; r++) {
              let sum = 0;
              for (let l = 0; l < p0; l++) sum += bj.L[a * szj + r + l * pj] * bj.L[b * szj + c + l * pj];
              Ljj[ha + r + (hb + c) * qj] -= sum;
            }
        }
      }
    }
    for (let jj = 1; jj < j; jj++) syrkLowerMinus(Ljj, qj, denseL[j][jj] as Float64Array, qb[jj]);
    if (choleskyLowerBlocked(Ljj, qj) >= 0) return null;
    if (j < k) for (let x = 0; x < qj; x++) ldL2 += 2 * Math.log(Ljj[x + x * qj]);

    for (let i = j + 1; i <= k; i++) {
      const pi = pw[i];
      const qi = qb[i];
      const Lij = denseL[i][j] as Float64Array;
      scaleDense(sys, i, j, Tb, tmp);
      const bi = col0[i - 1];
      const szi = pi * p0;
      const pij = sys.pairs[i][j];
      if (pij) applyPairs(pij, Lij, T[i][0] * T[j][0] * T[0][0] * T[0][0], work.invL2);
      else
      for (let g = 0; g < nlv[0]; g++) {
        const si = bi.colPtr[g];
        const ei = bi.colPtr[g + 1];
        const sj = bj.colPtr[g];
        const ej = bj.colPtr[g + 1];
        for (let b = sj; b < ej; b++) {
          const hb = bj.rowLevel[b] * pj;
          for (let a = si; a < ei; a++) {
            const ha = bi.rowLevel[a] * pi;
            if (pi === 1 && pj === 1 && p0 === 1) {
              Lij[ha + hb * qi] -= bi.L[a] * bj.L[b];
              continue;
            }
            for (let c = 0; c < pj; c++)
              for (let r = 0; r < pi; r++) {
                let sum = 0;
                for (let l = 0; l < p0; l++) sum += bi.L[a * szi + r + l * pi] * bj.L[b * szj + c + l * pj];
                Lij[ha + r + (hb + c) * qi] -= sum;
              }
          }
        }
      }
      for (let jj = 1; jj < j; jj++)
        gemmNTMinus(Lij, qi, qj, denseL[i][jj] as Float64Array, denseL[j][jj] as Float64Array, qb[jj]);
      rightSolveLowerTrans(Ljj, qj, Lij, qi);
    }
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
