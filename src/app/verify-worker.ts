/**
 * Worker thread of verify-pool.ts. Messages, each answered with the same id:
 * - `{ open: ParallelReadSpec }`: open this worker's own read connection to the store;
 * - `{ batch }`: run `checkEntries` on entries the main thread read, and send them back;
 *   payloads are checked against the domain modules' event schemas (event-registry.ts);
 * - `{ range }`: read entries [from, to) through the worker's connection and `checkRange` them;
 * - `{ close: true }`: close that connection.
 * A failure is answered with `{ error }`.
 */
import { parentPort } from 'node:worker_threads';
import type { EntryReader, ParallelReadSpec } from '../store/index.js';
import { domainEventRegistry } from './event-registry.js';
import { BUNDLED_READERS, checkEntries, checkRange, type EntryBatch } from './verify-entries.js';

interface ReaderModule {
  openEntryReader(args: unknown): EntryReader | Promise<EntryReader>;
}

interface Message {
  readonly id: number;
  readonly open?: ParallelReadSpec;
  readonly close?: true;
  readonly batch?: EntryBatch;
  /** Whether event types no domain module declares pass unchecked (see `domainEventRegistry`). */
  readonly openEvents?: boolean;
  readonly range?: {
    readonly from: number;
    readonly to: number;
    readonly firstLevel: number;
    readonly keepBytes: boolean;
  };
}

let reader: EntryReader | undefined;

async function openReader(spec: ParallelReadSpec): Promise<void> {
  const bundled = (globalThis as Record<string, unknown>)[BUNDLED_READERS] as
    Record<string, ReaderModule> | undefined;
  const mod = bundled?.[spec.module] ?? ((await import(spec.module)) as ReaderModule);
  await reader?.close();
  reader = await mod.openEntryReader(spec.args);
}

const port = parentPort;
if (port !== null) {
  const handle = async (m: Message): Promise<void> => {
    if (m.open !== undefined) {
      await openReader(m.open);
      port.postMessage({ id: m.id });
    } else if (m.close === true) {
      await reader?.close();
      reader = undefined;
      port.postMessage({ id: m.id });
    } else if (m.batch !== undefined) {
      const check = checkEntries(m.batch, false, domainEventRegistry(m.openEvents === true));
      // The batch travels back too (its bytes feed the projection replay on the main thread).
      port.postMessage({ id: m.id, batch: m.batch, check }, [
        m.batch.data.buffer,
        check.leaves.buffer,
        check.interior.buffer,
      ]);
    } else if (m.range !== undefined) {
      if (reader === undefined) throw new Error('no read connection is open');
      const r = await checkRange(
        reader,
        m.range.from,
        m.range.to,
        m.range.firstLevel,
        m.range.keepBytes,
        domainEventRegistry(m.openEvents === true),
      );
      const transfer: ArrayBuffer[] = [];
      if (r.check !== undefined) transfer.push(r.check.leaves.buffer, r.check.interior.buffer);
      if (r.batch !== undefined)
        transfer.push(
          r.batch.data.buffer,
          r.batch.seqs.buffer,
          r.batch.offsets.buffer,
          r.batch.stored.buffer,
        );
      port.postMessage({ id: m.id, range: r }, transfer);
    }
  };
  port.on('message', (m: Message) => {
    handle(m).catch((e: unknown) => {
      port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
    });
  });
  port.postMessage({ ready: true });
}
