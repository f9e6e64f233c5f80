/**
 * `cairn stock …` (catalogue, movements, checks, balances); `cairn report stock` is in cli/reports.ts.
 * Every write takes --as USER; see docs/cli-stock.md.
 */
import { Option, type Command } from 'commander';
import { SYSTEM_ACTOR, can } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import { CONDITIONS, MOVEMENT_KINDS, ORG_KINDS, STOCK_COLLECTIONS, balanceAt } from '../stock/index.js';
import type { DocReader } from '../store/index.js';
import { storeChoice, withCairn } from './context.js';
import { printJson, type CliIo } from './io.js';
import type { RegisterCommands } from './registry.js';
import { dateOrInstantArg, parseCount, refuse, resolveActor } from './shared.js';
import { dateOption, payloadOf, readCmd, runCommand, table, writeCmd, type Opts } from './stock-shared.js';

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const withPayload = (c: Command) =>
  c
    .option('--payload <json>', 'the record as JSON')
    .option('--file <file>', 'the record as a JSON file (- for stdin)');

/** Docs as of a ledger size (replay) or the live projections. */
async function docsAt(app: Cairn, o: Opts): Promise<DocReader> {
  return typeof o['atSize'] === 'string'
    ? app.replay({ toSize: parseCount('--at-size', o['atSize']) })
    : app.store;
}

export const registerStockCommands: RegisterCommands = (program: Command, io: CliIo) => {
  const stock = program
    .command('stock')
    .description('stockpile accountability: catalogue, movements, stock checks, balances');

  const type = stock.command('type').description('mine types (Form H identification facts)');
  withPayload(writeCmd(type, io, 'add', 'add a mine type from JSON (see docs/cli-stock.md)')).action(
    async (o: Opts) => {
      const payload = await payloadOf(io, o);
      await runCommand(
        io,
        o,
        { type: 'stock.type.add', payload },
        (r) => `added mine type ${s(r['typeId'])}`,
      );
    },
  );

  const org = stock
    .command('org')
    .description('organisations: manufacturers, operators, authorised institutions');
  writeCmd(org, io, 'add', 'add an organisation')
    .requiredOption('--name <name>', 'name')
    .addOption(new Option('--kind <kind>', 'kind').choices(ORG_KINDS).makeOptionMandatory())
    .requiredOption('--country <cc>', 'ISO 3166 code')
    .action(async (o: Opts) => {
      await runCommand(
        io,
        o,
        { type: 'stock.org.add', payload: { name: o['name'], kind: o['kind'], country: o['country'] } },
        (r) => `added organisation ${s(r['orgId'])}`,
      );
    });

  const lot = stock.command('lot').description('lots');
  writeCmd(lot, io, 'add', 'add a lot')
    .requiredOption('--type <id>', 'mine type id')
    .requiredOption('--lot-number <n>', 'lot number (unique per type and manufacturer)')
    .requiredOption('--manufacturer <id>', 'manufacturer organisation id')
    .requiredOption('--origin <cc>', 'country of origin (ISO 3166)')
    .requiredOption('--production-month <yyyy-mm>', 'month and year of production (APII TA 1(d))')
    .addOption(new Option('--condition <c>', 'condition code').choices(CONDITIONS))
    .option('--serial-from <s>', 'first serial number')
    .option('--serial-to <s>', 'last serial number')
    .action(async (o: Opts) => {
      const payload = {
        typeId: o['type'],
        lotNumber: o['lotNumber'],
        manufacturerId: o['manufacturer'],
        countryOfOrigin: o['origin'],
        productionMonth: o['productionMonth'],
        ...(o['condition'] === undefined ? {} : { condition: o['condition'] }),
        ...(o['serialFrom'] === undefined
          ? {}
          : { serialRange: { from: o['serialFrom'], to: o['serialTo'] } }),
      };
      await runCommand(io, o, { type: 'stock.lot.add', payload }, (r) => `added lot ${s(r['lotId'])}`);
    });
  writeCmd(lot, io, 'recall <lotId>', 'recall a lot (a recalled lot cannot be issued)')
    .requiredOption('--reason <text>', 'why')
    .option('--lift', 'lift the recall instead')
    .action(async (lotId: string, o: Opts) => {
      await runCommand(
        io,
        o,
        { type: 'stock.lot.recall', payload: { lotId, recalled: o['lift'] !== true, reason: o['reason'] } },
        () => `lot ${lotId} ${o['lift'] === true ? 'no longer recalled' : 'recalled'}`,
      );
    });
  writeCmd(lot, io, 'condition <lotId>', 'set the condition code of a lot')
    .addOption(new Option('--condition <c>', 'condition code').choices(CONDITIONS).makeOptionMandatory())
    .option('--note <text>', 'surveillance note', '')
    .action(async (lotId: string, o: Opts) => {
      await runCommand(
        io,
        o,
        { type: 'stock.lot.condition.set', payload: { lotId, condition: o['condition'], note: o['note'] } },
        () => `lot ${lotId} is ${s(o['condition'])}`,
      );
    });

  const facility = stock.command('facility').description('storage facilities and locations');
  withPayload(
    writeCmd(
      facility,
      io,
      'add',
      'add a facility from JSON (location GeoJSON, licence, NEQ limits, storage locations)',
    ),
  ).action(async (o: Opts) => {
    const payload = await payloadOf(io, o);
    await runCommand(
      io,
      o,
      { type: 'stock.facility.add', payload },
      (r) => `added facility ${s(r['facilityId'])}`,
    );
  });
  writeCmd(facility, io, 'inspect <facilityId>', 'record an inspection (IATG 06.70)')
    .requiredOption('--date <date>', 'date of the inspection', dateOrInstantArg)
    .option('--findings <text>', 'findings', '')
    .action(async (facilityId: string, o: Opts) => {
      await runCommand(
        io,
        o,
        {
          type: 'stock.facility.inspect',
          effectiveAt: s(o['date']),
          payload: { facilityId, findings: o['findings'] },
        },
        () => `inspection of ${facilityId} recorded`,
      );
    });

  const move = stock
    .command('move')
    .description('movements: propose → approve (a different approver) → execute, or reject / cancel');
  withPayload(
    writeCmd(
      move,
      io,
      'propose',
      `propose a movement from JSON; kinds: ${MOVEMENT_KINDS.filter((k) => k !== 'adjustment').join(', ')}`,
    ),
  )
    .requiredOption('--date <date>', 'effective date of the movement', dateOrInstantArg)
    .action(async (o: Opts) => {
      const payload = await payloadOf(io, o);
      await runCommand(
        io,
        o,
        { type: 'stock.movement.propose', effectiveAt: s(o['date']), payload },
        (r) => `proposed movement ${s(r['movementId'])}`,
      );
    });
  writeCmd(move, io, 'approve <movementId>', 'approve (an approver other than the proposer)').action(
    async (movementId: string, o: Opts) => {
      await runCommand(
        io,
        o,
        { type: 'stock.movement.approve', payload: { movementId } },
        () => `approved ${movementId}`,
      );
    },
  );
  for (const [verb, done] of [
    ['reject', 'rejected'],
    ['cancel', 'cancelled'],
  ] as const) {
    writeCmd(move, io, `${verb} <movementId>`, `${verb} a movement`)
      .requiredOption('--reason <text>', 'why')
      .action(async (movementId: string, o: Opts) => {
        await runCommand(
          io,
          o,
          { type: `stock.movement.${verb}`, payload: { movementId, reason: o['reason'] } },
          () => `${done} ${movementId}`,
        );
      });
  }
  writeCmd(move, io, 'execute <movementId>', 'execute an approved movement')
    .requiredOption('--date <date>', 'when it was executed', dateOrInstantArg)
    .option('--witness <user>', 'the second person present (two-person rule facilities)')
    .action(async (movementId: string, o: Opts) => {
      await runCommand(
        io,
        o,
        async (userId) => ({
          type: 'stock.movement.execute',
          effectiveAt: s(o['date']),
          payload: { movementId },
          ...(typeof o['witness'] === 'string' ? { cosigner: await userId(o['witness']) } : {}),
        }),
        () => `executed ${movementId}`,
      );
    });
  readCmd(move, io, 'list', 'list movements')
    .option('--status <status>', 'proposed | approved | executed | rejected | cancelled')
    .option('--limit <n>', 'at most this many', '100')
    .action(async (o: Opts) => {
      await withCairn(o.data, storeChoice(o, io), async (app) => {
        const actor = await resolveActor(app, o.as, SYSTEM_ACTOR);
        if (!can(actor, 'stock.read'))
          refuse('stock move list', [
            { code: 'AUTH_FORBIDDEN', path: '', message: `${actor.name} may not read stock` },
          ]);
        const rows = await app.store.findDocs({
          collection: STOCK_COLLECTIONS.movements,
          ...(typeof o['status'] === 'string'
            ? { where: { op: '=', field: 'status', value: o['status'] } }
            : {}),
          orderBy: { field: 'effectiveAt' },
          limit: parseCount('--limit', s(o['limit'])),
        });
        const data = rows.map((d) => d.data);
        if (o.json === true) printJson(io, data);
        else io.out(table(data, ['id', 'kind', 'status', 'quantity', 'from', 'to', 'effectiveAt']));
      });
    });

  const check = stock.command('check').description('stock checks (count sheets) and discrepancies');
  withPayload(
    writeCmd(
      check,
      io,
      'record',
      'record a count sheet: {facilityId, counters: [user, user], lines: [{locationId, lotId, counted}]}',
    ),
  )
    .requiredOption('--date <date>', 'when it was counted', dateOrInstantArg)
    .action(async (o: Opts) => {
      const payload = await payloadOf(io, o);
      await runCommand(
        io,
        o,
        { type: 'stock.check.record', effectiveAt: s(o['date']), payload },
        (r) => `recorded check ${s(r['checkId'])}; discrepancies: ${JSON.stringify(r['discrepancies'])}`,
      );
    });
  writeCmd(check, io, 'investigate <discrepancyId>', 'move a discrepancy to investigating')
    .option('--note <text>', 'note', '')
    .action(async (discrepancyId: string, o: Opts) => {
      await runCommand(
        io,
        o,
        { type: 'stock.discrepancy.investigate', payload: { discrepancyId, note: o['note'] } },
        () => `investigating ${discrepancyId}`,
      );
    });
  writeCmd(
    check,
    io,
    'resolve <discrepancyId>',
    'resolve a discrepancy (an approver who was not a counter); adjusts the books to the count',
  )
    .addOption(
      new Option('--outcome <o>', 'outcome')
        .choices(['resolved-explained', 'loss-reported'])
        .makeOptionMandatory(),
    )
    .requiredOption('--explanation <text>', 'explanation')
    .requiredOption('--date <date>', 'date of resolution', dateOrInstantArg)
    .option('--no-adjust', 'explained without adjusting the books (e.g. a miscount)')
    .action(async (discrepancyId: string, o: Opts) => {
      await runCommand(
        io,
        o,
        {
          type: 'stock.discrepancy.resolve',
          effectiveAt: s(o['date']),
          payload: {
            discrepancyId,
            outcome: o['outcome'],
            explanation: o['explanation'],
            adjust: o['adjust'] !== false,
          },
        },
        (r) =>
          `resolved ${discrepancyId}${typeof r['adjustmentMovementId'] === 'string' ? `; adjustment ${r['adjustmentMovementId']}` : ''}`,
      );
    });

  readCmd(
    stock,
    io,
    'balance',
    'balance of an account, lot, type or state, now or as of a date or ledger size',
  )
    .option('--account <key>', 'account key, e.g. storage:<facility>:<location>')
    .option('--lot <id>', 'lot id')
    .option('--type <id>', 'mine type id')
    .option('--state <cc>', 'state (ISO 3166)')
    .option('--as-of <date>', 'end of this UTC day', dateOrInstantArg)
    .option('--at-size <n>', 'as the ledger stood at this size (replay)')
    .action(async (o: Opts) => {
      await withCairn(o.data, storeChoice(o, io), async (app) => {
        const actor = await resolveActor(app, o.as, SYSTEM_ACTOR);
        const docs = await docsAt(app, o);
        const q = { account: o['account'], lotId: o['lot'], typeId: o['type'], state: o['state'] };
        const clean = Object.fromEntries(
          Object.entries(q).filter(([, v]) => typeof v === 'string'),
        ) as Record<string, string>;
        const r = await balanceAt(
          docs,
          actor,
          clean,
          o['asOf'] === undefined ? undefined : dateOption('--as-of', o['asOf']),
        );
        if (!r.ok) refuse('stock balance', r.errors);
        if (o.json === true)
          printJson(io, { ...clean, asOf: o['asOf'] ?? null, atSize: o['atSize'] ?? null, balance: r.value });
        else io.out(`${r.value}\n`);
      });
    });
};
