import { describe, expect, it } from "vitest";
import { DigitSlotCache, slotDigits, type Rendered } from "../../../src/cells/equation/digit-slots";
import { equationRenderCounts, renderEquation, renderTex } from "../../../src/cells/equation/render";

describe("renderEquation reuses KaTeX's output across numbers", () => {
  const template = String.raw`\hat\beta_1 = {{b|2}},\ \hat\sigma^2 = {{s|e2}},\ \lambda_{7} = {{w|p1}},\ n = {{n}},\ \text{{{label}}}`;
  const cases: [Record<string, unknown>, string][] = [
    [{ b: 0.5234, s: 0.00123, w: 0.3123, n: 40, label: "group 12" }, String.raw`\hat\beta_1 = 0.52,\ \hat\sigma^2 = 1.23\times 10^{-3},\ \lambda_{7} = 31.2\%,\ n = 40,\ \text{\text{group 12}}`],
    [{ b: -13.071, s: 2.5e-7, w: 0.05, n: 3, label: "group 7" }, String.raw`\hat\beta_1 = -13.07,\ \hat\sigma^2 = 2.50\times 10^{-7},\ \lambda_{7} = 5.0\%,\ n = 3,\ \text{\text{group 7}}`],
    [{ b: 2.999, s: 123456, w: 1, n: 1000, label: "group 12" }, String.raw`\hat\beta_1 = 3.00,\ \hat\sigma^2 = 1.23\times 10^{5},\ \lambda_{7} = 100.0\%,\ n = 1000,\ \text{\text{group 12}}`],
    [{ b: 0.5234, s: 0.00123, w: 0.3123, n: 40, label: "group 12" }, String.raw`\hat\beta_1 = 0.52,\ \hat\sigma^2 = 1.23\times 10^{-3},\ \lambda_{7} = 31.2\%,\ n = 40,\ \text{\text{group 12}}`],
  ];
  it.each(cases.map(([inputs, tex], i) => [i, inputs, tex] as const))("render %i equals KaTeX on the substituted TeX", (_i, inputs, tex) => {
    const r = renderEquation(template, inputs);
    expect(r.errors).toEqual([]);
    expect(r.html).toBe(renderTex(tex).html);
  });

  it("a value carrying a script, and a power of ten, are spliced too", () => {
    const template = String.raw`\hat\sigma^2 = {{s|3}}^2,\ p = {{p|e1}}`;
    const tex = (s: string, p: string) => String.raw`\hat\sigma^2 = { ${s} }^2,\ p = ${p}`;
    expect(renderEquation(template, { s: 0.5123, p: 0.00031 }).html).toBe(renderTex(tex("0.512", String.raw`3.1\times 10^{-4}`)).html);
    const before = equationRenderCounts();
    // Same shape (digits.digits, d.d × 10^-d): no KaTeX run, and what KaTeX itself would show.
    expect(renderEquation(template, { s: 1.25, p: 0.0072 }).html).toBe(renderTex(tex("1.250", String.raw`7.2\times 10^{-3}`)).html);
    expect(equationRenderCounts().rendered - before.rendered).toBe(0);
    expect(equationRenderCounts().spliced - before.spliced).toBe(1);
  });

  it("inline and display renders of one template are kept apart", () => {
    const inline = renderEquation("x = {{v|2}}", { v: 1.5 }, { displayMode: false });
    const display = renderEquation("x = {{v|2}}", { v: 2.5 });
    expect(inline.html).toBe(renderTex("x = 1.50", false).html);
    expect(display.html).toBe(renderTex("x = 2.50", true).html);
  });

  it("a digit run used as a size is never spliced: every render equals KaTeX's", () => {
    for (const w of [1, 3, 7]) {
      const r = renderEquation(String.raw`a\kern{{w}}em b`, { w });
      expect(r.html).toBe(renderTex(String.raw`a\kern${w}em b`).html);
    }
  });

  it("a template that itself contains a sentinel-like number renders as written", () => {
    for (const v of [1, 2]) {
      const r = renderEquation(String.raw`9081700003 + {{v}}`, { v });
      expect(r.html).toBe(renderTex(`9081700003 + ${v}`).html);
    }
  });
});

describe("DigitSlotCache", () => {
  function counting(): { cache: DigitSlotCache; calls: string[] } {
    const calls: string[] = [];
    const render = (tex: string): Rendered => {
      calls.push(tex);
      return { html: `<b>${tex}</b>`, errors: [] };
    };
    return { cache: new DigitSlotCache(render), calls };
  }

  it("renders a shape twice on first sight (shape and real TeX), then splices without rendering", () => {
    const { cache, calls } = counting();
    const run = (value: string) => {
      const runs: string[] = [];
      const slotted = `x = ${slotDigits(value, runs)}`;
      return cache.renderSlotted(slotted, runs, () => `x = ${value}`).html;
    };
    expect(run("1.25")).toBe("<b>x = 1.25</b>");
    expect(calls).toHaveLength(2);
    expect(run("30.5")).toBe("<b>x = 30.5</b>");
    expect(run("-7.75")).toBe("<b>x = -7.75</b>");
    // "-7.75" has the shape "-D.D", new: two renders more; "30.5" reused "D.D".
    expect(calls).toHaveLength(4);
    expect(run("-0.5")).toBe("<b>x = -0.5</b>");
    expect(calls).toHaveLength(4);
  });

  it("a shape whose splice differs from the real render is rendered directly from then on", () => {
    const calls: string[] = [];
    // A renderer that looks at its digits (like a size argument would): splicing cannot reproduce it.
    const cache = new DigitSlotCache((tex) => {
      calls.push(tex);
      return { html: `${tex}:${tex.length}`, errors: [] };
    });
    const run = (value: string) => {
      const runs: string[] = [];
      return cache.renderSlotted(slotDigits(value, runs), runs, () => value).html;
    };
    expect(run("12")).toBe("12:2");
    expect(run("345")).toBe("345:3");
    expect(run("6")).toBe("6:1");
    expect(calls).toEqual(["12", "9081700003", "345", "6"]);
  });
});
