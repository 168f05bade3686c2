// The cheap case of updating rendered HTML in place: the new HTML has exactly the old tags (names,
// attributes, order) and differs only in text, as an equation does when a slider changes its numbers
// (KaTeX output spliced per digit slot) and a note does when it quotes a value. Then only the text
// nodes whose text changed are set; nothing is parsed. Anything else (a tag changed, an entity this
// decoder does not know, a tag whose text the HTML parser rewrites) is left to morph-html.ts.

/** HTML split at its tags: `texts[i]` precedes `tags[i]`; `texts` has one entry more than `tags`. */
export interface HtmlTokens {
  tags: string[];
  texts: string[];
}

const TAG = /<[^>]*>/g;

export function tokenizeHtml(html: string): HtmlTokens {
  const tags: string[] = [];
  const texts: string[] = [];
  let last = 0;
  for (const match of html.matchAll(TAG)) {
    texts.push(html.slice(last, match.index));
    tags.push(match[0]);
    last = match.index + match[0].length;
  }
  texts.push(html.slice(last));
  return { tags, texts };
}

/**
 * Tags whose text the HTML parser does not keep as one text node per source segment: a newline right
 * after <pre> is dropped, table whitespace is moved or dropped, raw-text elements hold no markup.
 */
const UNSAFE_TAG = /^<\/?(pre|textarea|listing|table|thead|tbody|tfoot|tr|td|th|caption|colgroup|col|select|option|optgroup|script|style|template|noscript|title|iframe|xmp|plaintext|!--)/i;

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** The text an HTML text segment stands for, or null when it holds an entity this decoder does not know. */
export function decodeText(segment: string): string | null {
  if (!segment.includes("&")) return segment;
  let unknown = false;
  const text = segment.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || !whole.endsWith(";")) {
        unknown = true;
        return whole;
      }
      return String.fromCodePoint(code);
    }
    // Exactly as written: entity names are case-sensitive (the parser reads "&Lt;" as text), and the
    // upper-case forms it does accept ("&AMP;") are left to the morph like any other unknown one.
    const named = Object.hasOwn(NAMED, body) ? NAMED[body] : undefined;
    if (named === undefined || !whole.endsWith(";")) {
      unknown = true;
      return whole;
    }
    return named;
  });
  return unknown ? null : text;
}

/** Text nodes below `root` in document order. */
export function textNodes(root: Node): Text[] {
  const out: Text[] = [];
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) out.push(node as Text);
  return out;
}

/**
 * Makes `target` (which shows the HTML tokenized as `shown`, its text nodes being `nodes`) show `next`
 * by setting the text of the text nodes that changed. Returns false, touching nothing, when the update
 * is not of that kind. A text-only update keeps the nodes, so the caller may keep `nodes` for the next.
 */
export function patchTextOnly(nodes: readonly Text[], shown: HtmlTokens, next: HtmlTokens): boolean {
  if (shown.tags.length !== next.tags.length) return false;
  for (let i = 0; i < next.tags.length; i++) {
    if (shown.tags[i] !== next.tags[i] || UNSAFE_TAG.test(next.tags[i]!)) return false;
  }
  // The k-th non-empty segment is the k-th text node (empty segments make none).
  const changes: [Text, string][] = [];
  let k = 0;
  for (let i = 0; i < next.texts.length; i++) {
    const before = shown.texts[i]!;
    const after = next.texts[i]!;
    if (before === "" || after === "") {
      if (before !== after) return false; // a text node would appear or vanish
      continue;
    }
    const node = nodes[k++];
    if (!node) return false;
    if (before === after) continue;
    const text = decodeText(after);
    if (text === null || decodeText(before) !== node.nodeValue) return false;
    changes.push([node, text]);
  }
  if (k !== nodes.length) return false;
  for (const [node, text] of changes) node.nodeValue = text;
  return true;
}
