// Turning IndexedDB failures into something a person can act on. Browsers report a full disk, a
// private window without storage, a database held open by an old tab, or a storage reset with a zoo of
// DOMException names; the user needs one sentence and a way not to lose work ("download a copy").

/** What went wrong, in categories the UI treats differently. */
export type StorageProblemKind =
  /** The origin's storage quota (or the disk) is full. */
  | "quota"
  /** Another tab holds the database open with an older version, or the request never answered. */
  | "blocked"
  /** No IndexedDB here (disabled, private mode, sandboxed frame) or access was denied. */
  | "unavailable"
  /** The stored database is newer than this app (opened by a newer version in another tab). */
  | "version"
  /** The record could not be stored as data (a bug: something not cloneable in the document). */
  | "data"
  /** The browser reported an internal error (often a damaged profile or a disk error). */
  | "internal"
  | "unknown";

export type StorageAction = "save" | "open" | "list" | "delete" | "seed";

export interface StorageProblem {
  kind: StorageProblemKind;
  /** One or two sentences for the notice. */
  message: string;
  /** Whether the notice should offer "Download a copy" (the work exists only in this tab). */
  offerDownload: boolean;
  /** Whether trying again later can help (e.g. after closing another tab or freeing space). */
  retry: boolean;
  /** The browser's own error name and message, for bug reports. */
  detail: string;
}

const QUOTA_NAMES = new Set(["QuotaExceededError", "NS_ERROR_DOM_QUOTA_REACHED", "NS_ERROR_FILE_NO_DEVICE_SPACE"]);

function nameAndMessage(error: unknown): { name: string; message: string; code: number | undefined } {
  if (error && typeof error === "object") {
    const e = error as { name?: unknown; message?: unknown; code?: unknown; inner?: unknown; target?: { error?: unknown } };
    // An Event from a failed request or an aborted transaction carries the DOMException on its target.
    if (e.target && typeof e.target === "object" && e.target.error) return nameAndMessage(e.target.error);
    return {
      name: typeof e.name === "string" ? e.name : "",
      message: typeof e.message === "string" ? e.message : "",
      code: typeof e.code === "number" ? e.code : undefined,
    };
  }
  return { name: "", message: typeof error === "string" ? error : "", code: undefined };
}

const verb: Record<StorageAction, string> = {
  save: "save this workbench in this browser",
  open: "read this workbench from this browser's storage",
  list: "read your saved workbenches",
  delete: "delete the workbench",
  seed: "store the templates",
};

/** Classifies any error thrown by IndexedDB / idb-keyval (or a timeout from `withStorageTimeout`). */
export function classifyStorageError(error: unknown, action: StorageAction = "save"): StorageProblem {
  const { name, message, code } = nameAndMessage(error);
  const detail = `${name || "Error"}${message ? `: ${message.slice(0, 300)}` : ""}`;
  const could = `Could not ${verb[action]}`;
  const keep = action === "save" ? " Your changes are still in this tab: download a copy now so nothing is lost." : "";
  const lower = `${name} ${message}`.toLowerCase();

  if (QUOTA_NAMES.has(name) || code === 22 || code === 1014 || /quota|no space|disk (is )?full|storage full/.test(lower)) {
    return {
      kind: "quota",
      message: `${could}: the browser's storage for this site is full.${keep} Free space by deleting old workbenches, or allow this site more storage.`,
      offerDownload: true,
      retry: true,
      detail,
    };
  }
  if (name === "StorageBlockedError" || name === "TimeoutError" || /blocked/.test(lower)) {
    return {
      kind: "blocked",
      message: `${could}: the browser's database is held by another tab or window of this app (perhaps an older version). Close the other tabs and try again.${keep}`,
      offerDownload: action === "save",
      retry: true,
      detail,
    };
  }
  if (name === "VersionError") {
    return {
      kind: "version",
      message: `${could}: storage was upgraded by a newer version of this app in another tab. Reload this page to use the newer version.${keep}`,
      offerDownload: action === "save",
      retry: false,
      detail,
    };
  }
  if (name === "DataCloneError") {
    return {
      kind: "data",
      message: `${could}: the workbench contains something the browser cannot store.${keep}`,
      offerDownload: action === "save",
      retry: false,
      detail,
    };
  }
  if (
    name === "SecurityError" ||
    name === "InvalidStateError" ||
    name === "NotFoundError" ||
    name === "NotAllowedError" ||
    (name === "ReferenceError" && /indexeddb/i.test(message)) ||
    (name === "TypeError" && /indexeddb|open/i.test(message)) ||
    /indexeddb is not|not available|access (is )?denied|private/.test(lower)
  ) {
    return {
      kind: "unavailable",
      message: `${could}: this browser does not let the app use local storage here (a private window, storage disabled for this site, or an embedded page). Nothing is kept after you close the tab.${keep || " Use Save to keep a file."}`,
      offerDownload: action === "save",
      retry: false,
      detail,
    };
  }
  if (name === "UnknownError" || name === "AbortError") {
    return {
      kind: "internal",
      message: `${could}: the browser reported a storage error (${name}). This can follow a full disk or a damaged browser profile.${keep}`,
      offerDownload: action === "save",
      retry: true,
      detail,
    };
  }
  return {
    kind: "unknown",
    message: `${could}${message ? ` (${message.slice(0, 200)})` : ""}.${keep}`,
    offerDownload: action === "save",
    retry: true,
    detail,
  };
}

/** Thrown by `withStorageTimeout` when IndexedDB does not answer (an `open` blocked by another tab never settles). */
export class StorageBlockedError extends Error {
  override name = "StorageBlockedError";
}

/**
 * Rejects with StorageBlockedError if `promise` does not settle within `ms`. idb-keyval has no
 * `onblocked` handler, so a database held open elsewhere makes its promises hang forever; this turns
 * the hang into a classified problem.
 */
export function withStorageTimeout<T>(promise: Promise<T>, ms = 5000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageBlockedError(`storage did not answer within ${ms} ms (blocked)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export type StorageResult<T> = { ok: true; value: T } | { ok: false; problem: StorageProblem };

/** Runs one storage call with a timeout and returns its value or the classified problem; never throws. */
export async function tryStorage<T>(action: StorageAction, call: () => Promise<T>, timeoutMs = 5000): Promise<StorageResult<T>> {
  try {
    return { ok: true, value: await withStorageTimeout(Promise.resolve().then(call), timeoutMs) };
  } catch (error) {
    return { ok: false, problem: classifyStorageError(error, action) };
  }
}

/** How full the origin's storage is, when the browser says (navigator.storage.estimate); null otherwise. */
export async function storageUsage(): Promise<{ usage: number; quota: number; share: number } | null> {
  const storage = (globalThis as { navigator?: { storage?: { estimate?: () => Promise<{ usage?: number; quota?: number }> } } }).navigator?.storage;
  if (!storage?.estimate) return null;
  try {
    const { usage, quota } = await storage.estimate();
    if (typeof usage !== "number" || typeof quota !== "number" || quota <= 0) return null;
    return { usage, quota, share: usage / quota };
  } catch {
    return null;
  }
}

/** A warning to show before saving when storage is nearly full (over `threshold`, default 90%), else null. */
export async function nearQuotaWarning(threshold = 0.9): Promise<string | null> {
  const u = await storageUsage();
  if (!u || u.share < threshold) return null;
  const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
  return `This browser's storage for the app is ${Math.round(u.share * 100)}% full (${mb(u.usage)} of ${mb(u.quota)}). Download copies of important workbenches and delete ones you no longer need.`;
}
