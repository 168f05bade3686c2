/**
 * Turning θ, σ, β̂ and b into lme4's reported layouts: VarCorr rows, ranef / coef per grouping factor.
 */
import type { CoefGroup, FixefRow, RanefGroup, VarCorrRow } from "./types";
import type { OrderedTerm } from "./terms";
import { fillT } from "./terms";

/**
 * as.data.frame(VarCorr(fit)): per term, Σ = σ² T Tᵀ; first the SD rows, then correlations for pairs
 * (var1, var2) in column-major lower-triangle order; finally the Residual row.
 */
export function varCorrRows(terms: readonly OrderedTerm[], theta: ArrayLike<number>, sigma: number): VarCorrRow[] {
  const rows: VarCorrRow[] = [];
  for (const t of terms) {
    const p = t.p;
    const T = new Float64Array(p * p);
    fillT(theta, t, T);
    const S = new Float64Array(p * p);
    for (let i = 0; i < p; i++)
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let l = 0; l <= Math.min(i, j); l++) s += T[i + l * p] * T[j + l * p];
        S[i + j * p] = sigma * sigma * s;
      }
    for (let i = 0; i < p; i++)
      rows.push({ group: t.label, var1: t.columnNames[i], var2: null, vcov: S[i + i * p], sdcor: Math.sqrt(S[i + i * p]) });
    for (let j = 0; j < p; j++)
      for (let i = j + 1; i < p; i++) {
        const den = Math.sqrt(S[i + i * p] * S[j + j * p]);
        rows.push({
          group: t.label, var1: t.columnNames[j], var2: t.columnNames[i],
          vcov: S[i + j * p], sdcor: den > 0 ? S[i + j * p] / den : NaN,
        });
      }
  }
  rows.push({ group: "Residual", var1: null, var2: null, vcov: sigma * sigma, sdcor: sigma });
  return rows;
}

/**
 * ranef(fit, condVar = TRUE): terms sharing a grouping factor are merged (lme4 lists each factor once,
 * in order of first appearance among the sorted terms).
 * `b[t]` holds term t's modes level-major (level h, column a at h·p + a); `cv[t]` the conditional
 * variances of b in the same layout (diagonal only), or null.
 */
export function ranefGroups(
  terms: readonly OrderedTerm[], b: Float64Array[], cv: (Float64Array | null)[],
): RanefGroup[] {
  const groups: RanefGroup[] = [];
  const byName = new Map<string, RanefGroup>();
  terms.forEach((t, ti) => {
    let g = byName.get(t.group);
    if (!g) {
      g = { group: t.group, levels: [...t.levels], values: {}, condsd: cv[ti] ? {} : null };
      byName.set(t.group, g);
      groups.push(g);
    }
    for (let a = 0; a < t.p; a++) {
      const vals: number[] = [];
      const sds: number[] = [];
      for (let h = 0; h < t.nl; h++) {
        vals.push(b[ti][h * t.p + a]);
        const c = cv[ti];
        if (c) sds.push(Math.sqrt(Math.max(c[h * t.p + a], 0)));
      }
      g.values[t.columnNames[a]] = vals;
      if (g.condsd && cv[ti]) g.condsd[t.columnNames[a]] = sds;
    }
  });
  return groups;
}

/** coef(fit): fixed effects plus conditional modes where the names match; ranef-only columns start at 0. */
export function coefGroups(ranef: readonly RanefGroup[], fixef: readonly FixefRow[]): CoefGroup[] {
  return ranef.map((g) => {
    const values: Record<string, number[]> = {};
    const nl = g.levels.length;
    for (const f of fixef) values[f.term] = new Array<number>(nl).fill(f.estimate);
    for (const [name, vals] of Object.entries(g.values)) {
      const base = values[name] ?? new Array<number>(nl).fill(0);
      values[name] = base.map((v, h) => v + vals[h]);
    }
    return { group: g.group, levels: [...g.levels], values };
  });
}
