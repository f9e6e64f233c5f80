/**
 * A small pool of worker threads running verify's per-entry checks (verify-entries.ts), so that
 * hashing, parsing and the canonical-form check of a batch run on other cores while the main
 * thread reads the next batch and builds the Merkle tree. Results come back in dispatch order.
 */
import { builtinModules, createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParallelReadSpec } from '../store/index.js';
import { BUNDLED_READERS, type EntryBatch, type EntryCheck, type RangeCheck } from './verify-entries.js';

interface Reply {
  readonly id: number;
  readonly batch?: EntryBatch;
  readonly check?: EntryCheck;
  readonly range?: RangeCheck;
  readonly error?: string;
}
interface Pending {
  readonly resolve: (r: Reply) => void;
  readonly reject: (e: Error) => void;
}

/** The part of esbuild's API used to run the worker from TypeScript source (esbuild comes with tsx and vite). */
interface EsbuildPlugin {
  name: string;
  setup(b: {
    onResolve(
      o: { filter: RegExp },
      f: (a: { path: string; importer: string }) => { path: string; external: true } | undefined,
    ): void;
  }): void;
}
interface Esbuild {
  build(o: {
    stdin: { contents: string; resolveDir: string; loader: 'ts' };
    bundle: true;
    platform: 'node';
    format: 'cjs';
    target: string;
    write: false;
    plugins: EsbuildPlugin[];
  }): Promise<{ outputFiles: { text: string }[] }>;
}
const sourceBundles = new Map<string, Promise<string>>();

/**
 * The worker's code when run from TypeScript source (tsx, vitest), where Node 20 gives a worker
 * no loader hooks: the worker, the few modules it imports and the store's reader module are
 * bundled once with esbuild and run as an eval worker; packages (better-sqlite3) stay outside,
 * required by absolute path. The same source as the caller, only transpiled.
 */
function workerSource(here: string, readerModule: string | undefined): Promise<string> {
  const key = readerModule ?? '';
  let text = sourceBundles.get(key);
  if (text === undefined) {
    const esbuild = createRequire(here)('esbuild') as Esbuild;
    const worker = fileURLToPath(new URL('./verify-worker.ts', here));
    const reader = readerModule === undefined ? undefined : fileURLToPath(readerModule);
    const contents = [
      ...(reader === undefined
        ? []
        : [
            `import * as reader from ${JSON.stringify(reader)};`,
            `(globalThis as Record<string, unknown>)[${JSON.stringify(BUNDLED_READERS)}] = { [${JSON.stringify(readerModule)}]: reader };`,
          ]),
      `import ${JSON.stringify(worker)};`,
    ].join('\n');
    const packagesByPath: EsbuildPlugin = {
      name: 'packages-by-absolute-path',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (a) => {
          if (a.path.startsWith('node:') || builtinModules.includes(a.path)) return undefined;
          return { path: createRequire(a.importer).resolve(a.path), external: true };
        });
      },
    };
    text = esbuild
      .build({
        stdin: { contents, resolveDir: fileURLToPath(new URL('.', here)), loader: 'ts' },
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        write: false,
        plugins: [packagesByPath],
      })
      .then((r) => r.outputFiles[0]?.text ?? '');
    sourceBundles.set(key, text);
  }
  return text;
}

/**
 * Start one worker. Compiled (dist/*.js) it is the plain module next to this one, which imports
 * the reader module itself when asked to open one; from source, see workerSource.
 */
async function spawn(readerModule: string | undefined): Promise<Worker> {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new Worker(new URL('./verify-worker.js', here));
  return new Worker(await workerSource(here, readerModule), { eval: true });
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
  #reading = false;

  private constructor(workers: Worker[]) {
    this.#workers = workers;
    for (const w of workers) {
      w.on('message', (m: Reply | { ready: true }) => {
        if (!('id' in m)) return;
        const p = this.#pending.get(m.id);
        this.#pending.delete(m.id);
        if (m.error !== undefined) p?.reject(new Error(m.error));
        else p?.resolve(m);
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

  /**
   * A pool of `size` workers once all are ready, or undefined when workers cannot start here
   * (the caller checks inline). With `reader`, each worker also opens its own read connection;
   * `reading` says whether they all could.
   */
  static async start(size: number, reader?: ParallelReadSpec): Promise<EntryPool | undefined> {
    const workers: Worker[] = [];
    try {
      for (let i = 0; i < size; i++) workers.push(await spawn(reader?.module));
      await Promise.all(workers.map(ready));
    } catch {
      await Promise.all(workers.map((w) => w.terminate()));
      return undefined;
    }
    const pool = new EntryPool(workers);
    if (reader !== undefined) {
      const opened = await Promise.allSettled(workers.map((w) => pool.#send(w, { open: reader }, [])));
      pool.#reading = opened.every((o) => o.status === 'fulfilled');
    }
    return pool;
  }

  /** False once a worker has died (every later task would be refused). */
  get healthy(): boolean {
    return this.#failed === undefined;
  }

  /** True when every worker has its own read connection (see `checkRange`). */
  get reading(): boolean {
    return this.#reading;
  }

  #send(worker: Worker, message: object, transfer: ArrayBuffer[]): Promise<Reply> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    const id = this.#next++;
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message }, transfer);
    });
  }

  /** The worker the next task goes to (round robin). */
  #worker(): Worker {
    return this.#workers[this.#next % this.#workers.length] as Worker;
  }

  /**
   * Check a batch on the next worker (`openEvents`: see `domainEventRegistry`); its typed arrays are transferred (unusable here until the reply brings them back). */
  async check(batch: EntryBatch, openEvents = false): Promise<{ batch: EntryBatch; check: EntryCheck }> {
    const r = await this.#send(this.#worker(), { batch, openEvents }, [
      batch.data.buffer,
      batch.seqs.buffer,
      batch.offsets.buffer,
      batch.stored.buffer,
    ]);
    if (r.batch === undefined || r.check === undefined) throw new Error('verify worker sent no check');
    return { batch: r.batch, check: r.check };
  }

  /** Read and check entries [from, to) on the next worker, through its own connection (see checkRange). */
  async checkRange(
    from: number,
    to: number,
    firstLevel: number,
    keepBytes: boolean,
    openEvents = false,
  ): Promise<RangeCheck> {
    const r = await this.#send(
      this.#worker(),
      { range: { from, to, firstLevel, keepBytes }, openEvents },
      [],
    );
    if (r.range === undefined) throw new Error('verify worker sent no range check');
    return r.range;
  }

  async close(): Promise<void> {
    // Close the workers' read connections first (a failed worker is simply terminated).
    if (this.#reading && this.#failed === undefined)
      await Promise.allSettled(this.#workers.map((w) => this.#send(w, { close: true }, [])));
    this.#closing = true;
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
