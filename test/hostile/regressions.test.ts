// Hostile inputs that once got through (found by the hostile suite), kept as regression tests.
import { describe, expect, it } from "vitest";
import { checkUserSpec, expressionProblem } from "../../src/cells/plot/safe-spec";
import { modelFrame } from "../../src/stats/frame/model-frame";
import { crashReason } from "../fuzz/helpers";

describe("hostile inputs that once got through", () => {
  // Was: Vega-Lite's sequence generator is not limited. The 70-character
  // spec below drew for 91 s, used 2 GB and produced a 236 MB SVG at stop = 1e6 (Node); at 1e9 the tab
  // runs out of memory. Suggested fix: refuse `data.sequence` (and `sequence(...)` in expressions) whose
  // (stop - start) / step exceeds a row limit, e.g. 100,000; likewise cap inline `values`/`datasets`.
  it("a sequence generator of a billion rows is refused by checkUserSpec", () => {
    const r = checkUserSpec({ data: { sequence: { start: 0, stop: 1e9 } }, mark: "point", encoding: { x: { field: "data", type: "quantitative" } } });
    expect(r.ok).toBe(false);
  });

  it("sequence(1e9) in an expression is refused by expressionProblem", () => {
    expect(expressionProblem("length(sequence(1e9))")).toBeTruthy();
  });

  // Was: CSS/SVG paint values are passed through, so
  // `"background": "url(https://evil.example/bg.png)"` becomes `<rect fill="url(https://evil.example/bg.png)">`
  // in the SVG (and in "Download SVG"). Chromium does not fetch external paint servers and the app's CSP
  // blocks it, but a downloaded SVG opened elsewhere may. Suggested fix: refuse or strip string values
  // containing "url(" outside inline data.
  it("a url() in a paint value (background, fill, stroke) is removed or refused", () => {
    const r = checkUserSpec({ data: { values: [{ a: 1 }] }, mark: { type: "point", fill: "url(https://evil.example/p.svg#a)" }, background: "url(https://evil.example/bg.png)" });
    expect(JSON.stringify(r.ok ? r.spec : {})).not.toMatch(/url\(/);
  });

  // Was: `MATH[e.fn]` and `this.data[name]` read inherited properties.
  // A formula in a shared file such as `y ~ hasOwnProperty(x)` or `y ~ valueOf(x)` crashes with
  // "TypeError: Cannot convert undefined or null to object" (shown to the user as the cell's error);
  // `constructor(x)` is accepted as a function (Object), `toString(x)` drops every row, a column
  // `__proto__` reads Object.prototype. Suggested fix: Object.hasOwn(MATH, fn) and Object.hasOwn(data, name).
  it("formula functions and columns named after Object.prototype members are refused cleanly", () => {
    const data = { y: [1, 2, 3, 4, 5, 6], x: [1, 2, 3, 1, 2, 3] };
    for (const f of ["y ~ hasOwnProperty(x)", "y ~ valueOf(x)", "y ~ constructor(x)", "y ~ toString(x)", "y ~ __proto__"]) {
      let error: unknown;
      try {
        modelFrame(f, data);
      } catch (e) {
        error = e;
      }
      expect(error, `${f} was accepted`).toBeDefined();
      expect(crashReason(error), f).toBeUndefined();
      expect((error as Error).message, f).toMatch(/unknown (function|column)/);
    }
  });
});
