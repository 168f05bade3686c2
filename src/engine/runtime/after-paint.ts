// When a cell nobody is looking at may start: after the browser has painted what the user is looking at.

/** The longest an off-screen cell waits when no frame comes (a background tab paints nothing). */
const FRAME_FALLBACK_MS = 100;

/**
 * Resolves in a task after the next frame: a requestAnimationFrame callback runs just before the
 * frame is painted, and a timer set from it fires after that paint. Without frames (Node, the CLI,
 * a hidden tab) it resolves on a timer instead, so off-screen cells still settle.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, FRAME_FALLBACK_MS);
    if (typeof requestAnimationFrame !== "function") {
      clearTimeout(fallback);
      setTimeout(resolve, 0);
      return;
    }
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      setTimeout(resolve, 0);
    });
  });
}
