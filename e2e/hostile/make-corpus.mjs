#!/usr/bin/env node
// Writes the hostile workbench corpus (e2e/hostile/*.json) and its expectations (cases.json).
// Every file tries to run script, reach the network, pollute prototypes or exhaust the app. Opening
// any of them must run no code from it, make no request, and leave the page working: a refused file
// shows its reason in the notice; an accepted file shows its cells with harmless text.
// Regenerate with: node e2e/hostile/make-corpus.mjs
import { writeFileSync, readdirSync, unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = dirname(fileURLToPath(import.meta.url));
const PWN = "window.__pwned=1";
const XSS = [
  `<script>${PWN}</script>`,
  `<img src=x onerror="${PWN}">`,
  `"><svg onload=${PWN}>`,
  `javascript:${PWN}`,
  `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
  `{{constructor.constructor('${PWN}')()}}`,
].join(" ");

/** Short enough for names and labels (at most 200 characters). */
const XSS_SHORT = `<img src=x onerror="${PWN}"><script>${PWN}</script>`;
const wb = (title, cells, extra = {}) => ({ format: "pooling-workbench", version: 1, title, description: "", cells, ...extra });
const param = (id, extra = {}) => ({ id, type: "parameter", config: { control: "number", value: 1, ...extra }, inputs: [] });
const data = { id: "data", type: "dataset", config: { source: { builtin: "sleepstudy" } }, inputs: [] };
const plotSpec = (id, spec) => ({ id, type: "plot", config: { spec, tables: { data: "data" } }, inputs: ["data"] });
const scatter = { mark: "point", data: { name: "data" }, encoding: { x: { field: "Days", type: "quantitative" }, y: { field: "Reaction", type: "quantitative" } } };
const transform = (id, steps) => ({ id, type: "transform", config: { steps }, inputs: ["data"] });

/** name -> { doc or text, expect } ; expect.open false: notice must match `notice` (a regex source). */
const cases = {};
const add = (name, content, expect) => (cases[name] = { content, expect });

// ---- refused when opened (the notice says why; the open workbench stays) ----------------------------
add("proto-pollution-top.json", `{"format":"pooling-workbench","version":1,"title":"x","cells":[],"__proto__":{"polluted":true,"__pwned":1}}`, { open: false, notice: 'forbidden key "__proto__"' });
add("proto-pollution-config.json", `{"format":"pooling-workbench","version":1,"title":"x","cells":[{"id":"a","type":"parameter","config":{"control":"number","value":1,"constructor":{"prototype":{"polluted":true}}}}]}`, { open: false, notice: 'forbidden key "constructor"' });
add("proto-pollution-layout.json", `{"format":"pooling-workbench","version":1,"title":"x","cells":[{"id":"a","type":"parameter","config":{"control":"number","value":1}}],"layout":{"cells":{"a":{"__proto__":{"x":1}}}}}`, { open: false, notice: 'forbidden key "__proto__"' });
add("proto-cell-id.json", wb("proto id", [param("__proto__")]), { open: false, notice: "reserved|invalid id" });
add("script-in-cell-id.json", wb("id", [param(`<img src=x onerror="${PWN}">`)]), { open: false, notice: "invalid id" });
add("script-key.json", { ...wb("script key", []), script: `<script>${PWN}</script>` }, { open: false, notice: 'unknown key "script"' });
add("unknown-cell-type.json", wb("type", [{ id: "a", type: "javascript", config: { code: PWN }, inputs: [] }]), { open: false, notice: 'unknown cell type "javascript"' });
add("deep-nesting.json", `{"format":"pooling-workbench","version":1,"title":"deep","cells":[],"layout":${"[".repeat(5000)}${"]".repeat(5000)}}`, { open: false, notice: "nested deeper than 48 levels" });
add("huge-cell-array.json", wb("huge", Array.from({ length: 2001 }, (_, i) => param(`c${i}`))), { open: false, notice: "at most 2000 cells" });
add("huge-inputs.json", wb("inputs", [param("a"), { id: "t", type: "table", config: {}, inputs: Array.from({ length: 101 }, () => "a") }]), { open: false, notice: "at most 100 cell ids" });
add("newer-version.json", { ...wb("future", []), version: 99 }, { open: false, notice: "newer than this app" });
add("not-json.json", `<html><script>${PWN}</script></html>`, { open: false, notice: "not valid JSON" });
add("arquero-globals.json", wb("aq globals", [data, transform("t", [{ derive: { z: "d => globalThis.alert(1)" } }])]), { open: false, notice: "globalThis|not allowed|unknown" });
add("arquero-constructor.json", wb("aq ctor", [data, transform("t", [{ derive: { z: "d => d.Days.constructor.constructor('window.__pwned=1')()" } }])]), { open: false, notice: "constructor" });
add("arquero-proto-string.json", wb("aq proto", [data, transform("t", [{ derive: { z: 'd => d["__proto__"]' } }])]), { open: false, notice: "__proto__" });
add("arquero-this.json", wb("aq this", [data, transform("t", [{ filter: "d => this.x" }])]), { open: false, notice: '"this"' });
add("arquero-function.json", wb("aq fn", [data, transform("t", [{ derive: { z: "d => (function(){ window.__pwned=1 })()" } }])]), { open: false, notice: "function" });
add("arquero-eval.json", wb("aq eval", [data, transform("t", [{ derive: { z: "d => eval('window.__pwned=1')" } }])]), { open: false, notice: "eval" });
add("arquero-unicode-escape.json", wb("aq escape", [data, transform("t", [{ derive: { z: "d => \\u0061lert(1)" } }])]), { open: false, notice: "alert|unknown|not allowed|parse" });
add("arquero-template.json", wb("aq tpl", [data, transform("t", [{ derive: { z: "d => `${op.constructor}`" } }])]), { open: false, notice: "constructor" });
add("arquero-escape-op.json", wb("aq op", [data, transform("t", [{ derive: { z: "d => op.escape(1)" } }])]), { open: false, notice: "escape|unknown|only op" });
add("vega-expr-constructor.json", wb("vega ctor", [data, plotSpec("p", { ...scatter, transform: [{ calculate: "datum.constructor.constructor('window.__pwned=1')()", as: "z" }] })]), { open: false, notice: "constructor" });
add("vega-expr-event-view.json", wb("vega event", [data, plotSpec("p", { ...scatter, params: [{ name: "s", value: 1, on: [{ events: "click", update: "event.view.setTimeout('window.__pwned=1')" }] }] })]), { open: false, notice: "event|view|setTimeout" });
add("vega-expr-computed-member.json", wb("vega member", [data, plotSpec("p", { ...scatter, transform: [{ calculate: "datum['constr' + 'uctor']", as: "z" }] })]), { open: false, notice: "computed member access" });
add("vega-expr-hex-escape.json", wb("vega hex", [data, plotSpec("p", { ...scatter, transform: [{ filter: "datum['\\x63onstructor']" }] })]), { open: false, notice: "escape sequences" });
add("vega-expr-window.json", wb("vega window", [data, plotSpec("p", { ...scatter, params: [{ name: "w", expr: "window.location.href" }] })]), { open: false, notice: "window|location" });
add("vega-expr-vega-debug.json", wb("vega debug", [data, plotSpec("p", { ...scatter, params: [{ name: "w", expr: "VEGA_DEBUG.view" }] })]), { open: false, notice: "VEGA_DEBUG|view" });

// ---- opened: harmless text everywhere, no script, no request ---------------------------------------
add("script-in-text-fields.json", {
  ...wb(`Title ${XSS}`, [
    { id: "n", type: "parameter", name: `Name ${XSS_SHORT}`, config: { control: "slider", label: `Label ${XSS_SHORT}`, min: 0, max: 10, value: 3 }, inputs: [] },
    { id: "pick", type: "parameter", name: XSS_SHORT, config: { control: "select", options: [XSS, "<b>bold</b>", "ok"], value: "ok" }, inputs: [] },
    { id: "prose", type: "text", name: XSS_SHORT, config: { markdown: `# Heading ${XSS}\n\n- item <script>${PWN}</script>\n- [click me](javascript:${PWN})\n- [data](data:text/html,<script>${PWN}</script>)\n- [quote](https://example.org/" onmouseover="${PWN})\n- {{n.constructor.constructor}} and {{n.__proto__}}\n\n<img src=x onerror=${PWN}> \`<script>${PWN}</script>\`` }, inputs: ["n"] },
  ]),
  description: XSS,
  sheets: [{ name: `Sheet ${XSS_SHORT}`, cells: ["n", "pick", "prose"] }],
}, { open: true, title: `Title ${XSS}`, cells: { n: "fulfilled", pick: "fulfilled", prose: "fulfilled" } });
add("katex-tricks.json", wb("KaTeX tricks", [
  { id: "href", type: "equation", config: { tex: `\\href{javascript:${PWN}}{click} + \\url{javascript:${PWN}}` }, inputs: [] },
  { id: "html", type: "equation", config: { tex: `\\htmlClass{x" onmouseover="${PWN}}{a} \\htmlId{x}{b} \\htmlStyle{background:url(http://evil.example/x)}{c} \\htmlData{a=b}{d}` }, inputs: [] },
  { id: "macro", type: "equation", config: { tex: "\\def\\a{\\a\\a}\\a \\newcommand{\\b}{\\b\\b}\\b \\gdef\\c{x}" }, inputs: [] },
  { id: "expand", type: "equation", config: { tex: "\\underbrace{".repeat(150) + "x" + "}".repeat(150) }, inputs: [] },
  { id: "text", type: "equation", config: { tex: `\\text{${XSS.replace(/[{}]/g, "")}} \\includegraphics{http://evil.example/x.png} \\rule{100em}{100em}` }, inputs: [] },
  { id: "lookup", type: "equation", config: { tex: "{{n.__proto__.polluted}} {{n.constructor.name}} {{n|2}}" }, inputs: ["n"] },
  param("n"),
]), { open: true, cells: { href: "fulfilled", html: "fulfilled", macro: "fulfilled", expand: "fulfilled", text: "fulfilled", lookup: "fulfilled", n: "fulfilled" } });
add("vega-network-tricks.json", wb("Vega network tricks", [
  data,
  plotSpec("urls", {
    ...scatter,
    $schema: "https://evil.example/schema.json",
    usermeta: { embedOptions: { loader: { baseURL: "https://evil.example/" } } },
    data: { url: "https://evil.example/data.csv" },
    encoding: { ...scatter.encoding, href: { value: `javascript:${PWN}` }, url: { value: "https://evil.example/img.png" } },
    mark: { type: "point", href: "https://evil.example/", fill: "url(https://evil.example/p.svg#a)" },
    background: "url(https://evil.example/bg.png)",
    description: XSS,
    title: { text: XSS },
  }),
  plotSpec("image", { data: { name: "data" }, mark: { type: "image", url: "https://evil.example/img.png" }, encoding: { x: { field: "Days", type: "quantitative" }, y: { field: "Reaction", type: "quantitative" } } }),
  plotSpec("bind", { ...scatter, params: [{ name: "s", value: 1, bind: { input: "range", min: 0, max: 2, element: "body" } }] }),
  plotSpec("lookup", { ...scatter, transform: [{ lookup: "Days", from: { data: { url: "https://evil.example/lookup.json" }, key: "Days", fields: ["z"] } }] }),
  plotSpec("text", { ...scatter, mark: "text", encoding: { ...scatter.encoding, text: { value: XSS } } }),
]), { open: true, cells: { data: "fulfilled", urls: "fulfilled", image: "fulfilled", bind: "fulfilled", lookup: "fulfilled", text: "fulfilled" } });
add("csv-hostile.json", wb("Hostile CSV", [
  { id: "csv", type: "dataset", name: XSS_SHORT, config: { source: { csv: `__proto__,constructor,"<img src=x onerror=${PWN}>",y\n1,2,"<script>${PWN}</script>",3\n4,5,"=HYPERLINK(""https://evil.example"")",6\n` } }, inputs: [] },
  { id: "tbl", type: "table", config: { maxRows: 5 }, inputs: ["csv"] },
]), { open: true, cells: { csv: "fulfilled", tbl: "fulfilled" } });
add("arquero-proto-columns.json", wb("Columns called __proto__", [
  data,
  transform("t", [{ rename: { Days: "__proto__", Subject: "constructor" } }, { derive: { prototype: "d => d.Reaction * 2" } }]),
  { id: "tbl", type: "table", config: { maxRows: 3 }, inputs: ["t"] },
]), { open: "either", cells: {} });
add("formula-hostile.json", wb("Hostile formula", [
  data,
  { id: "fit", type: "model", config: { method: "lmer", formula: "Reaction ~ constructor(Days) + __proto__ + (1 | Subject)" }, inputs: ["data"] },
  { id: "ok", type: "parameter", config: { control: "number", value: 2 }, inputs: [] },
]), { open: true, cells: { fit: "rejected", ok: "fulfilled" } });
add("error-isolation.json", wb("One bad cell among good ones", [
  data,
  { id: "bad", type: "table", config: {}, inputs: ["n"] },
  param("n"),
  { id: "good", type: "table", config: { maxRows: 2 }, inputs: ["data"] },
  { id: "after", type: "table", config: {}, inputs: ["bad"] },
]), { open: true, cells: { data: "fulfilled", bad: "rejected", n: "fulfilled", good: "fulfilled", after: "rejected" } });

for (const f of readdirSync(dir)) if (f.endsWith(".json")) unlinkSync(join(dir, f));
const manifest = {};
for (const [name, { content, expect }] of Object.entries(cases)) {
  writeFileSync(join(dir, name), typeof content === "string" ? content : `${JSON.stringify(content, null, 1)}\n`);
  manifest[name] = expect;
}
writeFileSync(join(dir, "cases.json"), `${JSON.stringify(manifest, null, 1)}\n`);
console.log(`wrote ${Object.keys(cases).length} hostile files and cases.json to ${dir}`);
