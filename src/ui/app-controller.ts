// What the app does, apart from how it looks: routing by URL fragment, opening templates, saved
// workbenches, files and share links, autosave, and the messages shown to the user.
import { createSignal } from "solid-js";
import type { WorkbenchDoc } from "../engine";
import { newWorkbenchId, openLibrary, type Library, type StoredTemplate, type StoredWorkbench } from "../storage/library";
import { openWorkbenchText, serializeWorkbench } from "../storage/open-document";
import { isShareFragment, openShareFragment, shareFragment } from "../storage/share-link";
import { downloadText, fileNameFor } from "./download";
import { createSession, type Session } from "./session/session";
import { bundledTemplates, TEMPLATE_ORDER } from "./templates";

export interface OpenWorkbench {
  id: string;
  template?: string;
  createdAt: number;
  session: Session;
}

export type Notice = { kind: "error" | "info"; text: string };

const AUTOSAVE_MS = 300;

/** The working copy of a template has a stable id, so its direct link reopens the autosaved state. */
const templateCopyId = (name: string): string => `template:${name}`;

export function createAppController(library: Library = openLibrary()) {
  const [open, setOpen] = createSignal<OpenWorkbench | null>(null);
  const [sheet, setSheetSignal] = createSignal(0);
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [templates, setTemplates] = createSignal<StoredTemplate[]>([]);
  const [workbenches, setWorkbenches] = createSignal<StoredWorkbench[]>([]);
  const [ready, setReady] = createSignal(false);
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const [lastDeleted, setLastDeleted] = createSignal<StoredWorkbench | null>(null);

  async function refreshLists(): Promise<void> {
    const order = (name: string) => {
      const i = TEMPLATE_ORDER.indexOf(name);
      return i < 0 ? TEMPLATE_ORDER.length : i;
    };
    setTemplates((await library.listTemplates()).sort((a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name)));
    setWorkbenches((await library.listWorkbenches()).filter((w) => !w.id.startsWith("template:") || w.updatedAt !== w.createdAt));
  }

  async function init(): Promise<void> {
    const { templates: bundled, problems } = bundledTemplates();
    try {
      await library.seedTemplates(bundled);
    } catch (error) {
      setNotice({ kind: "error", text: `Your browser refused local storage (${(error as Error).message}); changes will not be kept after a reload. Use Save to keep a file.` });
    }
    if (problems.length) setNotice({ kind: "error", text: problems.join("\n") });
    await refreshLists();
    await route(location.hash);
    setReady(true);
    window.addEventListener("hashchange", () => void route(location.hash));
    window.addEventListener("pagehide", flushSave);
    document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flushSave());
  }

  async function route(hash: string): Promise<void> {
    const fragment = hash.replace(/^#/, "");
    if (fragment.startsWith("template=")) return openTemplate(decodeURIComponent(fragment.slice("template=".length)));
    if (isShareFragment(fragment)) return openShare(fragment);
    if (fragment.startsWith("wb=")) return openSaved(decodeURIComponent(fragment.slice(3)));
    close();
  }

  function show(record: StoredWorkbench): void {
    close();
    const session = createSession(record.doc, { onDocChange: scheduleSave });
    const sheetIndex = Math.max(0, record.doc.sheets.findIndex((s) => s.name === record.sheet));
    setSheetSignal(sheetIndex);
    setOpen({ id: record.id, template: record.template, createdAt: record.createdAt, session });
  }

  function close(): void {
    flushSave();
    open()?.session.dispose();
    setOpen(null);
  }

  async function openTemplate(name: string): Promise<void> {
    const saved = await library.getWorkbench(templateCopyId(name));
    if (saved) return show(saved);
    const template = await library.getTemplate(name);
    if (!template) {
      setNotice({ kind: "error", text: `There is no template called "${name}".` });
      return close();
    }
    const now = Date.now();
    const record: StoredWorkbench = { id: templateCopyId(name), doc: template.doc, template: name, createdAt: now, updatedAt: now };
    await library.putWorkbench(record);
    show(record);
  }

  async function openSaved(id: string): Promise<void> {
    const saved = await library.getWorkbench(id);
    if (!saved) {
      setNotice({ kind: "error", text: "That workbench is not in this browser's library." });
      return close();
    }
    show(saved);
  }

  async function openShare(fragment: string): Promise<void> {
    const opened = await openShareFragment(fragment);
    if (!opened.ok) {
      setNotice({ kind: "error", text: `This share link could not be opened: ${opened.message}` });
      return;
    }
    await openAsNewCopy(opened.doc, "Opened a shared workbench as your own copy.");
  }

  async function openAsNewCopy(doc: WorkbenchDoc, message: string): Promise<void> {
    const now = Date.now();
    const record: StoredWorkbench = { id: newWorkbenchId(), doc, createdAt: now, updatedAt: now };
    await library.putWorkbench(record);
    history.replaceState(null, "", `#wb=${encodeURIComponent(record.id)}`);
    show(record);
    setNotice({ kind: "info", text: message });
    await refreshLists();
  }

  /** Opens file text as a new workbench; a bad file shows its message and changes nothing. */
  async function openFileText(text: string, fileName: string): Promise<boolean> {
    const opened = openWorkbenchText(text);
    if (!opened.ok) {
      setNotice({ kind: "error", text: `${fileName} was not opened: ${opened.message}` });
      return false;
    }
    await openAsNewCopy(opened.doc, `Opened ${fileName}.`);
    return true;
  }

  function scheduleSave(): void {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(flushSave, AUTOSAVE_MS);
  }

  function flushSave(): void {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    const current = open();
    if (!current) return;
    const doc = current.session.doc();
    const record: StoredWorkbench = {
      id: current.id,
      doc,
      template: current.template,
      sheet: doc.sheets[sheet()]?.name,
      createdAt: current.createdAt,
      updatedAt: Date.now(),
    };
    library.putWorkbench(record).catch((error: Error) => {
      setNotice({ kind: "error", text: `Could not save to this browser (${error.message}). Use Save to download a copy now.` });
    });
  }

  return {
    open,
    sheet,
    notice,
    templates,
    workbenches,
    ready,
    init,
    setNotice,
    setSheet(index: number) {
      setSheetSignal(index);
      scheduleSave();
    },
    openFileText,
    saveFile() {
      const current = open();
      if (!current) return;
      const doc = current.session.doc();
      downloadText(fileNameFor(doc.title, "json"), serializeWorkbench(doc));
    },
    async shareLink(): Promise<string | null> {
      const current = open();
      if (!current) return null;
      const made = await shareFragment(current.session.doc());
      if (!made.ok) {
        setNotice({ kind: "error", text: made.message });
        return null;
      }
      return `${location.origin}${location.pathname}${made.fragment}`;
    },
    async restoreTemplate(name: string) {
      const template = await library.getTemplate(name);
      if (!template) return;
      const now = Date.now();
      await library.putWorkbench({ id: templateCopyId(name), doc: template.doc, template: name, createdAt: now, updatedAt: now });
      if (open()?.id === templateCopyId(name)) await openTemplate(name);
      setNotice({ kind: "info", text: `Restored “${template.doc.title}” to its original.` });
      await refreshLists();
    },
    /** A new, empty workbench with one sheet, opened as the user's own. */
    async createNew() {
      const doc: WorkbenchDoc = { format: "pooling-workbench", version: 1, title: "Untitled workbench", description: "", cells: [], sheets: [{ name: "Sheet 1", cells: [] }], layout: {} };
      await openAsNewCopy(doc, "A new, empty workbench: add cells with “+ Add a cell”.");
    },
    async duplicate(id: string) {
      const saved = await library.getWorkbench(id);
      if (!saved) return;
      await openAsNewCopy({ ...saved.doc, title: `${saved.doc.title} (copy)` }, "Duplicated.");
    },
    async rename(id: string, title: string) {
      const saved = await library.getWorkbench(id);
      if (!saved || !title.trim()) return;
      await library.putWorkbench({ ...saved, doc: { ...saved.doc, title: title.trim().slice(0, 200) }, updatedAt: Date.now() });
      await refreshLists();
    },
    async remove(id: string) {
      const saved = await library.getWorkbench(id);
      if (!saved) return;
      setLastDeleted(saved);
      await library.deleteWorkbench(id);
      setNotice({ kind: "info", text: `Deleted “${saved.doc.title}”.` });
      await refreshLists();
    },
    async undoDelete() {
      const deleted = lastDeleted();
      if (!deleted) return;
      await library.putWorkbench(deleted);
      setLastDeleted(null);
      setNotice(null);
      await refreshLists();
    },
    canUndoDelete: () => lastDeleted() !== null,
    flushSave,
  };
}

export type AppController = ReturnType<typeof createAppController>;
