// The GLMM sandbox as a hand-painted figure: the three views of its spec (sandbox.ts) side by side,
// each drawn by its own preset's figure from the datasets the spec gathered (their names do not
// clash), each view with its own title and legends as in Vega-Lite's hconcat.
import type { Figure } from "../figure/types";
import { dataFigure } from "./data-figure";
import type { Datasets } from "./figure-parts";
import { shrinkageMapFigure } from "./shrinkage-map-figure";
import { spaghettiFigure } from "./spaghetti-figure";

/**
 * The views' titles, the same for every family (the link scale is the identity for a gaussian one), so
 * that switching the family swaps rows and the chart stays in place.
 */
export const SANDBOX_TEXT = {
  title: "Sandbox", data: "The Data", map: "Shrinkage Map", spaghetti: "Spaghetti",
  intercept: "Intercept (link scale)", slope: "Slope (link scale)", eta: "linear predictor η",
} as const;

/** The axis titles the views keep from their presets' defaults. */
const X_TITLE = "x";
const Y_TITLE = "y";

export function sandboxFigure(datasets: Datasets, o: { title?: string | undefined; width: number; height: number; sizeByN: boolean }): Figure {
  const mini = { width: o.width, height: o.height };
  const views = [
    dataFigure(datasets, { ...mini, counts: false, revealGroups: true, xTitle: X_TITLE, yTitle: Y_TITLE, title: SANDBOX_TEXT.data }),
    shrinkageMapFigure(datasets, { ...mini, sizeByN: o.sizeByN, xTitle: SANDBOX_TEXT.intercept, yTitle: SANDBOX_TEXT.slope, title: SANDBOX_TEXT.map }),
    spaghettiFigure(datasets, { ...mini, xTitle: X_TITLE, yTitle: SANDBOX_TEXT.eta, title: SANDBOX_TEXT.spaghetti }),
  ];
  return {
    title: o.title ?? SANDBOX_TEXT.title,
    subtitle: "",
    arrange: "row",
    panelTitles: "start",
    legends: [],
    panels: views.map((view) => ({ ...view.panels[0]!, title: view.title, legends: view.legends })),
  };
}
