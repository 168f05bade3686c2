import type { ModelKey } from "./tables";

/**
 * Model colours (Dark2, as in Mahr's figures): one persistent colour per pooling model,
 * so "which model" and "which group" are never both encoded by colour.
 */
export const MODEL_COLORS: Readonly<Record<ModelKey | "fixed", string>> = {
  complete: "#1B9E77",
  no: "#D95F02",
  partial: "#7570B3",
  fixed: "#E7298A",
};

export const MODEL_LABELS: Readonly<Record<ModelKey | "fixed", string>> = {
  complete: "Complete pooling",
  no: "No pooling",
  partial: "Partial pooling",
  fixed: "Fixed effect (average)",
};

export const MODEL_KEYS: readonly ModelKey[] = ["complete", "no", "partial"];

/** Colour scale for a `model_label` field, in the fixed model order. */
export function modelColorScale(keys: readonly (ModelKey | "fixed")[] = MODEL_KEYS) {
  return {
    domain: keys.map((k) => MODEL_LABELS[k]),
    range: keys.map((k) => MODEL_COLORS[k]),
  };
}

/** Categorical scheme for groups (kept apart from the model colours). */
export const GROUP_SCHEME = "tableau10";

/** Vega's tableau10 scheme, for charts that name their colours themselves (hand-painted figures and their specs). */
export const TABLEAU10: readonly string[] = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"];

export const GREY = "#888888";
export const ELLIPSE_GREY = "#666666";
