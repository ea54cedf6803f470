import { describe, expect, it } from "vitest";
import { LruCache } from "../../../../src/proxy/identity/lru-cache.js";

describe("LruCache", () => {
  it("evicts the least recently used entry past its size", () => {
    const cache = new LruCache<number>({ maxEntries: 2, ttlMs: 1000, now: () => 0 });
    cache.set("a", 1);
    cache.set("b", 2);
    cache.get("a");
    cache.set("c", 3);
    expect([cache.get("a"), cache.get("b"), cache.get("c"), cache.size]).toEqual([
      1,
      undefined,
      3,
      2,
    ]);
  });

  it("forgets entries once their time to live has passed", () => {
    let now = 0;
    const cache = new LruCache<string>({ maxEntries: 10, ttlMs: 100, now: () => now });
    cache.set("a", "x");
    now = 99;
    expect(cache.get("a")).toBe("x");
    now = 100;
    expect([cache.get("a"), cache.size]).toEqual([undefined, 0]);
  });
});
