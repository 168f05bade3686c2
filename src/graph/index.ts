export { buildGraph, type DependencyGraph, type GraphNode } from "./graph";
export { checkGraph, type GraphIssue } from "./check";
export { findCycle, formatCycle } from "./cycle";
export { topologicalOrder } from "./topo";
export { downstreamOf, upstreamOf } from "./reach";
export { suggest } from "./suggest";
