// Adding a cell from the UI: choose its type, an id, and the cells it reads. The engine checks the
// edit (arity, cycles, ids) before anything changes; a refusal shows its message here.
import { For, Show, createSignal, type JSX } from "solid-js";
import { cellTypes } from "../../cells";
import type { Session } from "../session/session";

export function AddCellForm(props: { session: Session; sheet: number }): JSX.Element {
  const types = cellTypes.names();
  const [type, setType] = createSignal(types[0] ?? "parameter");
  const [id, setId] = createSignal("");
  const [inputs, setInputs] = createSignal<string[]>([]);
  const [message, setMessage] = createSignal<string | null>(null);
  const [open, setOpen] = createSignal(false);
  const suggestion = () => nextId(type(), new Set(props.session.doc().cells.map((c) => c.id)));

  function add(event: Event): void {
    event.preventDefault();
    const cellId = id().trim() || suggestion();
    try {
      props.session.edit((engine) => engine.addCell({ id: cellId, type: type(), inputs: inputs() }, { sheet: props.sheet }));
      setId("");
      setInputs([]);
      setMessage(null);
      setOpen(false);
    } catch (error) {
      setMessage((error as Error).message);
    }
  }

  return (
    <Show when={open()} fallback={<button type="button" class="add-cell-open" data-testid="add-cell-open" onClick={() => setOpen(true)}>+ Add a cell</button>}>
    <form class="add-cell" onSubmit={add} aria-label="Add a cell">
      <strong>Add a cell</strong>
      <label>
        Type
        <select value={type()} onChange={(e) => setType(e.currentTarget.value)} data-testid="add-cell-type">
          <For each={types}>{(name) => <option value={name}>{cellTypes.get(name).title}</option>}</For>
        </select>
      </label>
      <label>
        Id
        <input type="text" value={id()} placeholder={suggestion()} onInput={(e) => setId(e.currentTarget.value)} data-testid="add-cell-id" />
      </label>
      <fieldset>
        <legend>Reads</legend>
        <For each={props.session.doc().cells}>
          {(cell) => (
            <label class="input-choice">
              <input
                type="checkbox"
                value={cell.id}
                checked={inputs().includes(cell.id)}
                onChange={(e) => setInputs(e.currentTarget.checked ? [...inputs(), cell.id] : inputs().filter((i) => i !== cell.id))}
              />
              {cell.id}
            </label>
          )}
        </For>
      </fieldset>
      <div class="editor-actions">
        <button type="submit" data-testid="add-cell-submit">Add</button>
        <button type="button" onClick={() => setOpen(false)}>Close</button>
      </div>
      {message() ? <p class="editor-message" role="alert">{message()}</p> : null}
    </form>
    </Show>
  );
}

function nextId(type: string, taken: Set<string>): string {
  for (let i = 1; ; i++) {
    const candidate = `${type}${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}
