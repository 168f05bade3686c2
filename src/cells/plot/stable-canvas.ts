// Vega's canvas renderer, minus one cost of live charts. With autosize "pad", a slider move that
// changes an axis's label widths or a mark's overhang moves the plot's origin or changes the view's
// size by a pixel or two, and Vega then resizes the canvas: setting canvas.width reallocates the
// bitmap and resets the context (font included), which took a few ms per move in the fit-lines
// trellis, and the page re-lays out around the new size. This renderer gives the canvas a size
// rounded up to a multiple of SIZE_STEP (a blank margin of under SIZE_STEP px at the right and
// bottom) and keeps the bitmap whenever that rounded size and the pixel ratio are unchanged, only
// moving the origin. It also keeps a bitmap one step larger than needed: a size that sits on a step
// boundary would otherwise flip between two canvases move after move (Simpson's complete-pooling
// chart did on one move in five, 640 and 656 px tall, each flip a reallocation). So a chart updated
// in place matches the same chart built fresh, with at most one more step of blank margin; a chart
// that shrinks by more gets its smaller canvas.
import * as vega from "vega";
import { roundUp, serves } from "./canvas-size";

/** The name to pass as a View's `renderer`. */
export const STABLE_CANVAS = "stable-canvas";

interface CanvasRendererState {
  _canvas: HTMLCanvasElement | null;
  _width: number;
  _height: number;
  _scale: number;
  _redraw: boolean;
}

type RendererClass = new (loader: vega.Loader) => vega.Renderer;
const { CanvasRenderer, CanvasHandler, Renderer } = vega as unknown as { CanvasRenderer: RendererClass; CanvasHandler: vega.Handler; Renderer: RendererClass };

class StableCanvasRenderer extends CanvasRenderer {
  override resize(viewWidth: number, viewHeight: number, origin: readonly number[], scaleFactor?: number): this {
    const state = this as unknown as CanvasRendererState;
    const width = roundUp(viewWidth);
    const height = roundUp(viewHeight);
    const context = state._canvas?.getContext("2d") as (CanvasRenderingContext2D & { pixelRatio?: number }) | null | undefined;
    const ratio = window.devicePixelRatio || 1;
    const sameBitmap =
      context != null && serves(state._width, width) && serves(state._height, height) && (scaleFactor === undefined || scaleFactor === state._scale) && context.pixelRatio === ratio;
    if (!sameBitmap) return super.resize(width, height, origin, ...(scaleFactor === undefined ? [] : [scaleFactor]) as []);
    // The base renderer records the new origin (and the kept bitmap's size); the context's transform
    // moves with it (as Vega's own resize sets it), and the next render redraws everything.
    (Renderer.prototype.resize as (this: unknown, ...args: unknown[]) => unknown).call(this, state._width, state._height, origin, scaleFactor);
    context.setTransform(ratio, 0, 0, ratio, ratio * origin[0]!, ratio * origin[1]!);
    state._redraw = true;
    return this;
  }
}

vega.renderModule(STABLE_CANVAS, { renderer: StableCanvasRenderer as unknown as typeof vega.Renderer, headless: CanvasRenderer as unknown as vega.Renderer, handler: CanvasHandler });
