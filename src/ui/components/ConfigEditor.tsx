// The generic config editor: the cell's config and inputs as JSON text. Applying goes through the
// engine's validation, so a bad edit shows its message and changes nothing.
import { createSignal, type JSX } from "solid-js";
import type { CellDoc } from "../../engine";
import type { Session } from "../session/session";

export function ConfigEditor(props: { cell: CellDoc; session: Session }): JSX.Element {
  const [text, setText] = createSignal(JSON.stringify(props.cell.config, null, 2));
  const [inputs, setInputs] = createSignal(props.cell.inputs.join(", "));
  const [message, setMessage] = createSignal<string | null>(null);

  function apply(): void {
    let config: unknown;
    try {
      config = JSON.parse(text());
    } catch (error) {
      setMessage(`not valid JSON: ${(error as Error).message}`);
      return;
    }
    const wanted = inputs().split(",").map((s) => s.trim()).filter(Boolean);
    try {
      props.session.edit((engine) => {
        if (wanted.join(",") !== props.cell.inputs.join(",")) engine.setInputs(props.cell.id, wanted);
        engine.setConfig(props.cell.id, config);
      });
      setMessage(null);
    } catch (error) {
      setMessage((error as Error).message);
    }
  }

  function duplicate(): void {
    const taken = new Set(props.session.doc().cells.map((c) => c.id));
    let id = `${props.cell.id}_copy`;
    for (let i = 2; taken.has(id); i++) id = `${props.cell.id}_copy${i}`;
    const sheet = props.session.doc().sheets.findIndex((s) => s.cells.includes(props.cell.id));
    try {
      props.session.edit((engine) =>
        engine.addCell({ id, type: props.cell.type, ...(props.cell.name ? { name: `${props.cell.name} (copy)` } : {}), config: props.cell.config, inputs: props.cell.inputs }, sheet >= 0 ? { sheet } : {}),
      );
      setMessage(null);
    } catch (error) {
      setMessage((error as Error).message);
    }
  }

  /** Moves the cell one place up or down on the sheet that shows it. */
  function move(delta: -1 | 1): void {
    const sheets = props.session.doc().sheets;
    const index = sheets.findIndex((s) => s.cells.includes(props.cell.id));
    if (index < 0) return;
    const cells = [...sheets[index]!.cells];
    const from = cells.indexOf(props.cell.id);
    const to = from + delta;
    if (to < 0 || to >= cells.length) return;
    [cells[from], cells[to]] = [cells[to]!, cells[from]!];
    props.session.edit((engine) => engine.setMeta({ sheets: sheets.map((s, k) => (k === index ? { ...s, cells } : s)) }));
  }

  function remove(): void {
    try {
      props.session.edit((engine) => engine.removeCell(props.cell.id));
    } catch (error) {
      setMessage((error as Error).message);
    }
  }

  return (
    <div class="config-editor">
      <label>
        Inputs (cell ids, comma-separated)
        <input type="text" value={inputs()} onInput={(e) => setInputs(e.currentTarget.value)} />
      </label>
      <label>
        Config
        <textarea rows={8} spellcheck={false} value={text()} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <div class="editor-actions">
        <button type="button" onClick={apply}>Apply</button>
        <button type="button" onClick={() => move(-1)} aria-label="Move cell up">Move up</button>
        <button type="button" onClick={() => move(1)} aria-label="Move cell down">Move down</button>
        <button type="button" onClick={duplicate}>Duplicate</button>
        <button type="button" onClick={remove}>Delete</button>
        {message() ? <p class="editor-message" role="alert">{message()}</p> : null}
      </div>
    </div>
  );
}
