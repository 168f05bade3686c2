// The power template's sweep in Chromium: it runs in Web Workers with a progress bar until complete,
// the page handles input promptly meanwhile, the cancel button stops it with partial results, and a
// drag shows a draft (a few replicates per grid point) that the release completes.
import assert from "node:assert/strict";

const SWEEP = "[data-cell-id=power] .sweep-view";

async function openPower(page, baseUrl) {
  await page.goto(`${baseUrl}#template=power`);
  await page.waitForSelector("[data-ready=true]");
  await page.waitForSelector(".workbench-title");
  await page.waitForSelector(`${SWEEP}[data-sweep-state=running]`, { timeout: 60_000 });
}

const doneCount = (page) => page.$eval(SWEEP, (el) => Number(el.getAttribute("data-sweep-done")));

/**
 * Types into a probe input and returns, for every input event, the delay between its creation and its
 * handler, and whether the sweep was still running when it was handled.
 */
async function inputLatency(page, keys) {
  await page.evaluate((sel) => {
    const probe = document.createElement("input");
    probe.id = "latency-probe";
    probe.setAttribute("aria-label", "latency probe");
    probe.style.position = "fixed";
    probe.style.top = "0";
    probe.style.right = "0";
    window.__latencies = [];
    probe.addEventListener("input", (e) => {
      const running = document.querySelector(sel)?.getAttribute("data-sweep-state") === "running";
      window.__latencies.push({ ms: performance.now() - e.timeStamp, running });
    });
    document.body.append(probe);
  }, SWEEP);
  await page.focus("#latency-probe");
  for (const key of keys) {
    await page.keyboard.type(key);
    await page.waitForTimeout(10);
  }
  return page.evaluate(() => window.__latencies);
}

export const tests = [
  {
    name: "the power template's sweep runs to completion in workers, with progress, and input stays prompt",
    async run({ page, baseUrl }) {
      const started = Date.now();
      await openPower(page, baseUrl);
      const total = await page.$eval(SWEEP, (el) => Number(el.getAttribute("data-sweep-total")));
      assert.equal(total, 400);
      await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute("data-sweep-done")) > 0, SWEEP, { timeout: 60_000 });
      const progressText = await page.textContent(`${SWEEP} .sweep-progress-text`);
      assert.match(progressText, /^sweep power: \d+\/400 fits \(\d+%\), \d+ workers?/);
      // While the workers fit, the main thread handles input within 50 ms.
      const events = await inputLatency(page, "interactive");
      assert.equal(events.length, "interactive".length);
      const during = events.filter((e) => e.running).map((e) => e.ms);
      assert.ok(during.length >= 3, `only ${during.length} input events were handled while the sweep ran`);
      assert.ok(Math.max(...during) < 50, `input latencies during the sweep: ${during.map((l) => l.toFixed(1)).join(", ")} ms`);
      const latencies = during;
      // Partial results appear while it runs.
      await page.waitForSelector(`${SWEEP} .sweep-summary tbody tr`, { timeout: 60_000 });
      await page.waitForSelector(`[data-cell-id=power][data-cell-status=fulfilled] ${SWEEP.split(" ")[1]}[data-sweep-state=complete]`, { timeout: 180_000 });
      assert.equal(await doneCount(page), 400);
      const rows = await page.$$eval(`${SWEEP} .sweep-summary tbody tr`, (trs) => trs.map((tr) => [...tr.children].slice(0, 3).map((td) => td.textContent)));
      assert.deepEqual(rows.map((r) => r.slice(0, 3)), [
        ["4", "x", "100"], ["4", "sd__x", "100"], ["8", "x", "100"], ["8", "sd__x", "100"],
        ["16", "x", "100"], ["16", "sd__x", "100"], ["32", "x", "100"], ["32", "sd__x", "100"],
      ]);
      // The power curve draws from the finished sweep.
      await page.waitForSelector("[data-cell-id=power_curve][data-cell-status=fulfilled] .plot-canvas canvas", { timeout: 60_000 });
      console.log(`       sweep of 400 fits finished ${((Date.now() - started) / 1000).toFixed(1)} s after opening; max input latency ${Math.max(...latencies).toFixed(1)} ms`);
    },
  },
  {
    name: "the cancel button stops the sweep and keeps the replicates finished",
    async run({ page, baseUrl }) {
      await openPower(page, baseUrl);
      await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute("data-sweep-done")) >= 4, SWEEP, { timeout: 60_000 });
      await page.click(`${SWEEP} .sweep-cancel`);
      await page.waitForSelector(`[data-cell-id=power][data-cell-status=fulfilled] .sweep-view[data-sweep-state=cancelled]`, { timeout: 30_000 });
      const done = await doneCount(page);
      assert.ok(done >= 4 && done < 400, `done = ${done}`);
      await page.waitForTimeout(1000);
      assert.equal(await doneCount(page), done, "nothing finishes after the cancel");
      assert.match(await page.textContent(`${SWEEP} .sweep-progress-text`), new RegExp(`^${done}/400 fits \\(cancelled\\)`));
      await page.waitForSelector(`${SWEEP} .sweep-rerun`);
    },
  },
  {
    name: "moving a slider during the sweep stops its workers and restarts it with the new truth",
    async run({ page, baseUrl }) {
      await openPower(page, baseUrl);
      await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute("data-sweep-done")) >= 4, SWEEP, { timeout: 60_000 });
      const slider = page.locator("[data-cell-id=slope] input[type=range]");
      await slider.focus();
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction(() => document.querySelector("[data-cell-id=slope] output")?.textContent === "0.45");
      await page.waitForSelector(`[data-cell-id=power][data-cell-status=fulfilled] .sweep-view[data-sweep-state=complete]`, { timeout: 180_000 });
      assert.equal(await doneCount(page), 400);
      const truths = await page.$$eval(`${SWEEP} .sweep-summary tbody tr`, (trs) => trs.filter((tr) => tr.children[1].textContent === "x").map((tr) => tr.children[3].textContent));
      assert.deepEqual(truths, ["0.450", "0.450", "0.450", "0.450"]);
    },
  },
  {
    name: "dragging a slider shows a draft sweep with its charts; releasing it runs all 400 fits",
    async run({ page, baseUrl }) {
      await openPower(page, baseUrl);
      await page.waitForSelector(`[data-cell-id=power][data-cell-status=fulfilled] ${SWEEP.split(" ")[1]}[data-sweep-state=complete]`, { timeout: 180_000 });
      const slider = page.locator("[data-cell-id=groupSize] input[type=range]");
      const box = await slider.boundingBox();
      const y = box.y + box.height / 2;
      // The thumb sits at value 5 of 2..30; grab it and drag right without letting go.
      const at = (v) => box.x + 8 + ((v - 2) / 28) * (box.width - 16);
      await page.mouse.move(at(5), y);
      await page.mouse.down();
      await page.mouse.move(at(9), y, { steps: 4 });
      await page.waitForSelector(`[data-cell-id=power][data-cell-status=fulfilled] ${SWEEP.split(" ")[1]}[data-sweep-state=draft]`, { timeout: 30_000 });
      const draft = await doneCount(page);
      assert.ok(draft >= 8 && draft < 400, `a draft of ${draft} fits`);
      assert.match(await page.textContent(`${SWEEP} .sweep-progress-text`), /a draft while the slider moves/);
      const curve = await page.getAttribute("[data-cell-id=power_curve]", "data-cell-status");
      assert.equal(curve, "fulfilled");
      await page.mouse.up();
      await page.waitForSelector(`[data-cell-id=power][data-cell-status=fulfilled] ${SWEEP.split(" ")[1]}[data-sweep-state=complete]`, { timeout: 180_000 });
      assert.equal(await doneCount(page), 400);
      const size = await page.$eval("[data-cell-id=groupSize] input[type=range]", (el) => Number(el.value));
      assert.ok(size > 5, `the drag moved the slider to ${size}`);
    },
  },
];
