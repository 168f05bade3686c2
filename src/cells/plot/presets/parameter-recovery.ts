import type { Preset, CommonOptions } from "./types";
import type { Tables, RecoveryRow } from "../tables";
import { label, num, table } from "./util";
import { topLevel, size, q, n, byField } from "./spec";
import { MODEL_COLORS } from "../palette";

export type ParameterRecoveryOptions = CommonOptions;
export const parameterRecoveryDefaults: ParameterRecoveryOptions = {};

/**
 * **Parameter recovery** (DeBruine-style, for the sandbox): one row per parameter, its own x scale,
 * a purple estimate with its interval and a black ring at the true value.
 *
 * Input `recovery` ({@link RecoveryRow}): parameter, truth, estimate, conf_low, conf_high.
 * Dataset: `recovery_rows` (parameter, order: row of the recovery table, kind, value, conf_low, conf_high).
 */
function build(tables: Tables, options: Partial<ParameterRecoveryOptions> = {}) {
  const o = { ...parameterRecoveryDefaults, ...options };
  const rec = table(tables, "recovery", "parameter-recovery") as readonly Partial<RecoveryRow>[];
  const rows = rec.flatMap((r, order) => {
    const p = label(r.parameter), t = num(r.truth), e = num(r.estimate);
    return [
      ...(e === undefined ? [] : [{ parameter: p, order, kind: "Estimate", value: e, conf_low: num(r.conf_low) ?? null, conf_high: num(r.conf_high) ?? null }]),
      ...(t === undefined ? [] : [{ parameter: p, order, kind: "True value", value: t, conf_low: null, conf_high: null }]),
    ];
  });
  const { width, height } = size(o, 360, 26);
  const color = n("kind", null as unknown as string, { scale: { domain: ["Estimate", "True value"], range: [MODEL_COLORS.partial, "black"] } });
  return topLevel({
    data: { name: "recovery_rows" },
    facet: { row: { field: "parameter", type: "nominal", sort: byField(), title: null, header: { labelAngle: 0, labelAlign: "left", labelFontWeight: "bold" } } },
    spec: {
      width, height,
      layer: [
        { transform: [{ filter: "isValid(datum.conf_low)" }], mark: { type: "rule", strokeWidth: 2, color: MODEL_COLORS.partial }, encoding: { x: q("conf_low", "Value", { scale: { zero: false } }), x2: { field: "conf_high" } } },
        {
          mark: { type: "point", size: 80, strokeWidth: 2 },
          encoding: {
            x: q("value", "Value", { scale: { zero: false } }), color,
            shape: n("kind", null as unknown as string, { scale: { domain: ["Estimate", "True value"], range: ["circle", "diamond"] } }),
            fill: { condition: { test: "datum.kind === 'Estimate'", value: MODEL_COLORS.partial }, value: "transparent" },
            tooltip: [n("parameter", "Parameter"), n("kind", "Kind"), q("value", "Value", { format: ".3f" })],
          },
        },
      ],
    },
    resolve: { scale: { x: "independent" } },
    spacing: 4,
  }, { recovery_rows: rows }, o.title ?? "Parameter recovery: truth vs estimate");
}

export const parameterRecovery: Preset<ParameterRecoveryOptions> = {
  name: "parameter-recovery",
  title: "Parameter Recovery",
  inputs: { recovery: { required: true, description: "parameter, truth, estimate, conf_low, conf_high" } },
  defaults: parameterRecoveryDefaults,
  build,
};
