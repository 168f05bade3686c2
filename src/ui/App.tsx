import type { JSX } from "solid-js";

/** The app shell: header, then the gallery or the open workbench. */
export function App(): JSX.Element {
  return (
    <div class="app" data-testid="app-shell">
      <header class="app-header">
        <h1>Pooling Workbench</h1>
        <p class="tagline">Grouped data and mixed-effects models, live.</p>
      </header>
      <main class="app-main">
        <p>Templates load here.</p>
      </main>
    </div>
  );
}
