/**
 * MemoryDocs, the scratch target of replays and `cairn verify`, answers the documents half of the
 * store contract exactly as SQLite and PostgreSQL do (the ledger half is not its job).
 */
import { geoSpatialPredicate } from '../app/spatial.js';
import { runDocsContract } from './docs-contract.testkit.js';
import { MemoryDocs } from './memory.js';

runDocsContract('memory (MemoryDocs, replay scratch)', () => {
  const m = new MemoryDocs(geoSpatialPredicate);
  return Promise.resolve({
    docs: m,
    write: (fn) => fn(m),
    all: () => Promise.resolve([...m.all()]),
    close: () => Promise.resolve(),
  });
});
