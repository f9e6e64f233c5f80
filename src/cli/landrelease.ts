/** `cairn landrelease …`: see docs/cli-landrelease.md (`cairn report landrelease` is in cli/reports.ts). */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../access/index.js';
import { CairnError } from '../core/index.js';
import {
  HAZARDS,
  IMPORT_CHUNK,
  LR_SUBMISSIONS,
  importProfiles,
  readDocs,
  readWithProfile,
} from '../landrelease/index.js';
import { storeChoice, withCairn } from './context.js';
import { printJson, type CliIo } from './io.js';
import type { RegisterCommands } from './registry.js';
import {
  dateOrInstantArg,
  executeOrRefuse,
  refuse,
  resolveActor,
  withActor,
  withData,
  type DataOpts,
} from './shared.js';

const txt = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    throw new CairnError(
      'USAGE',
      `cannot read JSON from ${file}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

export const registerLandReleaseCommands: RegisterCommands = (program: Command, io: CliIo) => {
  const lr = program
    .command('landrelease')
    .description('hazardous areas, survey and clearance, land release, accidents, risk education');

  withActor(withData(lr.command('submit'), io))
    .description('submit a field report (hazard | activity | accident | eore) to the review workbench')
    .argument('<kind>', 'hazard | activity | accident | eore')
    .argument('<file>', 'JSON report')
    .option('--corrects <submissionId>', 'this report is a new version of that submission')
    .option('--submission <id>', 'client-generated id: a retry with the same id writes nothing')
    .option('--json', 'print JSON')
    .action(async (kind: string, file: string, o: DataOpts & { corrects?: string; submission?: string }) => {
      const report = readJson(file);
      const r = await withCairn(o.data, storeChoice(o, io), async (app) =>
        executeOrRefuse(
          app,
          {
            type: 'landrelease.submit',
            submission: o.submission,
            payload: { kind, report, ...(o.corrects ? { corrects: o.corrects } : {}) },
          },
          await resolveActor(app, o.as, SYSTEM_ACTOR),
        ),
      );
      const ev = r.events[0]?.payload ?? {};
      if (o.json === true)
        printJson(io, {
          submissionId: ev['submissionId'],
          version: ev['version'],
          qaNotes: ev['qaNotes'],
          replayed: r.replayed,
        });
      else {
        io.out(
          `${r.replayed ? 'already submitted' : 'submitted'} ${txt(ev['submissionId'])} (version ${txt(ev['version'])})\n`,
        );
        for (const n of (ev['qaNotes'] as
          { severity: string; code: string; path: string; message: string }[] | undefined) ?? [])
          io.out(`  QA ${n.severity}: ${n.path}: ${n.message} [${n.code}]\n`);
      }
    });

  for (const verb of ['approve', 'reject'] as const) {
    const c = withActor(withData(lr.command(verb), io))
      .description(
        verb === 'approve'
          ? 'approve a submission into the official dataset'
          : 'reject a submission with a reason',
      )
      .argument('<submissionId>')
      .option('--json', 'print JSON');
    if (verb === 'reject') c.requiredOption('--reason <text>', 'why');
    else c.option('--note <text>', 'review note');
    c.action(async (submissionId: string, o: DataOpts & { reason?: string; note?: string }) => {
      const r = await withCairn(o.data, storeChoice(o, io), async (app) =>
        executeOrRefuse(
          app,
          {
            type: `landrelease.review.${verb}`,
            payload: {
              submissionId,
              ...(o.reason ? { reason: o.reason } : {}),
              ...(o.note ? { note: o.note } : {}),
            },
          },
          await resolveActor(app, o.as, SYSTEM_ACTOR),
        ),
      );
      if (o.json === true) printJson(io, r.result);
      else
        io.out(
          `${verb === 'approve' ? 'approved' : 'rejected'} ${submissionId}${r.result['officialId'] ? ` → ${txt(r.result['officialId'])}` : ''}\n`,
        );
    });
  }

  withActor(withData(lr.command('workbench'), io))
    .description('list submissions awaiting review (or --status), with their QA notes')
    .option('--status <status>', 'submitted | approved | rejected | superseded', 'submitted')
    .option('--json', 'print JSON')
    .action(async (o: DataOpts & { status: string }) => {
      const docs = await withCairn(o.data, storeChoice(o, io), async (app) =>
        readDocs(app.store, await resolveActor(app, o.as, SYSTEM_ACTOR), {
          collection: LR_SUBMISSIONS,
          where: { op: '=', field: 'status', value: o.status },
        }),
      );
      if (o.json === true)
        printJson(
          io,
          docs.map((d) => d.data),
        );
      else
        for (const d of docs)
          io.out(
            `${d.id} ${txt(d.data['kind'])} v${txt(d.data['version'])} ${txt(d.data['status'])} QA notes: ${(d.data['qaNotes'] as unknown[]).length}\n`,
          );
    });

  withActor(withData(lr.command('status'), io))
    .description('change a hazardous area status (open → worked-on → closed | handed-over)')
    .argument('<hazardId>', 'hazard id or human id (HA-0001), as `hazards` lists them')
    .argument('<status>')
    .requiredOption('--date <date>', 'when it changed (YYYY-MM-DD)', dateOrInstantArg)
    .requiredOption('--reason <text>', 'why')
    .action(async (hazardId: string, status: string, o: DataOpts & { date: string; reason: string }) => {
      await withCairn(o.data, storeChoice(o, io), async (app) => {
        const actor = await resolveActor(app, o.as, SYSTEM_ACTOR);
        // `hazards` prints human ids; accept one here (a hazard the actor may not read stays unknown).
        const byHuman = await readDocs(app.store, actor, {
          collection: HAZARDS,
          where: { op: '=', field: 'humanId', value: hazardId },
          limit: 1,
        });
        const id = byHuman[0]?.id ?? hazardId;
        await executeOrRefuse(
          app,
          {
            type: 'landrelease.hazard.status',
            effectiveAt: o.date,
            payload: { hazardId: id, status, reason: o.reason },
          },
          actor,
        );
      });
      io.out(`${hazardId} is ${status}\n`);
    });

  withActor(withData(lr.command('hazards'), io))
    .description('list hazardous areas you may see')
    .option('--json', 'print JSON')
    .action(async (o: DataOpts) => {
      const docs = await withCairn(o.data, storeChoice(o, io), async (app) =>
        readDocs(app.store, await resolveActor(app, o.as, SYSTEM_ACTOR), {
          collection: HAZARDS,
          orderBy: { field: 'humanId' },
        }),
      );
      if (o.json === true)
        printJson(
          io,
          docs.map((d) => d.data),
        );
      else
        for (const d of docs)
          io.out(
            `${txt(d.data['humanId'])} ${txt(d.data['kind'])} ${txt(d.data['status'])} area ${Math.round(d.data['hazardAreaM2'] as number)} m² remaining ${Math.round(d.data['remainingAreaM2'] as number)} m²\n`,
          );
    });

  withActor(withData(lr.command('import'), io))
    .description('import a programme spreadsheet as activity summaries through a declarative profile')
    .argument('<file>', 'CSV file')
    .requiredOption('--profile <id>', `one of: ${[...importProfiles.keys()].join(', ')}`)
    .option('--json', 'print JSON')
    .action(async (file: string, o: DataOpts & { profile: string }) => {
      const profile = importProfiles.get(o.profile);
      if (profile === undefined)
        throw new CairnError('LANDRELEASE_IMPORT_PROFILE_UNKNOWN', `no import profile ${o.profile}`);
      const parsed = readWithProfile(readFileSync(file), profile);
      if (!parsed.ok) refuse(`import of ${file}`, parsed.errors);
      const { sha256, rows } = parsed.value;
      let written = 0;
      let replayed = 0;
      await withCairn(o.data, storeChoice(o, io), async (app) => {
        const actor = await resolveActor(app, o.as, SYSTEM_ACTOR);
        for (let i = 0; i < rows.length; i += IMPORT_CHUNK) {
          // One idempotent command per chunk: re-running the same file writes nothing.
          const r = await executeOrRefuse(
            app,
            {
              type: 'landrelease.import',
              submission: `import:${sha256.slice(0, 32)}:${i / IMPORT_CHUNK}`,
              payload: {
                profile: profile.id,
                source: { name: basename(file), sha256 },
                region: profile.region,
                rows: rows.slice(i, i + IMPORT_CHUNK),
              },
            },
            actor,
          );
          if (r.replayed) replayed += Math.min(IMPORT_CHUNK, rows.length - i);
          else written += Math.min(IMPORT_CHUNK, rows.length - i);
        }
      });
      if (o.json === true)
        printJson(io, {
          file: basename(file),
          sha256,
          rows: rows.length,
          imported: written,
          alreadyImported: replayed,
        });
      else
        io.out(
          `imported ${written} row(s) of ${basename(file)} (${replayed} already imported), sha256 ${sha256}\n`,
        );
    });
};
