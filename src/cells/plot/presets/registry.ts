import type { Preset, CommonOptions } from "./types";

const NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** A checked map of chart presets by name (same contract as the cell-type registry). */
export class PresetRegistry {
  readonly #presets = new Map<string, Preset<any>>();

  /** Adds a preset; an illegal or already-used name throws unless `override` is set. */
  register<O extends CommonOptions>(preset: Preset<O>, options: { override?: boolean } = {}): this {
    if (typeof preset?.name !== "string" || !NAME.test(preset.name)) {
      throw new Error(`Illegal chart preset name ${JSON.stringify(preset?.name)}: use lowercase letters, digits and hyphens`);
    }
    if (typeof preset.build !== "function") throw new Error(`Chart preset "${preset.name}" has no build function`);
    if (this.#presets.has(preset.name) && !options.override) {
      throw new Error(`The chart preset "${preset.name}" is already defined; pass override: true to replace it`);
    }
    this.#presets.set(preset.name, preset);
    return this;
  }

  has(name: string): boolean {
    return this.#presets.has(name);
  }

  /** The preset called `name`; throws naming the known presets for an unknown name. */
  get(name: string): Preset<any> {
    const p = this.#presets.get(name);
    if (!p) throw new Error(`unknown chart preset "${name}"; known presets: ${this.names().join(", ")}`);
    return p;
  }

  names(): string[] {
    return [...this.#presets.keys()];
  }

  /** Name, title and input descriptions of every preset, for menus and docs. */
  list(): { name: string; title: string; inputs: Preset["inputs"] }[] {
    return [...this.#presets.values()].map((p) => ({ name: p.name, title: p.title, inputs: p.inputs }));
  }
}
