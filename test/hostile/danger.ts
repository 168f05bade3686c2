// Detectors for what must never come out of a rendered cell: script, event handlers, links that are not
// http(s), frames, and anything that would make the browser fetch. Tags are tokenised (quoted attribute
// values are skipped as values), so escaped text such as `&lt;img onerror=…&gt;` is not a finding.

const TAG = /<([A-Za-z][\w:-]*)((?:\s+[^\s=>\/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g;
const ATTR = /([^\s=>\/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const BAD_ELEMENTS = new Set(["script", "iframe", "object", "embed", "frame", "frameset", "base", "meta", "link", "form", "img", "image", "foreignobject", "style", "audio", "video", "source", "use"]);
/** Attributes whose value is CSS or an SVG paint, where url(...) makes the browser fetch. */
const CSS_ATTRS = new Set(["style", "fill", "stroke", "filter", "mask", "clip-path", "marker-start", "marker-mid", "marker-end", "cursor"]);
const URL_ATTRS = new Set(["href", "xlink:href", "src", "srcset", "action", "formaction", "srcdoc", "data", "poster", "background"]);

function decode(v: string): string {
  return v.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

export interface DangerOptions {
  /** Elements allowed here (e.g. "image" with an empty href in Vega's SVG). */
  allowElements?: string[];
  /** Whether http(s) links are allowed in href (the text cell makes them, with rel="noopener"). */
  allowHttpLinks?: boolean;
}

/** Problems in markup (HTML from our renderers or SVG from Vega). */
export function dangerInMarkup(markup: string, options: DangerOptions = {}): string[] {
  const out: string[] = [];
  const allowEl = new Set((options.allowElements ?? []).map((e) => e.toLowerCase()));
  for (const tag of markup.matchAll(TAG)) {
    const name = tag[1]!.toLowerCase();
    if (BAD_ELEMENTS.has(name) && !allowEl.has(name)) out.push(`element <${name}>`);
    for (const a of (tag[2] ?? "").matchAll(ATTR)) {
      const attr = a[1]!.toLowerCase();
      const value = decode(a[2] ?? a[3] ?? a[4] ?? "").trim();
      if (/^on/.test(attr)) out.push(`event handler ${attr} on <${name}>`);
      if (URL_ATTRS.has(attr) && value !== "" && !value.startsWith("#")) {
        const http = /^https?:\/\//i.test(value);
        if (!(http && options.allowHttpLinks && attr === "href" && name === "a")) out.push(`${attr}="${value.slice(0, 60)}" on <${name}>`);
      }
      if (CSS_ATTRS.has(attr) && /url\s*\(\s*["']?\s*(https?:|\/\/|javascript:|data:)/i.test(value)) out.push(`external url() in ${attr} on <${name}>: ${value.slice(0, 80)}`);
      if (/javascript:/i.test(value) && (URL_ATTRS.has(attr) || attr === "style")) out.push(`javascript: in ${attr}`);
    }
  }
  return out;
}

/** Problems in an HTML fragment of the equation or text cell. */
export const dangerInHtml = (html: string): string[] => dangerInMarkup(html, { allowHttpLinks: true });

/** Problems in an SVG drawn by Vega (image marks with an empty href are harmless). */
export const dangerInSvg = (svg: string): string[] => dangerInMarkup(svg, { allowElements: ["image"] });

/** Problems in a chart spec handed to Vega: keys that fetch or link, outside inline data. */
export function dangerInSpec(spec: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string, inData: boolean): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`, inData));
    if (!v || typeof v !== "object") return;
    for (const [k, x] of Object.entries(v)) {
      const data = inData || k === "values" || k === "datasets";
      if (!data && (k === "url" || k === "href" || k === "usermeta" || (k === "element" && path.endsWith("bind")))) out.push(`key ${path}.${k}`);
      walk(x, `${path}.${k}`, data);
    }
  };
  walk(spec, "", false);
  return out;
}

/** Findings accepted as known (none: url() paint values are now stripped by checkUserSpec). */
export const KNOWN: RegExp[] = [];
