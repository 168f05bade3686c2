// Picking legend entries, as a Vega-Lite point selection bound to a legend: the page keeps the picked
// labels (view state, not part of the workbench), and each figure is drawn through `withPicks`, which
// fades the marks keyed by other entries and the other entries themselves. A click picks one entry,
// Shift+click adds or removes one, a click on the only picked entry or a double click clears.
import type { LegendLayout } from "./legend-layout";
import type { Figure, FigureLegend } from "./types";

/** The labels of `figure`'s picking legends (FigureLegend.picks), panels' legends included. */
function pickingLegends(figure: Figure): FigureLegend[] {
  return [...figure.legends, ...figure.panels.flatMap((p) => p.legends ?? [])].filter((l) => l.picks);
}

/**
 * `figure` as drawn with `picked` picked: unchanged when none of the picked labels is an entry of a
 * picking legend (nothing picked, or the groups changed); else marks keyed by an unpicked entry take
 * their faded opacity and the unpicked entries are drawn faded.
 */
export function withPicks(figure: Figure, picked: ReadonlySet<string>): Figure {
  if (picked.size === 0) return figure;
  const legends = pickingLegends(figure);
  const pickable = new Set(legends.flatMap((l) => l.entries.map((e) => e.label)));
  if (![...picked].some((label) => pickable.has(label))) return figure;
  const fadeLegend = (l: FigureLegend): FigureLegend => (l.picks ? { ...l, entries: l.entries.map((e) => (picked.has(e.label) ? e : { ...e, faded: true })) } : l);
  return {
    ...figure,
    legends: figure.legends.map(fadeLegend),
    panels: figure.panels.map((p) => ({
      ...p,
      ...(p.legends ? { legends: p.legends.map(fadeLegend) } : {}),
      ...(p.marks ? { marks: p.marks.map((m) => (m.key !== undefined && m.fadedOpacity !== undefined && pickable.has(m.key) && !picked.has(m.key) ? { ...m, opacity: m.fadedOpacity } : m)) } : {}),
    })),
  };
}

/** The picking legend entry at (x, y) in the figure's px, or null. */
export function pickableEntryAt(legends: readonly LegendLayout[], x: number, y: number): string | null {
  for (const legend of legends) {
    if (!legend.picks) continue;
    for (const e of legend.entries) if (x >= e.hit.left && x <= e.hit.right && y >= e.hit.top && y <= e.hit.bottom) return e.label;
  }
  return null;
}

/** The picked labels after a click on `label` (Shift held: `extend`). */
export function clickPick(picked: ReadonlySet<string>, label: string, extend: boolean): Set<string> {
  if (extend) {
    const next = new Set(picked);
    if (next.has(label)) next.delete(label);
    else next.add(label);
    return next;
  }
  return picked.size === 1 && picked.has(label) ? new Set() : new Set([label]);
}
