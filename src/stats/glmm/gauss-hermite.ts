/**
 * Gauss–Hermite rules for the standard normal kernel by Golub–Welsch: the nodes are the
 * eigenvalues of the symmetric tridiagonal Jacobi matrix with zero diagonal and off-diagonal
 * √1, √2, …, √(k−1) (the recurrence of the probabilists' Hermite polynomials); the weights are the
 * squared first components of the normalised eigenvectors, so Σ wₖ = 1 and Σ wₖ f(zₖ) ≈ E f(Z).
 * The rule is symmetrised (z ↦ −z) as lme4 ≥ 2.0-6 does. Eigen-decomposition by cyclic Jacobi
 * rotations (k ≤ 100, done once per k and cached).
 */

export interface GHRule {
  z: Float64Array;
  w: Float64Array;
}

const cache = new Map<number, GHRule>();

export function ghRule(k: number): GHRule {
  if (!Number.isInteger(k) || k < 1 || k > 100) throw new RangeError(`the number of quadrature points must be an integer in 1..100, not ${k}`);
  const hit = cache.get(k);
  if (hit) return hit;
  const A = new Float64Array(k * k);
  for (let i = 0; i + 1 < k; i++) A[i + (i + 1) * k] = A[i + 1 + i * k] = Math.sqrt(i + 1);
  const V = new Float64Array(k * k);
  for (let i = 0; i < k; i++) V[i + i * k] = 1;
  jacobiEigen(A, V, k);
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => A[a + a * k]! - A[b + b * k]!);
  const z = Float64Array.from(order, (i) => A[i + i * k]!);
  const w = Float64Array.from(order, (i) => V[0 + i * k]! ** 2);
  const zs = new Float64Array(k);
  const wsum = w.reduce((s, x) => s + x, 0);
  const ws = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    zs[i] = (z[i]! - z[k - 1 - i]!) / 2;
    ws[i] = (w[i]! + w[k - 1 - i]!) / 2 / wsum;
  }
  const rule = { z: zs, w: ws };
  cache.set(k, rule);
  return rule;
}

/** Diagonalise the symmetric k×k A in place (eigenvalues on the diagonal), accumulating rotations in V. */
function jacobiEigen(A: Float64Array, V: Float64Array, k: number): void {
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += A[p + q * k]! ** 2;
    if (off < 1e-30) return;
    for (let p = 0; p < k; p++)
      for (let q = p + 1; q < k; q++) {
        const apq = A[p + q * k]!;
        if (Math.abs(apq) < 1e-300) continue;
        const app = A[p + p * k]!;
        const aqq = A[q + q * k]!;
        const tau = (aqq - app) / (2 * apq);
        const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = A[r + p * k]!;
          const arq = A[r + q * k]!;
          A[r + p * k] = c * arp - s * arq;
          A[r + q * k] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = A[p + r * k]!;
          const aqr = A[q + r * k]!;
          A[p + r * k] = c * apr - s * aqr;
          A[q + r * k] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = V[r + p * k]!;
          const vrq = V[r + q * k]!;
          V[r + p * k] = c * vrp - s * vrq;
          V[r + q * k] = s * vrp + c * vrq;
        }
      }
  }
}
