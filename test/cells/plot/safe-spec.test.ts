import { describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { checkUserSpec, expressionProblem } from "../../../src/cells/plot/safe-spec";
import { createView, refusingLoader, renderSvg, specDatasets, updateViewData } from "../../../src/cells/plot/render-svg";
import { chartPresets } from "../../../src/cells/plot/presets";
import * as fx from "./fixtures";
import { countMarks } from "./svg-query";

const point = (data: unknown, extra: Record<string, unknown> = {}) => ({
  data, mark: "point",
  encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
  ...extra,
});

describe("refusingLoader()", () => {
  it("renderSvg(spec with data.url) fetches nothing: the loader refuses and counts one attempt", async () => {
    const loader = refusingLoader();
    const out = await renderSvg(point({ url: "https://example.com/secret.csv" }) as TopLevelSpec, { loader });
    expect(loader.attempts).toEqual(["https://example.com/secret.csv"]);
    expect([...out.errors, ...out.warnings].join(" ")).toMatch(/may not access the network or files/);
    expect(out.svg).toContain("<svg");
  });

  it("renderSvg(image mark with url) loads no image", async () => {
    const loader = refusingLoader();
    const spec = { data: { values: [{ x: 1, y: 1, u: "https://example.com/a.png" }] }, mark: { type: "image", width: 10, height: 10 }, encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" }, url: { field: "u" } } };
    const out = await renderSvg(spec as TopLevelSpec, { loader });
    expect(loader.attempts.length).toBeGreaterThanOrEqual(1);
    expect(loader.attempts.every((a) => a.includes("example.com"))).toBe(true);
    expect(out.svg).not.toMatch(/href="[^"]/);
  });

  it("checkUserSpec strips data.url, so nothing is even attempted", async () => {
    const r = checkUserSpec(point({ url: "file:///etc/passwd" }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.removed.map((i) => i.path)).toEqual(["data.url"]);
    const loader = refusingLoader();
    await renderSvg(r.spec as unknown as TopLevelSpec, { loader });
    expect(loader.attempts).toEqual([]);
  });
});

describe("checkUserSpec()", () => {
  it("removes href channels and mark properties, usermeta and bind.element, naming the paths", async () => {
    const spec = {
      usermeta: { embedOptions: { actions: true } },
      params: [{ name: "p", value: 1, bind: { input: "range", min: 0, max: 2, element: "#login-form" } }],
      layer: [point({ values: [{ x: 1, y: 2, link: "javascript:alert(1)" }] }, { mark: { type: "point", href: "javascript:alert(2)" } })],
    };
    (spec.layer[0] as { encoding: Record<string, unknown> }).encoding.href = { field: "link" };
    const r = checkUserSpec(spec);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.removed.map((i) => i.path).sort()).toEqual(["layer[0].encoding.href", "layer[0].mark.href", "params[0].bind.element", "usermeta"]);
    const svg = (await renderSvg(r.spec as unknown as TopLevelSpec)).svg;
    expect(svg).not.toMatch(/href|javascript/);
  });

  it.each([
    ["filter", { transform: [{ filter: "datum.x.constructor.constructor('alert(1)')()" }] }, "transform[0].filter", /constructor/],
    ["calculate", { transform: [{ calculate: "window.location", as: "z" }] }, "transform[0].calculate", /window/],
    ["event.view", { params: [{ name: "s", expr: "event.view.setTimeout('alert(1)')" }] }, "params[0].expr", /event/],
    ["assembled name", { transform: [{ calculate: "datum['constr' + 'uctor']", as: "z" }] }, "transform[0].calculate", /computed member access/],
    ["escaped name", { transform: [{ filter: "datum['\\x63onstructor']" }] }, "transform[0].filter", /escape sequences/],
    ["condition test", { encoding: { color: { condition: { test: "this.__proto__", value: "red" }, value: "blue" } } }, "encoding.color.condition.test", /__proto__/],
  ])("refuses an expression that reaches for globals (%s)", (_label, spec, path, message) => {
    const r = checkUserSpec({ data: { values: [] }, mark: "point", ...spec });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.path).toBe(path);
    expect(r.errors[0]!.message).toMatch(message);
  });

  it("allows ordinary expressions and does not inspect inline data", () => {
    expect(expressionProblem("datum.x > 2 && datum['my field'] < 3")).toBeUndefined();
    expect(expressionProblem("log(datum.y) + sqrt(2)")).toBeUndefined();
    const r = checkUserSpec(point({ values: [{ x: 1, y: 2, note: "window.constructor" }] }, { transform: [{ filter: "datum.x > 0" }] }));
    expect(r.ok).toBe(true);
  });

  it("refuses excessive depth and size with a clear message", () => {
    let deep: Record<string, unknown> = { v: 1 };
    for (let i = 0; i < 60; i++) deep = { a: deep };
    const r = checkUserSpec({ mark: "point", description: "x", encoding: deep });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/nested deeper than 48 levels/);
    const big = checkUserSpec({ mark: "point", description: "x".repeat(3_000_000) });
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.errors[0]!.message).toMatch(/the limit is 2000000/);
    expect(checkUserSpec([1, 2]).ok).toBe(false);
  });
});

describe("updateViewData()", () => {
  it("replaces a preset's datasets in a live view without re-embedding", async () => {
    const build = (rows: typeof fx.data) => chartPresets.get("data").build({ data: rows }, { counts: false });
    const { view } = createView(build(fx.data));
    await view.runAsync();
    expect(countMarks(await view.toSVG(), "symbol")).toBe(fx.data.length);
    const fewer = fx.data.filter((r) => r.group !== "A");
    const unknown = await updateViewData(view, specDatasets(build(fewer)));
    expect(unknown).toEqual([]);
    expect(countMarks(await view.toSVG(), "symbol")).toBe(fewer.length);
    view.finalize();
  });

  it("pulses only the datasets whose rows changed, comparing array fields by their elements", async () => {
    const build = (tables: typeof fx.allTables) => chartPresets.get("slope-estimates").build(tables, {});
    const { view } = createView(build(fx.allTables));
    await view.runAsync();
    const pulses = { slope_scales: 0, slope_points: 0 };
    for (const name of Object.keys(pulses) as (keyof typeof pulses)[]) view.addDataListener(name, () => pulses[name]++);
    // A rebuilt spec with the same numbers: new row objects and a new `rows` array, nothing to pulse.
    await updateViewData(view, specDatasets(build(fx.allTables)));
    expect(pulses).toEqual({ slope_scales: 0, slope_points: 0 });
    // Partial-pooling slopes moved a little: the points change, the rounded-out scales do not.
    const nudged = { ...fx.allTables, coefs: fx.allTables.coefs!.map((c) => (c.model === "partial" ? { ...c, slope: (c.slope as number) * 1.01 } : c)) };
    await updateViewData(view, specDatasets(build(nudged)));
    expect(pulses).toEqual({ slope_scales: 0, slope_points: 1 });
    view.finalize();
  });
});
