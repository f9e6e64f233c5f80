/**
 * The data version: the ledger size at which feature data last changed. Audit events (reads and
 * logins) do not count, so reading never invalidates a cache. Tiles, extents and compliance
 * findings are cached per data version.
 */
import type { Cairn } from '../app/index.js';
import { parseEventBytes } from '../ledger/index.js';

export class DataVersion {
  #size = 0;
  #version = 0;
  #pending: Promise<number> | undefined;

  /** The current data version (reads only the entries appended since the last call). */
  current(app: Cairn): Promise<number> {
    this.#pending ??= this.#advance(app).finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  async #advance(app: Cairn): Promise<number> {
    const size = await app.store.treeSize();
    if (size === this.#size) return this.#version;
    for (let from = this.#size; from < size; from += 1000) {
      const entries = await app.store.readEntries(from, Math.min(size, from + 1000));
      if (entries.some((e) => !parseEventBytes(e.bytes).type.startsWith('audit.'))) this.#version = size;
    }
    this.#size = size;
    return this.#version;
  }
}

/** A cache of values computed for one data version: a newer version empties it. */
export class VersionedCache<V> {
  readonly #map = new Map<string, V>();
  #version = -1;
  constructor(readonly max = 1000) {}

  async get(version: number, key: string, compute: () => Promise<V>): Promise<V> {
    if (version !== this.#version) {
      this.#map.clear();
      this.#version = version;
    }
    const hit = this.#map.get(key);
    if (hit !== undefined) return hit;
    const v = await compute();
    if (this.#version === version) {
      if (this.#map.size >= this.max) this.#map.delete(this.#map.keys().next().value ?? '');
      this.#map.set(key, v);
    }
    return v;
  }
}
