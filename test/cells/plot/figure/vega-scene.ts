// What Vega draws for a single-view spec (its headless scenegraph), in the terms of a figure's free
// marks: the figure tests compare a preset's hand-painted figure with this, mark by mark.
import { createView } from "../../../../src/cells/plot/render-svg";
import type { TopLevelSpec } from "vega-lite";
import type { FigureMark } from "../../../../src/cells/plot/figure/types";
import { fontSize } from "../../../../src/cells/plot/figure/metrics";

type Item = Record<string, unknown> & { items?: SceneMark[] };
type SceneMark = { marktype: string; role: string; items: Item[] };

export interface VegaScene {
  /** The data marks, as signatures (see {@link signature}). */
  marks: string[];
  /** Axis labels by orient, with their position along the axis (in the plot's px). */
  axes: Record<string, { text: string; at: number }[]>;
  /** Axis titles by orient. */
  titles: Record<string, string>;
  /** Legend entries: label, colour (fill, or stroke for a line symbol) and symbol shape, legend by legend. */
  legends: { title: string | null; entries: { label: string; color: string; shape: string }[] }[];
  /** The view's own title (a concat cell's; the single view's is the chart's), and its box from the view's plot area. */
  title: string | null;
  titleBox: { x1: number; y1: number; x2: number; y2: number } | null;
  /** Each legend's top and left, from the view's plot area. */
  legendAt: { x: number; y: number }[];
}

/** Text widths as Vega estimates them without a canvas (headless), so a layout reads labels as Vega's did. */
export const vegaMeasure = (text: string, font: string): number => Math.floor(0.8 * text.length * fontSize(font));

const num = (v: unknown, fallback = 0): number => (typeof v === "number" ? v : fallback);
const fixed = (v: number): string => (Math.abs(v) < 5e-7 ? 0 : v).toFixed(6);

/**
 * A mark's kind, place, colour and look as one string, so two lists of marks compare as multisets.
 * A rule reduces to its two ends (in either order), a symbol to its centre, shape, size and fill.
 */
export function signature(m: FigureMark): string {
  switch (m.kind) {
    case "segment": {
      const ends = [[m.x, m.y], [m.x2, m.y2]].map(([x, y]) => `${fixed(x!)},${fixed(y!)}`).sort();
      return `segment ${ends.join(" ")} ${m.color.toLowerCase()} w${m.width} o${m.opacity} d${(m.dash ?? []).join("/")}`;
    }
    case "symbol": {
      const stroke = m.stroke ? ` ${m.stroke.color} w${m.stroke.width}` : "";
      return `symbol ${fixed(m.x)},${fixed(m.y)} ${m.shape} s${fixed(m.area)} ${m.color.toLowerCase()} o${m.opacity} a${fixed(m.angle ?? 0)}${stroke}`;
    }
    case "rect":
      return `rect ${fixed(m.x)},${fixed(m.y)} ${fixed(m.width)}x${fixed(m.height)} ${m.color.toLowerCase()} o${m.opacity}`;
    case "line":
      return `line ${m.points.map(([x, y]) => `${fixed(x)},${fixed(y)}`).join(" ")} ${m.color.toLowerCase()} w${m.width} o${m.opacity} d${(m.dash ?? []).join("/")}`;
    case "area":
      return `area ${m.points.map(([x, y, y2]) => `${fixed(x)},${fixed(y)},${fixed(y2)}`).join(" ")} ${m.color.toLowerCase()} o${m.opacity}`;
    case "text":
      return `text ${fixed(m.x)},${fixed(m.y)} ${m.text} ${m.align} ${m.baseline} a${m.angle}`;
  }
}

/** A Vega data mark's item as the figure mark it should be. */
function asFigureMark(marktype: string, i: Item): FigureMark | null {
  const opacity = num(i.opacity, 1);
  switch (marktype) {
    case "rule": {
      // A rule without x2 (y2) runs along its x (y).
      const x = num(i.x), y = num(i.y);
      const gaps = Array.isArray(i.strokeDash) && (i.strokeDash as number[]).some((d, k) => k % 2 === 1 && d > 0);
      return { kind: "segment", x, y, x2: num(i.x2, x), y2: num(i.y2, y), color: String(i.stroke), width: num(i.strokeWidth, 1), opacity, dash: gaps ? (i.strokeDash as number[]) : null };
    }
    case "symbol": {
      // A transparent or absent stroke draws nothing.
      const stroke = typeof i.stroke === "string" && i.stroke !== "transparent" ? { color: i.stroke, width: num(i.strokeWidth, 1) } : undefined;
      return { kind: "symbol", x: num(i.x), y: num(i.y), shape: String(i.shape ?? "circle") as never, area: num(i.size, 64), color: String(i.fill), opacity, tooltip: null, angle: num(i.angle), ...(stroke ? { stroke } : {}) };
    }
    case "rect":
      return { kind: "rect", x: num(i.x), y: num(i.y), width: num(i.width), height: num(i.height), color: String(i.fill), opacity };
    case "text":
      return { kind: "text", x: num(i.x) + num(i.dx), y: num(i.y) + num(i.dy), text: String(i.text), font: "", color: "", align: String(i.align ?? "left") as never, baseline: String(i.baseline ?? "alphabetic") as never, angle: num(i.angle) };
    default:
      return null;
  }
}

function legendOf(mark: SceneMark): VegaScene["legends"][number] {
  let title: string | null = null;
  const symbols: { color: string; shape: string }[] = [];
  const labels: string[] = [];
  const walk = (m: SceneMark) => {
    if (m.role === "legend-title") title = String(m.items[0]?.text ?? "") || null;
    if (m.role === "legend-symbol") symbols.push(...m.items.map((i) => ({ shape: String(i.shape), color: String(i.shape === "stroke" ? i.stroke : i.fill) })));
    if (m.role === "legend-label") labels.push(...m.items.map((i) => String(i.text)));
    for (const item of m.items) for (const inner of item.items ?? []) walk(inner);
  };
  walk(mark);
  return { title, entries: labels.map((label, k) => ({ label, ...symbols[k]! })) };
}

/** What Vega drew in one view (a single view's root group, or a concat cell's group). */
function readView(group: Item): VegaScene {
  const scene: VegaScene = { marks: [], axes: {}, titles: {}, legends: [], title: null, titleBox: null, legendAt: [] };
  readMarks(group, scene);
  return scene;
}

/** A concat cell's group (concat_1_group), not a group inside one (concat_1_layer_2_pathgroup). */
const isCell = (mark: SceneMark): boolean => mark.role === "scope" && /^concat_\d+_group$/.test(String((mark as { name?: string }).name ?? ""));

/** Reads a group's marks into `scene`, and those of the groups Vega makes for a line per series (a path group, at the origin). */
function readMarks(group: Item, scene: VegaScene): void {
  for (const mark of group.items ?? []) {
    if (mark.marktype === "group" && mark.role === "scope" && !isCell(mark)) {
      for (const item of mark.items) readMarks(item, scene);
      continue;
    }
    if (mark.role === "mark" && (mark.marktype === "line" || mark.marktype === "area")) {
      // One line (area) of all the mark's items: Vega keeps a point per item.
      const first = mark.items[0];
      if (!first) continue;
      const opacity = num(first.opacity, 1);
      const gaps = Array.isArray(first.strokeDash) && (first.strokeDash as number[]).some((d, k) => k % 2 === 1 && d > 0);
      if (mark.marktype === "area") {
        scene.marks.push(signature({ kind: "area", points: mark.items.map((i) => [num(i.x), num(i.y), num(i.y2)] as const), color: String(first.fill), opacity }));
        continue;
      }
      // A line breaks at its undefined points (a null row): each run is a line of its own.
      let run: (readonly [number, number])[] = [];
      const end = () => {
        if (run.length) scene.marks.push(signature({ kind: "line", points: run, color: String(first.stroke), width: num(first.strokeWidth, 1), opacity, dash: gaps ? (first.strokeDash as number[]) : null }));
        run = [];
      };
      for (const i of mark.items) {
        if (i.defined === false) end();
        else run.push([num(i.x), num(i.y)]);
      }
      end();
    } else if (mark.role === "mark") {
      for (const item of mark.items) {
        const m = asFigureMark(mark.marktype, item);
        if (m) scene.marks.push(signature(m));
      }
    } else if (mark.role === "axis") {
      const axis = mark.items[0]!;
      const orient = String(axis.orient);
      const horizontal = orient === "bottom" || orient === "top";
      for (const part of axis.items ?? []) {
        // Vega hides overlapping labels (opacity 0) and writes "" for ticks it leaves unlabelled: only labels it shows count.
        if (part.role === "axis-label") (scene.axes[orient] ??= []).push(...part.items.filter((l) => l.opacity !== 0 && l.text !== "").map((l) => ({ text: String(l.text), at: num(horizontal ? l.x : l.y) })));
        if (part.role === "axis-title") scene.titles[orient] = String(part.items[0]!.text);
      }
    } else if (mark.role === "legend") {
      scene.legends.push(legendOf(mark));
      scene.legendAt.push({ x: num(mark.items[0]!.x), y: num(mark.items[0]!.y) });
    }
    else if (mark.role === "title") {
      scene.title = String(mark.items[0]?.items?.find((m) => m.role === "title-text")?.items[0]?.text ?? "") || null;
      const b = (mark as { bounds?: { x1: number; y1: number; x2: number; y2: number } }).bounds;
      scene.titleBox = b ? { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 } : null;
    }
  }
}

/**
 * Runs `spec` headless and reads what it drew: one scene per view (a single view, or each concat cell,
 * top first), the legends of the whole chart (a single view's, or those a concat shares) and each
 * view's plot origin (x offset and top).
 */
export async function vegaScene(spec: TopLevelSpec): Promise<{ views: VegaScene[]; legends: VegaScene["legends"]; legendAt: VegaScene["legendAt"]; offsets: number[]; tops: number[] }> {
  const { view } = createView(spec, { renderer: "none" });
  try {
    await view.runAsync();
    const root = (view.scenegraph() as unknown as { root: SceneMark }).root;
    const top = root.items[0]!;
    const cells = (top.items ?? []).filter(isCell);
    const whole = readView(top);
    if (!cells.length) return { views: [{ ...whole, legends: [], legendAt: [] }], legends: whole.legends, legendAt: whole.legendAt, offsets: [0], tops: [0] };
    const origin = (cell: SceneMark, axis: "x" | "y") => num(cell.items[0]![axis]);
    return {
      views: cells.map((cell) => readView(cell.items[0]!)), legends: whole.legends, legendAt: whole.legendAt,
      offsets: cells.map((cell) => origin(cell, "x")), tops: cells.map((cell) => origin(cell, "y")),
    };
  } finally {
    view.finalize();
  }
}
