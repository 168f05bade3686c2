import { describe, expect, it } from "vitest";
import { loadOnce } from "../../src/cells/load-once";

describe("loadOnce", () => {
  it("loads once; after the first load the module comes back synchronously (no await, no task hop)", async () => {
    let loads = 0;
    const get = loadOnce(async () => ({ id: ++loads }));
    const first = get();
    expect(first).toBeInstanceOf(Promise);
    expect(get()).toBe(first); // a second caller during the load shares it
    const module = await first;
    expect(get()).toBe(module);
    expect(loads).toBe(1);
  });

  it("a failed load is tried again on the next call", async () => {
    let attempts = 0;
    const get = loadOnce(async () => {
      if (++attempts === 1) throw new Error("chunk failed");
      return { ok: true };
    });
    await expect(get()).rejects.toThrow("chunk failed");
    await expect(get()).resolves.toEqual({ ok: true });
    expect(attempts).toBe(2);
  });
});
