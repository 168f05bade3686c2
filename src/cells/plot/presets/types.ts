import type { TopLevelSpec } from "vega-lite";
import type { Figure } from "../figure/types";
import type { Tables } from "../tables";

/** Options every preset understands. */
export interface CommonOptions {
  /** Chart title; each preset has its own default. */
  title?: string;
  /** Plot width in pixels (one panel). */
  width?: number;
  /** Plot height in pixels (one panel). */
  height?: number;
}

/** Description of one input table of a preset. */
export interface PresetInput {
  /** Whether the chart can be drawn without this table. */
  required: boolean;
  /** Row shape (column names and meaning), shown in the editor. */
  description: string;
}

/** A named chart preset: a pure function from input tables and options to a Vega-Lite spec. */
export interface Preset<O extends CommonOptions = CommonOptions> {
  /** Registry key, lower-case kebab (e.g. "shrinkage-map"). */
  name: string;
  /** Human title (e.g. "Shrinkage Map"). */
  title: string;
  /** Named input tables the preset reads. */
  inputs: Readonly<Record<string, PresetInput>>;
  /** Default options. */
  defaults: Readonly<O>;
  /**
   * Builds the spec. Input rows are copied into top-level `datasets` under fixed names, so a
   * rendered view can be updated in place with `view.data(name, rows)` (see `updateViewData`).
   */
  build(tables: Tables, options?: Partial<O>): TopLevelSpec;
  /**
   * The same chart as a hand-painted figure (../figure), for a chart that follows a slider drag step
   * by step: built from the spec's `datasets` (after a drag's held domains) and the same options, and
   * shown on the page instead of the Vega view. The spec stays the chart for SVG export and the CLI.
   */
  figure?(datasets: Readonly<Record<string, readonly unknown[]>>, options?: Partial<O>): Figure;
}
