/**
 * Merkle tree algorithms of RFC 9162 §2.1 over a store of complete subtree hashes.
 *
 * A node (level l, index i) is the hash of the perfect subtree over leaves [i·2^l, (i+1)·2^l).
 * It is written once, when its last leaf is appended, and never changes. Any range hash the
 * RFC needs is composed from such nodes, so an append writes at most log2(n)+1 nodes and a
 * proof reads O(log n) of them: the tree is never recomputed.
 */
import { hash } from 'node:crypto';
import { HASH_SIZE, EMPTY_ROOT, nodeHash } from './hash.js';

export interface NodeRef {
  readonly level: number;
  readonly index: number;
}
export interface StoredNode extends NodeRef {
  readonly hash: Uint8Array;
}
/** Synchronous lookup of a complete subtree hash; must return it for every node the caller asks. */
export type NodeSource = (level: number, index: number) => Uint8Array;

/** Largest power of two strictly smaller than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** True for 1, 2, 4, …; exact for any safe integer (bitwise ops would stop at 2^31). */
export function isPow2(n: number): boolean {
  return n > 0 && Number.isInteger(Math.log2(n));
}

/** MTH(D[start:end]) from stored perfect subtrees. `start` must be aligned as RFC recursion guarantees. */
export function rangeHash(start: number, end: number, get: NodeSource): Uint8Array {
  const n = end - start;
  if (n <= 0) return EMPTY_ROOT;
  if (isPow2(n) && start % n === 0) return get(Math.log2(n), start / n);
  const k = splitPoint(n);
  return nodeHash(rangeHash(start, start + k, get), rangeHash(start + k, end, get));
}

/** Root hash of the tree of the first `size` leaves. */
export function rootHash(size: number, get: NodeSource): Uint8Array {
  return rangeHash(0, size, get);
}

/**
 * The nodes created by appending `leaf` as leaf number `size` (0-based): the leaf itself and
 * every subtree it completes. `get` is asked only for left siblings on the right edge.
 */
export function appendNodes(size: number, leaf: Uint8Array, get: NodeSource): StoredNode[] {
  const out: StoredNode[] = [{ level: 0, index: size, hash: leaf }];
  let index = size;
  let level = 0;
  let hash: Uint8Array = leaf;
  while (index % 2 === 1) {
    hash = nodeHash(get(level, index - 1), hash);
    index = (index - 1) / 2;
    level += 1;
    out.push({ level, index, hash });
  }
  return out;
}

/**
 * The right edge of a tree (a "compact range"): for each set bit `l` of the size, the hash of
 * the perfect subtree of 2^l leaves ending there, i.e. node (l, ⌊size/2^l⌋ - 1). That is all an
 * append needs: appending merges equal-sized subtrees like a binary increment, creating exactly
 * the nodes `appendNodes` creates, without a lookup per node or an object per node.
 */
export class Frontier {
  #size: number;
  /** edge[l]: the level-l right-edge node, present exactly when bit l of the size is set. */
  readonly #edge: (Uint8Array | undefined)[];

  private constructor(size: number, edge: (Uint8Array | undefined)[]) {
    this.#size = size;
    this.#edge = edge;
  }

  static empty(): Frontier {
    return new Frontier(0, []);
  }

  /** The frontier of a stored tree of `size` leaves, reading its log2(size) right-edge nodes. */
  static load(size: number, get: NodeSource): Frontier {
    const edge: (Uint8Array | undefined)[] = [];
    for (let level = 0, n = size; n > 0; level += 1, n = Math.floor(n / 2)) {
      edge[level] = n % 2 === 1 ? get(level, n - 1) : undefined;
    }
    return new Frontier(size, edge);
  }

  get size(): number {
    return this.#size;
  }

  clone(): Frontier {
    return new Frontier(this.#size, [...this.#edge]);
  }

  /**
   * Append leaf number `size`; `onNode` receives every interior node (level ≥ 1) the leaf
   * completes, lowest first. The leaf itself is node (0, size).
   */
  append(leaf: Uint8Array, onNode?: (level: number, index: number, hash: Buffer) => void): void {
    let index = this.#size;
    let level = 0;
    let hash: Uint8Array = leaf;
    while (index % 2 === 1) {
      const left = this.#edge[level];
      if (left === undefined) throw new Error(`merkle node ${level}:${index - 1} missing from the frontier`);
      const h = nodeHash(left, hash);
      this.#edge[level] = undefined;
      index = (index - 1) / 2;
      level += 1;
      onNode?.(level, index, h);
      hash = h;
    }
    this.#edge[level] = hash;
    this.#size += 1;
  }

  /** Root of the current tree: the edge nodes folded from the smallest subtree up (RFC 9162 MTH). */
  root(): Uint8Array {
    let root: Uint8Array | undefined;
    for (const h of this.#edge) {
      if (h !== undefined) root = root === undefined ? h : nodeHash(h, root);
    }
    return root ?? EMPTY_ROOT;
  }
}

/** RFC 9162 §2.1.3.1 PATH(m, D[start:end]): the inclusion proof of leaf m. */
function path(m: number, start: number, end: number, get: NodeSource, out: Uint8Array[]): void {
  const n = end - start;
  if (n <= 1) return;
  const k = splitPoint(n);
  if (m < k) {
    path(m, start, start + k, get, out);
    out.push(rangeHash(start + k, end, get));
  } else {
    path(m - k, start + k, end, get, out);
    out.push(rangeHash(start, start + k, get));
  }
}

/** Inclusion proof of leaf `index` in the tree of size `size` (caller checks 0 ≤ index < size). */
export function inclusionProof(index: number, size: number, get: NodeSource): Uint8Array[] {
  const out: Uint8Array[] = [];
  path(index, 0, size, get, out);
  return out;
}

/** RFC 9162 §2.1.4.1 SUBPROOF(m, D[start:end], b). */
function subproof(
  m: number,
  start: number,
  end: number,
  b: boolean,
  get: NodeSource,
  out: Uint8Array[],
): void {
  const n = end - start;
  if (m === n) {
    if (!b) out.push(rangeHash(start, end, get));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(m, start, start + k, b, get, out);
    out.push(rangeHash(start + k, end, get));
  } else {
    subproof(m - k, start + k, end, false, get, out);
    out.push(rangeHash(start, start + k, get));
  }
}

/** Consistency proof between sizes `from` and `to` (caller checks 0 < from ≤ to). */
export function consistencyProof(from: number, to: number, get: NodeSource): Uint8Array[] {
  const out: Uint8Array[] = [];
  if (from === to) return out;
  subproof(from, 0, to, true, get, out);
  return out;
}

/**
 * Which stored nodes a computation reads. The algorithms' access pattern does not depend on
 * hash values, so an async store can fetch exactly these first and then run the computation.
 */
export function nodesRead(compute: (get: NodeSource) => unknown): NodeRef[] {
  const seen = new Map<string, NodeRef>();
  const dummy = new Uint8Array(HASH_SIZE);
  compute((level, index) => {
    seen.set(`${level}:${index}`, { level, index });
    return dummy;
  });
  return [...seen.values()];
}

/** A NodeSource over a map keyed `level:index`, throwing on a missing node (a bug or corruption). */
export function mapSource(nodes: ReadonlyMap<string, Uint8Array>): NodeSource {
  return (level, index) => {
    const h = nodes.get(`${level}:${index}`);
    if (h === undefined) throw new Error(`merkle node ${level}:${index} missing`);
    return h;
  };
}

/**
 * An in-memory Merkle tree (for verify, replay and tests). Each level is one contiguous buffer
 * of 32-byte hashes rather than a Buffer object per node: verify holds about 2n nodes for n
 * events, and millions of small objects cost more in garbage collection than the hashing.
 * `source` returns views into these buffers; callers must not mutate them.
 */
export class MemoryTree {
  readonly #levels: Buffer[] = [];
  readonly #counts: number[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  readonly source: NodeSource = (level, index) => {
    const buf = this.#levels[level];
    if (buf === undefined || !(index >= 0 && index < (this.#counts[level] ?? 0)))
      throw new Error(`merkle node ${level}:${index} missing`);
    return buf.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  };

  #put(level: number, index: number, hash: Uint8Array): void {
    let buf = this.#levels[level];
    const end = (index + 1) * HASH_SIZE;
    if (buf === undefined || buf.length < end) {
      const grown = Buffer.allocUnsafe(Math.max(end, 2 * (buf?.length ?? 0), 64 * HASH_SIZE));
      buf?.copy(grown);
      this.#levels[level] = buf = grown;
    }
    buf.set(hash, index * HASH_SIZE);
    this.#counts[level] = index + 1;
  }

  /** Append a leaf hash and return the nodes it created. */
  append(leaf: Uint8Array): StoredNode[] {
    if (leaf.length !== HASH_SIZE) throw new Error(`a leaf hash has ${HASH_SIZE} bytes, got ${leaf.length}`);
    const created = appendNodes(this.#size, leaf, this.source);
    for (const n of created) this.#put(n.level, n.index, n.hash);
    this.#size += 1;
    return created;
  }

  /**
   * Append a leaf hash, like `append`, without returning the created nodes (verify appends a
   * million leaves and needs none of them): each parent is hashed straight from the level buffers.
   */
  push(leaf: Uint8Array): void {
    if (leaf.length !== HASH_SIZE) throw new Error(`a leaf hash has ${HASH_SIZE} bytes, got ${leaf.length}`);
    let index = this.#size;
    let level = 0;
    this.#put(0, index, leaf);
    const pair = Buffer.allocUnsafe(1 + 2 * HASH_SIZE);
    pair[0] = 0x01;
    while (index % 2 === 1) {
      const buf = this.#levels[level] as Buffer;
      // RFC 9162 §2.1.1: SHA-256(0x01 ‖ left ‖ right), the two children adjacent in this level.
      buf.copy(pair, 1, (index - 1) * HASH_SIZE, (index + 1) * HASH_SIZE);
      index = (index - 1) / 2;
      level += 1;
      this.#put(level, index, hash('sha256', pair, 'buffer'));
    }
    this.#size += 1;
  }

  /**
   * Append a run of leaves whose interior nodes were computed elsewhere (verify's worker
   * threads; see `subtreeNodes`), copying them in instead of hashing. The run must start at a
   * multiple of the smallest power of two ≥ its length, so every node it completes up to that
   * level lies inside it; above it, a run of exactly that power of two completes parents with
   * earlier runs, which are hashed here. Anything else falls back to `push` leaf by leaf.
   */
  pushSubtrees(leaves: Uint8Array, interior: Uint8Array): void {
    const n = leaves.length / HASH_SIZE;
    if (!Number.isInteger(n) || n === 0) {
      if (n !== 0) throw new Error(`leaf hashes come in ${HASH_SIZE}-byte units, got ${leaves.length} bytes`);
      return;
    }
    let height = 0;
    while (2 ** height < n) height++;
    const start = this.#size;
    if (start % 2 ** height !== 0 || interior.length !== subtreeNodeCount(n) * HASH_SIZE) {
      for (let i = 0; i < n; i++) this.push(leaves.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
      return;
    }
    this.#putRun(0, start, leaves);
    let at = 0;
    for (let level = 1, count = n >> 1; count > 0; level++, count >>= 1) {
      this.#putRun(level, start >> level, interior.subarray(at, at + count * HASH_SIZE));
      at += count * HASH_SIZE;
    }
    this.#size += n;
    if (n !== 2 ** height) return;
    // A full aligned run is one subtree: carry its root up past the earlier runs, as `push` does.
    const pair = Buffer.allocUnsafe(1 + 2 * HASH_SIZE);
    pair[0] = 0x01;
    for (let level = height, index = start >> height; index % 2 === 1; level++) {
      (this.#levels[level] as Buffer).copy(pair, 1, (index - 1) * HASH_SIZE, (index + 1) * HASH_SIZE);
      index = (index - 1) / 2;
      this.#put(level + 1, index, hash('sha256', pair, 'buffer'));
    }
  }

  /** Copy `hashes` into `level` from `index` on (growing the level buffer as needed). */
  #putRun(level: number, index: number, hashes: Uint8Array): void {
    const count = hashes.length / HASH_SIZE;
    if (count === 0) return;
    this.#put(level, index + count - 1, hashes.subarray(hashes.length - HASH_SIZE));
    (this.#levels[level] as Buffer).set(hashes, index * HASH_SIZE);
  }

  root(size = this.#size): Uint8Array {
    return rootHash(size, this.source);
  }
}

/** How many interior nodes lie wholly inside a run of `n` leaves: ⌊n/2⌋ + ⌊n/4⌋ + … */
export function subtreeNodeCount(n: number): number {
  let total = 0;
  for (let c = n >> 1; c > 0; c >>= 1) total += c;
  return total;
}

/**
 * The interior nodes inside a run of leaves (32 bytes each, concatenated), level by level from
 * level 1: node i of a level is SHA-256(0x01 ‖ node 2i ‖ node 2i+1) of the level below (RFC 9162
 * §2.1.1). With the run aligned as `MemoryTree.pushSubtrees` requires, these are exactly the
 * tree's nodes over those leaves.
 */
export function subtreeNodes(leaves: Uint8Array): Uint8Array<ArrayBuffer> {
  const n = Math.floor(leaves.length / HASH_SIZE);
  const out = new Uint8Array(subtreeNodeCount(n) * HASH_SIZE);
  const pair = Buffer.allocUnsafe(1 + 2 * HASH_SIZE);
  pair[0] = 0x01;
  let below: Uint8Array = leaves;
  let at = 0;
  for (let count = n >> 1; count > 0; count >>= 1) {
    const levelStart = at;
    for (let i = 0; i < count; i++) {
      pair.set(below.subarray(2 * i * HASH_SIZE, (2 * i + 2) * HASH_SIZE), 1);
      out.set(hash('sha256', pair, 'buffer'), at);
      at += HASH_SIZE;
    }
    below = out.subarray(levelStart, at);
  }
  return out;
}
