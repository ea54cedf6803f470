/**
 * A small cache with a size bound (least recently used entry evicted first) and a
 * time to live per entry, on a Map's insertion order.
 * Usage: `const cache = new LruCache<User>({ maxEntries: 10_000, ttlMs: 60_000 }); cache.set(key, user)`.
 */

export interface LruCacheOptions {
  maxEntries: number;
  ttlMs: number;
  /** The clock, replaceable in tests. */
  now?: () => number;
}

export class LruCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: LruCacheOptions) {
    this.maxEntries = options.maxEntries;
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The live value of `key`, which becomes the most recently used; undefined if absent or expired. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;

    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries)
      this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
