// Small helpers to assert on Vega's SVG output without a DOM.

/** Number of items (path/line/text elements) in each `mark-TYPE role-ROLE` group, in document order. */
export function markItems(svg: string, type: string, role = "mark"): number[] {
  const out: number[] = [];
  const re = new RegExp(`<g class="mark-${type} role-${role}[^"]*"[^>]*>`, "g");
  let m: RegExpExecArray | null;
  while ((m = re.exec(svg))) {
    if (m[0].endsWith("/>")) { out.push(0); continue; } // an empty mark group is self-closing
    const end = svg.indexOf("</g>", m.index + m[0].length);
    const body = svg.slice(m.index + m[0].length, end);
    out.push((body.match(/<(path|line|text|rect)\b/g) ?? []).length);
  }
  return out;
}

/** Total items over all `mark-TYPE role-mark` groups. */
export function countMarks(svg: string, type: string): number {
  return markItems(svg, type).reduce((a, b) => a + b, 0);
}

/** Text content of every <text> element (entities left as they are). */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

export function hasLegend(svg: string): boolean {
  return svg.includes("role-legend");
}

/** For each item of every line mark, in document order: how many separate pieces (moveto's) its path has. */
export function linePieces(svg: string): number[] {
  const out: number[] = [];
  for (const m of svg.matchAll(/<g class="mark-line role-mark[^"]*"[^>]*>(.*?)<\/g>/gs)) {
    for (const d of m[1]!.matchAll(/\sd="([^"]*)"/g)) out.push((d[1]!.match(/M/g) ?? []).length);
  }
  return out;
}
