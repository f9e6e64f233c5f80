/**
 * A small pool of worker threads running verify's per-entry checks (verify-entries.ts), so that
 * hashing, parsing and the canonical-form check of a batch run on other cores while the main
 * thread reads the next batch and builds the Merkle tree. Results come back in dispatch order.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EntryBatch, EntryCheck } from './verify-entries.js';

interface Reply {
  readonly id: number;
  readonly batch: EntryBatch;
  readonly check: EntryCheck;
}
interface Pending {
  readonly resolve: (r: Reply) => void;
  readonly reject: (e: Error) => void;
}

/** The part of esbuild's API used to run the worker from TypeScript source (esbuild comes with tsx and vite). */
interface Esbuild {
  buildSync(o: { entryPoints: string[]; bundle: true; platform: 'node'; format: 'cjs'; target: string; write: false }): { outputFiles: { text: string }[] };
}
let sourceBundle: string | undefined;

/**
 * Start one worker. Compiled (dist/*.js) it is the plain module next to this one. Run from
 * TypeScript source (tsx, vitest), where Node 20 gives a worker no loader hooks, the worker and
 * the few modules it imports (core, ledger/event, store/sealed: no packages) are bundled once
 * with esbuild and run as an eval worker: the same source as the caller, only transpiled.
 */
function spawn(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new Worker(new URL('./verify-worker.js', here));
  if (sourceBundle === undefined) {
    const esbuild = createRequire(here)('esbuild') as Esbuild;
    const entry = fileURLToPath(new URL('./verify-worker.ts', here));
    sourceBundle = esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false }).outputFiles[0]?.text ?? '';
  }
  return new Worker(sourceBundle, { eval: true });
}

/** A worker that has not said it is ready after this long is given up (verify then checks inline). */
const START_TIMEOUT_MS = 20_000;

/**
 * Resolves when the worker says it is ready. Removes only its own listeners: a Worker's
 * `removeAllListeners()` would also drop Node's internal ones and stop message delivery.
 */
function ready(w: Worker): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (e?: Error): void => {
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('error', done);
      w.off('exit', onExit);
      if (e === undefined) resolve();
      else reject(e);
    };
    const onMessage = (m: unknown): void => {
      if (typeof m === 'object' && m !== null && 'ready' in m) done();
    };
    const onExit = (code: number): void => {
      done(new Error(`verify worker exited with code ${code}`));
    };
    const timer = setTimeout(() => {
      done(new Error('verify worker did not start'));
    }, START_TIMEOUT_MS);
    w.on('message', onMessage);
    w.on('error', done);
    w.on('exit', onExit);
  });
}

export class EntryPool {
  readonly #workers: Worker[];
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  #failed: Error | undefined;
  #closing = false;

  private constructor(workers: Worker[]) {
    this.#workers = workers;
    for (const w of workers) {
      w.on('message', (m: Reply | { ready: true }) => {
        if (!('id' in m)) return;
        const p = this.#pending.get(m.id);
        this.#pending.delete(m.id);
        p?.resolve(m);
      });
      w.on('error', (e) => {
        this.#fail(e);
      });
      w.on('exit', (code) => {
        if (code !== 0 && !this.#closing) this.#fail(new Error(`verify worker exited with code ${code}`));
      });
    }
  }

  #fail(e: Error): void {
    this.#failed ??= e;
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }

  /** A pool of `size` workers once all are ready, or undefined when workers cannot start here (the caller checks inline). */
  static async start(size: number): Promise<EntryPool | undefined> {
    const workers: Worker[] = [];
    try {
      for (let i = 0; i < size; i++) workers.push(spawn());
      await Promise.all(workers.map(ready));
    } catch {
      await Promise.all(workers.map((w) => w.terminate()));
      return undefined;
    }
    return new EntryPool(workers);
  }

  /** Check a batch on the next worker; its typed arrays are transferred (unusable here until the reply brings them back). */
  check(batch: EntryBatch): Promise<Reply> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    const id = this.#next++;
    const worker = this.#workers[id % this.#workers.length] as Worker;
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, batch }, [batch.data.buffer, batch.seqs.buffer, batch.offsets.buffer, batch.stored.buffer]);
    });
  }

  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
