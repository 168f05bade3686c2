export { erfc, pnorm, qnorm, twoSidedP } from "./normal";
export { gammaQ, lgamma, pchisqUpper } from "./gamma";
