import { describe, expect, it } from "vitest";
import { openWorkbenchText } from "../../src/storage/open-document";
import { isShareFragment, MAX_SHARE_CHARS, openShareFragment, shareFragment } from "../../src/storage/share-link";
import { twoParameterDoc } from "./fixture";

describe("share links", () => {
  it("shareFragment(doc) then openShareFragment(fragment) gives the same document", async () => {
    const doc = openWorkbenchText(JSON.stringify(twoParameterDoc())).ok ? twoParameterDoc() : undefined;
    const made = await shareFragment(doc!);
    if (!made.ok) throw new Error(made.message);
    expect(made.fragment.startsWith("#share=")).toBe(true);
    expect(isShareFragment(made.fragment)).toBe(true);
    const opened = await openShareFragment(made.fragment);
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.doc.cells.map((c) => c.id)).toEqual(["n", "sd"]);
    expect(opened.doc.cells[0]!.config.value).toBe(8);
    expect(opened.doc.title).toBe("Two sliders");
  });

  it("shareFragment(huge doc) says the workbench is too large for a link", async () => {
    const doc = twoParameterDoc();
    // Random text does not compress, so this exceeds the link limit.
    let noise = "";
    for (let i = 0; i < 60_000; i++) noise += String.fromCharCode(33 + Math.floor(Math.random() * 90));
    doc.description = noise;
    const made = await shareFragment(doc);
    expect(made.ok).toBe(false);
    if (!made.ok) expect(made.message).toMatch(/too large for a link .* Save it as a file/);
    expect(MAX_SHARE_CHARS).toBeGreaterThan(1000);
  });

  it("openShareFragment(damaged) explains instead of throwing", async () => {
    const bad = await openShareFragment("#share=%%%not-base64");
    expect(bad).toEqual({ ok: false, message: expect.stringMatching(/damaged/) });
    const garbage = await openShareFragment("#share=AAAAAAAA");
    expect(garbage.ok).toBe(false);
  });

  it("openShareFragment(link to an invalid workbench) gives the validation message", async () => {
    const doc = twoParameterDoc();
    doc.cells[1]!.inputs = ["missing"];
    const made = await shareFragment(doc);
    if (!made.ok) throw new Error(made.message);
    const opened = await openShareFragment(made.fragment);
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.message).toMatch(/^cells\[1\]\.inputs/);
  });
});
