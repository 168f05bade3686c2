// The dependency graph: cells as nodes coloured by status, inputs as edges. Selecting a node
// highlights everything upstream and downstream of it; Enter opens the cell on its sheet.
import { For, createMemo, createSignal, type JSX } from "solid-js";
import { buildGraph, downstreamOf, upstreamOf } from "../../graph";
import { layoutGraph } from "../../graph/layout";
import type { Session } from "../session/session";

const NODE_W = 150;
const NODE_H = 40;
const GAP_X = 60;
const GAP_Y = 18;

export function GraphView(props: { session: Session; onOpenCell: (id: string) => void }): JSX.Element {
  const graph = createMemo(() => buildGraph(props.session.doc().cells));
  const layout = createMemo(() => layoutGraph(graph()));
  const [selected, setSelected] = createSignal<string | null>(null);
  const up = createMemo(() => (selected() ? upstreamOf(graph(), selected()!) : new Set<string>()));
  const down = createMemo(() => (selected() ? downstreamOf(graph(), selected()!) : new Set<string>()));
  const position = createMemo(() => new Map(layout().nodes.map((n) => [n.id, { x: 10 + n.column * (NODE_W + GAP_X), y: 10 + n.row * (NODE_H + GAP_Y) }])));
  const nameOf = (id: string) => props.session.doc().cells.find((c) => c.id === id)?.name ?? id;
  const typeOf = (id: string) => props.session.doc().cells.find((c) => c.id === id)?.type ?? "";
  const role = (id: string) => (id === selected() ? "selected" : up().has(id) ? "upstream" : down().has(id) ? "downstream" : selected() ? "dim" : "");

  return (
    <div class="graph-view" data-testid="graph-view">
      <p class="graph-legend">
        Select a cell to see what it reads (upstream) and what reads it (downstream); press Enter to open it.
      </p>
      <svg
        width={10 + layout().columns * (NODE_W + GAP_X)}
        height={10 + Math.max(1, layout().rows) * (NODE_H + GAP_Y)}
        role="group"
        aria-label="Dependency graph"
      >
        <defs>
          <marker id="graph-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#8a90a0" />
          </marker>
        </defs>
        <For each={layout().edges}>
          {(edge) => {
            const d = () => {
              const a = position().get(edge.from)!;
              const b = position().get(edge.to)!;
              const x1 = a.x + NODE_W;
              const y1 = a.y + NODE_H / 2;
              const x2 = b.x;
              const y2 = b.y + NODE_H / 2;
              const mid = (x1 + x2) / 2;
              return `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`;
            };
            const active = () => (edge.to === selected() || up().has(edge.to)) && (edge.from === selected() || up().has(edge.from))
              || (edge.from === selected() || down().has(edge.from)) && (edge.to === selected() || down().has(edge.to));
            return <path d={d()} class="graph-edge" classList={{ active: active() }} marker-end="url(#graph-arrow)" />;
          }}
        </For>
        <For each={layout().nodes}>
          {(node) => {
            const p = () => position().get(node.id)!;
            const status = () => props.session.run(node.id).status;
            return (
              <g
                class={`graph-node status-${status()} ${role(node.id)}`}
                transform={`translate(${p().x} ${p().y})`}
                tabIndex={0}
                role="button"
                aria-pressed={selected() === node.id}
                aria-label={`${nameOf(node.id)} (${typeOf(node.id)}, ${status()})`}
                data-node-id={node.id}
                onClick={() => setSelected(node.id === selected() ? null : node.id)}
                onDblClick={() => props.onOpenCell(node.id)}
                onKeyDown={(e) => {
                  if (e.key === "Enter") props.onOpenCell(node.id);
                  if (e.key === " ") {
                    e.preventDefault();
                    setSelected(node.id === selected() ? null : node.id);
                  }
                }}
                onFocus={() => setSelected(node.id)}
              >
                <rect width={NODE_W} height={NODE_H} rx="6" />
                <text x="8" y="16" class="graph-node-name">{truncate(nameOf(node.id), 20)}</text>
                <text x="8" y="31" class="graph-node-type">{typeOf(node.id)}</text>
              </g>
            );
          }}
        </For>
      </svg>
    </div>
  );
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
