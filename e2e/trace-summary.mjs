// What the browser itself does around bench:ui's steps, read from a Chromium trace: how long the page's
// main thread waited for a core inside each step (its tasks' wall time minus their CPU time), and how
// long the compositor took to draw each frame. Headless Chromium without a GPU composites every frame
// in software on its viz thread; on a machine with two cores that thread and the page take turns.

/** Trace categories the summary needs: tasks with CPU time, user-timing marks, viz frames. */
export const TRACE_CATEGORIES = "devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,viz";

/** The marks `moveAndSettle` sets around a traced step. */
export const STEP_MARKS = { start: "bench-step-start", end: "bench-step-end" };

const q = (values, p) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};

/**
 * From trace events: per step (between the marks), the main thread's ms off its core; over the whole
 * trace, the compositor's frames and their mean draw time (ms).
 */
export function summariseTrace(events) {
  const threads = new Map();
  for (const e of events) if (e.name === "thread_name") threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const threadOf = (e) => threads.get(`${e.pid}:${e.tid}`);
  const marks = (name) => events.filter((e) => e.name === name && e.cat?.includes("user_timing")).map((e) => e.ts).sort((a, b) => a - b);
  const starts = marks(STEP_MARKS.start);
  const ends = marks(STEP_MARKS.end);
  const mainTasks = events.filter((e) => e.ph === "X" && e.name === "RunTask" && threadOf(e) === "CrRendererMain" && e.dur > 0);
  const offCore = [];
  const steps = [];
  for (const t0 of starts) {
    const t1 = ends.find((t) => t > t0);
    if (t1 === undefined) continue;
    let waited = 0;
    for (const task of mainTasks) {
      const overlap = Math.min(task.ts + task.dur, t1) - Math.max(task.ts, t0);
      // A task's CPU time (tdur) short of its wall time is time it was ready to run but had no core.
      if (overlap > 0 && task.tdur !== undefined) waited += (task.dur - task.tdur) * (overlap / task.dur);
    }
    offCore.push(waited / 1000);
    steps.push((t1 - t0) / 1000);
  }
  const frames = events.filter((e) => e.ph === "X" && e.name === "Display::DrawAndSwap" && /Viz/.test(threadOf(e) ?? ""));
  const frameMs = frames.map((e) => e.dur / 1000);
  return {
    steps: steps.length,
    stepMedian: q(steps, 0.5),
    stepP95: q(steps, 0.95),
    offCoreMedian: q(offCore, 0.5),
    offCoreP95: q(offCore, 0.95),
    frames: frames.length,
    frameMs: frameMs.length ? frameMs.reduce((a, b) => a + b, 0) / frameMs.length : NaN,
  };
}
