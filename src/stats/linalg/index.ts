export { choleskyLower, logdetFromCholesky } from "./cholesky";
export { solveLower, solveLowerTrans, rightSolveLowerTrans } from "./triangular";
export { syrkLowerMinus, gemmNTMinus } from "./rank-update";
