// The contract between the engine and every cell type. The engine knows cell types only through
// this interface, so a new cell type is one new folder plus one `register` line in cells/index.ts.
import type { ColumnTable } from "arquero";
import type { Issue, Schema } from "./schema";

/** A JSON-serialisable value: what `summary` returns for the CLI and tests. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One upstream value handed to `compute`, in the order of the cell's `inputs`. */
export interface CellInput {
  /** Id of the upstream cell. */
  id: string;
  /** Type name of the upstream cell, e.g. "dataset". */
  type: string;
  /**
   * Its fulfilled value (compute never runs while an input is pending or rejected); or, for an input
   * whose type the reading type lists in `readsResolved`, what that input's `resolve` returned.
   */
  value: unknown;
}

/** What a compute gets besides config and inputs. */
export interface ComputeContext {
  /** Id of the cell being computed, for messages. */
  cellId: string;
  /** Aborted when this run is superseded (input or config changed) or the engine is disposed. */
  signal: AbortSignal;
  /** Resolves at the same moment `signal` aborts: the Observable `invalidation` idiom. */
  invalidation: Promise<void>;
  /**
   * This cell's last fulfilled value in this engine (undefined before the first): lets a compute
   * return it when its inputs changed in a way its result cannot depend on.
   */
  previous?: unknown;
  /**
   * True while this run serves a continuous edit (a slider being dragged): a run that ends the edit
   * follows, so a compute may trade exactness for speed (the model cell warm-starts its optimizer).
   */
  draft?: boolean;
}

/** How many inputs a cell of this type takes; checked when a file is opened or an edge is drawn. */
export interface InputArity {
  min: number;
  max: number;
}

export interface CellType<C = any, V = any> {
  /** The `type` string in workbench files: lowercase letters, digits and hyphens, starting with a letter. */
  readonly name: string;
  /** Human title for menus, e.g. "Parameter". */
  readonly title: string;
  /** One sentence for the gallery and docs. */
  readonly description: string;
  /** Schema of `config`; files are checked against it before anything runs. */
  readonly config: Schema<C>;
  /** Config of a freshly added cell. */
  readonly defaults: C;
  /** Number of inputs accepted (inputs themselves are explicit cell ids in the document). */
  readonly inputs: InputArity;
  /** Checks between config fields the schema cannot express (e.g. min < max); paths are relative to config. */
  check?(config: C): Issue[];
  /** Inputs -> value. May be async; should stop early when `context.signal` aborts. Throwing rejects only this cell. */
  compute(config: C, inputs: readonly CellInput[], context: ComputeContext): V | Promise<V>;
  /**
   * What a compute with this config and these inputs would work with, found without doing the work
   * (a generator's simulation options, a model's formula and family): cheap and synchronous. Its
   * inputs arrive resolved too where their type has `resolve`, as values otherwise. Throwing says
   * the config cannot compute; the cells reading the result are then blocked by this cell.
   */
  resolve?(config: C, inputs: readonly CellInput[]): unknown;
  /**
   * Types of input this type reads only through their `resolve` (a sweep reruns the generator and the
   * model itself; it never reads their data or fit). It starts without waiting for such an input's
   * compute, and an input read only so is not needed on screen when this cell is.
   */
  readonly readsResolved?: readonly string[];
  /** Short JSON description of a value, for the CLI and tests (config given for display options). */
  summary(value: V, config: C): Json;
  /** Named tables of a value (for `--out` CSV and the UI); the key "main" is written as ID.csv, others as ID.KEY.csv. */
  tables?(value: V, config: C): Record<string, ColumnTable>;
  /** SVG text of a plot-like value (for `--out` and snapshot tests). */
  svg?(value: V, config: C): string | Promise<string>;
  /**
   * For cells whose value can be set from outside (parameters: sliders, `--set`): returns the config with the
   * new value, or throws an Error whose message says why the value is refused. Strings are parsed (CLI input).
   */
  setValue?(config: C, value: unknown): C;
  /** The UI's editor/output component; typed loosely so the engine never imports the UI. */
  view?: unknown;
}

/** Identity helper that infers C and V for a cell type literal. */
export function defineCellType<C, V>(type: CellType<C, V>): CellType<C, V> {
  return type;
}

const NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** A checked map of cell types by name. Tests build their own; the app uses the one in cells/index.ts. */
export class CellRegistry {
  readonly #types = new Map<string, CellType>();

  /** Adds a cell type; an illegal or already-used name throws unless `override` is set. */
  register(type: CellType, options: { override?: boolean } = {}): this {
    if (typeof type?.name !== "string" || !NAME.test(type.name)) {
      throw new Error(`Illegal cell type name ${JSON.stringify(type?.name)}: use lowercase letters, digits and hyphens`);
    }
    if (type.resolve !== undefined && typeof type.resolve !== "function") throw new Error(`Cell type "${type.name}": resolve must be a function`);
    if (type.readsResolved !== undefined && !(Array.isArray(type.readsResolved) && type.readsResolved.every((t) => typeof t === "string"))) {
      throw new Error(`Cell type "${type.name}": readsResolved must be a list of cell type names`);
    }
    if (this.#types.has(type.name) && !options.override) {
      throw new Error(`The cell type "${type.name}" is already defined; pass override: true to replace it`);
    }
    this.#types.set(type.name, type);
    return this;
  }

  has(name: string): boolean {
    return this.#types.has(name);
  }

  /** The cell type called `name`; throws for an unknown name (check `has` first when reading files). */
  get(name: string): CellType {
    const type = this.#types.get(name);
    if (!type) throw new Error(`unknown cell type "${name}"`);
    return type;
  }

  names(): string[] {
    return [...this.#types.keys()];
  }
}

export function createCellRegistry(types: readonly CellType[] = []): CellRegistry {
  const registry = new CellRegistry();
  for (const type of types) registry.register(type);
  return registry;
}
