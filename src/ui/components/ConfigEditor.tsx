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
        {message() ? <p class="editor-message" role="alert">{message()}</p> : null}
      </div>
    </div>
  );
}
