/** The closest of `names` to a misspelt `word`, for "did you mean" hints; null when nothing is close. */
export function suggest(word: string, names: readonly string[]): string | null {
  let best: string | null = null;
  // One edit for short words, two from six letters on: "zz" is not a typo of "a".
  let bestDistance = Math.min(2, Math.max(1, Math.floor(word.length / 3))) + 1;
  for (const name of names) {
    const d = distance(word.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

/** Levenshtein distance, one row at a time; inputs are short (type names, ids). */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 64 || b.length > 64) return Infinity;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
