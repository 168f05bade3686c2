import { For, Show, type JSX } from "solid-js";
import type { AppController } from "../app-controller";

/** One message at a time, where the user is looking; errors are announced to screen readers. */
export function Notice(props: { app: AppController }): JSX.Element {
  return (
    <Show when={props.app.notice()}>
      {(notice) => (
        <div class={`notice notice-${notice().kind}`} role={notice().kind === "error" ? "alert" : "status"} data-testid="notice">
          <p>{notice().text}</p>
          <For each={notice().actions ?? []}>{(action) => <button type="button" onClick={() => void action.run()}>{action.label}</button>}</For>
          <Show when={props.app.canUndoDelete()}>
            <button type="button" onClick={() => void props.app.undoDelete()}>Undo delete</button>
          </Show>
          <button type="button" aria-label="Dismiss message" onClick={() => props.app.setNotice(null)}>×</button>
        </div>
      )}
    </Show>
  );
}
