// Workbench actions: gallery, undo/redo, save/open file, share link.
import type { JSX } from "solid-js";
import type { AppController } from "../app-controller";

export function Toolbar(props: { app: AppController; onOpenFile: () => void }): JSX.Element {
  const session = () => props.app.open()?.session;
  async function share(): Promise<void> {
    const link = await props.app.shareLink();
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      props.app.setNotice({ kind: "info", text: "Share link copied. It holds the whole workbench; nothing is uploaded." });
    } catch {
      props.app.setNotice({ kind: "info", text: `Share link: ${link}` });
    }
  }
  return (
    <div class="toolbar" role="toolbar" aria-label="Workbench actions">
      <a class="button" href="#" aria-label="Back to the gallery">Gallery</a>
      <button type="button" aria-keyshortcuts="Control+Z" onClick={() => session()?.undo()}>Undo</button>
      <button type="button" aria-keyshortcuts="Control+Shift+Z" onClick={() => session()?.redo()}>Redo</button>
      <button type="button" onClick={() => props.app.saveFile()}>Save file</button>
      <button type="button" onClick={props.onOpenFile}>Open file</button>
      <button type="button" onClick={() => void share()}>Share link</button>
    </div>
  );
}
