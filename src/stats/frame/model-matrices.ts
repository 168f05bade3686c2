/**
 * The contract between the model frame (formula + data -> numbers) and the fitters (lm, lmm, glmm).
 * Everything is already numeric: factors expanded to treatment-contrast columns, rows with
 * missing values dropped, `(x || g)` split into separate terms. Fitters never see column names
 * of the user's table, only these arrays.
 */

/** A column of a user's table as the stats layer accepts it (an Arquero column, a plain array, a typed array). */
export type DataColumn = ArrayLike<number | string | boolean | null | undefined>;

/** A table as named columns of equal length. */
export type DataColumns = Readonly<Record<string, DataColumn>>;

/** One random-effects term `(cols | group)` after expansion. */
export interface RandomTerm {
  /** The grouping factor as lme4 names it: `Subject`, `a:b` for an interaction or nested term. */
  readonly group: string;
  /** Level labels of the grouping factor, sorted as R sorts factor levels; only levels present in the data. */
  readonly levels: readonly string[];
  /** For each row (after NA removal), the 0-based index of its level in `levels`. */
  readonly index: Int32Array;
  /** lme4's names of the term's columns: `(Intercept)`, `Days`, `period2`. */
  readonly columnNames: readonly string[];
  /** The term's model-matrix columns, one Float64Array of length n per entry of `columnNames`. */
  readonly columns: readonly Float64Array[];
}

/** The numeric model: response, fixed-effects design, random-effects terms, prior weights, offset. */
export interface ModelMatrices {
  /** Number of rows used (after dropping rows with missing values). */
  readonly n: number;
  /** Response. For binomial: the proportion of successes, with the number of trials in `weights`. */
  readonly y: Float64Array;
  /** Number of fixed-effects columns kept (after dropping rank-deficient ones). */
  readonly p: number;
  /** Fixed-effects design, column-major n x p. */
  readonly X: Float64Array;
  /** lme4's names of the kept fixed-effects columns, in column order. */
  readonly fixedNames: readonly string[];
  /** Random-effects terms in formula order (fitters reorder as lme4 does). Empty for lm/glm. */
  readonly reTerms: readonly RandomTerm[];
  /** Prior weights (binomial trials, or user weights); undefined means all 1. */
  readonly weights?: Float64Array;
  /** Offset added to the linear predictor; undefined means 0. */
  readonly offset?: Float64Array;
  /** Row numbers (0-based, in the input table) of the rows used, so fitted values map back to the data. */
  readonly rows: Int32Array;
  /** The response's name as written in the formula, e.g. `Reaction` or `cbind(incidence, size - incidence)`. */
  readonly responseName: string;
  /** Notes for the user: rows dropped for missing values, columns dropped as rank-deficient, scaling warnings. */
  readonly messages: readonly string[];
  /** The family the frame was built for (how the response was coded); undefined means gaussian. */
  readonly family?: FamilyName;
  /** Fixed-effects columns dropped as linearly dependent on earlier ones (not in `fixedNames`). */
  readonly droppedNames?: readonly string[];
}

/** The response distributions the frame can code a response for. */
export type FamilyName = "gaussian" | "binomial" | "poisson";
