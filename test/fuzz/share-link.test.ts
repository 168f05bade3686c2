// Fuzzing the share-link decoder: random fragments, random bytes, damaged payloads, deflated junk and
// round trips of real documents. Every fragment ends in a document or a message; nothing throws.
import { deflateRawSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { openWorkbenchValue } from "../../src/storage/open-document";
import { MAX_SHARE_CHARS, openShareFragment, shareFragment } from "../../src/storage/share-link";
import { budget, Counter, expectNoPollution, sample, seedFiles, withTimeout } from "./helpers";
import { applyMutations, applyTextMutations, mutationArb, textMutationArb } from "./mutate";
import { kitchenSink } from "./seeds";

const counter = new Counter("share-link");
afterAll(() => counter.report());

const base64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64url");
/** A `#share=` fragment holding exactly `text` (deflate-raw, as the app makes them). */
export const fragmentOf = (text: string | Uint8Array): string => `#share=${base64url(deflateRawSync(typeof text === "string" ? Buffer.from(text, "utf8") : text))}`;

const validDocs = [...seedFiles().map((f) => f.text), JSON.stringify(kitchenSink())]
  .map((t) => {
    try {
      return openWorkbenchValue(JSON.parse(t));
    } catch {
      return { ok: false as const, message: "" };
    }
  })
  .flatMap((r) => (r.ok ? [r.doc] : []));

async function checkFragment(fragment: string): Promise<void> {
  let result;
  try {
    result = await withTimeout(openShareFragment(fragment), 10_000, `openShareFragment(${sample(fragment)})`);
  } catch (error) {
    expect.fail(`openShareFragment threw ${String(error)} for ${sample(fragment)}`);
  }
  if (!result.ok) expect(result.message.trim(), sample(fragment)).not.toBe("");
  else expect(openWorkbenchValue(structuredClone(result.doc))).toEqual({ ok: true, doc: result.doc });
  expectNoPollution();
}

describe("fuzz: share links", () => {
  it("valid documents round-trip through a link", async () => {
    expect(validDocs.length).toBeGreaterThan(3);
    for (const doc of validDocs) {
      counter.hit("round-trip");
      const made = await shareFragment(doc);
      if (!made.ok) continue;
      const back = await openShareFragment(made.fragment);
      expect(back).toEqual({ ok: true, doc });
    }
  });

  it("random fragments are refused with a message", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 100 }), fc.stringMatching(/^[A-Za-z0-9_-]{0,300}$/)), async (s) => {
        counter.hit("random-fragment");
        await checkFragment(`#share=${s}`);
      }),
      { ...budget(), numRuns: 500 },
    );
  });

  it("random bytes, deflated or not, are refused with a message", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.boolean(), async (bytes, deflate) => {
        counter.hit("random-bytes");
        await checkFragment(deflate ? fragmentOf(bytes) : `#share=${base64url(bytes)}`);
      }),
      budget(),
    );
  });

  it("damaged payloads of real links are refused or opened cleanly", async () => {
    const fragments: string[] = [];
    for (const doc of validDocs) {
      const made = await shareFragment(doc);
      if (made.ok) fragments.push(made.fragment);
    }
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: fragments.length - 1 }), fc.array(textMutationArb, { minLength: 1, maxLength: 3 }), async (i, mutations) => {
        counter.hit("damaged-payload");
        const f = fragments[i]!;
        await checkFragment(`#share=${applyTextMutations(f.slice("#share=".length), mutations)}`);
      }),
      budget(),
    );
  });

  it("deflated mutated documents go through the same checks as files", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (mutations) => {
        counter.hit("deflated-mutated-doc");
        await checkFragment(fragmentOf(JSON.stringify(applyMutations(kitchenSink(), mutations)) ?? "null"));
      }),
      budget(),
    );
  });

  it("hostile payloads: inflation bomb, invalid UTF-8, padding, over-long links, BOM", async () => {
    const cases: [string, string, RegExp][] = [
      ["inflation bomb (20 MB of spaces in a 27 KB link)", fragmentOf(Buffer.alloc(20_000_000, 32)), /too large/],
      ["invalid UTF-8", fragmentOf(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), /damaged/],
      ["base64 padding", `#share=${base64url(deflateRawSync("{}"))}==`, /damaged/],
      ["standard base64 alphabet", "#share=ab+/cd", /damaged/],
      ["over-long link", `#share=${"A".repeat(MAX_SHARE_CHARS * 2 + 1)}`, /longer than any link/],
      ["empty payload", "#share=", /./],
      ["JSON null", fragmentOf("null"), /JSON object/],
      ["proto pollution", fragmentOf('{"format":"pooling-workbench","version":1,"title":"x","cells":[],"__proto__":{"polluted":1}}'), /forbidden key/],
      ["BOM + document", fragmentOf(`\uFEFF${JSON.stringify(validDocs[0])}`), /^$/],
    ];
    for (const [name, fragment, expected] of cases) {
      counter.hit("hostile-payload");
      const start = performance.now();
      const result = await withTimeout(openShareFragment(fragment), 10_000, name);
      const took = performance.now() - start;
      if (expected.source === "^$") expect(result.ok, name).toBe(true);
      else {
        expect(result.ok, name).toBe(false);
        if (!result.ok) expect(result.message, name).toMatch(expected);
      }
      expect(took, `${name}: ${took.toFixed(0)} ms`).toBeLessThan(3000);
    }
    expectNoPollution();
  });
});
