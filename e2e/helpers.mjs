// Shared steps of the end-to-end tests.
import { readdirSync } from "node:fs";

export const templateNames = readdirSync(new URL("../templates/", import.meta.url))
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.replace(/\.json$/, ""))
  .sort();

/** Waits until the page shows cells and none of them is pending. */
export async function allSettled(page, timeout = 60_000) {
  await page.waitForFunction(
    () => {
      const cells = [...document.querySelectorAll("[data-cell-id]")];
      return cells.length > 0 && cells.every((c) => c.getAttribute("data-cell-status") !== "pending");
    },
    null,
    { timeout },
  );
}

/** Waits until every chart on the page shows its cell's latest run. */
export async function chartsDrawn(page, timeout = 60_000) {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll(".plot-canvas")].every((plot) => {
        const cell = plot.closest("[data-cell-id]");
        return cell.getAttribute("data-cell-status") !== "fulfilled" || plot.getAttribute("data-rendered-run") === cell.getAttribute("data-cell-runs");
      }),
    null,
    { timeout },
  );
}

/** Opens a template by its direct link on one of its sheets, and waits until its cells settled and its charts are drawn. */
export async function openTemplateSheet(page, baseUrl, template, sheet) {
  await page.goto(`${baseUrl}#template=${template}`);
  await page.waitForSelector("[data-cell-id]");
  await page.click(`role=tab[name="${sheet}"]`);
  await allSettled(page);
  await chartsDrawn(page);
}

/** What every chart on the page shows: its canvas as a PNG data URL (charts draw on canvas). */
export async function chartImages(page) {
  return page.$$eval("[data-cell-type=plot] .plot-canvas", (els) => els.map((e) => e.querySelector("canvas")?.toDataURL() ?? ""));
}

/** How many pixels of a cell's chart are drawn (not transparent, not white): 0 for a blank chart. */
export async function chartInk(page, cellId) {
  return page.$eval(`[data-cell-id="${cellId}"] .plot-canvas canvas`, (canvas) => {
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 250 || data[i + 1] < 250 || data[i + 2] < 250)) ink++;
    return ink;
  });
}

/** Statuses of the cards on the current sheet, as "id:status". */
export async function statuses(page) {
  return page.$$eval("[data-cell-id]", (els) => els.map((e) => `${e.getAttribute("data-cell-id")}:${e.getAttribute("data-cell-status")}`));
}

export async function openFile(page, name, text) {
  await page.setInputFiles("[data-testid=file-input]", { name, mimeType: "application/json", buffer: Buffer.from(text) });
}

/** Clicks "Save file" and returns the downloaded text. */
export async function saveFile(page) {
  return (await downloadOf(page, "role=button[name='Save file']")).toString("utf8");
}

/** Clicks `selector` and returns the bytes of the download it starts. */
export async function downloadOf(page, selector) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  const stream = await download.createReadStream();
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Drags a range input's thumb from its current value to `to` with the mouse (one gesture). */
export async function dragSlider(page, selector, to) {
  const slider = page.locator(selector);
  const { min, max, value } = await slider.evaluate((el) => ({ min: Number(el.min), max: Number(el.max), value: Number(el.value) }));
  const box = await slider.boundingBox();
  // Chromium's thumb is ~16px wide: the usable track is inset by half a thumb on each side.
  const inset = 8;
  const xOf = (v) => box.x + inset + ((box.width - 2 * inset) * (v - min)) / (max - min);
  const y = box.y + box.height / 2;
  await page.mouse.move(xOf(value), y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(xOf(value + ((to - value) * i) / 8), y);
  await page.mouse.up();
}

/**
 * How two chart images (PNG data URLs) differ, decoded in the page: the number of pixels that differ
 * and the largest difference of one channel (0-255) over the area both cover. Anti-aliasing can differ
 * by a few levels when a mark lands a fraction of a pixel elsewhere; a wrong chart differs by far more.
 * Images of different sizes are compared from their top-left corner; `extraInk` counts the drawn
 * (not blank, not white) pixels of the larger one outside the common area, and `extra` is how many
 * pixels wider and taller it is (a live canvas may keep a margin one size step larger than a fresh one).
 */
export async function imageDifference(page, a, b) {
  return page.evaluate(async ([a, b]) => {
    const load = (src) => new Promise((resolve, reject) => {
      const image = new Image();
      image.onload = () => resolve(image);
      image.onerror = reject;
      image.src = src;
    });
    const pixels = (image) => {
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext("2d");
      context.drawImage(image, 0, 0);
      return context.getImageData(0, 0, image.width, image.height).data;
    };
    const [ia, ib] = await Promise.all([load(a), load(b)]);
    const pa = pixels(ia), pb = pixels(ib);
    const width = Math.min(ia.width, ib.width), height = Math.min(ia.height, ib.height);
    let differing = 0, maxChannel = 0, extraInk = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * ia.width + x) * 4, j = (y * ib.width + x) * 4;
        let d = 0;
        for (let c = 0; c < 4; c++) d = Math.max(d, Math.abs(pa[i + c] - pb[j + c]));
        if (d > 0) differing++;
        maxChannel = Math.max(maxChannel, d);
      }
    }
    const [large, data] = ia.width * ia.height >= ib.width * ib.height ? [ia, pa] : [ib, pb];
    for (let y = 0; y < large.height; y++) {
      for (let x = 0; x < large.width; x++) {
        if (x < width && y < height) continue;
        const i = (y * large.width + x) * 4;
        if (data[i + 3] > 0 && (data[i] < 250 || data[i + 1] < 250 || data[i + 2] < 250)) extraInk++;
      }
    }
    return { sizes: `${ia.width}x${ia.height} vs ${ib.width}x${ib.height}`, extra: [Math.abs(ia.width - ib.width), Math.abs(ia.height - ib.height)], pixels: differing, maxChannel, extraInk };
  }, [a, b]);
}
