// Updating rendered HTML in place. An equation whose numbers changed re-renders to HTML that differs
// from the last in a few text nodes and inline styles; replacing the whole subtree (innerHTML) made
// the browser create, style and lay out a few hundred KaTeX elements on every slider move.

/** Makes `target`'s children equal to the parsed `html`, touching only the nodes that differ. */
export function morphHtml(target: Element, html: string): void {
  const template = document.createElement("template");
  template.innerHTML = html;
  morphChildren(target, template.content);
}

function morphChildren(target: Node, source: Node): void {
  let have = target.firstChild;
  let want = source.firstChild;
  while (want) {
    const nextWant: ChildNode | null = want.nextSibling;
    if (!have) {
      target.appendChild(want); // moves it out of `source`
    } else if (!sameKind(have, want)) {
      const nextHave: ChildNode | null = have.nextSibling;
      target.replaceChild(want, have);
      have = nextHave;
    } else if (!have.isEqualNode(want)) {
      // isEqualNode compares whole subtrees natively: most of an equation is unchanged and skipped here
      if (have.nodeType === Node.ELEMENT_NODE) {
        morphAttributes(have as Element, want as Element);
        morphChildren(have, want);
      } else if (have.nodeValue !== want.nodeValue) {
        have.nodeValue = want.nodeValue;
      }
      have = have.nextSibling;
    } else {
      have = have.nextSibling;
    }
    want = nextWant;
  }
  while (have) {
    const next: ChildNode | null = have.nextSibling;
    target.removeChild(have);
    have = next;
  }
}

/** Same node type, and for elements the same tag in the same namespace (MathML stays MathML). */
function sameKind(a: Node, b: Node): boolean {
  if (a.nodeType !== b.nodeType) return false;
  if (a.nodeType !== Node.ELEMENT_NODE) return true;
  return (a as Element).localName === (b as Element).localName && (a as Element).namespaceURI === (b as Element).namespaceURI;
}

function morphAttributes(have: Element, want: Element): void {
  const wanted = want.attributes;
  for (let i = 0; i < wanted.length; i++) {
    const { name, value } = wanted[i]!;
    if (have.getAttribute(name) !== value) have.setAttribute(name, value);
  }
  // Extra attributes are rare (KaTeX output of one equation keeps its shape); look only when counts differ.
  const had = have.attributes;
  for (let i = had.length - 1; i >= 0 && had.length > wanted.length; i--) {
    const name = had[i]!.name;
    if (!want.hasAttribute(name)) have.removeAttribute(name);
  }
}
