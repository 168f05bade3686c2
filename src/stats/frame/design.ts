import type { Term } from "../formula/terms";
import type { Variable } from "./variable";

/** Named model-matrix columns. */
export interface Design {
  readonly names: string[];
  readonly columns: Float64Array[];
}

/**
 * The model-matrix columns of an intercept plus terms, as R's `model.matrix` builds them with
 * treatment contrasts. A factor in a term is coded by contrasts (reference level dropped) when
 * the term without that factor is in the model (the intercept counting as the empty term), and
 * by one indicator per level otherwise, so `0 + f` and `x:f` without `f` get every level.
 * Columns of an interaction vary fastest in its first variable, named like `x:g2`.
 */
export function buildDesign(intercept: boolean, terms: readonly Term[], vars: ReadonlyMap<string, Variable>, n: number): Design {
  const names: string[] = [];
  const columns: Float64Array[] = [];
  if (intercept) {
    names.push("(Intercept)");
    columns.push(new Float64Array(n).fill(1));
  }
  // Without an intercept, the first factor main effect takes its place (full indicator coding)
  // and later ones get contrasts, as R does for `0 + f + g`.
  let emptyCovered = intercept;
  const present = (vs: readonly string[]) =>
    vs.length === 0 ? emptyCovered : terms.some((t) => t.vars.length === vs.length && t.vars.every((v) => vs.includes(v)));
  for (const term of terms) {
    const covers = term.vars.length === 1 && vars.get(term.vars[0]!)!.kind === "factor";
    let parts: Design = { names: [""], columns: [new Float64Array(n).fill(1)] };
    for (const key of term.vars) {
      const v = vars.get(key)!;
      const contrasts = present(term.vars.filter((k) => k !== key));
      parts = crossParts(parts, variableParts(key, v, contrasts, n));
    }
    names.push(...parts.names);
    columns.push(...parts.columns);
    if (covers) emptyCovered = true;
  }
  return { names, columns };
}

function variableParts(key: string, v: Variable, contrasts: boolean, n: number): Design {
  if (v.kind === "numeric") return { names: [key], columns: [v.values] };
  const names: string[] = [];
  const columns: Float64Array[] = [];
  for (let k = contrasts ? 1 : 0; k < v.levels.length; k++) {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) if (v.codes[i] === k) col[i] = 1;
    names.push(key + v.levels[k]);
    columns.push(col);
  }
  return { names, columns };
}

/** All products of a column of `a` with a column of `b`, `a` varying fastest. */
function crossParts(a: Design, b: Design): Design {
  const names: string[] = [];
  const columns: Float64Array[] = [];
  b.columns.forEach((cb, j) =>
    a.columns.forEach((ca, i) => {
      names.push(a.names[i] ? `${a.names[i]}:${b.names[j]}` : b.names[j]!);
      // An indexed loop: TypedArray.map calls a closure per row, several times the cost.
      const product = new Float64Array(ca.length);
      for (let r = 0; r < ca.length; r++) product[r] = ca[r]! * cb[r]!;
      columns.push(product);
    }),
  );
  return { names, columns };
}
