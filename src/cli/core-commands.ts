/** The foundation commands: init, migrate, verify, checkpoint, key, ledger …, user …. */
import { Option, type Command } from 'commander';
import { ROLES, SYSTEM_ACTOR, isRole, type Role } from '../access/index.js';
import { defaultOrigin, type VerifyReport } from '../app/index.js';
import { CairnError } from '../core/index.js';
import { USERS, toUser } from '../users/index.js';
import { initCairn, migrateCairn, storeChoice, withCairn } from './context.js';
import { printJson, type CliIo } from './io.js';
import type { RegisterCommands } from './registry.js';
import {
  executeOrRefuse,
  parseCount,
  readSecret,
  resolveActor,
  withActor,
  withData,
  type DataOpts,
} from './shared.js';

function printVerify(io: CliIo, r: VerifyReport, json: boolean): void {
  if (json) {
    printJson(io, r);
    return;
  }
  for (const f of r.failures) io.out(`FAIL ${f.check}: ${f.message}\n`);
  io.out(
    r.ok
      ? `OK: ${r.size} events, root ${r.root}, ${r.checkpoints} checkpoint(s), ${r.documents} projection document(s) match a replay\n`
      : `FAILED: ${r.failures.length} problem(s) in a ledger of ${r.size} events\n`,
  );
}

export const registerCoreCommands: RegisterCommands = (program: Command, io: CliIo) => {
  withData(program.command('init'), io)
    .description('create a data directory: database, schema and Ed25519 signing key')
    .option('--origin <name>', 'the log name used in checkpoints', defaultOrigin())
    .option('--json', 'print JSON')
    .action(async (o: DataOpts & { origin: string }) => {
      const { app, dd } = await initCairn(o.data, o.origin, storeChoice(o, io));
      const key = app.ledger.verifierKey();
      await app.close();
      if (o.json === true) printJson(io, { data: dd.dir, origin: o.origin, verifierKey: key });
      else io.out(`initialised ${dd.dir}\norigin ${o.origin}\nverifier key ${key}\n`);
    });

  withData(program.command('migrate'), io)
    .description('run forward-only schema migrations')
    .option('--json', 'print JSON')
    .action(async (o: DataOpts) => {
      const r = await migrateCairn(o.data, storeChoice(o, io));
      if (o.json === true) printJson(io, r);
      else
        io.out(
          r.applied.length === 0
            ? `schema is current (version ${r.to})\n`
            : `migrated schema ${r.from} → ${r.to} (applied ${r.applied.join(', ')})\n`,
        );
    });

  withData(program.command('verify'), io)
    .description(
      'check every hash, checkpoint signature, consistency proof and projection; exit 1 on any failure',
    )
    .option('--json', 'print JSON')
    .option('--ledger-only', 'skip rebuilding the projections')
    .action(async (o: DataOpts & { ledgerOnly?: boolean }) => {
      const r = await withCairn(o.data, storeChoice(o, io), (app) =>
        app.verify({
          skipProjections: o.ledgerOnly === true,
          onProgress: (phase, done, total) => {
            if (o.json !== true && total >= 100_000 && io.stdinIsTTY) io.err(`\r${phase} ${done}/${total}`);
          },
        }),
      );
      printVerify(io, r, o.json === true);
      if (!r.ok) process.exitCode = 1;
    });

  withData(program.command('checkpoint'), io)
    .description('sign a checkpoint of the current tree (C2SP tlog-checkpoint), store and print it')
    .option('--json', 'print JSON')
    .action(async (o: DataOpts) => {
      const cp = await withCairn(o.data, storeChoice(o, io), (app) => app.ledger.checkpoint());
      if (o.json === true)
        printJson(io, {
          origin: cp.origin,
          size: cp.size,
          root: Buffer.from(cp.root).toString('hex'),
          text: cp.text,
        });
      else io.out(cp.text);
    });

  withData(program.command('key'), io)
    .description('print the verifier key: <origin>+<key id>+<base64 key>')
    .action(async (o: DataOpts) => {
      const key = await withCairn(o.data, storeChoice(o, io), (app) =>
        Promise.resolve(app.ledger.verifierKey()),
      );
      io.out(`${key}\n`);
    });

  const ledger = program.command('ledger').description('read ledger entries and proofs');
  withData(ledger.command('entry'), io)
    .description('print one entry: its canonical bytes, leaf hash and event')
    .requiredOption('--index <i>', 'entry index (0-based)')
    .option('--json', 'print JSON')
    .action(async (o: DataOpts & { index: string }) => {
      const index = parseCount('--index', o.index);
      const e = await withCairn(o.data, storeChoice(o, io), (app) => app.ledger.entry(index));
      if (o.json === true) printJson(io, e);
      else io.out(`index ${e.index}\nleafHash ${e.leafHash}\n${JSON.stringify(e.event, null, 2)}\n`);
    });

  const proof = ledger.command('proof').description('Merkle proofs (RFC 9162)');
  withData(proof.command('inclusion'), io)
    .description('inclusion proof of entry --index in the tree of --size entries')
    .requiredOption('--index <i>', 'entry index')
    .requiredOption('--size <n>', 'tree size')
    .option('--json', 'print JSON')
    .action(async (o: DataOpts & { index: string; size: string }) => {
      const index = parseCount('--index', o.index);
      const size = parseCount('--size', o.size);
      const p = await withCairn(o.data, storeChoice(o, io), (app) => app.ledger.inclusion(index, size));
      if (o.json === true) printJson(io, p);
      else
        io.out(
          `leaf ${p.index} in size ${p.size}\nleafHash ${p.leafHash}\nroot ${p.root}\n${p.proof.join('\n')}${p.proof.length ? '\n' : ''}`,
        );
    });
  withData(proof.command('consistency'), io)
    .description('consistency proof between tree sizes --from and --to')
    .requiredOption('--from <m>', 'older tree size')
    .requiredOption('--to <n>', 'newer tree size')
    .option('--json', 'print JSON')
    .action(async (o: DataOpts & { from: string; to: string }) => {
      const from = parseCount('--from', o.from);
      const to = parseCount('--to', o.to);
      const p = await withCairn(o.data, storeChoice(o, io), (app) => app.ledger.consistency(from, to));
      if (o.json === true) printJson(io, p);
      else
        io.out(
          `from ${p.from} to ${p.to}\nroot1 ${p.root1}\nroot2 ${p.root2}\n${p.proof.join('\n')}${p.proof.length ? '\n' : ''}`,
        );
    });

  const user = program.command('user').description('users and roles');
  withActor(withData(user.command('add'), io))
    .description('add a user; the password is read from stdin when piped, or prompted for')
    .argument('<name>', 'user name')
    .addOption(new Option('--role <role...>', 'one or more roles').choices(ROLES).makeOptionMandatory())
    .option('--display-name <text>', 'full name')
    .option('--clearance <level>', 'public | restricted | confidential | secret')
    .option('--region <code...>', 'regional scope (ISO 3166 codes); default all')
    .option('--json', 'print JSON')
    .action(
      async (
        name: string,
        o: DataOpts & { role: string[]; displayName?: string; clearance?: string; region?: string[] },
      ) => {
        const password = await readSecret(io, `Password for ${name}: `);
        const r = await withCairn(o.data, storeChoice(o, io), async (app) =>
          executeOrRefuse(
            app,
            {
              type: 'user.add',
              payload: {
                name,
                roles: o.role,
                password,
                ...(o.displayName ? { displayName: o.displayName } : {}),
                ...(o.clearance ? { clearance: o.clearance } : {}),
                ...(o.region ? { regions: o.region } : {}),
              },
            },
            await resolveActor(app, o.as, SYSTEM_ACTOR),
          ),
        );
        if (o.json === true) printJson(io, r.result);
        else io.out(`added user ${name} (${o.role.join(', ')})\n`);
      },
    );

  withData(user.command('list'), io)
    .description('list users with their roles and clearance')
    .option('--json', 'print JSON')
    .action(async (o: DataOpts) => {
      const users = await withCairn(o.data, storeChoice(o, io), async (app) =>
        (await app.store.findDocs({ collection: USERS, orderBy: { field: 'name' } })).map((d) =>
          toUser(d.data),
        ),
      );
      if (o.json === true) {
        printJson(io, users);
        return;
      }
      for (const u of users)
        io.out(
          `${u.name}\t${u.roles.join(',')}\t${u.clearance}\t${u.regions.join(',') || 'all regions'}${u.disabled ? '\tdisabled' : ''}\n`,
        );
    });

  withActor(withData(user.command('role'), io))
    .description('assign (--add) or revoke (--remove) a role')
    .argument('<name>', 'user name')
    .option('--add <role>', 'role to assign')
    .option('--remove <role>', 'role to revoke')
    .option('--json', 'print JSON')
    .action(async (name: string, o: DataOpts & { add?: string; remove?: string }) => {
      if ((o.add === undefined) === (o.remove === undefined))
        throw new CairnError('USAGE', 'give exactly one of --add ROLE or --remove ROLE');
      const role = (o.add ?? o.remove) as string;
      if (!isRole(role)) throw new CairnError('USAGE', `unknown role "${role}" (roles: ${ROLES.join(', ')})`);
      const type = o.add !== undefined ? 'user.role.assign' : 'user.role.revoke';
      const r = await withCairn(o.data, storeChoice(o, io), async (app) =>
        executeOrRefuse(
          app,
          { type, payload: { name, role: role satisfies Role } },
          await resolveActor(app, o.as, SYSTEM_ACTOR),
        ),
      );
      if (o.json === true)
        printJson(io, {
          name,
          role,
          action: o.add !== undefined ? 'assigned' : 'revoked',
          seq: r.events[0]?.seq,
        });
      else
        io.out(
          `${o.add !== undefined ? 'assigned' : 'revoked'} ${role} ${o.add !== undefined ? 'to' : 'from'} ${name}\n`,
        );
    });

  withActor(withData(user.command('disable'), io))
    .description('disable a user (history is kept)')
    .argument('<name>', 'user name')
    .requiredOption('--reason <text>', 'why')
    .action(async (name: string, o: DataOpts & { reason: string }) => {
      await withCairn(o.data, storeChoice(o, io), async (app) =>
        executeOrRefuse(
          app,
          { type: 'user.disable', payload: { name, reason: o.reason } },
          await resolveActor(app, o.as, SYSTEM_ACTOR),
        ),
      );
      io.out(`disabled ${name}\n`);
    });

  withActor(withData(user.command('token'), io))
    .description('create an API token for a user (printed once; only its digest is stored)')
    .argument('<name>', 'user name')
    .requiredOption('--label <text>', 'what the token is for, e.g. qgis')
    .option('--json', 'print JSON')
    .action(async (name: string, o: DataOpts & { label: string }) => {
      const r = await withCairn(o.data, storeChoice(o, io), async (app) =>
        executeOrRefuse(
          app,
          { type: 'user.token.create', payload: { name, label: o.label } },
          await resolveActor(app, o.as, SYSTEM_ACTOR),
        ),
      );
      if (o.json === true) printJson(io, r.result);
      else io.out(`${typeof r.result['token'] === 'string' ? r.result['token'] : ''}\n`);
    });
};
