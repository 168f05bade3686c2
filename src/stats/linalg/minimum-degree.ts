/**
 * Minimum-degree ordering of a symmetric sparsity pattern, with the pattern of the Cholesky factor of
 * the reordered matrix.
 *
 * Eliminating node v makes its remaining neighbours a clique: that clique is the below-diagonal pattern
 * of L's column for v. Choosing at each step a node of least current degree keeps the cliques, hence
 * the fill and the flops (Σ_j c_j²/2 for column counts c_j), small. Degrees are exact (recomputed by
 * popcount over bitset rows), affordable for the few thousand levels of a grouping factor.
 */

export interface SymbolicFactor {
  /** perm[newPosition] = original index. */
  perm: Int32Array;
  /** Rows below the diagonal of column j of L (new numbering, increasing): rowIdx[colPtr[j] .. colPtr[j+1]). */
  colPtr: Int32Array;
  rowIdx: Int32Array;
}

/** A symmetric pattern as bitset rows: bit b of row a (word a·words + b>>>5) set when entry (a, b) may be nonzero. */
export interface BitPattern {
  n: number;
  words: number;
  bits: Uint32Array;
}

export function emptyPattern(n: number): BitPattern {
  const words = (n + 31) >>> 5;
  return { n, words, bits: new Uint32Array(n * words) };
}

/** Mark (a, b) and (b, a); the diagonal is implicit. */
export function linkPattern(pattern: BitPattern, a: number, b: number): void {
  if (a === b) return;
  const { words, bits } = pattern;
  bits[a * words + (b >>> 5)] |= 1 << (b & 31);
  bits[b * words + (a >>> 5)] |= 1 << (a & 31);
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Order the nodes of `pattern` (which is consumed) by minimum degree; ties go to the lowest index. */
export function minimumDegree(pattern: BitPattern): SymbolicFactor {
  const { n, words, bits } = pattern;
  const degree = new Int32Array(n);
  for (let a = 0; a < n; a++) {
    let d = 0;
    for (let w = 0; w < words; w++) d += popcount(bits[a * words + w]);
    degree[a] = d;
  }
  const alive = new Uint8Array(n).fill(1);
  const perm = new Int32Array(n);
  const colPtr = new Int32Array(n + 1);
  const cliques: number[] = [];
  const nbr = new Int32Array(n);
  for (let step = 0; step < n; step++) {
    let v = -1;
    let best = Infinity;
    for (let a = 0; a < n; a++) if (alive[a] && degree[a] < best) { best = degree[a]; v = a; }
    perm[step] = v;
    alive[v] = 0;
    const rv = v * words;
    let count = 0;
    for (let w = 0; w < words; w++) {
      let x = bits[rv + w];
      while (x !== 0) {
        const low = x & -x;
        nbr[count++] = (w << 5) + 31 - Math.clz32(low);
        x ^= low;
      }
    }
    const vWord = v >>> 5;
    const vMask = ~(1 << (v & 31));
    for (let t = 0; t < count; t++) {
      const a = nbr[t];
      cliques.push(a);
      const ra = a * words;
      let d = 0;
      for (let w = 0; w < words; w++) {
        const x = bits[ra + w] | bits[rv + w];
        bits[ra + w] = x;
      }
      bits[ra + vWord] &= vMask;
      bits[ra + (a >>> 5)] &= ~(1 << (a & 31));
      for (let w = 0; w < words; w++) d += popcount(bits[ra + w]);
      degree[a] = d;
    }
    bits.fill(0, rv, rv + words);
    colPtr[step + 1] = colPtr[step] + count;
  }
  const position = new Int32Array(n);
  for (let j = 0; j < n; j++) position[perm[j]] = j;
  const rowIdx = new Int32Array(cliques.length);
  for (let j = 0; j < n; j++) {
    const from = colPtr[j];
    const to = colPtr[j + 1];
    for (let e = from; e < to; e++) rowIdx[e] = position[cliques[e]];
    rowIdx.subarray(from, to).sort();
  }
  return { perm, colPtr, rowIdx };
}
