/**
 * Reusing KaTeX's output across slider moves. An equation's live numbers change on every move while
 * its TeX around them does not, and KaTeX lays out only vertically (heights from font metrics; the
 * browser does the horizontal flow): every digit of KaTeX's fonts has the same height and depth, so
 * the output for "0.52" and for "13.07" differ only in the digit text. The substituted values'
 * digit runs are therefore replaced by numbered sentinel runs, the sentinel TeX is rendered once, and
 * later renders of the same shape splice the actual digits into the remembered output.
 *
 * Each remembered shape is checked once against a direct render of the real TeX; a shape whose
 * spliced output differs (a digit run used as a size, say `\kern{{w}}em`) is marked as not
 * reusable and always rendered directly, so splicing can never show something KaTeX would not.
 */

/** Digits only, so KaTeX groups and measures it exactly as it does any number; unlikely in a template. */
const SENTINEL_PREFIX = "90817";
const SENTINEL_RE = /90817(\d{4})3/g;
const MAX_SLOTS = 10_000;
const MAX_SHAPES = 256;

function sentinel(slot: number): string {
  return `${SENTINEL_PREFIX}${String(slot).padStart(4, "0")}3`;
}

/**
 * A value's TeX with every digit run replaced by a sentinel; the runs are appended to `runs`. A run
 * that carries a script (the 10 of `\times 10^{-5}`) stays as it is: KaTeX sets its last digit apart.
 */
export function slotDigits(valueTex: string, runs: string[]): string {
  return valueTex.replace(/\d+(?![\d^_'])/g, (digits) => {
    if (runs.length >= MAX_SLOTS) return digits;
    runs.push(digits);
    return sentinel(runs.length - 1);
  });
}

/** Rendered output split at the sentinels: text[0] + runs[slots[0]] + text[1] + … */
interface Spliced {
  text: string[];
  slots: number[];
  errors: string[];
}

function split(html: string, slotCount: number): Spliced | null {
  const text: string[] = [];
  const slots: number[] = [];
  let last = 0;
  for (const m of html.matchAll(SENTINEL_RE)) {
    const slot = Number(m[1]);
    if (slot >= slotCount) return null;
    text.push(html.slice(last, m.index));
    slots.push(slot);
    last = m.index! + m[0].length;
  }
  text.push(html.slice(last));
  return { text, slots, errors: [] };
}

function join(spliced: Spliced, runs: readonly string[]): string {
  let out = spliced.text[0]!;
  for (let i = 0; i < spliced.slots.length; i++) out += runs[spliced.slots[i]!]! + spliced.text[i + 1]!;
  return out;
}

/** Rendered HTML and the renderer's problems. */
export interface Rendered {
  html: string;
  errors: string[];
}

/**
 * Renders `slotted` (TeX with sentinel digit runs standing for `runs`) through `render`, reusing the
 * output of an earlier render of the same shape. `render` must be a pure function of its TeX.
 */
export class DigitSlotCache {
  /** Shape key -> its spliced output, or null when splicing was found not to reproduce KaTeX. */
  private readonly shapes = new Map<string, Spliced | null>();
  /** Renders answered by splicing, and by KaTeX (for tests and benchmarks). */
  readonly counts = { spliced: 0, rendered: 0 };

  constructor(private readonly render: (tex: string) => Rendered) {}

  renderSlotted(slotted: string, runs: readonly string[], realTex: () => string): Rendered {
    const known = this.shapes.get(slotted);
    if (known) {
      this.counts.spliced++;
      return { html: join(known, runs), errors: known.errors };
    }
    this.counts.rendered++;
    const real = this.render(realTex());
    if (known === null) return real;
    const shape = runs.length ? this.render(slotted) : real;
    const spliced = split(shape.html, runs.length);
    const reusable = spliced !== null && join(spliced, runs) === real.html && sameErrors(shape.errors, real.errors);
    if (this.shapes.size >= MAX_SHAPES) this.shapes.delete(this.shapes.keys().next().value!);
    this.shapes.set(slotted, reusable ? { ...spliced, errors: real.errors } : null);
    return real;
  }
}

function sameErrors(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((e, i) => e === b[i]);
}
