import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { fingerprintOf, newWorkbenchId, openLibrary } from "../../src/storage/library";
import { twoParameterDoc } from "./fixture";

describe("openLibrary()", () => {
  it("seedTemplates keeps originals and updates them only when the shipped template changed", async () => {
    const library = openLibrary("test-seed");
    const original = twoParameterDoc("Template A");
    await library.seedTemplates({ a: original });
    expect((await library.listTemplates()).map((t) => t.name)).toEqual(["a"]);
    expect((await library.getTemplate("a"))?.fingerprint).toBe(fingerprintOf(original));

    const updated = twoParameterDoc("Template A, second edition");
    await library.seedTemplates({ a: updated });
    expect((await library.getTemplate("a"))?.doc.title).toBe("Template A, second edition");
  });

  it("putWorkbench / getWorkbench / deleteWorkbench round-trip a user's copy without touching the template", async () => {
    const library = openLibrary("test-workbenches");
    const template = twoParameterDoc("Template");
    await library.seedTemplates({ t: template });
    const copy = structuredClone(template);
    copy.cells[0]!.config.value = 20;
    const id = newWorkbenchId();
    await library.putWorkbench({ id, doc: copy, template: "t", sheet: "Main", createdAt: 1, updatedAt: 2 });
    expect((await library.getWorkbench(id))?.doc.cells[0]!.config.value).toBe(20);
    expect((await library.getTemplate("t"))?.doc.cells[0]!.config.value).toBe(8);
    expect((await library.listWorkbenches()).map((w) => w.id)).toEqual([id]);
    await library.deleteWorkbench(id);
    expect(await library.getWorkbench(id)).toBeUndefined();
  });

  it("a damaged stored record is skipped, not opened", async () => {
    const library = openLibrary("test-damaged");
    const bad = twoParameterDoc();
    bad.cells[0]!.type = "no-such-type";
    await library.putWorkbench({ id: "x", doc: bad, createdAt: 1, updatedAt: 1 });
    expect(await library.getWorkbench("x")).toBeUndefined();
    expect(await library.listWorkbenches()).toEqual([]);
  });
});
