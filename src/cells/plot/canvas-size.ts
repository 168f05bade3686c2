// The size rule both live chart canvases follow (Vega's, stable-canvas.ts; a painted figure's,
// figure/canvas.ts). Setting canvas.width or height reallocates the bitmap and resets its context,
// which cost a few ms per slider move when a label a pixel wider resized the chart; so a canvas is
// sized in steps, and it keeps its bitmap while the chart needs at most that and at least one step
// less: a size sitting on a step boundary would otherwise flip between two bitmaps move after move.

/** Canvas sizes are multiples of this many CSS px. */
export const SIZE_STEP = 16;

/** `px` rounded up to a whole number of steps. */
export const roundUp = (px: number): number => Math.ceil(px / SIZE_STEP) * SIZE_STEP;

/** Whether a bitmap dimension of `current` px serves a rounded size of `wanted` px. */
export const serves = (current: number, wanted: number): boolean => wanted <= current && wanted >= current - SIZE_STEP;
