import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { computePlot, plot } from "../../../src/cells/plot";
import { checkPlot } from "../../../src/cells/plot/config";
import { PresetRegistry, shrinkageMap } from "../../../src/cells/plot/presets";
import * as fx from "./fixtures";

describe("PresetRegistry", () => {
  it("register(preset) is checked: illegal names and duplicates throw unless override is set", () => {
    const r = new PresetRegistry().register(shrinkageMap);
    expect(() => r.register(shrinkageMap)).toThrow(/already defined; pass override: true/);
    expect(() => r.register({ ...shrinkageMap, name: "Bad Name" })).toThrow(/Illegal chart preset name/);
    expect(() => r.register({ ...shrinkageMap, title: "Mine" }, { override: true })).not.toThrow();
    expect(r.get("shrinkage-map").title).toBe("Mine");
    expect(() => r.get("nope")).toThrow(/unknown chart preset "nope"; known presets: shrinkage-map/);
  });
});

describe("computePlot(config, inputs)", () => {
  it("binds a model-like value's named tables and an Arquero data table to a preset", () => {
    const inputs = [
      { id: "sim", type: "generator", value: aq.from(fx.data) },
      { id: "fit", type: "model", value: { coefs: fx.coefs, fixef: fx.fixef, varcorr: fx.varcorr } },
    ];
    const v = computePlot({ preset: "shrinkage-map", options: { levels: [0.5, 0.9] } }, inputs);
    expect(Object.keys(v.datasets).sort()).toEqual(["shrink_arrows", "shrink_bounds", "shrink_centres", "shrink_ellipse_labels", "shrink_ellipses", "shrink_points"]);
    expect(v.datasets.shrink_ellipse_labels!.length).toBe(2);
    const d = computePlot({ preset: "data", tables: { data: "sim" } }, inputs);
    expect(d.datasets.data_points!.length).toBe(fx.data.length);
  });

  it("a user spec gets its bound tables as datasets, with url/href stripped and reported", () => {
    const spec = { data: { name: "pts" }, mark: { type: "point", href: "https://x.org" }, encoding: { x: { field: "x", type: "quantitative" } } };
    const v = computePlot({ spec, tables: { pts: "sim" } }, [{ id: "sim", type: "dataset", value: fx.data }]);
    expect(v.warnings).toEqual(["mark.href: removed: links (href) are not allowed in shared charts"]);
    expect(v.datasets.pts!.length).toBe(fx.data.length);
  });

  it("refuses a dangerous user spec with the path in the message", () => {
    const spec = { data: { values: [] }, mark: "point", transform: [{ filter: "datum.constructor" }] };
    expect(() => computePlot({ spec }, [])).toThrow(/transform\[0\]\.filter: expression mentions "constructor"/);
    expect(checkPlot({ spec })[0]).toEqual({ path: "spec.transform[0].filter", message: 'expression mentions "constructor", which shared charts may not use' });
    expect(checkPlot({ preset: "nope" })[0]!.message).toMatch(/unknown chart preset "nope"/);
    expect(checkPlot({})[0]!.message).toBe("give exactly one of preset or spec");
  });

  it("marks preset charts (our expressions, may be compiled) apart from user specs (always interpreted)", () => {
    const inputs = [{ id: "fit", type: "model", value: { varcorr: fx.varcorr } }];
    expect(computePlot({ preset: "variance-components" }, inputs).source).toBe("preset");
    const spec = { data: { name: "pts" }, mark: "point", encoding: { x: { field: "x", type: "quantitative" } } };
    expect(computePlot({ spec, tables: { pts: "sim" } }, [{ id: "sim", type: "dataset", value: fx.data }]).source).toBe("spec");
  });

  it("refuses an option bound to a cell whose value is not a scalar (no Vega signal can ride in)", () => {
    const inputs = [
      { id: "fit", type: "model", value: { varcorr: fx.varcorr } },
      { id: "sneaky", type: "parameter", value: { signal: "alert(1)" } },
    ];
    expect(() => computePlot({ preset: "variance-components", bind: { title: "sneaky" } }, inputs)).toThrow(
      /bind\.title: a chart option takes a number, string or boolean \(or a list of them\), not an object/,
    );
    const ok = computePlot({ preset: "variance-components", bind: { title: "t" } }, [...inputs, { id: "t", type: "parameter", value: "Mine" }]);
    expect(JSON.stringify(ok.spec)).toContain("Mine");
  });

  it("plot.svg(value) renders the chart headless", async () => {
    const v = computePlot({ preset: "variance-components" }, [{ id: "fit", type: "model", value: { varcorr: fx.varcorr } }]);
    const svg = await plot.svg!(v, { preset: "variance-components" });
    expect(svg).toContain("ICC = 0.96");
    expect(plot.summary(v, { preset: "variance-components" })).toEqual({ preset: "variance-components", datasets: { vc_parts: 2, vc_note: 1 }, warnings: [] });
  });
});
