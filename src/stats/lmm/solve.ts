/**
 * Solutions from the factor L at the optimum (mixed-models.md §1.3, §1.7, §1.8):
 * - β̂ and ũ by back substitution of Lᵀ [ũ; β̂; −1] = −√pwrss·e_last (the normal equations);
 * - b = Λ_θ ũ;
 * - diagonal blocks of (Λᵀ ZᵀWZ Λ + I)⁻¹ = L⁻ᵀ L⁻¹ for the conditional variances σ² Λ V Λᵀ.
 */
import { solveLowerSparseHead } from "../linalg/cholesky-sparse-head";
import { solveLower, solveLowerTrans } from "../linalg/triangular";
import type { BlockedSystem } from "./blocks";

/** β̂ (length p) and ũ per term (length q_t each). */
export function solveBetaU(sys: BlockedSystem): { beta: Float64Array; u: Float64Array[] } {
  const { k, p, m, qb, pw, nlv, col0, denseL } = sys;
  const Lxy = denseL[k][k] as Float64Array;
  const vk = new Float64Array(m);
  for (let a = 0; a < p; a++) vk[a] = Lxy[p + a * m];
  solveLowerTrans(Lxy, p, vk, m);
  vk[p] = -1;
  const v: Float64Array[] = new Array(k + 1);
  v[k] = vk;
  for (let j = k - 1; j >= 1; j--) {
    const qj = qb[j];
    const r = new Float64Array(qj);
    for (let i = j + 1; i <= k; i++) {
      const Lij = denseL[i][j] as Float64Array;
      const qi = qb[i];
      const vi = v[i];
      for (let c = 0; c < qj; c++) {
        let s = 0;
        for (let a = 0; a < qi; a++) s += Lij[a + c * qi] * vi[a];
        r[c] -= s;
      }
    }
    solveLowerTrans(denseL[j][j] as Float64Array, qj, r);
    v[j] = r;
  }
  const p0 = pw[0];
  const r0 = new Float64Array(qb[0]);
  for (let i = 1; i <= k; i++) {
    const blk = col0[i - 1];
    const pi = blk.pi;
    const sz = pi * p0;
    const vi = v[i];
    for (let g = 0; g < nlv[0]; g++)
      for (let b = blk.colPtr[g]; b < blk.colPtr[g + 1]; b++) {
        const h = blk.rowLevel[b] * pi;
        for (let c = 0; c < p0; c++) {
          let s = 0;
          for (let a = 0; a < pi; a++) s += blk.L[b * sz + a + c * pi] * vi[h + a];
          r0[g * p0 + c] -= s;
        }
      }
  }
  for (let g = 0; g < nlv[0]; g++) solveLowerTrans(sys.L00, p0, r0, p0, g * p0 * p0, g * p0);
  v[0] = r0;
  return { beta: vk.slice(0, p), u: v.slice(0, k) };
}

/**
 * For term t, the p_t × p_t diagonal blocks of V = (ΛᵀZᵀWZΛ + I)⁻¹, one per level, as
 * V_h = X_hᵀ X_h with X_h = L⁻¹ [unit columns of level h] (forward substitution through the
 * random-effects blocks only; a solve starts at the first nonzero row).
 */
export function condVarBlocks(sys: BlockedSystem, t: number): Float64Array {
  const { k, pw, nlv, qb, col0, denseL } = sys;
  const pt = pw[t];
  const p0 = pw[0];
  const out = new Float64Array(nlv[t] * pt * pt);
  const x: Float64Array[] = [];
  for (let i = 0; i < k; i++) x.push(new Float64Array(qb[i] * pt));
  const start = new Int32Array(k);
  const e0 = new Float64Array(p0 * p0);
  for (let h = 0; h < nlv[t]; h++) {
    for (let i = t; i < k; i++) x[i].fill(0);
    let first = 0;
    if (t === 0) {
      // X₀ = L_h⁻¹ (p0 × p0)
      e0.fill(0);
      for (let a = 0; a < p0; a++) {
        e0[a + a * p0] = 1;
        solveLower(sys.L00, p0, e0, p0, h * p0 * p0, a * p0);
      }
      for (let c = 0; c < p0; c++) for (let a = 0; a < p0; a++) x[0][h * p0 + a + c * qb[0]] = e0[a + c * p0];
    } else {
      const q = qb[t];
      const head = sys.sparseHead[t];
      for (let a = 0; a < pt; a++) {
        x[t][h * pt + a + a * q] = 1;
        if (head) solveLowerSparseHead(denseL[t][t] as Float64Array, q, head, x[t], a * q, h * pt);
        else solveLower(denseL[t][t] as Float64Array, q - h * pt, x[t], q, h * pt * (q + 1), h * pt + a * q);
      }
      first = t + 1;
      start[t] = h * pt;
    }
    for (let i = t === 0 ? 1 : first; i < k; i++) {
      const qi = qb[i];
      const xi = x[i];
      let s0 = qi;
      if (t === 0) {
        const blk = col0[i - 1];
        const pi = blk.pi;
        const sz = pi * p0;
        for (let b = blk.colPtr[h]; b < blk.colPtr[h + 1]; b++) {
          const rl = blk.rowLevel[b] * pi;
          s0 = Math.min(s0, rl);
          for (let c = 0; c < pt; c++)
            for (let a = 0; a < pi; a++) {
              let s = 0;
              for (let l = 0; l < p0; l++) s += blk.L[b * sz + a + l * pi] * x[0][h * p0 + l + c * qb[0]];
              xi[rl + a + c * qi] -= s;
            }
        }
      }
      for (let jj = Math.max(t, 1); jj < i; jj++) {
        const Lij = denseL[i][jj] as Float64Array;
        const qj = qb[jj];
        const xj = x[jj];
        for (let c = 0; c < pt; c++)
          for (let l = start[jj]; l < qj; l++) {
            const v = xj[l + c * qj];
            if (v === 0) continue;
            for (let a = 0; a < qi; a++) xi[a + c * qi] -= Lij[a + l * qi] * v;
          }
        s0 = 0;
      }
      start[i] = s0;
      const head = sys.sparseHead[i];
      if (s0 < qi)
        for (let c = 0; c < pt; c++) {
          if (head) solveLowerSparseHead(denseL[i][i] as Float64Array, qi, head, xi, c * qi, s0);
          else solveLower(denseL[i][i] as Float64Array, qi - s0, xi, qi, s0 * (qi + 1), s0 + c * qi);
        }
    }
    const ob = h * pt * pt;
    for (let c = 0; c < pt; c++)
      for (let a = 0; a < pt; a++) {
        let s = 0;
        for (let i = t; i < k; i++) {
          const qi = qb[i];
          const xi = x[i];
          for (let r = 0; r < qi; r++) s += xi[r + a * qi] * xi[r + c * qi];
        }
        out[ob + a + c * pt] = s;
      }
  }
  return out;
}
