export { choleskyLower, logdetFromCholesky } from "./cholesky";
export { choleskyLowerBlocked } from "./cholesky-blocked";
export { solveLower, solveLowerTrans, rightSolveLowerTrans } from "./triangular";
export { syrkLowerMinus, gemmNTMinus } from "./rank-update";
