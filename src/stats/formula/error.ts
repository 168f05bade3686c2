/**
 * A mistake in a model formula, with the 0-based character position it was found at.
 * The message shows the formula with a caret under that position, so the user sees where.
 */
export class FormulaError extends Error {
  override name = "FormulaError";
  /** The problem in one line, without the caret display. */
  readonly brief: string;

  constructor(
    brief: string,
    /** The formula as the user wrote it. */
    readonly formula: string,
    /** 0-based index into `formula` of the offending character. */
    readonly position: number,
  ) {
    super(`column ${position + 1}: ${brief}\n${pointAt(formula, position)}`);
    this.brief = brief;
  }
}

/** Two lines: the formula, then a caret under `position`. */
export function pointAt(formula: string, position: number): string {
  const at = Math.max(0, Math.min(position, formula.length));
  return `  ${formula}\n  ${" ".repeat(at)}^`;
}
