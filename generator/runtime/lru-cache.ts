// A small bounded LRU map. Entries are immutable values computed from their key alone, so sharing the
// cache between concurrent requests cannot leak one request's data into another's.

/** A bounded least-recently-used cache over a `Map` (insertion order = recency order). */
export class LruCache<V> {
  readonly #capacity: number;
  readonly #entries: Map<string, V> = new Map();
  #newestKey: string | undefined = undefined;

  /** Creates a cache keeping at most `capacity` entries. */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The cached value for `key`, marking it most recently used. */
  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined && key !== this.#newestKey) {
      // Re-insert to move the key to the end; skipped for the newest key so a single-tenant hot path does no work.
      this.#entries.delete(key);
      this.#entries.set(key, value);
      this.#newestKey = key;
    }
    return value;
  }

  /** Stores `value` under `key`, evicting the least recently used entry when full. */
  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    this.#newestKey = key;
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
