// Vega's canvas renderer, minus one cost of live charts. With autosize "pad", a slider move that
// changes an axis's label widths moves the plot's origin, and Vega then resizes the renderer even
// when the canvas keeps its size: setting canvas.width reallocates the bitmap and resets the
// context (font included), which took a few ms per move in the fit-lines trellis. This renderer
// keeps the canvas when its size and pixel ratio are unchanged and only moves the origin.
import * as vega from "vega";

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
  override resize(width: number, height: number, origin: readonly number[], scaleFactor?: number): this {
    const state = this as unknown as CanvasRendererState;
    const context = state._canvas?.getContext("2d") as (CanvasRenderingContext2D & { pixelRatio?: number }) | null | undefined;
    const ratio = window.devicePixelRatio || 1;
    const sameBitmap =
      context != null && width === state._width && height === state._height && (scaleFactor === undefined || scaleFactor === state._scale) && context.pixelRatio === ratio;
    if (!sameBitmap) return super.resize(width, height, origin, ...(scaleFactor === undefined ? [] : [scaleFactor]) as []);
    // The base renderer records the new origin; the context's transform moves with it (as Vega's
    // own resize sets it), and the next render redraws everything.
    (Renderer.prototype.resize as (this: unknown, ...args: unknown[]) => unknown).call(this, width, height, origin, scaleFactor);
    context.setTransform(ratio, 0, 0, ratio, ratio * origin[0]!, ratio * origin[1]!);
    state._redraw = true;
    return this;
  }
}

vega.renderModule(STABLE_CANVAS, { renderer: StableCanvasRenderer as unknown as typeof vega.Renderer, headless: CanvasRenderer as unknown as vega.Renderer, handler: CanvasHandler });
