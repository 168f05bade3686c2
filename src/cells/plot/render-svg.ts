import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { equalJson } from "./same-structure";
import { expressionInterpreter } from "vega-interpreter";
import { STABLE_CANVAS } from "./stable-canvas";
export { specDatasets } from "./spec-datasets";

/**
 * Rendering of Vega-Lite specs without network or file access:
 * vega-lite compile → `vega.parse(spec, null, {ast: true})` → a `View` that evaluates expressions with
 * the interpreter (no generated code) and loads data through {@link refusingLoader}.
 *
 * Only specs built by our own chart presets may opt into Vega's compiled expressions (`trusted`):
 * their expression text is fixed in our code and a file can reach them only through scalar options
 * and data, which Vega-Lite quotes as string literals. Compiled expressions are what make a slider
 * move cheap enough for one frame (the interpreter walks an AST per mark per encoding).
 * A spec written by a user (or read from a file) always runs interpreted.
 *
 * Neither `vega` nor a `View` is ever attached to `window` (CVE-2025-59840).
 */

/** Thrown by the refusing loader; the message names the URL that was asked for. */
export class LoaderRefusedError extends Error {
  override name = "LoaderRefusedError";
}

/** A vega loader that refuses every access and counts the attempts. */
export interface RefusingLoader extends vega.Loader {
  /** URLs or file names that something tried to load, in order. */
  readonly attempts: string[];
}

/**
 * A loader whose `load`, `sanitize`, `http` and `file` all throw: workbench charts draw only inline
 * datasets, so any URL in a spec (data, images) is refused rather than fetched.
 */
export function refusingLoader(): RefusingLoader {
  const attempts: string[] = [];
  const refuse = (kind: string) => async (uri: string): Promise<never> => {
    attempts.push(String(uri));
    throw new LoaderRefusedError(`Chart tried to ${kind} "${String(uri).slice(0, 200)}": workbench charts may not access the network or files; put the rows in a dataset cell instead`);
  };
  return {
    attempts,
    load: refuse("load"),
    sanitize: refuse("load"),
    http: refuse("fetch"),
    file: refuse("read the file"),
  };
}

/** Messages collected from vega-lite and vega while compiling and running a chart. */
export interface RenderLog {
  warnings: string[];
  errors: string[];
}

function collectingLogger(log: RenderLog) {
  let level = 2; // vega.Warn
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ");
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: unknown[]) { log.errors.push(text(args)); return logger; },
    warn(...args: unknown[]) {
      // Vega reports a refused load as a warning; for a chart it is an error the user must see.
      const t = text(args);
      (t.startsWith("Loading failed") ? log.errors : log.warnings).push(t);
      return logger;
    },
    info() { return logger; },
    debug() { return logger; },
  };
  return logger;
}

/** Options of {@link createView}. */
export interface CreateViewOptions {
  /** "none" for headless SVG export (default), "svg" or "canvas" in the browser. */
  renderer?: "none" | "svg" | "canvas";
  /** Element to render into (browser only); the view is initialised into it. Call `view.runAsync()` next. */
  container?: Element;
  /** Loader to use; defaults to a fresh {@link refusingLoader}. */
  loader?: vega.Loader;
  /** The spec comes from a built-in preset (see above): compile its expressions instead of interpreting them. */
  trusted?: boolean;
  /**
   * Give every mark item its ARIA description (Vega-Lite's `config.aria`, default true). Only SVG output
   * carries them; a canvas view would format a description string per item on every update for nothing,
   * so the live charts leave them out and export SVG through {@link renderSvg}.
   */
  describeItems?: boolean;
}

/** A view plus the messages and loader it was created with. */
export interface SafeView {
  view: vega.View;
  log: RenderLog;
  loader: vega.Loader;
}

/** Compiles a Vega-Lite spec to Vega, capturing vega-lite's warnings in `log`. */
export function compileSpec(spec: TopLevelSpec, log: RenderLog = { warnings: [], errors: [] }): vega.Spec {
  return compile(spec, { logger: collectingLogger(log) as never }).spec as vega.Spec;
}

/** Creates a safe view of a Vega-Lite spec; the caller runs it (`await view.runAsync()`) and finalizes it. */
export function createView(spec: TopLevelSpec, options: CreateViewOptions = {}): SafeView {
  const log: RenderLog = { warnings: [], errors: [] };
  const loader = options.loader ?? refusingLoader();
  const described = options.describeItems === false ? ({ ...spec, config: { ...spec.config, aria: false } } as TopLevelSpec) : spec;
  const runtime = vega.parse(compileSpec(described, log), undefined, options.trusted ? undefined : { ast: true });
  const view = new vega.View(runtime, {
    ...(options.trusted ? {} : { expr: expressionInterpreter }),
    // In the browser "canvas" means our canvas renderer that keeps the bitmap when only the origin moves.
    renderer: (options.renderer === "canvas" ? STABLE_CANVAS : (options.renderer ?? "none")) as vega.Renderers,
    loader,
    logger: collectingLogger(log) as never,
    hover: options.renderer !== undefined && options.renderer !== "none",
  });
  if (options.container) view.initialize(options.container);
  return { view, log, loader };
}

/** Result of {@link renderSvg}. */
export interface SvgResult extends RenderLog {
  svg: string;
}

/** Renders a Vega-Lite spec to an SVG string headless (Node or browser). */
export async function renderSvg(spec: TopLevelSpec, options: Omit<CreateViewOptions, "renderer" | "container"> = {}): Promise<SvgResult> {
  const { view, log } = createView(spec, { ...options, renderer: "none" });
  try {
    await view.runAsync();
    const svg = await view.toSVG();
    return { svg, warnings: log.warnings, errors: log.errors };
  } finally {
    view.finalize();
  }
}

/**
 * Replaces the rows of named datasets in a live view and re-runs it, so sliders update a chart
 * without re-embedding. Pass a preset's `spec.datasets` to push every table of a rebuilt spec.
 * Datasets the view does not know are reported in the returned list instead of throwing.
 */
export async function updateViewData(view: vega.View, datasets: Record<string, readonly unknown[]>): Promise<string[]> {
  const unknown: string[] = [];
  for (const [name, rows] of Object.entries(datasets)) {
    let current: unknown[];
    try {
      current = view.data(name) as unknown[];
    } catch {
      unknown.push(name);
      continue;
    }
    const changes = rowChanges(current, rows);
    // An untouched dataset is not pulsed: everything downstream of it (scales, axes, encoders) would rerun.
    if (changes) view.change(name, changes);
  }
  await view.runAsync();
  return unknown;
}

type Tuple = Record<string, unknown>;
const isRow = (r: unknown): r is Tuple => r !== null && typeof r === "object";

/**
 * The changes that turn the view's tuples `current` into `rows`, keeping tuple identity: row i
 * modifies tuple i field by field, extra rows are inserted (as copies: Vega marks its tuples) and
 * surplus tuples removed. Replacing every tuple instead (`view.data(name, rows)`) made Vega retire
 * every mark item and build new ones on each slider move, garbage that the collector then paid for
 * in pauses of several ms; modified tuples update their items in place.
 */
function rowChanges(current: readonly unknown[], rows: readonly unknown[]): vega.Changeset | null {
  const changes = vega.changeset();
  let changed = current.length !== rows.length;
  const common = Math.min(current.length, rows.length);
  for (let i = 0; i < common; i++) {
    const tuple = current[i];
    const row = rows[i];
    if (!isRow(tuple) || !isRow(row)) {
      changes.remove(tuple).insert(isRow(row) ? { ...row } : row);
      changed = true;
      continue;
    }
    for (const key in row) {
      // Deeply: a rebuilt row always holds new arrays (a scale's domain list) even when they are equal.
      if (!equalJson(tuple[key], row[key])) {
        changes.modify(tuple, key, row[key]);
        changed = true;
      }
    }
    for (const key in tuple) {
      if (!(key in row)) {
        changes.modify(tuple, key, undefined);
        changed = true;
      }
    }
  }
  if (current.length > common) changes.remove(current.slice(common));
  if (rows.length > common) changes.insert(rows.slice(common).map((r) => (isRow(r) ? { ...r } : r)));
  return changed ? changes : null;
}

