/** Ledger queries over a store: roots, entries, proofs and signed checkpoints. */
import { CairnError, isoInstant, type Clock } from '../core/index.js';
import {
  consistencyProof,
  inclusionProof,
  mapSource,
  nodesRead,
  parseEventBytes,
  rootHash,
  signCheckpoint,
  verifierKeyString,
  type LedgerEvent,
  type NodeSource,
  type SignedCheckpoint,
  type Signer,
} from '../ledger/index.js';
import type { Store } from '../store/index.js';

export interface EntryView {
  readonly index: number;
  /** base64 of the canonical bytes. */
  readonly leaf: string;
  readonly leafHash: string;
  readonly event: LedgerEvent;
}
export interface InclusionView {
  readonly index: number;
  readonly size: number;
  readonly leafHash: string;
  readonly root: string;
  readonly proof: readonly string[];
}
export interface ConsistencyView {
  readonly from: number;
  readonly to: number;
  readonly root1: string;
  readonly root2: string;
  readonly proof: readonly string[];
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function checkIndex(name: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0)
    throw new CairnError('LEDGER_SIZE_INVALID', `${name} must be a non-negative integer, got ${v}`);
}

/** Run a Merkle computation against the store: fetch exactly the nodes it reads, then compute. */
async function withNodes<T>(store: Store, compute: (get: NodeSource) => T): Promise<T> {
  const nodes = await store.getNodes(nodesRead(compute));
  return compute(mapSource(nodes));
}

export class LedgerService {
  readonly #store: Store;
  readonly #signer: Signer;
  readonly #clock: Clock;

  constructor(store: Store, signer: Signer, clock: Clock) {
    this.#store = store;
    this.#signer = signer;
    this.#clock = clock;
  }

  get origin(): string {
    return this.#signer.origin;
  }

  verifierKey(): string {
    return verifierKeyString(this.#signer);
  }

  size(): Promise<number> {
    return this.#store.treeSize();
  }

  async root(size?: number): Promise<Buffer> {
    const n = size ?? (await this.#store.treeSize());
    return Buffer.from(await withNodes(this.#store, (get) => rootHash(n, get)));
  }

  async entry(index: number): Promise<EntryView> {
    checkIndex('index', index);
    const size = await this.#store.treeSize();
    if (index >= size)
      throw new CairnError(
        'LEDGER_INDEX_OUT_OF_RANGE',
        `index ${index} is out of range: the ledger has ${size} entries`,
      );
    const [e] = await this.#store.readEntries(index, index + 1);
    if (e === undefined) throw new CairnError('DATA_DIR_CORRUPT', `entry ${index} is missing`);
    return {
      index,
      leaf: e.bytes.toString('base64'),
      leafHash: hex(e.leafHash),
      event: parseEventBytes(e.bytes),
    };
  }

  async inclusion(index: number, size: number): Promise<InclusionView> {
    checkIndex('index', index);
    checkIndex('size', size);
    const current = await this.#store.treeSize();
    if (size > current || size === 0)
      throw new CairnError(
        'LEDGER_SIZE_INVALID',
        `size ${size} must be between 1 and the ledger size ${current}`,
      );
    if (index >= size)
      throw new CairnError('LEDGER_INDEX_OUT_OF_RANGE', `index ${index} is out of range for size ${size}`);
    const { proof, root, leaf } = await withNodes(this.#store, (get) => ({
      proof: inclusionProof(index, size, get),
      root: rootHash(size, get),
      leaf: get(0, index),
    }));
    return { index, size, leafHash: hex(leaf), root: hex(root), proof: proof.map(hex) };
  }

  async consistency(from: number, to: number): Promise<ConsistencyView> {
    checkIndex('from', from);
    checkIndex('to', to);
    const current = await this.#store.treeSize();
    if (from === 0 || from > to)
      throw new CairnError('LEDGER_SIZE_INVALID', `need 1 ≤ from ≤ to, got from=${from} to=${to}`);
    if (to > current)
      throw new CairnError('LEDGER_SIZE_INVALID', `to=${to} is beyond the ledger size ${current}`);
    const r = await withNodes(this.#store, (get) => ({
      proof: consistencyProof(from, to, get),
      root1: rootHash(from, get),
      root2: rootHash(to, get),
    }));
    return { from, to, root1: hex(r.root1), root2: hex(r.root2), proof: r.proof.map(hex) };
  }

  /** Sign a checkpoint of the current tree, store it and return it. */
  async checkpoint(): Promise<SignedCheckpoint> {
    const size = await this.#store.treeSize();
    const root = await this.root(size);
    const cp = signCheckpoint({ origin: this.#signer.origin, size, root }, this.#signer);
    await this.#store.putCheckpoint({ size, root, text: cp.text, createdAt: isoInstant(this.#clock.now()) });
    return cp;
  }

  /** The latest stored checkpoint, or a new one when none covers the current tree. */
  async currentCheckpoint(): Promise<SignedCheckpoint> {
    const size = await this.#store.treeSize();
    const list = await this.#store.listCheckpoints();
    const last = list[list.length - 1];
    if (last !== undefined && last.size === size)
      return { origin: this.#signer.origin, size, root: last.root, text: last.text };
    return this.checkpoint();
  }
}
