// The power template's sweep in Chromium: it runs in Web Workers with a progress bar until complete,
// the page handles input promptly meanwhile, the cancel button stops it with partial results, and a
// drag shows a draft (a few replicates per grid point) that the release completes.
import assert from "node:assert/strict";
import { chartInk, chartsDrawn, downloadOf } from "../helpers.mjs";

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
      // The table keeps the last full sweep (100 fits per row) while the charts show the draft.
      assert.match(await page.textContent(`${SWEEP} .sweep-summary caption`), /last full sweep.*the charts show the draft/);
      const draftFits = await page.$$eval(`${SWEEP} .sweep-summary tbody tr`, (trs) => trs.map((tr) => tr.children[2].textContent));
      assert.ok(draftFits.length > 0 && draftFits.every((n) => n === "100"), `fits per row during the draft: ${draftFits}`);
      // Its CSV is what the table shows. (A script's click: the mouse is still holding the thumb.)
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.$eval(`${SWEEP} button:text-is("Summary CSV")`, (b) => b.click()),
      ]);
      const chunks = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk);
      const [header, ...lines] = Buffer.concat(chunks).toString("utf8").trim().split("\n");
      const n = header.split(",").indexOf("n");
      assert.ok(n >= 0 && lines.length === draftFits.length && lines.every((line) => line.split(",")[n] === "100"), `summary CSV during the draft:\n${header}\n${lines.join("\n")}`);
      const curve = await page.getAttribute("[data-cell-id=power_curve]", "data-cell-status");
      assert.equal(curve, "fulfilled");
      await page.mouse.up();
      await page.waitForSelector(`[data-cell-id=power][data-cell-status=fulfilled] ${SWEEP.split(" ")[1]}[data-sweep-state=complete]`, { timeout: 180_000 });
      assert.equal(await doneCount(page), 400);
      assert.match(await page.textContent(`${SWEEP} .sweep-summary caption`), /^Summary per grid point/);
      const size = await page.$eval("[data-cell-id=groupSize] input[type=range]", (el) => Number(el.value));
      assert.ok(size > 5, `the drag moved the slider to ${size}`);
    },
  },
  {
    name: "the power curve is painted by hand: a point shows its numbers on hover, and the chart exports as SVG and PNG",
    async run({ page, baseUrl }) {
      await openPower(page, baseUrl);
      await page.waitForSelector(`[data-cell-id=power][data-cell-status=fulfilled] ${SWEEP.split(" ")[1]}[data-sweep-state=complete]`, { timeout: 180_000 });
      await chartsDrawn(page);
      assert.ok((await chartInk(page, "power_curve")) > 2000, "the power curve has ink");
      const canvas = "[data-cell-id=power_curve] .plot-canvas canvas";
      await page.$eval(canvas, (el) => el.scrollIntoView({ block: "center" }));
      // A point: the centre of a 5 x 5 block of the curve's colour (#7570b3; lines and bars are thinner).
      const point = await page.$eval(canvas, (el) => {
        const { data, width, height } = el.getContext("2d").getImageData(0, 0, el.width, el.height);
        const ours = (x, y) => { const i = 4 * (y * width + x); return Math.abs(data[i] - 0x75) < 8 && Math.abs(data[i + 1] - 0x70) < 8 && Math.abs(data[i + 2] - 0xb3) < 8; };
        for (let y = 3; y < height - 3; y++) for (let x = 3; x < width - 3; x++) {
          let all = true;
          for (let dy = -2; dy <= 2 && all; dy++) for (let dx = -2; dx <= 2 && all; dx++) all = ours(x + dx, y + dy);
          if (all) { const box = el.getBoundingClientRect(); return { x: box.left + (x * box.width) / width, y: box.top + (y * box.height) / height }; }
        }
        return null;
      });
      assert.ok(point, "a point of the power curve on its canvas");
      await page.mouse.move(point.x, point.y);
      const tooltip = await page.getAttribute(canvas, "title");
      assert.match(tooltip ?? "", /^Grid point: groups=\d+\nTerm: x\nRejection rate: [01]\.\d{3}\n95% interval from: [01]\.\d{3}\nto: [01]\.\d{3}\nFits: 100$/);
      await page.mouse.move(point.x, point.y - 40);
      assert.equal(await page.getAttribute(canvas, "title"), null, "no tooltip away from the points");
      const svg = (await downloadOf(page, "[data-cell-id=power_curve] .plot-actions >> role=button[name=SVG]")).toString("utf8");
      assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      assert.match(svg, /Power to detect the fixed slope/);
      const png = await downloadOf(page, "[data-cell-id=power_curve] .plot-actions >> role=button[name=PNG]");
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      // Twice the figure's size: the PNG header's width and height (big-endian at bytes 16 and 20). The
      // canvas is the figure's size rounded up to 16 CSS px (at most one step more), whatever the pixel ratio.
      const css = await page.$eval(canvas, (el) => [parseFloat(el.style.width), el.height / (el.width / parseFloat(el.style.width))]);
      const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
      assert.ok(w <= 2 * css[0] && w > 2 * (css[0] - 32) && h <= 2 * css[1] && h > 2 * (css[1] - 32), `PNG ${w}x${h} for a canvas of ${css} CSS px`);
    },
  },
];
