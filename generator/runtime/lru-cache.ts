// A small bounded LRU map. Entries are immutable values computed from their key alone, so sharing the
// cache between concurrent requests cannot leak one request's data into another's.

/** A bounded least-recently-used cache over a `Map` (insertion order = recency order). */
export class LruCache<V> {
  readonly #capacity: number;
  readonly #entries: Map<string, V> = new Map();
  #newestKey: string | undefined = undefined;
  #newestValue: V | undefined = undefined;

  /** Creates a cache keeping at most `capacity` entries. */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The cached value for `key`, marking it most recently used. */
  get(key: string): V | undefined {
    // The newest entry is the one asked for again and again (one tenant busy, or one base URL): answered
    // without hashing `key`, which is often a string built afresh for each request, and without moving it.
    if (key === this.#newestKey) return this.#newestValue;
    const value = this.#entries.get(key);
    if (value !== undefined) {
      // Re-insert to move the key to the end (insertion order is recency order).
      this.#entries.delete(key);
      this.#entries.set(key, value);
      this.#newestKey = key;
      this.#newestValue = value;
    }
    return value;
  }

  /** Stores `value` under `key`, evicting the least recently used entry when full. */
  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    this.#newestKey = key;
    this.#newestValue = value;
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }

  /** Number of cached entries. */
  get size(): number {
    return this.#entries.size;
  }
}

/**
 * `compute` remembered per key, for values that depend on the key alone: at most `limit` keys (emptied
 * when full, so a scanner's endless new keys cost a recompute, never memory), and the key asked for last
 * answered first with one string comparison (one busy tenant, or the one fixed mount) — no hashing of a
 * string built afresh for each request, no allocation. `compute` must not return `undefined`.
 */
export function memoizeNewestFirst<V>(compute: (key: string) => V, limit: number): (key: string) => V {
  const memo = new Map<string, V>();
  let newestKey: string | undefined;
  let newestValue!: V;
  return (key: string): V => {
    if (key === newestKey) return newestValue;
    let value = memo.get(key);
    if (value === undefined) {
      value = compute(key);
      if (memo.size >= limit) memo.clear();
      memo.set(key, value);
    }
    newestKey = key;
    newestValue = value;
    return value;
  };
}
