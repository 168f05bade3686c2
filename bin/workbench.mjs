#!/usr/bin/env node
// The `workbench` command: a thin launcher that loads the TypeScript CLI through tsx,
// so `npx workbench` works in a fresh clone after `npm ci` with no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
