/**
 * The few statistics the report uses: medians of repeated rounds and ratios taken
 * round by round (each against the baseline measured in the same round).
 * Usage: `median([3, 1, 2])` → 2.
 */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The median of value[i] / baseline[i]: both lists come from the same rounds. */
export function medianRatio(values: readonly number[], baseline: readonly number[]): number {
  const ratios = values
    .map((value, index) => value / (baseline[index] as number))
    .filter(Number.isFinite);
  return median(ratios);
}

/** Rotates a list by `by` places, so that no variant always runs first in its round. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
