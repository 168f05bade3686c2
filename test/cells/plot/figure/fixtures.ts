// A two-panel figure for the layout and paint tests.
import type { Figure, FigureAxis, FigureLegend, FigurePanel } from "../../../../src/cells/plot/figure/types";

export const axis = (over: Partial<FigureAxis> = {}): FigureAxis => ({ title: "t", log: false, domain: [0, 1], padding: 0, ticks: [0, 0.5, 1], labels: ["0.0", "0.5", "1.0"], ...over });

export const panel = (over: Partial<FigurePanel> = {}): FigurePanel => ({
  width: 200,
  height: 100,
  x: axis({ title: "x" }),
  y: axis({ title: "y" }),
  rules: [{ value: 0.5, color: "black", dash: [4, 3], label: "half" }],
  intervals: [{ x: 0.25, low: 0.1, high: 0.4, color: "red" }],
  series: [{ color: "red", points: [{ x: 0.25, y: 0.25, tooltip: [["at", "a"]] }, { x: 0.75, y: 0.8, tooltip: [["at", "b"]] }] }],
  ...over,
});

export const figure = (over: Partial<Figure> = {}): Figure => ({
  title: "Title",
  subtitle: "sub",
  legends: [],
  panels: [panel({ x: axis({ title: null, labels: null }) }), panel({ y: axis({ title: "wide", labels: ["0.0000", "0.5000", "1.0000"] }) })],
  ...over,
});

/** Monospace text widths: 6 px per character whatever the font. */
export const measure = (text: string): number => text.length * 6;

/** A titled legend of filled circles. */
export const legend = (title: string, entries: [string, string][]): FigureLegend => ({
  title,
  entries: entries.map(([label, color]) => ({ label, color, symbol: { kind: "shape", shape: "circle", opacity: 1, outline: "color" } })),
});
