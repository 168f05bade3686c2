import { describe, expect, it } from "vitest";
import katex from "katex";
import { katexOptions, renderEquation } from "../../../src/cells/equation/render";
import { formatNumber, lookupPath } from "../../../src/cells/equation/lookup";
import { equation } from "../../../src/cells/equation";

const inputs = { fit: { fixef: { x: -0.42345, "(Intercept)": 5.1 }, n: 12, label: "sleep_study", ranef: [{ b: 1.5 }] }, tau: 0.31 };

describe("renderEquation(template, inputs)", () => {
  it("fills {{path|digits}} with live numbers and renders KaTeX", () => {
    const r = renderEquation(String.raw`\hat\beta_1 = {{fit.fixef.x|2}},\ n = {{fit.n}},\ \lambda = {{tau|p1}}`, inputs);
    expect(r.errors).toEqual([]);
    expect(r.html).toContain('class="katex-display"');
    expect(r.html).toContain("<annotation encoding=\"application/x-tex\">\\hat\\beta_1 = -0.42,\\ n = 12,\\ \\lambda = 31.0\\%</annotation>");
  });

  it("formats: 2 decimals, s3 significant, e2 exponential, p1 percent", () => {
    expect(formatNumber(-0.42345, "2")?.text).toBe("-0.42");
    expect(formatNumber(1234.5, "s3")?.text).toBe("1230");
    expect(formatNumber(0.000123, "e2")?.text).toBe("1.23e-4");
    expect(formatNumber(0.3123, "p1")).toEqual({ text: "31.2", percent: true });
    expect(formatNumber(1, "x9")).toBeUndefined();
  });

  it("reports missing paths and refuses __proto__ / constructor / prototype segments", () => {
    const r = renderEquation(String.raw`{{fit.__proto__.x}} + {{fit.constructor}} + {{fit.fixef.prototype}} + {{nope.x}} + {{fit.n.toFixed}}`, inputs);
    expect(r.errors).toEqual([
      '{{fit.__proto__.x}}: path "fit.__proto__.x" uses "__proto__", which is not allowed',
      '{{fit.constructor}}: path "fit.constructor" uses "constructor", which is not allowed',
      '{{fit.fixef.prototype}}: path "fit.fixef.prototype" uses "prototype", which is not allowed',
      '{{nope.x}}: "nope" is not defined',
      '{{fit.n.toFixed}}: "fit.n" is number, so "fit.n.toFixed" is not defined',
    ]);
    expect(r.html).toContain("katex");
  });

  it("lookupPath reads own data properties only (no inherited names, no getters)", () => {
    expect(lookupPath(inputs, "fit.ranef.0.b")).toEqual({ ok: true, value: 1.5 });
    expect(lookupPath({ a: {} }, "a.toString").ok).toBe(false);
    const withGetter = Object.defineProperty({}, "g", { get: () => 1, enumerable: true });
    expect(lookupPath({ o: withGetter }, "o.g")).toEqual({ ok: false, message: '"o.g" is not a plain value' });
  });

  it("strings are inserted as escaped \\text, never as TeX", () => {
    const r = renderEquation(String.raw`\text{data: } {{evil}}`, { evil: String.raw`}\href{javascript:alert(1)}{x}` });
    expect(r.errors).toEqual([]);
    expect(r.html).not.toMatch(/<a\b|href=/);
  });

  it("neutralises \\href{javascript:…}, \\url, \\htmlClass, \\includegraphics", () => {
    const r = renderEquation(String.raw`\href{javascript:alert(1)}{click} + \url{https://x.org} + \htmlClass{x}{y} + \includegraphics{https://x.org/a.png}`, {});
    expect(r.errors.slice(0, 4)).toEqual([
      "\\href is not allowed in shared equations and was disabled",
      "\\url is not allowed in shared equations and was disabled",
      "\\htmlClass is not allowed in shared equations and was disabled",
      "\\includegraphics is not allowed in shared equations and was disabled",
    ]);
    expect(r.html).not.toMatch(/<a\b|href=|<img|class="x"/);
  });

  it("refuses a macro-expansion bomb (definitions refused; maxExpand stops one anyway)", () => {
    const bomb = String.raw`\def\a{\b\b\b\b\b\b\b\b\b\b}\def\b{\c\c\c\c\c\c\c\c\c\c}\def\c{\d\d\d\d\d\d\d\d\d\d}\def\d{x}\a\a\a\a\a`;
    const r = renderEquation(bomb, {});
    expect(r.errors[0]).toBe("\\def is not allowed in shared equations and was disabled");
    expect(() => katex.renderToString(bomb, katexOptions)).toThrow(/Too many expansions/);
  });

  it("refuses templates over the size limit and reports parse errors without throwing", () => {
    expect(renderEquation("x".repeat(5000), {}).errors).toEqual(["the equation is 5000 characters; the limit is 4000"]);
    const bad = renderEquation(String.raw`\frac{1}{<b>`, {});
    expect(bad.errors[0]).toMatch(/KaTeX parse error/);
    expect(bad.html).toContain("&lt;b&gt;");
    expect(bad.html).not.toContain("<b>");
  });

  it("equation cell: compute(config, inputs) looks values up by input cell id", async () => {
    const ctx = { cellId: "eq", signal: new AbortController().signal, invalidation: new Promise<void>(() => {}) };
    const v = (await equation.compute({ tex: "\\tau_0 = {{fit.tau|2}}", display: false }, [{ id: "fit", type: "model", value: { tau: 1.234 } }], ctx)) as { html: string; errors: string[] };
    expect(v.errors).toEqual([]);
    expect(v.html).toContain("\\tau_0 = 1.23");
  });
});
