import type { Preset } from "./types";
import type { Tables } from "../tables";
import { buildTrellis, type TrellisOptions } from "./trellis";
import { trellisFigure } from "./trellis-figure";

export type NoPoolingOptions = TrellisOptions;

const DEFAULT_TITLE = "No pooling: one line per group";

export const noPoolingDefaults: NoPoolingOptions = {
  models: ["no"], columns: 4, extendLines: false, zoom: 0, sort: "group", faintComplete: true, xTitle: "x", yTitle: "y",
};

/**
 * **No Pooling (fixed effects)**: a trellis with one facet per group, black points and an orange
 * per-group OLS line over the group's x range, plus a faint teal complete-pooling line for reference.
 * Groups that cannot be estimated carry the note "n too small: no line".
 *
 * Inputs: `data` ({@link DataRow}) and `coefs` ({@link CoefRow}: "no" rows, "complete" rows).
 * Dataset: `trellis` (kind, group, x, y, x2, y2, model_label, faint, text).
 */
export const noPooling: Preset<NoPoolingOptions> = {
  name: "no-pooling",
  title: "No Pooling",
  inputs: {
    data: { required: true, description: "group, x, y" },
    coefs: { required: true, description: "group, model (complete|no), intercept, slope (null when not estimable)" },
  },
  defaults: noPoolingDefaults,
  build: (tables: Tables, options = {}) => buildTrellis(tables, { ...noPoolingDefaults, ...options }, "no-pooling", DEFAULT_TITLE),
  figure: (datasets, options = {}) => {
    const o = { ...noPoolingDefaults, ...options };
    return trellisFigure(datasets, o, o.title ?? DEFAULT_TITLE);
  },
};
