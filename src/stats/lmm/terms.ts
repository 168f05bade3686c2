/**
 * Random-effects terms in lme4's order and the θ ↔ T_i mapping.
 *
 * Λ_θ = blockdiag(I_{ℓ_i} ⊗ T_i), T_i lower triangular p_i × p_i; θ holds each T_i's lower triangle in
 * column-major order: for p_i = 2, θ = (T11, T21, T22). Diagonal elements have lower bound 0.
 */
import type { RandomTerm } from "../frame/model-matrices";

export interface OrderedTerm {
  /** Index of the term in ModelMatrices.reTerms. */
  source: number;
  group: string;
  label: string;
  levels: readonly string[];
  index: Int32Array;
  columnNames: readonly string[];
  columns: readonly Float64Array[];
  /** p_i: number of columns. */
  p: number;
  /** ℓ_i: number of levels. */
  nl: number;
  /** q_i = p_i ℓ_i. */
  q: number;
  thetaOffset: number;
  /** p_i(p_i+1)/2. */
  ntheta: number;
}

/**
 * lme4 1.1-31's mkReTrms ordering: when the numbers of levels are not already non-increasing, terms
 * are reordered by `rev(order(nl))`, i.e. decreasing ℓ with ties in reverse formula order; otherwise
 * formula order is kept.
 */
export function orderTerms(reTerms: readonly RandomTerm[]): OrderedTerm[] {
  const nl = reTerms.map((t) => t.levels.length);
  let idx = reTerms.map((_, i) => i);
  let increasing = false;
  for (let i = 1; i < nl.length; i++) if (nl[i] > nl[i - 1]) increasing = true;
  if (increasing) {
    const asc = [...idx].sort((a, b) => nl[a] - nl[b] || a - b);
    idx = asc.reverse();
  }
  const seen = new Map<string, number>();
  let off = 0;
  return idx.map((s) => {
    const t = reTerms[s];
    const p = t.columns.length;
    const k = seen.get(t.group) ?? 0;
    seen.set(t.group, k + 1);
    const term: OrderedTerm = {
      source: s,
      group: t.group,
      label: k === 0 ? t.group : `${t.group}.${k}`,
      levels: t.levels,
      index: t.index,
      columnNames: t.columnNames,
      columns: t.columns,
      p,
      nl: t.levels.length,
      q: p * t.levels.length,
      thetaOffset: off,
      ntheta: (p * (p + 1)) / 2,
    };
    off += term.ntheta;
    return term;
  });
}

/** `start` as a θ to begin from, or null when it does not fit the model whose bounds are `lower` (length, finiteness, bounds). */
export function usableStart(start: readonly number[] | undefined, lower: readonly number[]): number[] | null {
  if (!start || start.length !== lower.length) return null;
  return start.every((t, i) => Number.isFinite(t) && t >= lower[i]!) ? [...start] : null;
}

/** θ₀ (identity templates) and lower bounds (0 on diagonals, −∞ elsewhere). */
export function thetaStartAndLower(terms: readonly OrderedTerm[]): { theta0: number[]; lower: number[] } {
  const theta0: number[] = [];
  const lower: number[] = [];
  for (const t of terms)
    for (let j = 0; j < t.p; j++)
      for (let i = j; i < t.p; i++) {
        theta0.push(i === j ? 1 : 0);
        lower.push(i === j ? 0 : -Infinity);
      }
  return { theta0, lower };
}

/** Fill T (p × p column-major, lower) from θ's slice for this term. */
export function fillT(theta: ArrayLike<number>, term: OrderedTerm, T: Float64Array): void {
  const p = term.p;
  T.fill(0, 0, p * p);
  let k = term.thetaOffset;
  for (let j = 0; j < p; j++) for (let i = j; i < p; i++) T[i + j * p] = theta[k++];
}
