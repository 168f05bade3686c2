// Row and column counts with thousands separators. One shared formatter: Number#toLocaleString builds
// a new ICU formatter per call, which costs milliseconds on every recompute of a table-bearing cell.
const counts = new Intl.NumberFormat("en");

export function formatCount(n: number): string {
  return counts.format(n);
}
