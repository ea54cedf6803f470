/**
 * Counts occurrences of keys with bounded memory: past `maxKeys` distinct keys, new
 * keys are counted together under OTHER_KEY rather than remembered.
 * Usage: `const top = new TopCounter(); top.add("/x"); top.top(20)`.
 */

export interface TopEntry {
  path: string;
  hits: number;
}

/** The key under which keys beyond the limit are counted. */
export const OTHER_KEY = "(other paths)";

export class TopCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly maxKeys = 50_000) {}

  add(key: string): void {
    const count = this.counts.get(key);
    if (count !== undefined) {
      this.counts.set(key, count + 1);
      return;
    }
    const slot = this.counts.size < this.maxKeys ? key : OTHER_KEY;
    this.counts.set(slot, (this.counts.get(slot) ?? 0) + 1);
  }

  /** The `limit` most frequent keys, most frequent first, ties by key; OTHER_KEY always last. */
  top(limit: number): TopEntry[] {
    const entries = [...this.counts]
      .filter(([path]) => path !== OTHER_KEY)
      .map(([path, hits]) => ({ path, hits }));
    const top = entries
      .sort((a, b) => b.hits - a.hits || a.path.localeCompare(b.path))
      .slice(0, limit);
    const other = this.counts.get(OTHER_KEY);
    return other === undefined ? top : [...top, { path: OTHER_KEY, hits: other }];
  }
}
