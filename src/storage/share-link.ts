// Share links carry the whole workbench in the URL fragment, deflated and base64url-encoded.
// The fragment is never sent to a server, so sharing a link shares nothing with anyone but its reader.
import type { WorkbenchDoc } from "../engine/document";
import { openWorkbenchText, type OpenResult } from "./open-document";

/** The fragment key: `#share=<payload>`. */
export const SHARE_PREFIX = "share=";

/**
 * Longest payload we put in a link. Browsers accept far longer URLs, but chat apps and mail clients
 * truncate or mangle them well before that; past this size a file is the honest way to share.
 */
export const MAX_SHARE_CHARS = 32_000;

/** Longest inflated document accepted from a link, so a small hostile payload cannot inflate to gigabytes. */
const MAX_INFLATED_BYTES = 4_000_000;

export type ShareLinkResult = { ok: true; fragment: string } | { ok: false; message: string };

export async function shareFragment(doc: WorkbenchDoc): Promise<ShareLinkResult> {
  const deflated = await transform(new TextEncoder().encode(JSON.stringify(doc)), new CompressionStream("deflate-raw"));
  const payload = toBase64Url(deflated);
  if (payload.length > MAX_SHARE_CHARS) {
    return {
      ok: false,
      message: `This workbench is too large for a link (${payload.length.toLocaleString("en")} characters compressed; links hold up to ${MAX_SHARE_CHARS.toLocaleString("en")}). Save it as a file and send the file instead.`,
    };
  }
  return { ok: true, fragment: `#${SHARE_PREFIX}${payload}` };
}

/** Opens the workbench in a `#share=` fragment; the same checks as opening a file. */
export async function openShareFragment(fragment: string): Promise<OpenResult> {
  const payload = fragment.replace(/^#/, "").slice(SHARE_PREFIX.length);
  if (payload.length > MAX_SHARE_CHARS * 2) return { ok: false, message: "This share link is longer than any link the app makes." };
  let text: string;
  try {
    const bytes = await transform(fromBase64Url(payload), new DecompressionStream("deflate-raw"), MAX_INFLATED_BYTES);
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    return { ok: false, message: `This share link is damaged: ${(error as Error).message}` };
  }
  return openWorkbenchText(text);
}

export function isShareFragment(fragment: string): boolean {
  return fragment.replace(/^#/, "").startsWith(SHARE_PREFIX);
}

/** Runs bytes through a (de)compression stream, stopping with an error past `limit` output bytes. */
async function transform(input: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  const written = writer.write(input as Uint8Array<ArrayBuffer>).then(() => writer.close());
  written.catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new Error("the workbench inside is too large");
    }
    chunks.push(value);
  }
  await written;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("it contains characters a share link never has");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
