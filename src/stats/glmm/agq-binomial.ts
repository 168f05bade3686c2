/**
 * The AGQ factor of one level for binomial/logit with a random intercept (z ≡ 1), in closed form
 * (agq.ts). With the level's mode ũ, sd = 1/L_jj, node shifts Δ_k = z_k·sd and δ_k = θΔ_k,
 * E_k = e^{δ_k} − 1 and S = Σᵢ wtᵢyᵢ over the level's rows,
 *   devc(ũ + Δ_k) − devc(ũ) = Δ_k(2ũ + Δ_k) + 2 Σᵢ wtᵢ log1p(μ̃ᵢE_k) − 2δ_k S
 * (log(1 + e^{η+δ}) − log(1 + e^η) = log1p(μ(e^δ − 1))), and the level's factor is
 *   M = Σ_k w_k exp(−(devc(ũ + Δ_k) − devc(ũ))/2 + z_k²/2).
 * Returns log M. The caller has checked that no node's η leaves the logit link's unclamped range.
 *
 * Why this shape: the n_j·K log1p calls are the cost, and they are independent of each other, so the
 * loop is rows-outer, nodes-inner with one accumulator per node (the calls overlap in the pipeline
 * instead of waiting on one running sum). Per node the rows are summed in row order, as before, so
 * the value is the same to the last bit as the nodes-outer loop's. The rule is symmetric
 * (z_{K−1−k} = −z_k, z = 0 in the middle for odd K) and e^{−δ} − 1 = −E/(1 + E), so only ⌊K/2⌋
 * expm1 calls are needed per level.
 */
export function binomialInterceptLogMult(
  muS: Float64Array, wtS: Float64Array, s: number, e: number, sumWy: number, u0: number, sd: number, th: number,
  nodes: Float64Array, weights: Float64Array, em1: Float64Array, acc: Float64Array,
): number {
  const K = nodes.length;
  const half = K >> 1;
  for (let k = 0; k < half; k++) {
    const E = Math.expm1(th * nodes[k]! * sd);
    em1[k] = E;
    em1[K - 1 - k] = -E / (1 + E);
  }
  if (K & 1) em1[half] = Math.expm1(th * nodes[half]! * sd); // z = 0: E = 0
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
    mult += weights[k]! * Math.exp(-ddev / 2 + (zk * zk) / 2);
  }
  return Math.log(mult);
}
