// Vega's symbol shapes as canvas paths, for the figures' points, arrowheads and legend symbols.
import type { SymbolShape } from "./types";

/** Traces Vega's symbol `shape` of `area` px² centred on (x, y) (the path of vega-scenegraph's symbols, by their geometry). */
export function symbolPath(ctx: CanvasRenderingContext2D, shape: SymbolShape, x: number, y: number, area: number): void {
  const r = Math.sqrt(area) / 2;
  const h = (Math.sqrt(3) / 2) * r;
  ctx.beginPath();
  switch (shape) {
    case "circle":
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      break;
    case "square":
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
      break;
    case "diamond":
      ctx.moveTo(x - r, y);
      ctx.lineTo(x, y - r);
      ctx.lineTo(x + r, y);
      ctx.lineTo(x, y + r);
      ctx.closePath();
      break;
    case "triangle-up":
      ctx.moveTo(x, y - h);
      ctx.lineTo(x - r, y + h);
      ctx.lineTo(x + r, y + h);
      ctx.closePath();
      break;
    case "triangle": {
      // Vega's "triangle" is centred on its centroid, not its box.
      const o = h - r * Math.tan(Math.PI / 6);
      ctx.moveTo(x, y - h - o);
      ctx.lineTo(x - r, y + h - o);
      ctx.lineTo(x + r, y + h - o);
      ctx.closePath();
      break;
    }
    case "triangle-right":
      ctx.moveTo(x + h, y);
      ctx.lineTo(x - h, y - r);
      ctx.lineTo(x - h, y + r);
      ctx.closePath();
      break;
    case "triangle-left":
      ctx.moveTo(x - h, y);
      ctx.lineTo(x + h, y - r);
      ctx.lineTo(x + h, y + r);
      ctx.closePath();
      break;
  }
}
