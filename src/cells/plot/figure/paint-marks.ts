// Paints a panel's free marks (types.ts FigureMark) in order, as Vega draws the same marks: texts on
// Vega's baselines, symbols in Vega's shapes, marks marked `clip` cut off at the plot area.
import type { PanelLayout } from "./layout";
import { fontSize } from "./metrics";
import { symbolPath } from "./symbols";
import type { FigureMark } from "./types";

type Context = CanvasRenderingContext2D;

/**
 * From a text mark's anchor to its alphabetic baseline, in px, for a `size` px font: Vega's canvas
 * renderer places text this way (the fractions of its text renderer), so a mark sits where Vega puts it.
 */
function baselineOffset(baseline: "top" | "middle" | "bottom", size: number): number {
  return Math.round(baseline === "top" ? 0.79 * size : baseline === "middle" ? 0.3 * size : -0.21 * size);
}

/** A panel's free marks, in order, from its plot area's corner. */
export function freeMarks(ctx: Context, p: PanelLayout, marks: readonly FigureMark[]): void {
  const ox = p.left, oy = p.top;
  let clipped = false;
  // Canvas state setters parse their strings on every call: set each only when it changes. Opaque
  // solid segments of one style go into one path, stroked once (the trellis draws hundreds).
  let font = "", fill = "", stroke = "", width = -1, alpha = -1;
  let pathStyle: string | null = null;
  const flush = () => {
    if (pathStyle !== null) ctx.stroke();
    pathStyle = null;
  };
  const setFill = (v: string) => v !== fill && (ctx.fillStyle = fill = v);
  const setStroke = (v: string, w: number) => {
    if (v !== stroke) ctx.strokeStyle = stroke = v;
    if (w !== width) ctx.lineWidth = width = w;
  };
  const setAlpha = (v: number) => v !== alpha && (ctx.globalAlpha = alpha = v);
  for (const m of marks) {
    const batched = m.kind === "segment" && m.opacity === 1 && !m.dash;
    if (!batched || pathStyle !== `${m.color}|${m.width}|${Boolean(m.clip)}`) flush();
    // Consecutive clipped marks share one clip region.
    if (Boolean(m.clip) !== clipped) {
      if (clipped) {
        ctx.restore();
        font = fill = stroke = "";
        width = alpha = -1;
      } else {
        ctx.save();
        ctx.beginPath();
        ctx.rect(ox, oy, p.panel.width, p.panel.height);
        ctx.clip();
      }
      clipped = !clipped;
    }
    setAlpha(m.kind === "text" ? 1 : m.opacity);
    switch (m.kind) {
      case "segment":
        setStroke(m.color, m.width);
        if (batched) {
          if (pathStyle === null) {
            ctx.beginPath();
            pathStyle = `${m.color}|${m.width}|${Boolean(m.clip)}`;
          }
          ctx.moveTo(ox + m.x, oy + m.y);
          ctx.lineTo(ox + m.x2, oy + m.y2);
          break;
        }
        if (m.dash) ctx.setLineDash(m.dash as number[]);
        ctx.beginPath();
        ctx.moveTo(ox + m.x, oy + m.y);
        ctx.lineTo(ox + m.x2, oy + m.y2);
        ctx.stroke();
        if (m.dash) ctx.setLineDash([]);
        break;
      case "line":
        if (!m.points.length) break;
        setStroke(m.color, m.width);
        ctx.lineJoin = "round";
        if (m.dash) ctx.setLineDash(m.dash as number[]);
        ctx.beginPath();
        ctx.moveTo(ox + m.points[0]![0], oy + m.points[0]![1]);
        for (let i = 1; i < m.points.length; i++) ctx.lineTo(ox + m.points[i]![0], oy + m.points[i]![1]);
        ctx.stroke();
        if (m.dash) ctx.setLineDash([]);
        break;
      case "area":
        if (!m.points.length) break;
        setFill(m.color);
        ctx.beginPath();
        ctx.moveTo(ox + m.points[0]![0], oy + m.points[0]![1]);
        for (let i = 1; i < m.points.length; i++) ctx.lineTo(ox + m.points[i]![0], oy + m.points[i]![1]);
        for (let i = m.points.length - 1; i >= 0; i--) ctx.lineTo(ox + m.points[i]![0], oy + m.points[i]![2]);
        ctx.closePath();
        ctx.fill();
        break;
      case "symbol":
        setFill(m.color);
        if (m.angle) {
          ctx.save();
          ctx.translate(ox + m.x, oy + m.y);
          ctx.rotate((m.angle * Math.PI) / 180);
          symbolPath(ctx, m.shape, 0, 0, m.area);
          ctx.restore();
        } else symbolPath(ctx, m.shape, ox + m.x, oy + m.y, m.area);
        ctx.fill();
        if (m.stroke) {
          setStroke(m.stroke.color, m.stroke.width);
          ctx.stroke();
        }
        break;
      case "rect":
        setFill(m.color);
        ctx.fillRect(ox + m.x, oy + m.y, m.width, m.height);
        break;
      case "text": {
        if (m.font !== font) ctx.font = font = m.font;
        setFill(m.color);
        ctx.textAlign = m.align;
        ctx.textBaseline = "alphabetic";
        const dy = baselineOffset(m.baseline, fontSize(m.font));
        if (m.angle) {
          ctx.save();
          ctx.translate(ox + m.x, oy + m.y);
          ctx.rotate((m.angle * Math.PI) / 180);
          ctx.fillText(m.text, 0, dy);
          ctx.restore();
        } else ctx.fillText(m.text, ox + m.x, oy + m.y + dy);
        break;
      }
    }
  }
  flush();
  if (clipped) ctx.restore();
  ctx.globalAlpha = 1;
}
