/**
 * One writer process of test/postgres-concurrency.test.ts: opens the data directory on
 * PostgreSQL through its own connection pool and executes N commands, each one transaction
 * (append + projections), toggling a role on its own user. Prints {"seqs":[…]} when done.
 * Usage: node --import tsx test/postgres-concurrency.worker.ts DATA_DIR DATABASE_URL USER N
 */
import { SYSTEM_ACTOR } from '../src/access/index.js';
import { openCairn } from '../src/cli/context.js';

const [dataDir, url, user, countText] = process.argv.slice(2);
if (dataDir === undefined || url === undefined || user === undefined || countText === undefined) {
  process.stderr.write('usage: worker DATA_DIR DATABASE_URL USER N\n');
  process.exit(2);
}
const { app } = await openCairn(dataDir, { databaseUrl: url });
const seqs: number[] = [];
try {
  for (let i = 0; i < Number(countText); i++) {
    const type = i % 2 === 0 ? 'user.role.assign' : 'user.role.revoke';
    const r = await app.execute({ type, payload: { name: user, role: 'auditor' } }, SYSTEM_ACTOR);
    if (!r.ok) throw new Error(`${type} refused: ${r.errors.map((e) => e.message).join('; ')}`);
    for (const e of r.value.events) seqs.push(e.seq);
  }
} finally {
  await app.close();
}
process.stdout.write(`${JSON.stringify({ user, seqs })}\n`);
