// bench:ui's reading of a Chromium trace: a step's time off core is its main-thread tasks' wall time
// minus their CPU time, counted for the part of each task inside the step; frames are the viz
// thread's DrawAndSwap events.
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs module of the e2e scripts
import { STEP_MARKS, summariseTrace } from "../../e2e/trace-summary.mjs";

const meta = (tid: number, name: string) => ({ name: "thread_name", ph: "M", pid: 1, tid, args: { name } });
const mark = (name: string, ts: number) => ({ name, ph: "R", cat: "blink.user_timing", pid: 1, tid: 1, ts });
const task = (tid: number, ts: number, dur: number, tdur: number) => ({ name: "RunTask", ph: "X", pid: 1, tid, ts, dur, tdur });
const frame = (ts: number, dur: number) => ({ name: "Display::DrawAndSwap", ph: "X", pid: 2, tid: 9, ts, dur });

describe("summariseTrace", () => {
  it("charges a step the main thread's wall-minus-CPU time of the task parts inside it, and averages the frames", () => {
    const events: Record<string, unknown>[] = [
      meta(1, "CrRendererMain"), { ...meta(9, "VizCompositorThread"), pid: 2 }, meta(3, "DedicatedWorker thread"),
      // Step 1, 0..20 ms: a 10 ms task with 6 ms of CPU (4 ms off core), and a worker's task (not the page's).
      mark(STEP_MARKS.start, 0), task(1, 1000, 10_000, 6000), task(3, 0, 15_000, 1000), mark(STEP_MARKS.end, 20_000),
      // Step 2, 30..40 ms: half of a task that spans 35..45 ms with 5 of its 10 ms off core: 2.5 ms.
      mark(STEP_MARKS.start, 30_000), task(1, 35_000, 10_000, 5000), mark(STEP_MARKS.end, 40_000),
      frame(5000, 6000), frame(25_000, 8000),
    ];
    const s = summariseTrace(events);
    expect(s.steps).toBe(2);
    expect([s.stepMedian, s.stepP95]).toEqual([20, 20]);
    expect([s.offCoreMedian, s.offCoreP95]).toEqual([4, 4]);
    expect(summariseTrace(events.filter((e) => !(e.name === "RunTask" && e.ts === 1000))).offCoreMedian).toBe(2.5);
    expect(s.frames).toBe(2);
    expect(s.frameMs).toBe(7);
  });
});
