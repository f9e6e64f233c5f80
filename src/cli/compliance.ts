/**
 * `cairn compliance [--json]`: run every rule in `allRules` and list the findings the caller may
 * see — the compliance-findings report's one path (`findingsFor`), so the same need-to-know.
 */
import type { Command } from 'commander';
import { SYSTEM_ACTOR, can } from '../access/index.js';
import { findingsFor } from '../reports/index.js';
import { storeChoice, withCairn } from './context.js';
import { printJson, type CliIo } from './io.js';
import type { RegisterCommands } from './registry.js';
import { dateOrInstantArg, refuse, resolveActor, withActor, withData } from './shared.js';
import { dateOption, table, type Opts } from './stock-shared.js';

export const registerComplianceCommands: RegisterCommands = (program: Command, io: CliIo) => {
  withActor(withData(program.command('compliance'), io))
    .description('run every compliance rule and list the findings you may see (exit 0; findings are data)')
    .option('--at <date>', 'evaluate deadlines as of this date (default now)', dateOrInstantArg)
    .option('--json', 'print JSON')
    .action(async (o: Opts) => {
      await withCairn(o.data, storeChoice(o, io), async (app) => {
        const actor = await resolveActor(app, o.as, SYSTEM_ACTOR);
        if (!can(actor, 'compliance.read'))
          refuse('compliance', [
            { code: 'AUTH_FORBIDDEN', path: '', message: `${actor.name} may not read compliance findings` },
          ]);
        const now = o['at'] === undefined ? app.clock.now() : dateOption('--at', o['at']);
        const { checkpoint, rules, findings } = await findingsFor(app, actor, now);
        if (o.json === true) {
          printJson(io, { at: now.toISOString(), checkpoint, rules: rules.length, findings });
          return;
        }
        io.out(
          `${findings.length} finding(s) from ${rules.length} rule(s), checkpoint ${checkpoint.origin} size ${checkpoint.size}\n`,
        );
        if (findings.length > 0)
          io.out(
            table(
              findings.map((f) => ({
                ...f,
                subject: `${f.subject.kind}:${f.subject.label ?? f.subject.id}`,
              })),
              ['severity', 'rule', 'subject', 'legalBasis', 'message'],
            ),
          );
      });
    });
};
