import katex from "katex";
import { formatNumber, substitute } from "./lookup";
import { DigitSlotCache, slotDigits } from "./digit-slots";

/**
 * KaTeX rendering of equation templates with live numbers. Safety: `trust: false`, `maxExpand`
 * against macro bombs, `maxSize` against huge rules, and a pre-scan that neutralises commands that
 * link, load, attach HTML attributes or define macros (reported as errors, never rendered).
 */

/** KaTeX options used for every render (exported for tests and the docs). */
export const katexOptions = {
  throwOnError: true,
  trust: false,
  maxExpand: 1000,
  maxSize: 10,
  output: "htmlAndMathml" as const,
};

/** Options of {@link renderEquation}. */
export interface EquationOptions {
  /** Display (block) mode. Defaults to true. */
  displayMode?: boolean;
  /** Maximum template length in characters. Defaults to 4,000. */
  maxChars?: number;
}

/** Rendered HTML (always safe to insert) plus problems found. */
export interface EquationResult {
  html: string;
  errors: string[];
}

/** Commands refused in shared equations: links, resources, raw HTML attributes, macro definitions. */
export const REFUSED_COMMANDS = [
  "href", "url", "includegraphics", "htmlClass", "htmlId", "htmlStyle", "htmlData", "html@mathml",
  "def", "gdef", "edef", "xdef", "let", "futurelet", "global", "newcommand", "renewcommand", "providecommand",
  "expandafter", "csname", "endcsname", "char", "@ifnextchar",
];
const REFUSED_RE = new RegExp(`\\\\(${REFUSED_COMMANDS.map((c) => c.replace("@", "@")).join("|")})(?![A-Za-z])`, "g");

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** TeX for a plain string value: `\text{…}` with TeX specials escaped. */
function texText(s: string): string {
  const esc = s.slice(0, 200).replace(/[\\{}$&#^_%~]/g, (c) => ({ "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "$": "\\$", "&": "\\&", "#": "\\#", "^": "\\textasciicircum{}", "_": "\\_", "%": "\\%", "~": "\\textasciitilde{}" })[c]!);
  return `\\text{${esc}}`;
}

/** TeX for a looked-up value with a format spec. */
function texValue(value: unknown, format: string): string | { error: string } {
  if (typeof value === "number") {
    const f = formatNumber(value, format);
    if (!f) return { error: `unknown number format "${format}" (use 2, s3, e2 or p1)` };
    if (f.text === "∞" || f.text === "-∞") return f.text.startsWith("-") ? "-\\infty" : "\\infty";
    if (f.text === "NaN") return "\\text{NaN}";
    const t = f.text.replace(/e([+-]?)(\d+)$/, (_m, s: string, d: string) => `\\times 10^{${s === "-" ? "-" : ""}${d}}`);
    return f.percent ? `${t}\\%` : t;
  }
  if (typeof value === "string") return texText(value);
  if (typeof value === "boolean") return texText(String(value));
  if (value === null || value === undefined) return { error: "value is empty" };
  return { error: `value is ${Array.isArray(value) ? "an array" : "an object"}, not a number` };
}

/** Neutralises refused commands: `\href` becomes the visible text "\href", so nothing links or loads. */
export function neutraliseTex(tex: string, errors: string[]): string {
  return tex.replace(REFUSED_RE, (_m, name: string) => {
    errors.push(`\\${name} is not allowed in shared equations and was disabled`);
    return `\\text{\\textbackslash ${name}}`;
  });
}

/** Renders already-substituted TeX with the safe options; never throws. */
export function renderTex(tex: string, displayMode = true): EquationResult {
  const errors: string[] = [];
  const safe = neutraliseTex(tex, errors);
  try {
    const html = katex.renderToString(safe, {
      ...katexOptions, displayMode,
      strict: (code: string, msg: string) => { errors.push(`KaTeX (${code}): ${msg}`); return "ignore"; },
    });
    return { html, errors };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    errors.push(msg);
    return { html: `<span class="equation-error" title="${escapeHtml(msg)}">${escapeHtml(tex)}</span>`, errors };
  }
}

/**
 * Renders a template such as `\hat\beta_1 = {{fit.fixef.x|2}}`: placeholders are looked up in `inputs`
 * (own properties only), formatted, and the TeX is rendered with KaTeX.
 */
export function renderEquation(template: string, inputs: unknown, options: EquationOptions = {}): EquationResult {
  const maxChars = options.maxChars ?? 4000;
  if (typeof template !== "string") return { html: "", errors: ["the equation must be a string"] };
  if (template.length > maxChars) {
    return { html: `<span class="equation-error">${escapeHtml(template.slice(0, 80))}…</span>`, errors: [`the equation is ${template.length} characters; the limit is ${maxChars}`] };
  }
  const errors: string[] = [];
  // A value followed by a script is braced into one atom: `{{v}}^2` then squares the number, not its
  // last digit (which KaTeX would set apart from the rest, so the digits could not be spliced).
  template = template.replace(SCRIPTED_PLACEHOLDER, "{ $1 }");
  // The values' digits go into slots, so a slider move that only changes numbers reuses KaTeX's layout.
  const runs: string[] = [];
  const slotted = substitute(template, inputs, (value, format) => {
    const tex = texValue(value, format);
    return typeof tex === "string" ? slotDigits(tex, runs) : tex;
  }, "\\boxed{?}", errors);
  const realTex = () => substitute(template, inputs, texValue, "\\boxed{?}", []);
  const out = (options.displayMode ?? true ? displayCache : inlineCache).renderSlotted(slotted, runs, realTex);
  return { html: out.html, errors: [...errors, ...out.errors] };
}

const SCRIPTED_PLACEHOLDER = /(\{\{[^{}]*\}\})(?=\s*[\^_'])/g;

const displayCache = new DigitSlotCache((tex) => renderTex(tex, true));
const inlineCache = new DigitSlotCache((tex) => renderTex(tex, false));

/** How many equation renders so far were spliced from a remembered shape, and how many ran KaTeX. */
export function equationRenderCounts(): { spliced: number; rendered: number } {
  return {
    spliced: displayCache.counts.spliced + inlineCache.counts.spliced,
    rendered: displayCache.counts.rendered + inlineCache.counts.rendered,
  };
}
