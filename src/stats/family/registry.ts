/**
 * The checked registry of families, looked up by name: `hasFamily` / `getFamily`, and
 * `registerFamily(family, {override})` for additions (a clash needs an explicit override).
 */
import { binomial, gaussian, poisson } from "./families";
import { FamilyError } from "./family-error";
import type { Family } from "./types";

const registry = new Map<string, Family>();

export function registerFamily(family: Family, options: { override?: boolean } = {}): void {
  const name = family.name as string;
  if (typeof name !== "string" || !/^[a-z][a-z0-9_.]*$/i.test(name)) throw new FamilyError(`illegal family name: ${JSON.stringify(name)}`);
  if (registry.has(name) && !options.override)
    throw new FamilyError(`the family "${name}" is already defined. Use the override option to replace it`);
  registry.set(name, family);
}

export function hasFamily(name: string): boolean {
  return registry.has(name);
}

export function getFamily(name: string): Family {
  const f = registry.get(name);
  if (!f) throw new FamilyError(`unknown family "${name}"; the known families are ${[...registry.keys()].join(", ")}`);
  return f;
}

/** Names of the registered families, in registration order. */
export function familyNames(): string[] {
  return [...registry.keys()];
}

registerFamily(gaussian);
registerFamily(binomial);
registerFamily(poisson);
