// Buffers a worker can move to the page instead of copying (see TaskContext.transfer).

/** The distinct ArrayBuffers behind these typed arrays (shared memory is never transferable). */
export function buffersOf(views: Iterable<unknown>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const view of views) {
    if (ArrayBuffer.isView(view) && view.buffer instanceof ArrayBuffer) buffers.add(view.buffer);
  }
  return [...buffers];
}
