// What the app does, apart from how it looks: routing by URL fragment, opening templates, saved
// workbenches, files and share links, autosave, and the messages shown to the user.
import { createSignal } from "solid-js";
import type { WorkbenchDoc } from "../engine";
import { baselineOf, createTabPresence, presenceMessage, saveIfUnchanged, workbenchStore, type Baseline } from "../storage/conflict";
import { newWorkbenchId, openLibrary, type Library, type StoredTemplate, type StoredWorkbench } from "../storage/library";
import { nearQuotaWarning, tryStorage, type StorageProblem } from "../storage/quota";
import { openWorkbenchText, serializeWorkbench } from "../storage/open-document";
import { isShareFragment, openShareFragment, shareFragment } from "../storage/share-link";
import { downloadText, fileNameFor } from "./download";
import { createSession, type Session } from "./session/session";
import { pagePicks } from "../cells/plot/figure/pick-store";
import { bundledTemplates, TEMPLATE_ORDER } from "./templates";

export interface OpenWorkbench {
  id: string;
  template?: string;
  createdAt: number;
  session: Session;
}

/** A button offered with a notice (e.g. "Reload theirs" after a conflict). */
export interface NoticeAction {
  label: string;
  run: () => void | Promise<void>;
}

export type Notice = { kind: "error" | "info"; text: string; actions?: NoticeAction[] };

const AUTOSAVE_MS = 300;

/** The working copy of a template has a stable id, so its direct link reopens the autosaved state. */
const templateCopyId = (name: string): string => `template:${name}`;

export function createAppController(library: Library = openLibrary(), prefix = "pooling-workbench") {
  const [open, setOpen] = createSignal<OpenWorkbench | null>(null);
  const [sheet, setSheetSignal] = createSignal(0);
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [templates, setTemplates] = createSignal<StoredTemplate[]>([]);
  const [workbenches, setWorkbenches] = createSignal<StoredWorkbench[]>([]);
  const [ready, setReady] = createSignal(false);
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const store = workbenchStore(prefix);
  // What this tab last read or wrote of the open workbench: a save is refused if another tab changed it since.
  let baseline: Baseline | undefined;
  let conflicted = false;
  const presence = createTabPresence((event) => {
    const current = open();
    if (current?.id === event.workbench && event.kind !== "closed") setNotice({ kind: "info", text: presenceMessage(event, current.session.doc().title) });
  });

  /** Shows a storage failure where the user is looking, with a download when the work exists only in this tab. */
  function storageProblem(problem: StorageProblem): void {
    setNotice({ kind: "error", text: problem.message, actions: problem.offerDownload ? [{ label: "Download a copy", run: () => saveFileNow() }] : [] });
  }
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
    const seeded = await tryStorage("seed", () => library.seedTemplates(bundled));
    if (!seeded.ok) storageProblem(seeded.problem);
    if (problems.length) setNotice({ kind: "error", text: problems.join("\n") });
    const listed = await tryStorage("list", refreshLists);
    if (!listed.ok) storageProblem(listed.problem);
    const quota = await nearQuotaWarning();
    if (quota) setNotice({ kind: "info", text: quota });
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
    baseline = baselineOf(record);
    conflicted = false;
    presence.open(record.id);
    const sheetIndex = Math.max(0, record.doc.sheets.findIndex((s) => s.name === record.sheet));
    setSheetSignal(sheetIndex);
    setOpen({ id: record.id, template: record.template, createdAt: record.createdAt, session });
  }

  function close(): void {
    flushSave();
    const current = open();
    if (current) presence.close(current.id);
    current?.session.dispose();
    // Picked groups belong to the workbench on screen: another one's groups may share their names.
    pagePicks.set(new Set());
    setOpen(null);
  }

  /** Stores a new record; if the browser refuses, the workbench still opens and the notice offers a download. */
  async function putNew(record: StoredWorkbench): Promise<void> {
    const put = await tryStorage("save", () => library.putWorkbench(record));
    show(record);
    if (!put.ok) storageProblem(put.problem);
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
    await putNew(record);
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
    history.replaceState(null, "", `#wb=${encodeURIComponent(record.id)}`);
    setNotice({ kind: "info", text: message });
    await putNew(record);
    await tryStorage("list", refreshLists);
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
    if (!current || conflicted) return;
    const doc = current.session.doc();
    const record: StoredWorkbench = {
      id: current.id,
      doc,
      template: current.template,
      sheet: doc.sheets[sheet()]?.name,
      createdAt: current.createdAt,
      updatedAt: Date.now(),
    };
    void saveIfUnchanged(record, baseline, store).then((result) => {
      if (result.status === "saved") {
        baseline = result.baseline;
        presence.saved(record.id, record.updatedAt);
      } else if (result.status === "conflict") {
        conflicted = true;
        setNotice({
          kind: "error",
          text: result.message,
          actions: [
            { label: "Reload theirs", run: () => openSaved(record.id) },
            {
              label: "Keep mine",
              run: () => {
                baseline = result.theirs ? baselineOf(result.theirs) : undefined;
                conflicted = false;
                setNotice(null);
                flushSave();
              },
            },
            { label: "Save mine as a copy", run: () => openAsNewCopy(current.session.doc(), "Saved your version as a new workbench.") },
            { label: "Download mine", run: () => saveFileNow() },
          ],
        });
      } else {
        storageProblem(result.problem);
      }
    });
  }

  function saveFileNow(): void {
    const current = open();
    if (!current) return;
    const doc = current.session.doc();
    downloadText(fileNameFor(doc.title, "json"), serializeWorkbench(doc));
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
    saveFile: saveFileNow,
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
