/**
 * `cairn ledger export --out FILE` and `cairn ledger import FILE`: move a whole ledger between
 * stores by replay (SQLite ↔ PostgreSQL), which is also the backup and restore path
 * (docs/postgres.md). The target ends with the identical root and passes `cairn verify`.
 */
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { DB_FILE, exportLedger, importLedger } from '../app/index.js';
import { CairnError } from '../core/index.js';
import { migrateCairn, storeChoice, withCairn } from './context.js';
import { printJson, type CliIo } from './io.js';
import type { RegisterCommands } from './registry.js';
import { withData, type DataOpts } from './shared.js';

/** Write lines to `file` through `file.partial`, renamed only when complete (mode 0600: it may hold password hashes). */
async function writeLinesAtomically<T>(
  file: string,
  fn: (write: (line: string) => Promise<void>) => Promise<T>,
): Promise<T> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial, { mode: 0o600 });
  await once(out, 'open');
  try {
    const result = await fn(async (line) => {
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    });
    out.end();
    await once(out, 'finish');
    renameSync(partial, file);
    return result;
  } catch (e) {
    out.destroy();
    rmSync(partial, { force: true });
    throw e;
  }
}

export const registerLedgerTransferCommands: RegisterCommands = (program: Command, io: CliIo) => {
  const ledger =
    program.commands.find((c) => c.name() === 'ledger') ??
    program.command('ledger').description('read ledger entries and proofs');

  withData(ledger.command('export'), io)
    .description(
      'write the whole ledger (events, checkpoints, credentials) to a JSON Lines file for import elsewhere or as a backup',
    )
    .requiredOption('--out <file>', 'the export file to write (mode 0600)')
    .option(
      '--no-credentials',
      'leave out password hashes and token digests (users must then be given new passwords)',
    )
    .option('--json', 'print JSON')
    .action(async (o: DataOpts & { out: string; credentials: boolean }) => {
      const r = await withCairn(o.data, storeChoice(o, io), (app) =>
        writeLinesAtomically(o.out, (write) => exportLedger(app, write, { credentials: o.credentials })),
      );
      if (o.json === true) printJson(io, { file: o.out, ...r });
      else
        io.out(
          `exported ${r.size} events, ${r.checkpoints} checkpoint(s), ${r.credentials} credential(s) to ${o.out}\nroot ${r.root}\n`,
        );
    });

  withData(ledger.command('import'), io)
    .description(
      "replay an export file into this data directory's empty database (creating its schema if needed); the root must come out identical",
    )
    .argument('<file>', 'a file written by cairn ledger export')
    .option('--json', 'print JSON')
    .action(async (file: string, o: DataOpts) => {
      if (!existsSync(file)) throw new CairnError('USAGE', `${file} does not exist`);
      const choice = storeChoice(o, io);
      const sqliteFile =
        choice.databaseUrl === undefined || choice.databaseUrl === ''
          ? join(resolve(o.data), DB_FILE)
          : undefined;
      // Restoring into a data directory with only cairn.json and signing.key creates its SQLite
      // file; a failed import removes it again, so no empty log is left behind looking valid.
      const created = sqliteFile !== undefined && !existsSync(sqliteFile);
      let r;
      try {
        await migrateCairn(o.data, choice, { create: created });
        r = await withCairn(o.data, choice, async (app) => {
          const input = createReadStream(file, { encoding: 'utf8' });
          const lines = createInterface({ input, crlfDelay: Infinity });
          try {
            return await importLedger(app, lines);
          } finally {
            lines.close();
            input.destroy();
          }
        });
      } catch (e) {
        if (created)
          for (const f of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) rmSync(f, { force: true });
        throw e;
      }
      if (o.json === true) printJson(io, { file, ...r });
      else
        io.out(
          `imported ${r.size} events, ${r.checkpoints} checkpoint(s), ${r.credentials} credential(s)\nroot ${r.root}\nrun cairn verify to check the projections\n`,
        );
    });
};
