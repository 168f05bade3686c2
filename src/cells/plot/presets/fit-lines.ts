import type { Preset } from "./types";
import type { Tables } from "../tables";
import { buildTrellis, type TrellisOptions } from "./trellis";
import { trellisFigure } from "./trellis-figure";

export type FitLinesOptions = TrellisOptions;

const DEFAULT_TITLE = "Complete, no and partial pooling";

export const fitLinesDefaults: FitLinesOptions = {
  models: ["complete", "no", "partial"], columns: 4, extendLines: false, zoom: 0, sort: "group", faintComplete: false, xTitle: "x", yTitle: "y",
};

/**
 * **Fit Lines**: Mahr's comparison trellis, three lines per facet (teal complete, orange no,
 * purple partial pooling; legend on top) over black points. `zoom: 4` keeps the four groups whose
 * orange and purple lines differ most; `models` toggles lines; `extendLines` uses the full x range.
 *
 * Inputs: `data` ({@link DataRow}) and `coefs` ({@link CoefRow}, all three models).
 * Dataset: `trellis` (kind, group, x, y, x2, y2, model_label, faint, text).
 */
export const fitLines: Preset<FitLinesOptions> = {
  name: "fit-lines",
  title: "Fit Lines",
  inputs: {
    data: { required: true, description: "group, x, y" },
    coefs: { required: true, description: "group, model (complete|no|partial), intercept, slope" },
  },
  defaults: fitLinesDefaults,
  build: (tables: Tables, options = {}) => buildTrellis(tables, { ...fitLinesDefaults, ...options }, "fit-lines", DEFAULT_TITLE),
  figure: (datasets, options = {}) => {
    const o = { ...fitLinesDefaults, ...options };
    return trellisFigure(datasets, o, o.title ?? DEFAULT_TITLE);
  },
};
