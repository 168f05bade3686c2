import type { Preset, CommonOptions } from "./types";
import type { Tables, GroupRow } from "../tables";
import { dataRows, groupBy, label, num, optionalTable, randomCov, table } from "./util";
import { topLevel, size, q, n, anchorLayer, domainFrom } from "./spec";
import { MODEL_COLORS } from "../palette";
import { POOLING_WEIGHTS_TEXT, poolingWeightsFigure } from "./pooling-weights-figure";

/** Options of {@link poolingWeights}. */
export interface PoolingWeightsOptions extends CommonOptions {
  /** Grid points of the theoretical curve. Defaults to 60. */
  resolution: number;
}

export const poolingWeightsDefaults: PoolingWeightsOptions = { resolution: 60 };

/**
 * **What's Happening: pooling weights.** λ_j = τ0² / (τ0² + σ²/n_j) is the share of its own mean a
 * group keeps (1 − λ_j is borrowed from the population). Points: groups at (n_j, λ_j); line: the
 * theoretical curve over n on a log scale. Raising σ or lowering τ0 moves the curve right.
 *
 * Inputs: `varcorr` ({@link VarCorrRow}); `groups` ({@link GroupRow}: group, n) or, failing that,
 * `data` ({@link DataRow}) to count n_j.
 * Datasets: `pw_groups` (group, n, lambda), `pw_curve` (n, lambda), `pw_range` (one row: n0, n1, the
 * x domain; it changes only with the group sizes, so a move of τ0 or σ leaves the scales and axes be).
 */
function build(tables: Tables, options: Partial<PoolingWeightsOptions> = {}) {
  const o = { ...poolingWeightsDefaults, ...options };
  const cov = randomCov(table(tables, "varcorr", "pooling-weights"));
  let groups = (optionalTable(tables, "groups") as readonly Partial<GroupRow>[]).flatMap((g) => {
    const nj = num(g.n);
    return nj !== undefined && nj > 0 ? [{ group: label(g.group), n: nj }] : [];
  });
  if (!groups.length) groups = [...groupBy(dataRows(optionalTable(tables, "data")), (r) => r.group)].map(([group, rs]) => ({ group, n: rs.length }));
  const t2 = (cov.tau0 ?? 0) ** 2, s2 = (cov.sigma ?? 0) ** 2;
  const lambda = (nj: number) => (t2 + s2 / nj > 0 ? t2 / (t2 + s2 / nj) : 0);
  const nMax = Math.max(10, ...groups.map((g) => g.n)) * 2;
  const k = Math.max(2, o.resolution);
  // The last point is exactly nMax: the x domain is the data's extent, [1, nMax].
  const curve = Array.from({ length: k + 1 }, (_, i) => { const nn = i === k ? nMax : Math.exp((Math.log(nMax) * i) / k); return { n: nn, lambda: lambda(nn) }; });
  const pts = groups.map((g) => ({ ...g, lambda: lambda(g.n) }));
  const { width, height } = size(o, 400, 260);
  const x = q("n", POOLING_WEIGHTS_TEXT.x, { scale: { type: "log", nice: false, domain: domainFrom("pw_range", "n0", "n1") } });
  const y = q("lambda", POOLING_WEIGHTS_TEXT.y, { scale: { domain: [0, 1] } });
  return topLevel({
    width, height,
    layer: [
      { data: { name: "pw_curve" }, mark: { type: "line", color: "#444", strokeDash: [4, 3] }, encoding: { x, y } },
      {
        data: { name: "pw_groups" }, mark: { type: "point", filled: true, size: 70, color: MODEL_COLORS.partial },
        encoding: { x, y, tooltip: [n("group", "Group"), q("n", "n_j"), q("lambda", "λ_j", { format: ".2f" })] },
      },
      { data: { name: "pw_groups" }, mark: { type: "text", align: "left", dx: 7, fontSize: 10 }, encoding: { x, y, text: { field: "group" } } },
      anchorLayer("pw_range"),
    ],
  }, { pw_groups: pts, pw_curve: curve, pw_range: [{ n0: 1, n1: nMax }] }, { text: o.title ?? POOLING_WEIGHTS_TEXT.title, subtitle: POOLING_WEIGHTS_TEXT.subtitle });
}

export const poolingWeights: Preset<PoolingWeightsOptions> = {
  name: "pooling-weights",
  title: "Pooling Weights",
  inputs: {
    varcorr: { required: true, description: "grp, var1, var2, vcov, sdcor: τ0 and σ" },
    groups: { required: false, description: "group, n" },
    data: { required: false, description: "group, x, y: counts n_j when groups is absent" },
  },
  defaults: poolingWeightsDefaults,
  build,
  figure: (datasets, options = {}) => poolingWeightsFigure(datasets, options),
};
