#!/usr/bin/env node
// Browser end-to-end tests: build the app, serve it on 127.0.0.1 with `vite preview`,
// drive Debian's Chromium with playwright-core, and run every e2e/tests/*.test.mjs.
// Each test module exports `tests`: an array of {name, run({page, baseUrl, browser})}.
// Prints one line per test and a closing "N passed, N failed" line; exits 1 on any failure.
import { spawn, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launchBrowser, newCheckedPage } from "./browser.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const only = process.argv[2];

function build() {
  if (process.env.E2E_SKIP_BUILD) return;
  const result = spawnSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error("vite build failed");
}

async function startServer() {
  const port = 4100 + Math.floor(Math.random() * 800);
  const server = spawn(
    process.execPath,
    ["node_modules/vite/bin/vite.js", "preview", "--host", "127.0.0.1", "--port", String(port), "--strictPort"],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  const baseUrl = `http://127.0.0.1:${port}/`;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const response = await fetch(baseUrl);
      if (response.ok) return { server, baseUrl };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  throw new Error(`vite preview did not answer on ${baseUrl}`);
}

async function main() {
  build();
  const { server, baseUrl } = await startServer();
  const browser = await launchBrowser();
  let passed = 0;
  let failed = 0;
  try {
    const files = readdirSync(join(root, "e2e/tests")).filter((f) => f.endsWith(".test.mjs")).sort();
    for (const file of files) {
      const { tests } = await import(pathToFileURL(join(root, "e2e/tests", file)).href);
      for (const test of tests) {
        const title = `${file.replace(".test.mjs", "")} › ${test.name}`;
        if (only && !title.includes(only)) continue;
        const started = Date.now();
        const { page, context, problems } = await newCheckedPage(browser);
        try {
          await test.run({ page, baseUrl, browser, problems });
          if (!test.allowConsoleErrors && problems.length) throw new Error(`console errors:\n  ${problems.join("\n  ")}`);
          passed++;
          console.log(`  ok   ${title} (${Date.now() - started} ms)`);
        } catch (error) {
          failed++;
          console.log(`  FAIL ${title} (${Date.now() - started} ms)\n       ${String(error?.stack ?? error).split("\n").join("\n       ")}`);
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    server.kill();
  }
  console.log(`\ne2e: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

await main();
