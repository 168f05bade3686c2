// The start page: the templates in teaching order, then the user's own workbenches.
import { For, Show, type JSX } from "solid-js";
import type { AppController } from "../app-controller";

export function Gallery(props: { app: AppController; onOpenFile: () => void }): JSX.Element {
  const app = props.app;
  return (
    <div class="gallery">
      <section aria-labelledby="templates-heading">
        <h2 id="templates-heading">Templates</h2>
        <ul class="card-grid">
          <For each={app.templates()}>
            {(template) => (
              <li class="gallery-card" data-template={template.name}>
                <a class="gallery-open" href={`#template=${encodeURIComponent(template.name)}`}>
                  <strong>{template.doc.title}</strong>
                  <span>{firstSentence(template.doc.description)}</span>
                </a>
                <div class="gallery-actions">
                  <button type="button" onClick={() => void app.restoreTemplate(template.name)}>Restore original</button>
                </div>
              </li>
            )}
          </For>
        </ul>
        <Show when={app.templates().length === 0}>
          <p class="empty">No templates are installed.</p>
        </Show>
      </section>
      <section aria-labelledby="mine-heading">
        <div class="section-heading">
          <h2 id="mine-heading">Your workbenches</h2>
          <button type="button" data-testid="new-workbench" onClick={() => void app.createNew()}>New workbench</button>
          <button type="button" onClick={() => props.onOpenFile()}>Open file…</button>
        </div>
        <Show when={app.workbenches().length > 0} fallback={<p class="empty">Workbenches you open, change or import appear here.</p>}>
          <ul class="card-grid">
            <For each={app.workbenches()}>
              {(item) => (
                <li class="gallery-card" data-workbench={item.id}>
                  <a class="gallery-open" href={item.template ? `#template=${encodeURIComponent(item.template)}` : `#wb=${encodeURIComponent(item.id)}`}>
                    <strong>{item.doc.title}</strong>
                    <span>Changed {new Date(item.updatedAt).toLocaleString()}</span>
                  </a>
                  <div class="gallery-actions">
                    <button type="button" onClick={() => void app.duplicate(item.id)}>Duplicate</button>
                    <button
                      type="button"
                      onClick={() => {
                        const title = prompt("New title", item.doc.title);
                        if (title) void app.rename(item.id, title);
                      }}
                    >
                      Rename
                    </button>
                    <button type="button" onClick={() => void app.remove(item.id)}>Delete</button>
                  </div>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
    </div>
  );
}

function firstSentence(text: string): string {
  const match = /^[^.!?]*[.!?]/.exec(text);
  return (match ? match[0] : text).slice(0, 200);
}
