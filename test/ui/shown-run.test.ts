// The cards' shared pending timer: waits started together cost one setTimeout, a cancelled wait never
// fires, and a later wait fires at its own time.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { afterDelay } from "../../src/ui/components/shown-run";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("afterDelay", () => {
  it("waits started in one drag step share one timer; cancelled ones never fire", () => {
    const set = vi.spyOn(globalThis, "setTimeout");
    const fired: string[] = [];
    const cancelA = afterDelay(100, () => fired.push("a"));
    afterDelay(100, () => fired.push("b"));
    const cancelC = afterDelay(100, () => fired.push("c"));
    expect(set).toHaveBeenCalledTimes(1);
    cancelA();
    cancelC();
    vi.advanceTimersByTime(99);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(["b"]);
    vi.advanceTimersByTime(500);
    expect(fired).toEqual(["b"]);
  });

  it("a wait started after the timer was armed fires at its own time, not the earlier one's", () => {
    const fired: [string, number][] = [];
    afterDelay(100, () => fired.push(["first", performance.now()]));
    vi.advanceTimersByTime(40);
    afterDelay(100, () => fired.push(["second", performance.now()]));
    vi.advanceTimersByTime(60);
    expect(fired.map(([name]) => name)).toEqual(["first"]);
    vi.advanceTimersByTime(39);
    expect(fired.map(([name]) => name)).toEqual(["first"]);
    vi.advanceTimersByTime(1);
    expect(fired.map(([name]) => name)).toEqual(["first", "second"]);
    expect(fired[1]![1] - fired[0]![1]).toBeGreaterThanOrEqual(39);
  });

  it("a shorter wait started later re-arms the timer earlier", () => {
    const fired: string[] = [];
    afterDelay(100, () => fired.push("long"));
    afterDelay(10, () => fired.push("short"));
    vi.advanceTimersByTime(10);
    expect(fired).toEqual(["short"]);
    vi.advanceTimersByTime(90);
    expect(fired).toEqual(["short", "long"]);
  });
});
