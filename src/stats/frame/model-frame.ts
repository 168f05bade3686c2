import { deparse, type Expr } from "../formula/ast";
import { parsedFormulaTerms, type FormulaTerms } from "../formula/terms";
import { buildDesign } from "./design";
import { Evaluator } from "./evaluate";
import { FrameError } from "./frame-error";
import type { DataColumns, FamilyName, ModelMatrices, RandomTerm } from "./model-matrices";
import { independentColumns } from "./rank";
import { checkRandomTerms } from "./re-checks";
import { codeResponse, responseVariables } from "./response";
import { scaleWarning } from "./scale-check";
import { interactFactors, missingAt, subsetVariable, type FactorVariable, type Variable } from "./variable";

/** Options of `modelFrame`. */
export interface FrameOptions {
  /** Columns to treat as factors even when numeric (string and logical columns always are). */
  readonly factors?: readonly string[];
  /** How to code the response; defaults to gaussian. */
  readonly family?: FamilyName;
  /** A numeric column of prior weights (for binomial proportions: the number of trials). */
  readonly weights?: string;
}

/**
 * Turns a formula and a table into the numeric model: drops rows with missing values in any
 * used column, expands factors into treatment-contrast columns with lme4's names, drops
 * rank-deficient fixed columns, and builds one `RandomTerm` per expanded random term.
 * Throws FormulaError (with a position) for bad formulas and unknown columns, FrameError for bad data.
 */
export function modelFrame(formula: string | FormulaTerms, data: DataColumns, options: FrameOptions = {}): ModelMatrices {
  const terms = typeof formula === "string" ? parsedFormulaTerms(formula) : formula;
  const family = options.family ?? "gaussian";
  const ev = new Evaluator(data, new Set(options.factors ?? []), terms.source);
  const groupKeys = new Set(terms.random.flatMap((r) => r.group));
  checkFactorNames(options.factors ?? [], data);
  const used = new Map<string, Variable>();
  const use = (name: string, v: Variable) => used.set(name, v);
  for (const [name, v] of responseVariables(terms.response, ev)) use(name, v);
  // A grouping variable is a factor even when numeric; where it is also a predictor it keeps its own type.
  for (const [key, e] of terms.variables) use(key, groupKeys.has(key) ? ev.factor(e) : ev.variable(e));
  terms.offsets.forEach((e) => use(`offset(${deparse(e)})`, ev.numeric(e, "the offset")));
  if (options.weights !== undefined) use(options.weights, weightColumn(options.weights, data, ev));

  const { rows, note } = completeRows(ev.n, used);
  checkFinite(used, rows);
  const messages: string[] = note ? [note] : [];
  const n = rows.length;
  const vars = new Map<string, Variable>();
  const groups = new Map<string, FactorVariable>();
  for (const [key, e] of terms.variables) {
    vars.set(key, subsetVariable(ev.variable(e), rows));
    if (groupKeys.has(key)) groups.set(key, subsetVariable(ev.factor(e), rows) as FactorVariable);
  }

  const fixed = buildDesign(terms.intercept, terms.fixed, vars, n);
  const keep = independentColumns(fixed.columns);
  const droppedNames = fixed.names.filter((_, j) => !keep.includes(j));
  if (droppedNames.length)
    messages.push(`fixed-effect model matrix is rank deficient so dropping ${droppedNames.length} column${droppedNames.length > 1 ? "s" : ""} / coefficient${droppedNames.length > 1 ? "s" : ""}: ${droppedNames.join(", ")}`);
  const fixedNames = keep.map((j) => fixed.names[j]!);
  const X = new Float64Array(n * keep.length);
  keep.forEach((j, c) => X.set(fixed.columns[j]!, c * n));
  const scale = scaleWarning(fixedNames, keep.map((j) => fixed.columns[j]!));
  if (scale) messages.push(scale);

  const reTerms: RandomTerm[] = terms.random.map((spec) => {
    const group = interactFactors(spec.group.map((k) => groups.get(k)!));
    const design = buildDesign(spec.intercept, spec.terms, vars, n);
    return { group: spec.groupLabel, levels: group.levels, index: group.codes, columnNames: design.names, columns: design.columns };
  });

  checkRandomTerms(reTerms, n, family);
  const response = codeResponse(terms.response, ev, rows, family, terms.source);
  const user = options.weights !== undefined ? subsetVariable(used.get(options.weights)!, rows) : undefined;
  let w = user?.kind === "numeric" ? user.values : undefined;
  if (response.trials) w = w ? w.map((x, i) => x * response.trials![i]!) : response.trials;
  const offset = terms.offsets.length ? sumOffsets(terms.offsets, ev, rows) : undefined;

  return {
    n,
    y: response.y,
    p: keep.length,
    X,
    fixedNames,
    reTerms,
    ...(w ? { weights: w } : {}),
    ...(offset ? { offset } : {}),
    rows,
    responseName: deparse(terms.response),
    messages,
    family,
    droppedNames,
  };
}

function completeRows(total: number, used: ReadonlyMap<string, Variable>): { rows: Int32Array; note?: string } {
  const missing = new Uint8Array(total);
  const counts: string[] = [];
  for (const [key, v] of used) {
    let count = 0;
    for (let i = 0; i < total; i++)
      if (missingAt(v, i)) {
        missing[i] = 1;
        count++;
      }
    if (count) counts.push(`${key}: ${count}`);
  }
  let kept = 0;
  for (let i = 0; i < total; i++) kept += 1 - missing[i]!;
  const rows = new Int32Array(kept);
  for (let i = 0, k = 0; i < total; i++) if (!missing[i]) rows[k++] = i;
  const dropped = total - kept;
  if (kept === 0) throw new FrameError(`no rows left: all ${total} rows have missing values (${counts.join(", ")})`);
  const note = dropped ? `dropped ${dropped} of ${total} rows with missing values (${counts.join(", ")})` : undefined;
  return note ? { rows, note } : { rows };
}

/** R's model fitting refuses Inf ("NA/NaN/Inf in 'y'"); say which column and row instead of returning NaN estimates. */
function checkFinite(used: ReadonlyMap<string, Variable>, rows: Int32Array): void {
  for (const [key, v] of used) {
    if (v.kind !== "numeric") continue;
    const bad: number[] = [];
    for (let i = 0; i < rows.length; i++) if (!Number.isFinite(v.values[rows[i]!]!)) bad.push(rows[i]!);
    if (bad.length)
      throw new FrameError(`"${key}" is ${v.values[bad[0]!]} in row ${bad[0]! + 1}${bad.length > 1 ? ` and ${bad.length - 1} other row${bad.length > 2 ? "s" : ""}` : ""}; remove or correct those rows`);
  }
}

function checkFactorNames(factors: readonly string[], data: DataColumns): void {
  const unknown = factors.filter((f) => !(f in data));
  if (unknown.length)
    throw new FrameError(`unknown factor column${unknown.length > 1 ? "s" : ""} ${unknown.map((f) => `"${f}"`).join(", ")}; the data has ${Object.keys(data).join(", ")}`);
}

function weightColumn(name: string, data: DataColumns, ev: Evaluator): Variable {
  if (!data[name]) throw new FrameError(`unknown weights column "${name}"; the data has ${Object.keys(data).join(", ")}`);
  const v = ev.variable({ kind: "name", name, start: 0, end: 0 });
  if (v.kind !== "numeric") throw new FrameError(`the weights column "${name}" must be numeric`);
  if (v.values.some((x) => x < 0)) throw new FrameError(`the weights column "${name}" has negative values`);
  return v;
}

function sumOffsets(offsets: readonly Expr[], ev: Evaluator, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (const e of offsets) {
    const v = ev.numeric(e, "the offset").values;
    rows.forEach((r, i) => (out[i]! += v[r]!));
  }
  return out;
}
