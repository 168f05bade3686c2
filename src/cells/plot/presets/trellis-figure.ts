// The trellis (fit-lines, no-pooling) as a hand-painted figure. The trellis's spec already places
// every mark in pixels (trellis.ts lays out its own facets and axes), so the figure is those rows
// drawn as they are, layer by layer in the spec's order, with the spec's look.
import type { Figure, FigureMark, FigurePanel } from "../figure/types";
import { MODEL_COLORS, MODEL_LABELS } from "../palette";
import type { ModelKey } from "../tables";
import { AXIS_COLOR, facetHeight, GRID_COLOR } from "./trellis-layout";
import type { TrellisOptions } from "./trellis";
import { hiddenAxis, picked, rowsOf, strokeLegend, type Datasets } from "./figure-parts";

interface RuleRow {
  x: number;
  y: number;
  x2: number;
  y2: number;
}

interface TextRow {
  x: number;
  y: number;
  text: string;
}

interface LineRow extends RuleRow {
  group: string;
  model_label: string;
  faint: boolean;
}

/** The text layers of the trellis, in the spec's order, with their marks' look. */
const TEXT_LAYERS: readonly { dataset: string; font: string; color: string; align: "left" | "center" | "right"; baseline: "top" | "middle" | "bottom"; angle: number }[] = [
  { dataset: "trellis_header", font: "bold 11px sans-serif", color: "black", align: "center", baseline: "bottom", angle: 0 },
  { dataset: "trellis_xlabel", font: "10px sans-serif", color: "black", align: "center", baseline: "top", angle: 0 },
  { dataset: "trellis_ylabel", font: "10px sans-serif", color: "black", align: "right", baseline: "middle", angle: 0 },
  { dataset: "trellis_xtitle", font: "11px sans-serif", color: "black", align: "center", baseline: "top", angle: 0 },
  { dataset: "trellis_ytitle", font: "11px sans-serif", color: "black", align: "center", baseline: "bottom", angle: 270 },
];

/** The models a trellis draws, in its legend's order (trellis.ts `drawn`). */
export function trellisModels(o: Pick<TrellisOptions, "models" | "faintComplete">): ModelKey[] {
  return [...new Set<ModelKey>([...(o.faintComplete ? (["complete"] as ModelKey[]) : []), ...o.models])];
}

export function trellisFigure(datasets: Datasets, o: TrellisOptions, title: string): Figure {
  const marks: FigureMark[] = [];
  const rules = (name: string, color: string) => {
    for (const r of rowsOf<RuleRow>(datasets, name)) marks.push({ kind: "segment", x: r.x, y: r.y, x2: r.x2, y2: r.y2, color, width: 1, opacity: 1, dash: null });
  };
  const texts = (layer: (typeof TEXT_LAYERS)[number]) => {
    for (const r of rowsOf<TextRow>(datasets, layer.dataset)) {
      marks.push({ kind: "text", x: r.x, y: r.y, text: String(r.text), font: layer.font, color: layer.color, align: layer.align, baseline: layer.baseline, angle: layer.angle });
    }
  };
  rules("trellis_grid", GRID_COLOR);
  rules("trellis_axis", AXIS_COLOR);
  for (const layer of TEXT_LAYERS) texts(layer);
  const colors = new Map(trellisModels(o).map((m) => [MODEL_LABELS[m], MODEL_COLORS[m]]));
  for (const r of rowsOf<LineRow>(datasets, "trellis_line")) {
    const opacity = r.faint ? 0.35 : 1;
    marks.push({ kind: "segment", x: r.x, y: r.y, x2: r.x2, y2: r.y2, color: colors.get(r.model_label) ?? "#888", width: 1.75, opacity, dash: null, ...picked(r.group, opacity) });
  }
  texts({ dataset: "trellis_note", font: "9px sans-serif", color: "#D95F02", align: "left", baseline: "top", angle: 0 });
  // Vega-Lite's filled points are 70% opaque.
  for (const r of rowsOf<{ group: string; x: number; y: number }>(datasets, "trellis")) marks.push({ kind: "symbol", x: r.x, y: r.y, shape: "circle", area: 18, color: "black", opacity: 0.7, tooltip: null, ...picked(r.group, 0.7) });

  const width = o.width ?? 150;
  const height = facetHeight({ height: o.height ?? 120 });
  const panel: FigurePanel = { width, height, x: hiddenAxis(width), y: hiddenAxis(height), rules: [], intervals: [], series: [], marks };
  return { title, subtitle: "", legends: [strokeLegend("Model", colors)], panels: [panel] };
}
