/**
 * A tiny markdown subset for the blueprint prose, rendered to HTML in which every text node is
 * escaped: no raw HTML passes through.
 *
 * Blocks: paragraphs (separated by blank lines), headings `#`, `##`, `###`, bullet lists (`- ` or `* `)
 * and numbered lists (`1. `). Inline: `**bold**`, `*emphasis*` / `_emphasis_`, `` `code` ``, math
 * `$…$` (KaTeX through the equation renderer), live values `{{path|2}}`, and links `[text](url)`.
 *
 * Links: absolute `http:` / `https:` URLs become `<a href rel="noopener noreferrer" target="_blank">`, and
 * same-page template links of exactly the form `#template=<name>` (lower-case letters, digits, hyphens)
 * become `<a href="#template=<name>">`; any other link (`javascript:`, `data:`, relative paths, other
 * fragments) is rendered as plain text and reported.
 */
import { escapeHtml, renderEquation } from "../equation/render";
import { formatNumber, substitute } from "../equation/lookup";

/** Options of {@link renderText}. */
export interface TextOptions {
  /** Maximum source length in characters. Defaults to 20,000. */
  maxChars?: number;
  /** Maximum number of `$…$` math spans. Defaults to 100. */
  maxMath?: number;
}

export interface TextResult {
  html: string;
  errors: string[];
}

/** Same-page link to a bundled template: `#template=` and a template name, nothing else. */
const TEMPLATE_LINK = /^#template=[a-z0-9][a-z0-9-]{0,63}$/;

/** A safe absolute http(s) URL or a `#template=<name>` link, or undefined. */
export function safeLink(url: string): string | undefined {
  if (TEMPLATE_LINK.test(url)) return url;
  if (!/^https?:\/\//i.test(url)) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
    if (u.username || u.password) return undefined;
    return u.href;
  } catch {
    return undefined;
  }
}

/** Text value of a `{{path|fmt}}` placeholder in prose. */
function textValue(value: unknown, format: string): string | { error: string } {
  if (typeof value === "number") {
    const f = formatNumber(value, format);
    if (!f) return { error: `unknown number format "${format}" (use 2, s3, e2 or p1)` };
    return f.percent ? `${f.text}%` : f.text;
  }
  if (typeof value === "string") return value.slice(0, 500);
  if (typeof value === "boolean") return String(value);
  return { error: value === null || value === undefined ? "value is empty" : "value is not a number or text" };
}

interface Ctx {
  inputs: unknown;
  errors: string[];
  math: number;
  maxMath: number;
}

const INLINE: { re: RegExp; render: (m: RegExpExecArray, ctx: Ctx, depth: number) => string }[] = [
  { re: /`([^`\n]+)`/, render: (m) => `<code>${escapeHtml(m[1]!)}</code>` },
  {
    re: /(?<!\\)\$([^$\n]+?)(?<!\\)\$/,
    render: (m, ctx) => {
      if (++ctx.math > ctx.maxMath) {
        if (ctx.math === ctx.maxMath + 1) ctx.errors.push(`more than ${ctx.maxMath} math spans; the rest are shown as text`);
        return escapeHtml(m[0]);
      }
      const r = renderEquation(m[1]!, ctx.inputs, { displayMode: false });
      ctx.errors.push(...r.errors);
      return r.html;
    },
  },
  { re: /\{\{[^{}]*\}\}/, render: (m, ctx) => escapeHtml(substitute(m[0], ctx.inputs, textValue, "?", ctx.errors)) },
  {
    re: /\[([^\]\n]+)\]\(([^()\s]+)\)/,
    render: (m, ctx, depth) => {
      const href = safeLink(m[2]!);
      const inner = inline(m[1]!, ctx, depth + 1);
      if (!href) {
        ctx.errors.push(`link "${m[2]!.slice(0, 60)}" was not made clickable: only http(s) links are allowed`);
        return inner;
      }
      if (href.startsWith("#")) return `<a href="${escapeHtml(href)}">${inner}</a>`;
      return `<a href="${escapeHtml(href)}" rel="noopener noreferrer" target="_blank">${inner}</a>`;
    },
  },
  { re: /\*\*([^*\n]+?)\*\*/, render: (m, ctx, depth) => `<strong>${inline(m[1]!, ctx, depth + 1)}</strong>` },
  { re: /(?<![\w*])\*([^*\n]+?)\*(?![\w*])|(?<!\w)_([^_\n]+?)_(?!\w)/, render: (m, ctx, depth) => `<em>${inline(m[1] ?? m[2]!, ctx, depth + 1)}</em>` },
];

/** Renders one line of inline markup; everything that is not markup is escaped. */
function inline(s: string, ctx: Ctx, depth = 0): string {
  if (depth > 4) return escapeHtml(s);
  let out = "";
  let rest = s;
  while (rest.length) {
    let best: { m: RegExpExecArray; r: (typeof INLINE)[number] } | undefined;
    for (const r of INLINE) {
      const m = r.re.exec(rest);
      if (m && (!best || m.index < best.m.index)) best = { m, r };
    }
    if (!best) { out += escapeHtml(rest.replace(/\\\$/g, "$")); break; }
    out += escapeHtml(rest.slice(0, best.m.index).replace(/\\\$/g, "$"));
    out += best.r.render(best.m, ctx, depth);
    rest = rest.slice(best.m.index + best.m[0].length);
  }
  return out;
}

/** Renders markdown-subset prose to safe HTML. */
export function renderText(source: string, inputs: unknown = {}, options: TextOptions = {}): TextResult {
  const maxChars = options.maxChars ?? 20_000;
  if (typeof source !== "string") return { html: "", errors: ["the text must be a string"] };
  const errors: string[] = [];
  let src = source.replace(/\r\n?/g, "\n");
  if (src.length > maxChars) {
    errors.push(`the text is ${src.length} characters; only the first ${maxChars} are shown`);
    src = src.slice(0, maxChars);
  }
  const ctx: Ctx = { inputs, errors, math: 0, maxMath: options.maxMath ?? 100 };
  const blocks: string[] = [];
  let para: string[] = [];
  let list: { tag: "ul" | "ol"; items: string[] } | undefined;
  const flushPara = () => { if (para.length) blocks.push(`<p>${para.map((l) => inline(l, ctx)).join(" ")}</p>`); para = []; };
  const flushList = () => { if (list) blocks.push(`<${list.tag}>${list.items.map((i) => `<li>${inline(i, ctx)}</li>`).join("")}</${list.tag}>`); list = undefined; };
  for (const raw of src.split("\n")) {
    const line = raw.trimEnd();
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    const ul = /^\s*[-*]\s+(.*)$/.exec(line);
    const ol = /^\s*\d{1,3}[.)]\s+(.*)$/.exec(line);
    if (line.trim() === "") { flushPara(); flushList(); }
    else if (h) { flushPara(); flushList(); blocks.push(`<h${h[1]!.length + 2}>${inline(h[2]!, ctx)}</h${h[1]!.length + 2}>`); }
    else if (ul || ol) {
      flushPara();
      const tag = ul ? "ul" : "ol";
      if (list && list.tag !== tag) flushList();
      if (!list) list = { tag, items: [] };
      list.items.push((ul ?? ol)![1]!);
    } else if (list && /^\s{2,}\S/.test(raw)) list.items[list.items.length - 1] += " " + line.trim();
    else { flushList(); para.push(line.trim()); }
  }
  flushPara();
  flushList();
  return { html: blocks.join("\n"), errors };
}
