// No silent overwrites: two tabs (or windows) editing the same saved workbench must not erase each
// other's work. Each tab remembers the version of the record it last read or wrote (its *baseline*:
// updatedAt plus a content fingerprint). Before autosaving, the stored record is compared with the
// baseline inside one IndexedDB read-write transaction; if someone else wrote it meanwhile (or
// deleted it), the save is refused with a "conflict" and a message, and the caller decides (keep
// theirs / keep mine / download). A BroadcastChannel adds an early warning: tabs announce which
// workbench they have open, so a second tab can say so before anyone types.
import { createStore, type UseStore } from "idb-keyval";
import { fingerprintOf, type Library, type StoredWorkbench } from "./library";
import { classifyStorageError, type StorageProblem } from "./quota";

/** What this tab last knew of a stored workbench. */
export interface Baseline {
  readonly id: string;
  readonly updatedAt: number;
  readonly fingerprint: string;
}

export function baselineOf(record: StoredWorkbench): Baseline {
  return { id: record.id, updatedAt: record.updatedAt, fingerprint: fingerprintOf(record.doc) };
}

/** Result of comparing the stored record with the baseline. */
export type ConflictCheck =
  | { status: "ok" }
  | { status: "conflict"; reason: "changed" | "deleted"; message: string; theirs?: StoredWorkbench };

/** Result of a guarded save. `storage-error` carries the classified IndexedDB failure (quota, blocked, …). */
export type GuardedSave =
  | { status: "saved"; baseline: Baseline }
  | { status: "conflict"; reason: "changed" | "deleted"; message: string; theirs?: StoredWorkbench }
  | { status: "storage-error"; problem: StorageProblem };

const title = (record: { doc?: { title?: unknown } } | undefined): string =>
  typeof record?.doc?.title === "string" ? `“${record.doc.title.slice(0, 80)}”` : "This workbench";

function when(ms: number): string {
  if (!Number.isFinite(ms)) return "recently";
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? "recently" : `at ${d.toISOString().slice(11, 19)} UTC`;
}

/**
 * Pure comparison: is it safe to overwrite `stored` given what this tab last knew (`baseline`)?
 * `stored` undefined means the record is gone (deleted in another tab, or cleared by the browser).
 * A record whose content equals the baseline is never a conflict, even if its timestamp moved.
 */
export function checkStored(stored: StoredWorkbench | undefined, baseline: Baseline | undefined): ConflictCheck {
  if (!baseline) return { status: "ok" }; // a brand-new record: nothing to overwrite
  if (stored === undefined || stored === null) {
    return {
      status: "conflict",
      reason: "deleted",
      message: `${title(stored)} was deleted in another tab or window since you opened it. Your changes are still here: save them as a new workbench, or download a copy.`,
    };
  }
  if (typeof stored !== "object" || stored.doc === undefined) return { status: "ok" }; // damaged record: safe to replace
  // Content decides: another tab that saved the very same document is no conflict.
  if (safeFingerprint(stored) === baseline.fingerprint) return { status: "ok" };
  return {
    status: "conflict",
    reason: "changed",
    theirs: stored,
    message: `${title(stored)} was changed in another tab or window (saved ${when(stored.updatedAt)}). Saving now would overwrite those changes: reload to see them, keep yours as a copy, or download a copy.`,
  };
}

function safeFingerprint(record: StoredWorkbench): string | undefined {
  try {
    return fingerprintOf(record.doc);
  } catch {
    return undefined;
  }
}

/** The workbenches store of `openLibrary(prefix)`, opened again so a check and a write share one transaction. */
export function workbenchStore(prefix = "pooling-workbench"): UseStore {
  return createStore(`${prefix}-workbenches`, "workbenches");
}

/**
 * Writes `record` only if the stored record still matches `baseline` (atomically: the read and the
 * write are one read-write transaction). Returns the new baseline on success. Never throws: an
 * IndexedDB failure comes back as `storage-error` with a classified, user-facing problem.
 */
export async function saveIfUnchanged(record: StoredWorkbench, baseline: Baseline | undefined, store: UseStore = workbenchStore()): Promise<GuardedSave> {
  try {
    const check = await store("readwrite", (objectStore) =>
      new Promise<ConflictCheck>((resolve, reject) => {
        const get = objectStore.get(record.id);
        get.onerror = () => reject(get.error);
        get.onsuccess = () => {
          const verdict = checkStored(get.result as StoredWorkbench | undefined, baseline);
          if (verdict.status !== "ok") return resolve(verdict);
          const put = objectStore.put(record, record.id);
          put.onerror = () => reject(put.error);
          // Resolve only when the transaction commits, so a quota failure at commit is reported.
          objectStore.transaction.oncomplete = () => resolve(verdict);
          objectStore.transaction.onabort = () => reject(objectStore.transaction.error ?? new DOMException("the save was aborted", "AbortError"));
          objectStore.transaction.onerror = () => reject(objectStore.transaction.error);
        };
      }),
    );
    if (check.status === "conflict") return check;
    return { status: "saved", baseline: baselineOf(record) };
  } catch (error) {
    return { status: "storage-error", problem: classifyStorageError(error, "save") };
  }
}

/**
 * The same check through the Library interface (read, compare, write: not atomic, but usable with any
 * Library, e.g. an in-memory one in tests). Prefer `saveIfUnchanged` in the app.
 */
export async function checkBeforeSave(library: Pick<Library, "getWorkbench">, baseline: Baseline | undefined): Promise<ConflictCheck> {
  if (!baseline) return { status: "ok" };
  return checkStored(await library.getWorkbench(baseline.id), baseline);
}

// ---- presence: which tabs have which workbench open ------------------------------------------

type PresenceMessage = { kind: "hello" | "here" | "bye" | "saved"; tab: string; workbench: string; updatedAt?: number };

export interface PresenceEvent {
  /** "open": another tab has this workbench open; "saved": another tab saved it; "closed": it closed it. */
  kind: "open" | "saved" | "closed";
  workbench: string;
  tab: string;
  updatedAt?: number;
}

export interface TabPresence {
  readonly tab: string;
  /** Announce that this tab now shows `workbench` (asks other tabs showing it to answer). */
  open(workbench: string): void;
  /** Announce a successful save (other tabs showing it learn that their baseline is stale). */
  saved(workbench: string, updatedAt: number): void;
  /** Announce that this tab no longer shows `workbench`. */
  close(workbench: string): void;
  /** Other tabs with the same workbench open, as far as this tab has heard. */
  others(workbench: string): string[];
  dispose(): void;
}

/**
 * Presence over a BroadcastChannel (same origin only; no network). Without BroadcastChannel (very old
 * browsers) it does nothing, and `saveIfUnchanged` still prevents overwrites.
 */
export function createTabPresence(onEvent: (event: PresenceEvent) => void, channelName = "pooling-workbench-presence"): TabPresence {
  const tab = `tab-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const mine = new Set<string>();
  const seen = new Map<string, Set<string>>(); // workbench -> other tabs
  const Channel = (globalThis as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  const channel = Channel ? new Channel(channelName) : undefined;
  const post = (message: PresenceMessage) => {
    try {
      channel?.postMessage(message);
    } catch {
      // a closed channel: presence is best effort
    }
  };
  const note = (workbench: string, other: string, present: boolean) => {
    const set = seen.get(workbench) ?? new Set<string>();
    if (present) set.add(other);
    else set.delete(other);
    seen.set(workbench, set);
  };
  if (channel) {
    channel.onmessage = (event: MessageEvent) => {
      const m = event.data as Partial<PresenceMessage> | null;
      if (!m || typeof m !== "object" || typeof m.tab !== "string" || typeof m.workbench !== "string" || m.tab === tab) return;
      if (m.kind === "bye") {
        note(m.workbench, m.tab, false);
        if (mine.has(m.workbench)) onEvent({ kind: "closed", workbench: m.workbench, tab: m.tab });
        return;
      }
      if (m.kind !== "hello" && m.kind !== "here" && m.kind !== "saved") return;
      note(m.workbench, m.tab, true);
      if (!mine.has(m.workbench)) return;
      if (m.kind === "hello") post({ kind: "here", tab, workbench: m.workbench });
      onEvent({
        kind: m.kind === "saved" ? "saved" : "open",
        workbench: m.workbench,
        tab: m.tab,
        ...(typeof m.updatedAt === "number" ? { updatedAt: m.updatedAt } : {}),
      });
    };
  }
  return {
    tab,
    open(workbench) {
      mine.add(workbench);
      post({ kind: "hello", tab, workbench });
    },
    saved(workbench, updatedAt) {
      post({ kind: "saved", tab, workbench, updatedAt });
    },
    close(workbench) {
      if (mine.delete(workbench)) post({ kind: "bye", tab, workbench });
    },
    others: (workbench) => [...(seen.get(workbench) ?? [])],
    dispose() {
      for (const workbench of mine) post({ kind: "bye", tab, workbench });
      mine.clear();
      channel?.close();
    },
  };
}

/** Message for the notice when another tab opens the same workbench. */
export function presenceMessage(event: PresenceEvent, docTitle: string): string {
  const name = `“${docTitle.slice(0, 80)}”`;
  if (event.kind === "saved") return `${name} was just saved in another tab. Your next save will not overwrite it; reload to see those changes.`;
  if (event.kind === "open") return `${name} is also open in another tab. Edit it in one place, or changes from the other tab will not be saved over yours.`;
  return `${name} was closed in the other tab.`;
}
