// `npm run bench`: fit timings against lme4's (reference/lme4.json), the InstEval ML fit, and sweep
// throughput (fits per second with 1 and 2 workers).
// The work runs in bench/fit-bench.ts through tsx; arguments are passed on (e.g. --skip-insteval).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const fits = spawnSync(tsx, [join(root, "bench", "fit-bench.ts"), ...process.argv.slice(2)], { stdio: "inherit", cwd: root });
console.log("");
const sweep = spawnSync(tsx, [join(root, "bench", "sweep-bench.ts")], { stdio: "inherit", cwd: root });
process.exitCode = fits.status || sweep.status || 0;
