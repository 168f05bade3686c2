export { binomial, poisson, gaussian } from "./families";
export { FamilyError } from "./family-error";
export { registerFamily, hasFamily, getFamily, familyNames } from "./registry";
export { lgamma, lchoose, logDbinom, logDpois, erfc, pValueNormal } from "./special";
export type { Family, LinkName } from "./types";
