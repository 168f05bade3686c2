/**
 * The AGQ factor of one level for binomial/logit with a random intercept (z ≡ 1), in closed form
 * (agq.ts). With the level's mode ũ, sd = 1/L_jj, node shifts Δ_k = z_k·sd and δ_k = θΔ_k,
 * E_k = e^{δ_k} − 1 and S = Σᵢ wtᵢyᵢ over the level's rows,
 *   devc(ũ + Δ_k) − devc(ũ) = Δ_k(2ũ + Δ_k) + 2 Σᵢ wtᵢ log(1 + μ̃ᵢE_k) − 2δ_k S
 * (log(1 + e^{η+δ}) − log(1 + e^η) = log1p(μ(e^δ − 1))), and the level's factor is
 *   M = Σ_k w_k exp(−(devc(ũ + Δ_k) − devc(ũ))/2 + z_k²/2).
 * Both functions return log M; the caller has checked that no node's η leaves the logit link's
 * unclamped range. The n_j·K row-node terms are the cost, and they are independent of each other, so
 * the loops keep one accumulator per node (independent operations overlap in the pipeline instead of
 * waiting on one running sum). Everything here is typed arrays and numbers: one shape, no calls but
 * Math's and fastExp.
 */
import { fastExp } from "./fast-exp";

/**
 * E_k = e^{a·z_k} − 1 for every node into em1. The rule is symmetric (z_{K−1−k} = −z_k, z = 0 in the
 * middle for odd K) and e^{−δ} − 1 = −E/(1 + E), so ⌊K/2⌋ exponentials suffice. For |a·z| ≥ 1/2,
 * e^{az} − 1 cancels at most 1.4 bits, so fastExp(az) − 1 is within a few ulp; below, expm1.
 */
function nodeShifts(nodes: Float64Array, a: number, em1: Float64Array): void {
  const K = nodes.length;
  const half = K >> 1;
  for (let k = 0; k < half; k++) {
    const x = a * nodes[k]!;
    const E = x > -0.5 && x < 0.5 ? Math.expm1(x) : fastExp(x) - 1;
    em1[k] = E;
    em1[K - 1 - k] = -E / (1 + E);
  }
  if (K & 1) em1[half] = 0; // z = 0
}

/**
 * log M with one log1p per row and node: acc_k = Σᵢ wtᵢ log1p(μ̃ᵢE_k), rows-outer and nodes-inner
 * (each node's sum still in row order). For any non-negative weights.
 */
export function binomialInterceptLogMult(
  muS: Float64Array, wtS: Float64Array, s: number, e: number, sumWy: number, u0: number, sd: number, th: number,
  nodes: Float64Array, weights: Float64Array, em1: Float64Array, acc: Float64Array,
): number {
  const K = nodes.length;
  nodeShifts(nodes, th * sd, em1);
  for (let k = 0; k < K; k++) acc[k] = 0;
  for (let x = s; x < e; x++) {
    const m = muS[x]!;
    const w = wtS[x]!;
    for (let k = 0; k < K; k++) acc[k]! += w * Math.log1p(m * em1[k]!);
  }
  let mult = 0;
  for (let k = 0; k < K; k++) {
    const zk = nodes[k]!;
    const du = zk * sd;
    const ddev = du * (2 * u0 + du) + 2 * (acc[k]! - th * du * sumWy);
    mult += weights[k]! * fastExp(-ddev / 2 + (zk * zk) / 2);
  }
  return Math.log(mult);
}

/**
 * log M without a logarithm per row when the weights are whole numbers nᵢ (binomial sizes, 1 for
 * Bernoulli rows): exp(−Σᵢ nᵢ log(1 + μ̃ᵢE_k)) = 1/P_k with P_k = Πᵢ (1 + μ̃ᵢE_k)^{nᵢ}, so
 *   M = Σ_k w_k exp(z_k²/2 − Δ_k(2ũ + Δ_k)/2 + δ_k S) / P_k.
 * P_k by simultaneous square-and-multiply over the level's rows (powerProgram): the squarings are
 * shared by all rows, so a level costs ⌊log₂ max nᵢ⌋ squarings plus one multiplication per set bit of
 * each nᵢ, instead of a log1p per row. 1 + μ̃E_k lies between 1 and e^{δ_k}, so every partial product
 * is within e^{±|δ_k|·Σnᵢ}: the caller keeps that and the exponent far from overflow (productSafe).
 * The product's relative rounding, ~ε·(number of multiplications), is of the log1p sum's order.
 */
export function binomialInterceptLogMultInt(
  muS: Float64Array, prog: Int32Array, p0: number, p1: number, sumWy: number, u0: number, sd: number, th: number,
  nodes: Float64Array, weights: Float64Array, em1: Float64Array, acc: Float64Array,
): number {
  const K = nodes.length;
  nodeShifts(nodes, th * sd, em1);
  // four nodes at a time, their running products in registers (the program's branches repeat per
  // block); the middle node of an odd rule has E = 0, so its product is 1
  const half = K >> 1;
  const odd = K & 1;
  if (odd) acc[half] = 1;
  const nn = K - odd;
  let j = 0;
  for (; j + 4 <= nn; j += 4) {
    const k0 = j < half ? j : j + odd;
    const k1 = j + 1 < half ? j + 1 : j + 1 + odd;
    const k2 = j + 2 < half ? j + 2 : j + 2 + odd;
    const k3 = j + 3 < half ? j + 3 : j + 3 + odd;
    const e0 = em1[k0]!;
    const e1 = em1[k1]!;
    const e2 = em1[k2]!;
    const e3 = em1[k3]!;
    let r0 = 1;
    let r1 = 1;
    let r2 = 1;
    let r3 = 1;
    for (let q = p0; q < p1; q++) {
      const x = prog[q]!;
      if (x < 0) {
        r0 *= r0;
        r1 *= r1;
        r2 *= r2;
        r3 *= r3;
      } else {
        const m = muS[x]!;
        r0 *= 1 + m * e0;
        r1 *= 1 + m * e1;
        r2 *= 1 + m * e2;
        r3 *= 1 + m * e3;
      }
    }
    acc[k0] = r0;
    acc[k1] = r1;
    acc[k2] = r2;
    acc[k3] = r3;
  }
  for (; j < nn; j++) {
    const k = j < half ? j : j + odd;
    const e0 = em1[k]!;
    let r0 = 1;
    for (let q = p0; q < p1; q++) {
      const x = prog[q]!;
      r0 *= x < 0 ? r0 : 1 + muS[x]! * e0;
    }
    acc[k] = r0;
  }
  let mult = 0;
  for (let k = 0; k < K; k++) {
    const zk = nodes[k]!;
    const du = zk * sd;
    mult += (weights[k]! * fastExp((zk * zk) / 2 - (du * (2 * u0 + du)) / 2 + th * du * sumWy)) / acc[k]!;
  }
  return Math.log(mult);
}

/**
 * The square-and-multiply program for Πᵢ bᵢ^{nᵢ} per level (rows ptr[j] .. ptr[j+1]−1, whole nᵢ ≥ 0):
 * from the highest bit of max nᵢ down, −1 = square the running product, x ≥ 0 = multiply by row x's
 * base, for every row with that bit set. Level j's program is prog[progPtr[j] .. progPtr[j+1]−1].
 */
export function powerProgram(ptr: Int32Array, nS: Int32Array): { prog: Int32Array; progPtr: Int32Array } {
  const nl = ptr.length - 1;
  const ops: number[] = [];
  const progPtr = new Int32Array(nl + 1);
  for (let j = 0; j < nl; j++) {
    let top = -1;
    for (let x = ptr[j]!; x < ptr[j + 1]!; x++) top = Math.max(top, 31 - Math.clz32(nS[x]!));
    for (let b = top; b >= 0; b--) {
      if (b < top) ops.push(-1);
      for (let x = ptr[j]!; x < ptr[j + 1]!; x++) if ((nS[x]! >> b) & 1) ops.push(x);
    }
    progPtr[j + 1] = ops.length;
  }
  return { prog: Int32Array.from(ops), progPtr };
}

/**
 * Whether binomialInterceptLogMultInt's products and exponentials stay inside the double range (e^±709)
 * for this level: |log P_k| ≤ |θ|·sd·z_max·Σnᵢ and |exponent| ≤ z_max²/2 + Δ_max(2|ũ| + Δ_max)/2 + |θ|Δ_max·S,
 * each at most 600. (Their ratio is the node's term itself, which the log1p form would compute as well.)
 */
export function productSafe(sumN: number, sumWy: number, u0: number, sd: number, th: number, zmax: number): boolean {
  const dmax = zmax * sd;
  const shift = Math.abs(th) * dmax;
  return shift * sumN <= 600 && (zmax * zmax) / 2 + (dmax * (2 * Math.abs(u0) + dmax)) / 2 + shift * sumWy <= 600;
}
