/** Worker thread of verify-pool.ts: runs `checkEntries` on each batch it is sent and sends back the result. */
import { parentPort } from 'node:worker_threads';
import { checkEntries, type EntryBatch } from './verify-entries.js';

const port = parentPort;
if (port !== null) {
  port.on('message', (m: { readonly id: number; readonly batch: EntryBatch }) => {
    const check = checkEntries(m.batch, false);
    // The batch travels back too (its bytes feed the projection replay on the main thread).
    port.postMessage({ id: m.id, batch: m.batch, check }, [m.batch.data.buffer, check.leaves.buffer]);
  });
  port.postMessage({ ready: true });
}
