// The tick labels an axis shows and where: flush at the ends of an x axis, and thinned as Vega's
// "parity" and "greedy" overlap rules thin them.
import { FONT, METRIC, type MeasureText } from "./metrics";
import type { PositionScale } from "./scales";
import type { FigureAxis } from "./types";

export interface AxisLabel {
  text: string;
  at: number;
  align: "left" | "center" | "right";
}

/** How an x label at `at` px of a `width` px axis is aligned: inward at the ends of a flush axis. */
function xLabelAlign(axis: FigureAxis, at: number, width: number): "left" | "center" | "right" {
  if (!axis.flush) return "center";
  if (at <= 0.5) return "left";
  if (at >= width - 0.5) return "right";
  return "center";
}

/** A label's box along its axis: across for an x label (by its alignment), 10 px high for a y label. */
export function labelSpan(label: AxisLabel, horizontal: boolean, measure: MeasureText, upright = false): [number, number] {
  if (!horizontal || upright) return [label.at - METRIC.labelSize / 2, label.at + METRIC.labelSize / 2];
  const width = measure(label.text, FONT.label);
  const left = label.align === "left" ? label.at : label.align === "center" ? label.at - width / 2 : label.at - width;
  return [left, left + width];
}

/** The labels an axis shows: one per tick, less those its `overlap` rule hides (types.ts). */
export function axisLabels(axis: FigureAxis, scale: PositionScale, pixels: number, horizontal: boolean, measure: MeasureText): AxisLabel[] {
  if (!axis.labels || axis.hidden) return [];
  let labels: AxisLabel[] = axis.ticks.flatMap((t, i) => {
    const text = axis.labels![i];
    if (!text) return [];
    const at = scale(t);
    return [{ text, at, align: horizontal ? xLabelAlign(axis, at, pixels) : "right" }];
  });
  if (!axis.overlap) return labels;
  const overlap = (a: AxisLabel, b: AxisLabel) => {
    const [a0, a1] = labelSpan(a, horizontal, measure, axis.uprightLabels);
    const [b0, b1] = labelSpan(b, horizontal, measure, axis.uprightLabels);
    return a0 < b1 && b0 < a1;
  };
  if (axis.overlap === "greedy") {
    let last: AxisLabel | null = null;
    return labels.filter((l) => (last && overlap(last, l) ? false : ((last = l), true)));
  }
  while (labels.length >= 3 && labels.some((l, i) => i > 0 && overlap(labels[i - 1]!, l))) labels = labels.filter((_, i) => i % 2 === 0);
  return labels;
}
