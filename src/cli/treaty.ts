/** `cairn treaty …`: the registry of states, instruments, APII participation and readiness. */
import { Option, type Command } from 'commander';
import { SYSTEM_ACTOR, can } from '../access/index.js';
import {
  INSTRUMENT_KINDS,
  READINESS,
  art4Deadline,
  dateText,
  entryIntoForce,
  getTreatyState,
  listTreatyStates,
  readinessOf,
  statusOf,
  treatySeedCommands,
  withdrawalEffect,
  type TreatyState,
} from '../treaty/index.js';
import { storeChoice, withCairn } from './context.js';
import { printJson, type CliIo } from './io.js';
import type { RegisterCommands } from './registry.js';
import { executeOrRefuse, refuse, resolveActor } from './shared.js';
import { dateOption, readCmd, runCommand, table, writeCmd, type Opts } from './stock-shared.js';

/** What the registry computes for a state at an instant. */
export function treatySummary(s: TreatyState, at: Date) {
  const w = withdrawalEffect(s);
  return {
    code: s.code,
    name: s.name,
    ottawaStatus: statusOf(s, at),
    entryIntoForce: entryIntoForce(s) ?? null,
    art4Deadline: art4Deadline(s) ?? null,
    withdrawal: w,
    withdrawalEffective:
      w.kind === 'effective'
        ? w.effective
        : w.kind === 'deferred-armed-conflict'
          ? 'deferred (armed conflict, Art 20(3))'
          : null,
    apiiParty: s.apiiParty,
    readiness: readinessOf(s, at) ?? null,
    instruments: s.instruments,
    readinessHistory: s.readiness,
  };
}

export const registerTreatyCommands: RegisterCommands = (program: Command, io: CliIo) => {
  const treaty = program
    .command('treaty')
    .description('treaty registry: states, Ottawa instruments, APII, readiness');

  writeCmd(
    treaty,
    io,
    'seed',
    'record the seed facts for FI, EE, LV, LT, PL and UA (law-and-standards §6), with source URLs',
  ).action(async (o: Opts) => {
    await withCairn(o.data, storeChoice(o, io), async (app) => {
      const actor = await resolveActor(app, o.as, SYSTEM_ACTOR);
      let n = 0;
      for (const c of treatySeedCommands()) n += (await executeOrRefuse(app, c, actor)).events.length;
      if (o.json === true) printJson(io, { events: n });
      else io.out(`seeded the treaty registry (${n} events)\n`);
    });
  });
  writeCmd(treaty, io, 'register <code>', 'register a state by ISO 3166 code')
    .requiredOption('--name <name>', 'name')
    .action(async (code: string, o: Opts) => {
      await runCommand(
        io,
        o,
        { type: 'treaty.state.register', payload: { code, name: o['name'] } },
        () => `registered ${code}`,
      );
    });
  writeCmd(
    treaty,
    io,
    'instrument <code>',
    'record an APMBC instrument (signature, ratification, accession, entry-into-force, withdrawal, suspension)',
  )
    .addOption(new Option('--kind <kind>', 'instrument').choices(INSTRUMENT_KINDS).makeOptionMandatory())
    .requiredOption('--date <date>', 'date of deposit or act')
    .requiredOption('--source <url>', 'source URL')
    .option('--note <text>', 'note', '')
    .action(async (code: string, o: Opts) => {
      await runCommand(
        io,
        o,
        {
          type: 'treaty.instrument.record',
          payload: { code, kind: o['kind'], date: o['date'], sourceUrl: o['source'], note: o['note'] },
        },
        () => `recorded ${String(o['kind'])} for ${code}`,
      );
    });
  writeCmd(treaty, io, 'apii <code>', 'record whether the state is party to CCW Amended Protocol II')
    .option('--not-party', 'the state is not a party')
    .requiredOption('--source <url>', 'source URL')
    .action(async (code: string, o: Opts) => {
      await runCommand(
        io,
        o,
        { type: 'treaty.apii.set', payload: { code, party: o['notParty'] !== true, sourceUrl: o['source'] } },
        () => `APII participation of ${code} recorded`,
      );
    });
  writeCmd(treaty, io, 'readiness <code>', 'set the readiness status from a date, citing its legal reference')
    .addOption(new Option('--status <s>', 'status').choices(READINESS).makeOptionMandatory())
    .requiredOption('--date <date>', 'when the status began')
    .requiredOption('--legal-ref <text>', 'the legal reference (decree, law, declaration)')
    .requiredOption('--source <url>', 'source URL')
    .action(async (code: string, o: Opts) => {
      await runCommand(
        io,
        o,
        {
          type: 'treaty.readiness.set',
          effectiveAt: String(o['date']),
          payload: { code, status: o['status'], legalReference: o['legalRef'], sourceUrl: o['source'] },
        },
        () => `${code} is ${String(o['status'])} from ${String(o['date'])}`,
      );
    });

  const show = async (o: Opts, code: string | undefined) =>
    withCairn(o.data, storeChoice(o, io), async (app) => {
      const actor = await resolveActor(app, o.as, SYSTEM_ACTOR);
      if (!can(actor, 'treaty.read'))
        refuse('treaty', [
          { code: 'AUTH_FORBIDDEN', path: '', message: `${actor.name} may not read the treaty registry` },
        ]);
      const at = o['at'] === undefined ? app.clock.now() : dateOption('--at', o['at']);
      const states =
        code === undefined
          ? await listTreatyStates(app.store)
          : [await getTreatyState(app.store, code)].filter((x): x is TreatyState => x !== undefined);
      if (code !== undefined && states.length === 0)
        refuse('treaty show', [{ code: 'TREATY_STATE_UNKNOWN', path: 'code', message: `no state ${code}` }]);
      const rows = states.map((s) => treatySummary(s, at));
      if (o.json === true) {
        printJson(io, code === undefined ? rows : rows[0]);
        return;
      }
      io.out(`as of ${dateText(at)}\n`);
      io.out(
        table(rows, [
          'code',
          'name',
          'ottawaStatus',
          'entryIntoForce',
          'art4Deadline',
          'withdrawalEffective',
          'apiiParty',
          'readiness',
        ]),
      );
      const one = states[0];
      if (code === undefined || one === undefined) return;
      // `show` promises the instruments and the readiness history, as --json gives them.
      io.out(
        `\ninstruments\n${table(
          one.instruments.map((i) => ({ ...i })),
          ['kind', 'date', 'sourceUrl', 'note'],
        )}`,
      );
      io.out(
        `\nreadiness history\n${table(
          one.readiness.map((r) => ({ ...r })),
          ['status', 'from', 'legalReference', 'sourceUrl'],
        )}`,
      );
    });
  readCmd(treaty, io, 'list', 'every state with its computed status')
    .option('--at <date>', 'status at this date')
    .action((o: Opts) => show(o, undefined));
  readCmd(treaty, io, 'show <code>', 'one state with its instruments and readiness history')
    .option('--at <date>', 'status at this date')
    .action((code: string, o: Opts) => show(o, code));
};
