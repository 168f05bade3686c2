// Opening workbench files in the browser: a good file opens with every cell fulfilled, a bad one shows
// its validation message and leaves the open workbench as it was.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const basic = readFileSync(new URL("../fixtures/basic.json", import.meta.url), "utf8");

async function openFile(page, name, text) {
  await page.setInputFiles("[data-testid=file-input]", { name, mimeType: "application/json", buffer: Buffer.from(text) });
}

async function allSettled(page) {
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll("[data-cell-id]")];
    return cells.length > 0 && cells.every((c) => c.getAttribute("data-cell-status") !== "pending");
  });
}

export const tests = [
  {
    name: "opening a workbench file shows its sheets and fulfilled cells",
    async run({ page, baseUrl }) {
      await page.goto(baseUrl);
      await page.waitForSelector("[data-ready=true]");
      await openFile(page, "basic.json", basic);
      await page.waitForSelector(".workbench-title");
      assert.equal(await page.textContent(".workbench-title"), "Sleep study first look");
      await allSettled(page);
      const statuses = await page.$$eval("[data-cell-id]", (els) => els.map((e) => e.getAttribute("data-cell-status")));
      assert.deepEqual(statuses, ["fulfilled", "fulfilled", "fulfilled"]);
      await page.click("role=tab[name=Data]");
      await page.waitForSelector("[data-cell-id=preview][data-cell-status=fulfilled]");
    },
  },
  {
    name: "an invalid file shows its message and the open workbench is unchanged",
    async run({ page, baseUrl }) {
      await page.goto(baseUrl);
      await page.waitForSelector("[data-ready=true]");
      await openFile(page, "basic.json", basic);
      await page.waitForSelector(".workbench-title");
      const bad = JSON.parse(basic);
      bad.cells[4].inputs = ["sleeep"];
      await openFile(page, "bad.json", JSON.stringify(bad));
      await page.waitForSelector("[data-testid=notice]");
      const message = await page.textContent("[data-testid=notice]");
      assert.match(message, /bad\.json was not opened: cells\[4\]\.inputs\[0\]: no cell with id "sleeep"/);
      assert.equal(await page.textContent(".workbench-title"), "Sleep study first look");
    },
  },
  {
    name: "moving a slider updates its value and undo restores it",
    async run({ page, baseUrl }) {
      await page.goto(baseUrl);
      await page.waitForSelector("[data-ready=true]");
      await openFile(page, "basic.json", basic);
      const slider = page.locator("[data-cell-id=days] input[type=range]");
      const box = await slider.boundingBox();
      // Drag from the thumb (value 3 of 0..9) to the right end: one gesture, one undo step.
      await page.mouse.move(box.x + (box.width * 3) / 9, box.y + box.height / 2);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + (box.width * (3 + (6 * i) / 10)) / 9, box.y + box.height / 2);
      await page.mouse.up();
      await page.waitForFunction(() => document.querySelector("[data-cell-id=days] output")?.textContent === "9");
      await page.locator("body").click({ position: { x: 5, y: 5 } });
      await page.keyboard.press("Control+z");
      await page.waitForFunction(() => document.querySelector("[data-cell-id=days] output")?.textContent === "3");
      await page.keyboard.press("Control+Shift+z");
      await page.waitForFunction(() => document.querySelector("[data-cell-id=days] output")?.textContent === "9");
    },
  },
];
