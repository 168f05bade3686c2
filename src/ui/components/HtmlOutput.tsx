// Output of the equation and text cells. Their HTML is produced by our own renderers (KaTeX with
// trust off; the text cell's markdown subset with every text node escaped), never copied from a
// file, so it is safe to place; a render problem is listed beside it as text.
import { For, Show, createEffect, type JSX } from "solid-js";
import type { CellViewProps } from "../cell-views";
import { morphHtml } from "../morph-html";
import { patchTextOnly, textNodes, tokenizeHtml, type HtmlTokens } from "../html-text-patch";
import "katex/dist/katex.min.css";

interface RenderedHtml {
  html: string;
  errors: string[];
}

/**
 * Keeps `body` showing `html()`, patching only what changed: the text nodes alone when only text
 * changed (html-text-patch.ts, no parsing), else a morph of the parsed HTML (morph-html.ts).
 */
function showHtml(body: HTMLElement, html: () => string): void {
  let shown: string | null = null;
  let shownTokens: HtmlTokens | null = null;
  let nodes: Text[] | null = null; // body's text nodes, kept while updates are text-only
  createEffect(() => {
    const next = html();
    if (next === shown) return;
    const nextTokens = tokenizeHtml(next);
    if (!shownTokens || !patchTextOnly((nodes ??= textNodes(body)), shownTokens, nextTokens)) {
      morphHtml(body, next);
      nodes = null;
    }
    shown = next;
    shownTokens = nextTokens;
  });
}

export function HtmlOutput(props: CellViewProps): JSX.Element {
  // While a new value computes, the last one stays (dimmed by the card): unmounting it would rebuild
  // the KaTeX DOM on every slider move.
  const value = () => (props.run.status === "rejected" ? null : ((props.run.value as RenderedHtml | undefined) ?? null));
  return (
    <Show when={value()}>
      {(rendered) => (
        <div class={`html-output html-${props.cell.type}`}>
          <div class="html-body" ref={(body) => showHtml(body, () => rendered().html)} />
          <Show when={rendered().errors.length > 0}>
            <ul class="render-problems">
              <For each={rendered().errors}>{(error) => <li>{error}</li>}</For>
            </ul>
          </Show>
        </div>
      )}
    </Show>
  );
}
