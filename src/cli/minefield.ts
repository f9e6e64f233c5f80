/**
 * `cairn minefield …` (CCW APII records) and `cairn verify-package FILE`
 * (`cairn report minefield ID` is in cli/reports.ts). Commands that take a record read its payload
 * from a JSON file (`-` for stdin); see docs/cli-minefields.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { SYSTEM_ACTOR } from '../access/index.js';
import { readEvents, type Cairn } from '../app/index.js';
import { CairnError } from '../core/index.js';
import {
  RECIPIENT_KINDS,
  RECORD_PARTS,
  REPORT_TYPES,
  STATUSES,
  buildPackage,
  countMinefields,
  listMinefields,
  readMinefield,
  reconcileMinefield,
  verifyPackage,
} from '../minefields/index.js';
import { storeChoice, withCairn } from './context.js';
import { printJson, type CliIo } from './io.js';
import type { RegisterCommands } from './registry.js';
import {
  executeOrRefuse,
  instantArg,
  readStdin,
  refuse,
  resolveActor,
  withActor,
  withData,
  type DataOpts,
} from './shared.js';

type Opts = DataOpts & Record<string, unknown>;

async function readJsonFile(io: CliIo, file: string): Promise<Record<string, unknown>> {
  const text = file === '-' ? await readStdin(io) : readFileSync(file, 'utf8');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new CairnError('USAGE', `${file} is not valid JSON`);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new CairnError('USAGE', `${file} must hold one JSON object`);
  return v as Record<string, unknown>;
}

/** A command group member with --data, --database-url, --as and --json. */
function sub(group: Command, io: CliIo, spec: string, description: string): Command {
  return withActor(withData(group.command(spec), io))
    .description(description)
    .option('--json', 'print JSON');
}

/** `cairn minefield SPEC <id> --file FILE`: a command whose payload is the file's JSON with the record's id. */
function fileCommand(
  mf: Command,
  io: CliIo,
  spec: string,
  description: string,
  type: string,
  say: (r: Record<string, unknown>, id: string) => string,
): void {
  sub(mf, io, spec, description)
    .requiredOption('--file <file>', 'payload JSON file, or - for stdin')
    .action(async (id: string, o: Opts & { file: string }) => {
      await run(io, o, type, { ...(await readJsonFile(io, o.file)), minefieldId: id }, (r) => say(r, id));
    });
}

/** Run a domain command as the --as user (default the local operator) and print its result. */
async function run(
  io: CliIo,
  o: Opts,
  type: string,
  payload: Record<string, unknown>,
  say: (r: Record<string, unknown>) => string,
): Promise<void> {
  await withCairn(o.data, storeChoice(o, io), async (app) => {
    const actor = await resolveActor(app, o.as, SYSTEM_ACTOR);
    const r = await executeOrRefuse(app, { type, payload }, actor);
    if (o.json === true)
      printJson(io, { ...r.result, events: r.events.map((e) => ({ seq: e.seq, type: e.type })) });
    else io.out(`${say(r.result)}\n`);
  });
}

const str = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

async function visible(app: Cairn, o: Opts, id: string) {
  const actor = await resolveActor(app, o.as, SYSTEM_ACTOR);
  const r = await readMinefield(app.store, actor, id);
  if (!r.ok) refuse('minefield', r.errors);
  return { actor, record: r.value };
}

function registerRecordCommands(mf: Command, io: CliIo): void {
  sub(
    mf,
    io,
    'create',
    'create a record from a JSON payload (an "intention" member files the intention report)',
  )
    .requiredOption('--file <file>', 'payload JSON file, or - for stdin')
    .action(async (o: Opts & { file: string }) => {
      await run(
        io,
        o,
        'minefield.create',
        await readJsonFile(io, o.file),
        (r) => `created ${str(r['humanId'])} (${str(r['minefieldId'])}), status ${str(r['status'])}`,
      );
    });
  fileCommand(
    mf,
    io,
    'amend <id>',
    'amend record fields from a JSON payload (each field given replaces the stored one)',
    'minefield.amend',
    (_r, id) => `amended ${id}`,
  );
  sub(mf, io, 'report <id>', 'file a minefield report; it moves the record to the matching status')
    .addOption(
      new Option('--type <type>', 'report type')
        .choices(REPORT_TYPES.filter((t) => t !== 'intention'))
        .makeOptionMandatory(),
    )
    .requiredOption('--dtg <instant>', 'date-time group (RFC 3339, e.g. 2026-04-30T12:00:00Z)', instantArg)
    .requiredOption('--originator <text>', 'who sends it')
    .requiredOption('--recipient <text>', 'who receives it')
    .requiredOption('--summary <text>', 'summary')
    .option('--reason <text>', 'loss of control: how control was lost (APII 5(3))')
    .option('--receiving-force <text>', 'transfer: the force that accepts responsibility (APII 5(2)(b))')
    .action(
      async (
        id: string,
        o: Opts & {
          type: string;
          dtg: string;
          originator: string;
          recipient: string;
          summary: string;
          reason?: string;
          receivingForce?: string;
        },
      ) => {
        const payload = {
          minefieldId: id,
          reportType: o.type,
          dtg: o.dtg,
          originator: o.originator,
          recipient: o.recipient,
          summary: o.summary,
          ...(o.reason === undefined ? {} : { reason: o.reason }),
          ...(o.receivingForce === undefined ? {} : { receivingForce: o.receivingForce }),
        };
        await run(
          io,
          o,
          'minefield.report.file',
          payload,
          (r) => `${o.type} report filed; status ${str(r['status'])}`,
        );
      },
    );
  sub(
    mf,
    io,
    'status <id>',
    'change the status without a report (e.g. marked-fenced-monitored, clearance-in-progress, closed)',
  )
    .addOption(new Option('--to <status>', 'new status').choices(STATUSES).makeOptionMandatory())
    .option('--reason <text>', 'reason (required for control-lost)')
    .option('--receiving-force <text>', 'required for handed-over-to-other-force')
    .action(async (id: string, o: Opts & { to: string; reason?: string; receivingForce?: string }) => {
      const payload = {
        minefieldId: id,
        to: o.to,
        ...(o.reason === undefined ? {} : { reason: o.reason }),
        ...(o.receivingForce === undefined ? {} : { receivingForce: o.receivingForce }),
      };
      await run(io, o, 'minefield.status.change', payload, (r) => `status ${str(r['status'])}`);
    });
  fileCommand(
    mf,
    io,
    'marking <id>',
    'record marking, fencing and monitoring from a JSON payload (sign checked against APII TA 4)',
    'minefield.marking.record',
    (r) => `marking recorded (${str(r['markingId'])})`,
  );
  fileCommand(
    mf,
    io,
    'inspect <id>',
    'record an inspection of the marking from a JSON payload',
    'minefield.inspection.record',
    (r) => `inspection recorded; findings ${str(r['findingIds'])}`,
  );
  sub(mf, io, 'repair <id>', 'record the repair of inspection findings')
    .requiredOption('--finding <ids...>', 'finding ids')
    .requiredOption('--at <instant>', 'when repaired (RFC 3339)', instantArg)
    .option('--note <text>', 'what was done', '')
    .action(async (id: string, o: Opts & { finding: string[]; at: string; note: string }) => {
      await run(
        io,
        o,
        'minefield.repair.record',
        { minefieldId: id, findingIds: o.finding, repairedAt: o.at, note: o.note },
        () => `repair recorded`,
      );
    });
}

function registerReleaseCommands(mf: Command, io: CliIo): void {
  sub(
    mf,
    io,
    'release <id>',
    'record a release of the record or part of it (APII Art 9(2)); to a clearance operator or national MAC it hands the record over to mine action',
  )
    .addOption(
      new Option('--recipient-kind <kind>', 'recipient kind').choices(RECIPIENT_KINDS).makeOptionMandatory(),
    )
    .requiredOption('--recipient <name>', 'recipient name')
    .requiredOption('--legal-basis <text>', 'legal basis')
    .requiredOption('--at <instant>', 'date of release (RFC 3339)', instantArg)
    .option('--parts <parts>', `comma-separated parts (${RECORD_PARTS.join(', ')}); default all`)
    .action(
      async (
        id: string,
        o: Opts & {
          recipientKind: string;
          recipient: string;
          legalBasis: string;
          at: string;
          parts?: string;
        },
      ) => {
        const payload = {
          minefieldId: id,
          recipient: { kind: o.recipientKind, name: o.recipient },
          legalBasis: o.legalBasis,
          releasedAt: o.at,
          ...(o.parts === undefined ? {} : { parts: o.parts.split(',').map((s) => s.trim()) }),
        };
        await run(
          io,
          o,
          'minefield.release',
          payload,
          (r) =>
            `release recorded (${str(r['releaseId'])})${r['handedToMineAction'] === true ? '; handed over to mine action' : ''}`,
        );
      },
    );
  sub(
    mf,
    io,
    'withhold <id>',
    'record a decision to withhold the record from a recipient, with its reason (APII Art 9(2))',
  )
    .addOption(
      new Option('--recipient-kind <kind>', 'recipient kind').choices(RECIPIENT_KINDS).makeOptionMandatory(),
    )
    .requiredOption('--recipient <name>', 'recipient name')
    .requiredOption('--reason <text>', 'reason, e.g. security interests on a reciprocal basis')
    .requiredOption('--at <instant>', 'date of the decision (RFC 3339)', instantArg)
    .option('--legal-basis <text>', 'legal basis')
    .action(
      async (
        id: string,
        o: Opts & {
          recipientKind: string;
          recipient: string;
          reason: string;
          at: string;
          legalBasis?: string;
        },
      ) => {
        const payload = {
          minefieldId: id,
          recipient: { kind: o.recipientKind, name: o.recipient },
          reason: o.reason,
          decidedAt: o.at,
          ...(o.legalBasis === undefined ? {} : { legalBasis: o.legalBasis }),
        };
        await run(
          io,
          o,
          'minefield.withhold',
          payload,
          (r) => `withholding recorded (${str(r['withholdingId'])})`,
        );
      },
    );
  sub(
    mf,
    io,
    'export-package <id>',
    'write a self-contained, offline-verifiable package: record, GeoJSON, events, proofs, checkpoint, key',
  )
    .requiredOption('--out <file>', 'output file')
    .action(async (id: string, o: Opts & { out: string }) => {
      await withCairn(o.data, storeChoice(o, io), async (app) => {
        const { record } = await visible(app, o, id);
        const pkg = await buildPackage(
          app.store,
          app.ledger,
          readEvents(app.store),
          record.id,
          app.clock.now(),
        );
        writeFileSync(o.out, `${JSON.stringify(pkg, null, 2)}\n`);
        if (o.json === true) printJson(io, { out: o.out, humanId: pkg.humanId, events: pkg.events.length });
        else
          io.out(
            `wrote ${o.out}: ${pkg.humanId}, ${pkg.events.length} events, checkpoint of ${pkg.checkpoint.split('\n')[1] ?? '?'} entries\n`,
          );
      });
    });
}

function registerQueries(mf: Command, io: CliIo): void {
  sub(mf, io, 'list', 'list the records you may see: id, status, state').action(async (o: Opts) => {
    await withCairn(o.data, storeChoice(o, io), async (app) => {
      const actor = await resolveActor(app, o.as, SYSTEM_ACTOR);
      const list = (await listMinefields(app.store, actor)).map((r) => ({
        id: r.id,
        humanId: r.humanId,
        status: r.status,
        state: r.state,
        recordType: r.recordType,
        classification: r.classification,
      }));
      if (o.json === true) printJson(io, list);
      else if (list.length === 0) io.out('no records\n');
      else
        for (const r of list) io.out(`${r.humanId.padEnd(16)} ${r.status.padEnd(26)} ${r.state}  ${r.id}\n`);
    });
  });
  sub(mf, io, 'show <id>', 'print one record').action(async (id: string, o: Opts) => {
    await withCairn(o.data, storeChoice(o, io), async (app) => {
      const { record } = await visible(app, o, id);
      if (o.json === true) printJson(io, record);
      else
        io.out(
          `${record.humanId} ${record.status} ${record.state} ${record.recordType} (${record.classification})\n${record.contents.length} contents line(s), ${record.referencePoints.length} reference point(s)\n`,
        );
    });
  });
  sub(mf, io, 'reconcile <id>', 'compare stock issued, returned and recorded per type and lot').action(
    async (id: string, o: Opts) => {
      await withCairn(o.data, storeChoice(o, io), async (app) => {
        const { record } = await visible(app, o, id);
        const lines = await reconcileMinefield(app.store, record.id);
        if (o.json === true) printJson(io, lines);
        else
          for (const l of lines)
            io.out(
              `${l.typeId} lot ${l.lotId}: issued ${l.issued} returned ${l.returned} recorded ${l.recorded} difference ${l.difference}\n`,
            );
        if (lines.some((l) => l.difference !== 0)) process.exitCode = 1;
      });
    },
  );
  sub(mf, io, 'count', 'the number of records of every classification (needs minefield.count)').action(
    async (o: Opts) => {
      await withCairn(o.data, storeChoice(o, io), async (app) => {
        const r = await countMinefields(app.store, await resolveActor(app, o.as, SYSTEM_ACTOR));
        if (!r.ok) refuse('minefield count', r.errors);
        if (o.json === true) printJson(io, { count: r.value });
        else io.out(`${r.value}\n`);
      });
    },
  );
}

export const registerMinefieldCommands: RegisterCommands = (program: Command, io: CliIo) => {
  const mf = program.command('minefield').description('minefield records under CCW Amended Protocol II');
  registerRecordCommands(mf, io);
  registerReleaseCommands(mf, io);
  registerQueries(mf, io);

  program
    .command('verify-package <file>')
    .description(
      'verify a minefield export package offline (no database): key, checkpoint signature, proofs, record; exit 0 or 1',
    )
    .option('--json', 'print JSON')
    .action(async (file: string, o: { json?: boolean }) => {
      const r = await verifyPackage(readFileSync(file, 'utf8'));
      if (o.json === true) printJson(io, r.ok ? { ok: true, ...r.value } : { ok: false, problems: r.errors });
      else if (r.ok)
        io.out(
          `OK: ${r.value.humanId}, ${r.value.events} events included in ${r.value.origin} at size ${r.value.treeSize}, root ${r.value.root}\n`,
        );
      else
        for (const p of r.errors)
          io.out(`FAIL ${p.path === '' ? '' : `${p.path}: `}${p.message} [${p.code}]\n`);
      if (!r.ok) process.exitCode = 1;
    });
};
