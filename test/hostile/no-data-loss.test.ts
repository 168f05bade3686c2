// No data loss: two tabs editing the same workbench (src/storage/conflict.ts) and IndexedDB failures
// (src/storage/quota.ts), against fake-indexeddb.
import "fake-indexeddb/auto";
import { afterAll, describe, expect, it } from "vitest";
import { baselineOf, checkStored, createTabPresence, presenceMessage, saveIfUnchanged, workbenchStore, type PresenceEvent } from "../../src/storage/conflict";
import { openLibrary, type StoredWorkbench } from "../../src/storage/library";
import { classifyStorageError, StorageBlockedError, tryStorage, withStorageTimeout } from "../../src/storage/quota";
import { twoParameterDoc } from "../storage/fixture";

const cases: string[] = [];
afterAll(() => console.log(`[hostile] no-data-loss cases: ${cases.length}\n  ${cases.join("\n  ")}`));

const record = (id: string, title: string, updatedAt: number, value = 8): StoredWorkbench => {
  const doc = twoParameterDoc(title);
  doc.cells[0]!.config.value = value;
  return { id, doc, createdAt: 1, updatedAt };
};

describe("conflict: two tabs, one workbench", () => {
  it("checkStored: unchanged, changed, deleted, same content, new record, damaged record", () => {
    const mine = record("w", "Mine", 10);
    const base = baselineOf(mine);
    expect(checkStored(mine, base)).toEqual({ status: "ok" });
    expect(checkStored({ ...mine, updatedAt: 99 }, base)).toEqual({ status: "ok" }); // same content, newer stamp
    const theirs = record("w", "Theirs", 20, 30);
    const changed = checkStored(theirs, base);
    expect(changed).toMatchObject({ status: "conflict", reason: "changed", theirs });
    if (changed.status === "conflict") expect(changed.message).toMatch(/changed in another tab.*overwrite/);
    expect(checkStored(undefined, base)).toMatchObject({ status: "conflict", reason: "deleted", message: expect.stringMatching(/deleted in another tab/) });
    expect(checkStored(undefined, undefined)).toEqual({ status: "ok" });
    expect(checkStored({ id: "w" } as unknown as StoredWorkbench, base)).toEqual({ status: "ok" });
    cases.push("checkStored: 6 states");
  });

  it("saveIfUnchanged refuses to overwrite another tab's save and keeps it; a fresh baseline saves", async () => {
    const library = openLibrary("conflict-a");
    const store = workbenchStore("conflict-a");
    const opened = record("wb-1", "Shared", 1);
    await library.putWorkbench(opened);
    // Both tabs open the same record.
    let tabA = baselineOf(opened);
    let tabB = baselineOf(opened);
    // Tab B edits and autosaves first.
    const fromB = record("wb-1", "Shared", 2, 20);
    const savedB = await saveIfUnchanged(fromB, tabB, store);
    expect(savedB.status).toBe("saved");
    if (savedB.status === "saved") tabB = savedB.baseline;
    // Tab A's autosave must not silently overwrite B's change.
    const fromA = record("wb-1", "Shared", 3, 40);
    const savedA = await saveIfUnchanged(fromA, tabA, store);
    expect(savedA).toMatchObject({ status: "conflict", reason: "changed" });
    expect((await library.getWorkbench("wb-1"))?.doc.cells[0]!.config.value).toBe(20);
    // "Keep mine": the user chose to overwrite; rebase on what is stored and save.
    if (savedA.status === "conflict") tabA = baselineOf(savedA.theirs!);
    expect((await saveIfUnchanged(fromA, tabA, store)).status).toBe("saved");
    expect((await library.getWorkbench("wb-1"))?.doc.cells[0]!.config.value).toBe(40);
    // And now B is the stale one.
    expect((await saveIfUnchanged(record("wb-1", "Shared", 4, 50), tabB, store)).status).toBe("conflict");
    cases.push("two tabs: second writer gets a conflict, keep-mine rebase saves, first writer then conflicts");
  });

  it("a workbench deleted in another tab is not silently recreated; a new workbench saves", async () => {
    const library = openLibrary("conflict-b");
    const store = workbenchStore("conflict-b");
    const r = record("wb-2", "Gone", 1);
    await library.putWorkbench(r);
    const base = baselineOf(r);
    await library.deleteWorkbench("wb-2");
    expect(await saveIfUnchanged(record("wb-2", "Gone", 2, 9), base, store)).toMatchObject({ status: "conflict", reason: "deleted" });
    expect(await library.getWorkbench("wb-2")).toBeUndefined();
    expect((await saveIfUnchanged(record("wb-3", "New", 1), undefined, store)).status).toBe("saved");
    expect((await library.getWorkbench("wb-3"))?.doc.title).toBe("New");
    cases.push("deleted elsewhere: conflict, not recreated; new record: saved");
  });

  it("presence: a second tab opening the same workbench is announced to both; saves are announced", async () => {
    const eventsA: PresenceEvent[] = [];
    const eventsB: PresenceEvent[] = [];
    const a = createTabPresence((e) => eventsA.push(e), "presence-test");
    const b = createTabPresence((e) => eventsB.push(e), "presence-test");
    try {
      a.open("wb-9");
      await new Promise((r) => setTimeout(r, 20));
      expect(eventsA).toEqual([]);
      b.open("wb-9");
      await new Promise((r) => setTimeout(r, 50));
      expect(eventsA).toContainEqual(expect.objectContaining({ kind: "open", workbench: "wb-9", tab: b.tab }));
      expect(eventsB).toContainEqual(expect.objectContaining({ kind: "open", workbench: "wb-9", tab: a.tab }));
      expect(a.others("wb-9")).toEqual([b.tab]);
      b.saved("wb-9", 1234);
      await new Promise((r) => setTimeout(r, 50));
      expect(eventsA).toContainEqual({ kind: "saved", workbench: "wb-9", tab: b.tab, updatedAt: 1234 });
      expect(presenceMessage(eventsA[0]!, "My study")).toMatch(/also open in another tab/);
      b.close("wb-9");
      await new Promise((r) => setTimeout(r, 50));
      expect(a.others("wb-9")).toEqual([]);
    } finally {
      a.dispose();
      b.dispose();
    }
    cases.push("presence: open / saved / closed between two tabs");
  });
});

describe("quota: IndexedDB failures become a message and 'download a copy'", () => {
  const dom = (name: string, message = "") => new DOMException(message, name);
  const table: [string, unknown, string, boolean][] = [
    ["QuotaExceededError", dom("QuotaExceededError", "The quota has been exceeded."), "quota", true],
    ["Firefox quota", { name: "NS_ERROR_DOM_QUOTA_REACHED", message: "Persistent storage maximum size reached" }, "quota", true],
    ["legacy code 22", { name: "Error", code: 22, message: "" }, "quota", true],
    ["transaction abort event carrying quota", { type: "abort", target: { error: dom("QuotaExceededError") } }, "quota", true],
    ["blocked (timeout)", new StorageBlockedError("storage did not answer within 5000 ms (blocked)"), "blocked", true],
    ["VersionError", dom("VersionError", "The requested version (1) is less than the existing version (2)."), "version", true],
    ["private window (InvalidStateError)", dom("InvalidStateError", "A mutation operation was attempted on a database that did not allow mutations."), "unavailable", true],
    ["SecurityError", dom("SecurityError", "access to the Indexed Database API is denied in this context"), "unavailable", true],
    ["no indexedDB", new ReferenceError("indexedDB is not defined"), "unavailable", true],
    ["DataCloneError", dom("DataCloneError", "function could not be cloned"), "data", true],
    ["UnknownError", dom("UnknownError", "Internal error opening backing store"), "internal", true],
    ["string", "something odd", "unknown", true],
    ["undefined", undefined, "unknown", true],
  ];
  for (const [label, error, kind, download] of table) {
    it(`classifies ${label} as ${kind}`, () => {
      const p = classifyStorageError(error, "save");
      expect(p.kind).toBe(kind);
      expect(p.offerDownload).toBe(download);
      expect(p.message).toMatch(/^Could not save this workbench in this browser/);
      expect(p.message).toMatch(/download a copy/);
      cases.push(`${label} -> ${p.kind}: ${p.message.slice(0, 90)}…`);
    });
  }

  it("reading the list does not offer a download (nothing unsaved), but says what happened", () => {
    const p = classifyStorageError(dom("QuotaExceededError"), "list");
    expect(p.message).toMatch(/Could not read your saved workbenches/);
    expect(classifyStorageError(dom("InvalidStateError"), "list").offerDownload).toBe(false);
  });

  it("a real DataCloneError from fake-indexeddb (a function in a record) is classified", async () => {
    const library = openLibrary("quota-clone");
    const bad = record("x", "bad", 1) as unknown as Record<string, unknown>;
    (bad.doc as Record<string, unknown>).title = (() => 1) as unknown;
    const r = await tryStorage("save", () => library.putWorkbench(bad as unknown as StoredWorkbench));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.kind).toBe("data");
    cases.push("real DataCloneError -> data");
  });

  it("a storage call that never answers (a database blocked by another tab) times out as 'blocked'", async () => {
    const never = new Promise<never>(() => undefined);
    await expect(withStorageTimeout(never, 30)).rejects.toBeInstanceOf(StorageBlockedError);
    // A real blocked upgrade: an old connection that ignores versionchange keeps version 2 from opening.
    const name = "quota-blocked";
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    old.onversionchange = () => undefined; // an old tab that does not close
    const r = await tryStorage("open", () => new Promise((resolve, reject) => {
      const req = indexedDB.open(name, 2);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    }), 200);
    old.close();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.kind).toBe("blocked");
      expect(r.problem.message).toMatch(/Close the other tabs/);
    }
    cases.push("real blocked upgrade -> blocked");
  });

  it("saveIfUnchanged turns a quota failure into storage-error with a download offer", async () => {
    const fullStore = (() => Promise.reject(dom("QuotaExceededError", "The quota has been exceeded."))) as unknown as ReturnType<typeof workbenchStore>;
    const r = await saveIfUnchanged(record("q", "Q", 1), undefined, fullStore);
    expect(r).toMatchObject({ status: "storage-error", problem: { kind: "quota", offerDownload: true } });
    cases.push("saveIfUnchanged on a full store -> storage-error quota");
  });
});
