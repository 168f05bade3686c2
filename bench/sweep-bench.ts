/**
 * Sweep throughput: the power template's sweep (lmer y ~ x + (x | group) for 4, 8, 16 and 32 groups)
 * on Node worker threads with 1 and with 2 workers, in fits per second. Worker start-up (tsx loading
 * the TypeScript sources) is timed apart: each pool is warmed with a small sweep first.
 * Prints figures only; nothing here asserts a time. `--replicates N` changes the replicates per point
 * (default: the template's 100); `--workers 1,2,4` the worker counts.
 * Run: npx tsx bench/sweep-bench.ts
 */
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { runHeadless } from "../src/engine/headless";
import { WorkerPool } from "../src/engine/workers/pool";
import { planSweep } from "../src/cells/sweep/plan";
import { runSweep } from "../src/cells/sweep/run";
import { sweepWorkerScript } from "../src/cells/sweep/script";
import type { CellInput } from "../src/cells/registry";
import type { SweepConfig } from "../src/cells/sweep/config";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const root = join(import.meta.dirname, "..");
const template = JSON.parse(readFileSync(join(root, "templates", "power.json"), "utf8"));
const sweepCell = template.cells.find((c: { type: string }) => c.type === "sweep");
const config: SweepConfig = { ...sweepCell.config, replicates: Number(option("replicates") ?? sweepCell.config.replicates) };
const workerCounts = (option("workers") ?? "1,2").split(",").map(Number);

// The generator and model values the sweep reads, computed once (the sweep and plots left out).
const upstream = { ...template, sheets: undefined, layout: undefined, cells: template.cells.filter((c: { id: string }) => sweepCell.inputs.includes(c.id) || ["groupSize", "slope", "slopeSD"].includes(c.id)) };
const { engine } = await runHeadless(upstream);
const inputs: CellInput[] = sweepCell.inputs.map((id: string) => ({ id, type: template.cells.find((c: { id: string }) => c.id === id).type, value: engine.run(id)!.value }));
engine.dispose();
const plan = planSweep(config, inputs);
const fits = plan.points.length * plan.replicates;

console.log(`sweep bench: power template, ${plan.points.length} grid points (${plan.points.map((p) => p.label).join("; ")}) x ${plan.replicates} replicates = ${fits} fits`);
const summaries: string[][] = [];
for (const workers of workerCounts) {
  const pool = new WorkerPool(sweepWorkerScript, { mode: "node", maxWorkers: workers });
  try {
    const t0 = performance.now();
    await runSweep(planSweep({ ...config, replicates: 1 }, inputs), { cellId: "warmup", pool, workers, chunkSize: 1 });
    const startup = performance.now() - t0;
    const value = await runSweep(plan, { cellId: "bench", pool, workers });
    const rate = (value.done / value.elapsedMs) * 1000;
    const x = value.summary.filter((r) => r.term === "x").map((r) => `${r.groups}: ${(r.rejection as number).toFixed(2)}`).join(", ");
    console.log(
      `  ${workers} worker${workers === 1 ? " " : "s"}: ${value.done} fits in ${(value.elapsedMs / 1000).toFixed(2)} s = ${rate.toFixed(1)} fits/s ` +
        `(${((workers * value.elapsedMs) / value.done).toFixed(1)} worker-ms per fit; warm-up incl. start ${(startup / 1000).toFixed(2)} s); power of x by groups ${x}`,
    );
    summaries.push(value.replicates.map((r) => JSON.stringify(r)));
  } finally {
    pool.dispose();
  }
}
/** How much faster n plain threads finish n fixed CPU loops than one thread finishes one, right now on this machine. */
async function machineScaling(n: number): Promise<number> {
  const code = `const { parentPort } = require("node:worker_threads"); parentPort.on("message", () => { let s = 0; for (let i = 0; i < 1e8; i++) s += Math.sqrt(i); parentPort.postMessage(s); });`;
  const time = async (threads: number) => {
    const workers = Array.from({ length: threads }, () => new Worker(code, { eval: true }));
    await Promise.all(workers.map((w) => new Promise((resolve) => w.once("online", resolve))));
    const t0 = performance.now();
    await Promise.all(workers.map((w) => new Promise((resolve) => { w.once("message", resolve); w.postMessage(0); })));
    const ms = performance.now() - t0;
    await Promise.all(workers.map((w) => w.terminate()));
    return ms;
  };
  const one = await time(1);
  return (n * one) / (await time(n));
}
const most = Math.max(...workerCounts);
if (most > 1) console.log(`  reference: ${most} plain threads of a CPU loop do ${(await machineScaling(most)).toFixed(2)}x the work of 1 thread per unit time on this machine now`);
if (summaries.length > 1) {
  const same = summaries.every((s) => s.length === summaries[0]!.length && s.every((row, i) => row === summaries[0]![i]));
  console.log(`  replicate tables identical across worker counts: ${same ? "yes" : "NO"}`);
}
