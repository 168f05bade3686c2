import { Show, onCleanup, onMount, type JSX } from "solid-js";
import { createAppController, type AppController } from "./app-controller";
import { Gallery } from "./components/Gallery";
import { Notice } from "./components/Notice";
import { Toolbar } from "./components/Toolbar";
import { WorkbenchView } from "./components/WorkbenchView";
import { registerBuiltinViews } from "./register-views";

registerBuiltinViews();

/** The app shell: header, notices, then the gallery or the open workbench. */
export function App(props: { app?: AppController }): JSX.Element {
  const app = props.app ?? createAppController();
  let fileInput!: HTMLInputElement;

  async function openFiles(files: FileList | null | undefined): Promise<void> {
    const file = files?.[0];
    if (!file) return;
    if (file.size > 20_000_000) {
      app.setNotice({ kind: "error", text: `${file.name} was not opened: it is larger than 20 MB.` });
      return;
    }
    await app.openFileText(await file.text(), file.name);
  }

  function onKeyDown(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    const typing = target?.closest("textarea, input[type=text], input[type=number]") !== null && target !== null;
    const mod = event.ctrlKey || event.metaKey;
    if (!mod || typing || event.key.toLowerCase() !== "z") return;
    const session = app.open()?.session;
    if (!session) return;
    event.preventDefault();
    if (event.shiftKey) session.redo();
    else session.undo();
  }

  onMount(() => {
    void app.init();
    document.addEventListener("keydown", onKeyDown);
  });
  onCleanup(() => document.removeEventListener("keydown", onKeyDown));

  return (
    <div
      class="app"
      data-testid="app-shell"
      data-ready={app.ready() ? "true" : "false"}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        void openFiles(e.dataTransfer?.files);
      }}
    >
      <header class="app-header">
        <h1>
          <a href="#">Pooling Workbench</a>
        </h1>
        <p class="tagline">Grouped data and mixed-effects models, live.</p>
      </header>
      <Notice app={app} />
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        class="visually-hidden"
        aria-label="Open a workbench file"
        data-testid="file-input"
        onChange={(e) => {
          void openFiles(e.currentTarget.files);
          e.currentTarget.value = "";
        }}
      />
      <main class="app-main">
        <Show when={app.open()} fallback={<Gallery app={app} onOpenFile={() => fileInput.click()} />} keyed>
          {(open) => (
            <WorkbenchView
              session={open.session}
              sheet={app.sheet()}
              onSheet={app.setSheet}
              toolbar={<Toolbar app={app} onOpenFile={() => fileInput.click()} />}
            />
          )}
        </Show>
      </main>
    </div>
  );
}
