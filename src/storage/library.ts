// The user's library in IndexedDB (idb-keyval): the shipped templates as originals, and the user's
// own workbenches. Opening a template works on a copy, so the original can always be restored.
import { createStore, del, get, keys, set, type UseStore } from "idb-keyval";
import type { WorkbenchDoc } from "../engine/document";
import { openWorkbenchValue } from "./open-document";

/** A template as shipped with the app; `fingerprint` tells when an app update changed it. */
export interface StoredTemplate {
  name: string;
  doc: WorkbenchDoc;
  fingerprint: string;
}

/** A user's workbench: the document plus where the user was in it. */
export interface StoredWorkbench {
  id: string;
  doc: WorkbenchDoc;
  /** The template this workbench was opened from, if any (for "restore original"). */
  template?: string;
  /** The sheet last shown. */
  sheet?: string;
  createdAt: number;
  updatedAt: number;
}

export interface Library {
  seedTemplates(bundled: Readonly<Record<string, WorkbenchDoc>>): Promise<void>;
  listTemplates(): Promise<StoredTemplate[]>;
  getTemplate(name: string): Promise<StoredTemplate | undefined>;
  listWorkbenches(): Promise<StoredWorkbench[]>;
  getWorkbench(id: string): Promise<StoredWorkbench | undefined>;
  putWorkbench(record: StoredWorkbench): Promise<void>;
  deleteWorkbench(id: string): Promise<void>;
}

/** Separate databases, because idb-keyval opens one object store per database. */
export function openLibrary(prefix = "pooling-workbench"): Library {
  const templates = createStore(`${prefix}-templates`, "templates");
  const workbenches = createStore(`${prefix}-workbenches`, "workbenches");
  return {
    async seedTemplates(bundled) {
      for (const [name, doc] of Object.entries(bundled)) {
        const fingerprint = fingerprintOf(doc);
        const stored = await get<StoredTemplate>(name, templates);
        if (stored?.fingerprint !== fingerprint) await set(name, { name, doc, fingerprint } satisfies StoredTemplate, templates);
      }
    },
    listTemplates: () => readAll<StoredTemplate>(templates, (t) => checkedDoc(t.doc) !== undefined),
    async getTemplate(name) {
      const stored = await get<StoredTemplate>(name, templates);
      return stored && checkedDoc(stored.doc) ? stored : undefined;
    },
    async listWorkbenches() {
      const all = await readAll<StoredWorkbench>(workbenches, (w) => checkedDoc(w.doc) !== undefined);
      return all.sort((a, b) => b.updatedAt - a.updatedAt);
    },
    async getWorkbench(id) {
      const stored = await get<StoredWorkbench>(id, workbenches);
      if (!stored) return undefined;
      const doc = checkedDoc(stored.doc);
      return doc ? { ...stored, doc } : undefined;
    },
    putWorkbench: (record) => set(record.id, record, workbenches),
    deleteWorkbench: (id) => del(id, workbenches),
  };
}

async function readAll<T>(store: UseStore, keep: (value: T) => boolean): Promise<T[]> {
  const ids = await keys(store);
  const values: (T | undefined)[] = await Promise.all(ids.map((id) => get<T>(id, store)));
  return values.filter((value): value is T => value !== undefined && keep(value));
}

/** Stored records are re-validated on the way out: a damaged record is skipped, never opened. */
function checkedDoc(value: unknown): WorkbenchDoc | undefined {
  const result = openWorkbenchValue(value);
  return result.ok ? result.doc : undefined;
}

/** A cheap content fingerprint (FNV-1a over the JSON text): enough to notice that a template changed. */
export function fingerprintOf(doc: WorkbenchDoc): string {
  const text = JSON.stringify(doc);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/** A new workbench id: time-ordered and unique enough for one person's library. */
export function newWorkbenchId(): string {
  return `wb-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
