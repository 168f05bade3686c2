import { describe, expect, it } from "vitest";
import { createCellRun, ms, transition, type CellRun, type CellStatus, type RunEvent } from "../../src/engine";

const STATUSES: CellStatus[] = ["pending", "fulfilled", "rejected"];
const from = (status: CellStatus): CellRun =>
  status === "fulfilled"
    ? createCellRun({ status, value: 41, elapsed: ms(3), runs: 1 })
    : status === "rejected"
      ? createCellRun({ status, error: "boom", elapsed: ms(1), runs: 1 })
      : createCellRun();

describe("transition(run, event)", () => {
  it.each(STATUSES)("transition(%s, pending) keeps the last value and clears the error", (status) => {
    const run = transition(from(status), { kind: "pending" });
    expect(run).toMatchObject({ status: "pending", error: null, blockedBy: null, value: from(status).value });
  });

  it.each(STATUSES)("transition(%s, fulfilled) holds the new value and elapsed time", (status) => {
    const run = transition(from(status), { kind: "fulfilled", value: 42, elapsed: ms(5) });
    expect(run).toEqual({ status: "fulfilled", value: 42, error: null, blockedBy: null, elapsed: 5, runs: from(status).runs + 1 });
  });

  it.each(STATUSES)("transition(%s, failed) is rejected with its own error", (status) => {
    const run = transition(from(status), { kind: "failed", error: "singular", elapsed: ms(2) });
    expect(run).toMatchObject({ status: "rejected", value: undefined, error: "singular", blockedBy: null });
  });

  it.each(STATUSES)("transition(%s, blocked) is rejected naming the upstream cell", (status) => {
    const run = transition(from(status), { kind: "blocked", by: "fit" } satisfies RunEvent);
    expect(run).toMatchObject({ status: "rejected", error: "blocked by fit", blockedBy: "fit", elapsed: null });
  });

  it("transition never mutates its input", () => {
    const run = Object.freeze(createCellRun());
    expect(() => transition(run, { kind: "fulfilled", value: 1, elapsed: ms(0) })).not.toThrow();
  });
});
