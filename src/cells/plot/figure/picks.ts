// Picking groups, as a Vega-Lite point selection bound to a legend does: the page keeps the picked
// labels (./pick-store.ts, shared by every chart), and each figure is drawn through `withPicks`, which
// fades the marks keyed by other groups and the other entries of a picking legend. A click on a
// picking legend's entry or on a keyed point picks its group, Shift+click adds or removes one, a click
// on the only picked group or a double click clears.
import { nearestTo, type FigureLayout } from "./layout";
import type { LegendLayout } from "./legend-layout";
import type { Figure, FigureLegend } from "./types";

/** `figure`'s picking legends (FigureLegend.picks), panels' legends included. */
function pickingLegends(figure: Figure): FigureLegend[] {
  return [...figure.legends, ...figure.panels.flatMap((p) => p.legends ?? [])].filter((l) => l.picks);
}

/**
 * `figure` as drawn with `picked` picked: unchanged when none of the picked labels is one of its groups
 * (an entry of a picking legend or a mark's key: nothing picked, or another chart's groups); else
 * marks keyed by an unpicked group take their faded opacity and the unpicked entries are drawn faded.
 */
export function withPicks(figure: Figure, picked: ReadonlySet<string>): Figure {
  if (picked.size === 0) return figure;
  const pickable = new Set(pickingLegends(figure).flatMap((l) => l.entries.map((e) => e.label)));
  for (const p of figure.panels) for (const m of p.marks ?? []) if (m.key !== undefined) pickable.add(m.key);
  if (![...picked].some((label) => pickable.has(label))) return figure;
  const fadeLegend = (l: FigureLegend): FigureLegend => (l.picks ? { ...l, entries: l.entries.map((e) => (picked.has(e.label) ? e : { ...e, faded: true })) } : l);
  return {
    ...figure,
    legends: figure.legends.map(fadeLegend),
    panels: figure.panels.map((p) => ({
      ...p,
      ...(p.legends ? { legends: p.legends.map(fadeLegend) } : {}),
      ...(p.marks ? { marks: p.marks.map((m) => (m.key !== undefined && m.fadedOpacity !== undefined && !picked.has(m.key) ? { ...m, opacity: m.fadedOpacity } : m)) } : {}),
    })),
  };
}

/** The group of the keyed symbol drawn nearest to (x, y) in the figure's px, within `radius`, or null. */
export function keyNear(layout: FigureLayout, x: number, y: number, radius = 6): string | null {
  return nearestTo<string>(x, y, radius, (offer) => {
    for (const p of layout.panels) for (const m of p.panel.marks ?? []) if (m.kind === "symbol" && m.key !== undefined) offer(p.left + m.x, p.top + m.y, m.key);
  });
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
