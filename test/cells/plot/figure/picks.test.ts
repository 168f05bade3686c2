import { describe, expect, it } from "vitest";
import { layoutFigure } from "../../../../src/cells/plot/figure/layout";
import { createPickStore } from "../../../../src/cells/plot/figure/pick-store";
import { clickPick, keyNear, pickableEntryAt, withPicks } from "../../../../src/cells/plot/figure/picks";
import type { Figure, FigureMark } from "../../../../src/cells/plot/figure/types";
import { figure, legend, measure, panel } from "./fixtures";

const opacities = (f: Figure) => f.panels[0]!.marks!.map((m) => (m.kind === "text" ? 1 : m.opacity));
const point = (key: string, x: number): FigureMark => ({ kind: "symbol", x, y: 10, shape: "circle", area: 40, color: "red", opacity: 0.6, tooltip: null, key, fadedOpacity: 0.1 });
const picking = (): Figure =>
  figure({
    legends: [{ ...legend("Group", [["A", "red"], ["B", "blue"]]), picks: true }, legend("Other", [["A", "green"]])],
    panels: [panel({ marks: [point("A", 10), point("B", 20), { kind: "segment", x: 0, y: 0, x2: 5, y2: 5, color: "black", width: 1, opacity: 1, dash: null }] })],
  });

describe("withPicks", () => {
  it("fades the marks keyed by unpicked entries and those entries; other legends and unkeyed marks stay", () => {
    const shown = withPicks(picking(), new Set(["A"]));
    expect(opacities(shown)).toEqual([0.6, 0.1, 1]);
    expect(shown.legends[0]!.entries.map((e) => e.faded === true)).toEqual([false, true]);
    expect(shown.legends[1]!.entries.map((e) => e.faded === true)).toEqual([false]);
    const both = withPicks(picking(), new Set(["A", "B"]));
    expect(opacities(both)).toEqual([0.6, 0.6, 1]);
  });

  it("fades another chart's marks keyed by the picked groups, though it has no picking legend (a pick on the page)", () => {
    const keyedOnly = figure({ legends: [], panels: [panel({ marks: [point("A", 10), point("B", 20)] })] });
    expect(opacities(withPicks(keyedOnly, new Set(["B"])))).toEqual([0.1, 0.6]);
  });

  it("draws the figure as it is when nothing is picked or the picked labels are gone (new groups)", () => {
    const f = picking();
    expect(withPicks(f, new Set())).toBe(f);
    expect(withPicks(f, new Set(["Z"]))).toBe(f);
  });
});

describe("pickableEntryAt", () => {
  it("finds the entry under the pointer, symbol to label end, only in picking legends", () => {
    const layout = layoutFigure(picking(), measure);
    const [group, other] = layout.legends;
    const b = group!.entries[1]!;
    expect(pickableEntryAt(layout.legends, b.symbolX, b.y)).toBe("B");
    expect(pickableEntryAt(layout.legends, b.labelX + 5, b.y + 2)).toBe("B"); // on the label "B" (6 px)
    expect(pickableEntryAt(layout.legends, b.hit.right + 1, b.y)).toBeNull();
    expect(pickableEntryAt(layout.legends, b.symbolX, b.hit.bottom + 1)).toBeNull();
    const o = other!.entries[0]!;
    expect(pickableEntryAt(layout.legends, o.symbolX, o.y)).toBeNull();
  });
});

describe("clickPick", () => {
  it("picks one entry; the same again clears; Shift adds or removes one", () => {
    expect([...clickPick(new Set(), "A", false)]).toEqual(["A"]);
    expect([...clickPick(new Set(["A"]), "B", false)]).toEqual(["B"]);
    expect([...clickPick(new Set(["A"]), "A", false)]).toEqual([]);
    expect([...clickPick(new Set(["A"]), "B", true)]).toEqual(["A", "B"]);
    expect([...clickPick(new Set(["A", "B"]), "A", true)]).toEqual(["B"]);
    expect([...clickPick(new Set(["A", "B"]), "A", false)]).toEqual(["A"]);
  });
});

describe("keyNear", () => {
  it("finds the keyed point under the pointer, within a few px", () => {
    const layout = layoutFigure(picking(), measure);
    const p = layout.panels[0]!;
    expect(keyNear(layout, p.left + 20, p.top + 10)).toBe("B");
    expect(keyNear(layout, p.left + 11, p.top + 12)).toBe("A");
    expect(keyNear(layout, p.left + 40, p.top + 10)).toBeNull();
  });
});

describe("createPickStore", () => {
  it("tells its listeners of a change, not of the same picks again, and stops when unsubscribed", () => {
    const store = createPickStore();
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    store.set(new Set(["A"]));
    store.set(new Set(["A"]));
    expect(calls).toBe(1);
    expect([...store.get()]).toEqual(["A"]);
    stop();
    store.set(new Set());
    expect(calls).toBe(1);
  });
});
