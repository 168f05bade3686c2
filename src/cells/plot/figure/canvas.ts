// A figure on a page: one canvas that is repainted whole on every update (a fraction of a ms for a
// chart), sized in steps so a label a few px wider does not reallocate the bitmap (../canvas-size.ts),
// with a tooltip (the canvas's title, as Vega's default tooltip handler does) for the point under the
// pointer, and groups picked by a click on a legend entry or a point (./picks.ts), in the page's store
// that every chart shares (./pick-store.ts; the canvas's data-picked holds the picked labels it shows,
// data-pick-targets where its legend's entries are, for tests).
import { roundUp, serves } from "../canvas-size";
import { layoutFigure, tooltipNear, type FigureLayout } from "./layout";
import type { MeasureText } from "./metrics";
import { paintFigure } from "./paint";
import { pagePicks, type PickStore } from "./pick-store";
import { clickPick, keyNear, pickableEntryAt, withPicks } from "./picks";
import type { Figure } from "./types";

/** Text widths through a context, remembered: most labels are the same from one update to the next. */
function measurer(ctx: CanvasRenderingContext2D): MeasureText {
  const widths = new Map<string, number>();
  return (text, font) => {
    const key = `${font}|${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      if (widths.size > 1000) widths.clear();
      ctx.font = font;
      width = ctx.measureText(text).width;
      widths.set(key, width);
    }
    return width;
  };
}

function context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("this browser gives no 2D canvas to draw the chart on");
  return ctx;
}

/** Paints `layout` over a white `width` × `height` CSS px at `scale` bitmap px per CSS px. */
function paintOnWhite(ctx: CanvasRenderingContext2D, layout: FigureLayout, scale: number, width: number, height: number): void {
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, width, height);
  paintFigure(ctx, layout);
}

/** Sets (or with null removes) a data attribute, leaving the DOM alone when it already holds `value`. */
function setData(element: HTMLElement, name: string, value: string | null): void {
  if ((element.dataset[name] ?? null) === value) return;
  if (value === null) delete element.dataset[name];
  else element.dataset[name] = value;
}

export class FigureCanvas {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly measure: MeasureText;
  private layout: FigureLayout | null = null;
  /** The figure last shown, before picks are applied. */
  private figure: Figure | null = null;
  private readonly unsubscribe: () => void;
  /** The canvas's size in CSS px and the pixel ratio of its bitmap. */
  private size = { width: 0, height: 0, ratio: 0 };
  private readonly onMove = (event: MouseEvent): void => this.showTooltip(event);
  private readonly onLeave = (): void => this.canvas.removeAttribute("title");
  private readonly onClick = (event: MouseEvent): void => {
    const label = this.groupAt(event);
    if (label !== null) this.picks.set(clickPick(this.picks.get(), label, event.shiftKey));
  };
  private readonly onDoubleClick = (): void => {
    if (this.picks.get().size) this.picks.set(new Set());
  };

  constructor(
    container: HTMLElement,
    private readonly picks: PickStore = pagePicks,
  ) {
    this.canvas = document.createElement("canvas");
    this.ctx = context(this.canvas);
    this.measure = measurer(this.ctx);
    this.canvas.addEventListener("mousemove", this.onMove);
    this.canvas.addEventListener("mouseleave", this.onLeave);
    this.canvas.addEventListener("click", this.onClick);
    this.canvas.addEventListener("dblclick", this.onDoubleClick);
    container.appendChild(this.canvas);
    this.unsubscribe = picks.subscribe(() => {
      if (this.figure) this.show(this.figure);
    });
  }

  /** Lays out and paints `figure`, with the picked legend entries (if it has a picking legend). */
  show(figure: Figure): void {
    this.figure = figure;
    const shown = withPicks(figure, this.picks.get());
    const layout = layoutFigure(shown, this.measure);
    this.layout = layout;
    const ratio = window.devicePixelRatio || 1;
    let { width, height } = this.size;
    if (ratio !== this.size.ratio || !serves(width, roundUp(layout.width)) || !serves(height, roundUp(layout.height))) {
      width = roundUp(layout.width);
      height = roundUp(layout.height);
      this.size = { width, height, ratio };
      this.canvas.width = Math.round(width * ratio);
      this.canvas.height = Math.round(height * ratio);
      // Only the width: the height follows the bitmap's aspect ratio, also when CSS narrows the canvas.
      this.canvas.style.width = `${width}px`;
    }
    paintOnWhite(this.ctx, layout, ratio, width, height);
    this.describePicks(layout, shown !== figure);
  }

  /**
   * The picked groups this canvas shows (data-picked), and where its picking legend's entries are in
   * CSS px (data-pick-targets); attributes are written only when they change, not on every drag step.
   */
  private describePicks(layout: FigureLayout, picking: boolean): void {
    setData(this.canvas, "picked", picking ? [...this.picks.get()].join("\n") : null);
    const targets = layout.legends.filter((l) => l.picks).flatMap((l) => l.entries.map((e) => ({ label: e.label, x: Math.round(e.symbolX), y: Math.round(e.y) })));
    setData(this.canvas, "pickTargets", targets.length ? JSON.stringify(targets) : null);
  }

  /** The figure painted at `scale` bitmap px per CSS px (PNG export). */
  async toBlob(scale: number): Promise<Blob | null> {
    if (!this.layout) return null;
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(this.layout.width * scale);
    canvas.height = Math.ceil(this.layout.height * scale);
    paintOnWhite(context(canvas), this.layout, scale, this.layout.width, this.layout.height);
    return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  }

  /** The pointer in figure px: CSS may show the canvas narrower than its layout. */
  private pointer(event: MouseEvent): { x: number; y: number } {
    const box = this.canvas.getBoundingClientRect();
    const cssWidth = parseFloat(this.canvas.style.width) || box.width;
    const k = box.width > 0 ? cssWidth / box.width : 1;
    return { x: (event.clientX - box.left) * k, y: (event.clientY - box.top) * k };
  }

  /** The group a click at the pointer picks: a picking legend's entry, or a keyed point's group. */
  private groupAt(event: MouseEvent): string | null {
    if (!this.layout) return null;
    const { x, y } = this.pointer(event);
    return pickableEntryAt(this.layout.legends, x, y) ?? keyNear(this.layout, x, y);
  }

  private showTooltip(event: MouseEvent): void {
    if (!this.layout) return;
    const { x, y } = this.pointer(event);
    const tooltip = tooltipNear(this.layout, x, y);
    if (tooltip) this.canvas.title = tooltip.map(([name, value]) => `${name}: ${value}`).join("\n");
    else this.canvas.removeAttribute("title");
    this.canvas.style.cursor = pickableEntryAt(this.layout.legends, x, y) !== null || keyNear(this.layout, x, y) !== null ? "pointer" : "";
  }

  dispose(): void {
    this.canvas.removeEventListener("mousemove", this.onMove);
    this.canvas.removeEventListener("mouseleave", this.onLeave);
    this.canvas.removeEventListener("click", this.onClick);
    this.canvas.removeEventListener("dblclick", this.onDoubleClick);
    this.unsubscribe();
    this.canvas.remove();
  }
}
