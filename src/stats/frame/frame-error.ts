/** A problem with the data rather than the formula's syntax: wrong column types, no rows left, bad response. */
export class FrameError extends Error {
  override name = "FrameError";
}
