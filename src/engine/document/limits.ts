// Bounds on what a shared file may contain: a file is data from a stranger, so size is checked
// before any work proportional to it.
export const LIMITS = {
  /** Characters of JSON text (CSV text inside dataset cells counts). */
  fileChars: 32_000_000,
  /** Nesting depth of objects and arrays. */
  depth: 48,
  /** Total objects, arrays and values in the document. */
  nodes: 2_000_000,
  cells: 2_000,
  inputsPerCell: 100,
  sheets: 200,
  idLength: 64,
  titleLength: 500,
  descriptionLength: 20_000,
} as const;

/** Keys that could reach Object.prototype if any code ever merged file data into an object. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
