/*
 * A bounded in-memory LRU of rendered report pages. Memory only, per process: an entry
 * holds a page with its report's secret in it (the forms post it back), so it is never
 * written anywhere, and it is found only by a digest of the URL. An entry is good for one
 * version of its report and until `freshUntil`; a lookup with another version, or later,
 * drops it.
 */

export interface CacheEntry {
  version: string;
  /** Epoch milliseconds after which the entry is not served. */
  freshUntil: number;
  /** What the entry costs in memory, roughly: its page bytes. */
  bytes: number;
}

export class PageCache<Entry extends CacheEntry> {
  // A Map iterates in insertion order: re-inserting on every hit makes the first key the
  // least recently used one.
  private readonly entries = new Map<string, Entry>();
  private totalBytes = 0;

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** The entry for `key` if it is of `version` and still fresh at `now`. */
  get(key: string, version: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.version !== version || now >= entry.freshUntil) {
      this.totalBytes -= entry.bytes;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Entry): void {
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.totalBytes -= previous.bytes;
    }
    if (entry.bytes > this.maxBytes) return;
    this.entries.set(key, entry);
    this.totalBytes += entry.bytes;
    for (const [oldest, old] of this.entries) {
      if (this.totalBytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.totalBytes -= old.bytes;
    }
  }
}
