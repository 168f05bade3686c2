// The plot cell in the browser: a live Vega view, or a hand-painted figure for a preset that has one
// (./figure: charts redrawn on every step of a drag). When a recompute changes only the data, the
// view's datasets are replaced in place (no re-embed, no flicker); a changed spec gets a new view.
// Vega is loaded on first use so the app shell stays small. data-rendered-run tells tests and the UI
// benchmark which run the chart on screen shows.
import { createEffect, on, onCleanup, type JSX } from "solid-js";
import type { View } from "vega";
import type { CellViewProps } from "../../ui/cell-views";
import { downloadBlob, downloadText, fileNameFor } from "../../ui/download";
import { loadOnce } from "../load-once";
import type { PlotValue } from "./index";
import { sameStructure } from "./same-structure";
import { FigureCanvas } from "./figure/canvas";

type RenderModule = typeof import("./render-svg");

// Canvas, not SVG: a slider move redraws the marks without touching the DOM, so the browser has no
// elements to restyle, lay out or hit-test (measured by `npm run bench:ui`). Exports still give SVG.
const RENDERER = "canvas";

const loadRender = loadOnce<RenderModule>(() => import("./render-svg"));

export function PlotView(props: CellViewProps): JSX.Element {
  let container!: HTMLDivElement;
  let current: { view: View; value: PlotValue } | null = null;
  let figure: { canvas: FigureCanvas; value: PlotValue } | null = null;
  let latest = 0;
  let chain: Promise<void> = Promise.resolve();

  async function draw(value: PlotValue, run: number): Promise<void> {
    if (run !== latest) return; // a newer value is queued behind us
    if (value.figure) {
      if (current) {
        current.view.finalize();
        current = null;
        container.replaceChildren();
      }
      figure ??= { canvas: new FigureCanvas(container), value };
      figure.value = value;
      figure.canvas.show(value.figure);
      container.dataset.renderedRun = String(run);
      return;
    }
    if (figure) {
      figure.canvas.dispose();
      figure = null;
    }
    const render = await loadRender();
    if (current && current.value.source === value.source && sameStructure(current.value.spec, value.spec)) {
      current.value = value;
      await render.updateViewData(current.view, value.datasets);
    } else {
      current?.view.finalize();
      container.replaceChildren();
      const { view } = render.createView(value.spec, { renderer: RENDERER, container, trusted: value.source === "preset", describeItems: false });
      current = { view, value };
      await view.runAsync();
      // How many times the chart was built from scratch (the rest were in-place data updates).
      container.dataset.embeds = String(Number(container.dataset.embeds ?? 0) + 1);
    }
    if (run === latest) container.dataset.renderedRun = String(run);
  }

  createEffect(
    on(
      () => props.run,
      (run) => {
        if (run.status !== "fulfilled") return;
        latest = run.runs;
        const value = run.value as PlotValue;
        chain = chain.then(() => draw(value, run.runs)).catch((error: Error) => {
          container.dataset.renderError = error.message;
        });
      },
    ),
  );
  onCleanup(() => {
    current?.view.finalize();
    figure?.canvas.dispose();
  });

  async function exportSvg(): Promise<void> {
    const shown = current?.value ?? figure?.value;
    if (!shown) return;
    // A fresh headless render of the spec (a figure's too): the live view leaves out the per-item ARIA
    // descriptions an SVG carries.
    const render = await loadRender();
    const { svg } = await render.renderSvg(shown.spec, { trusted: shown.source === "preset" });
    downloadText(fileNameFor(props.cell.name ?? props.cell.id, "svg"), svg, "image/svg+xml");
  }
  async function exportPng(): Promise<void> {
    // From a canvas straight to a Blob: fetching a data: URL is refused by the page's
    // Content-Security-Policy (connect-src 'self').
    let blob: Blob | null = null;
    if (figure) blob = await figure.canvas.toBlob(2);
    else if (current) {
      const canvas = (await current.view.toCanvas(2)) as HTMLCanvasElement;
      blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    }
    if (blob) downloadBlob(fileNameFor(props.cell.name ?? props.cell.id, "png"), blob);
  }

  return (
    <div class="plot-view">
      <div class="plot-canvas" ref={container} data-rendered-run="" role="img" aria-label={`chart ${props.cell.name ?? props.cell.id}`} />
      <div class="plot-actions">
        <button type="button" onClick={() => void exportSvg()}>SVG</button>
        <button type="button" onClick={() => void exportPng()}>PNG</button>
      </div>
    </div>
  );
}
