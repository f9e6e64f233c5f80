/**
 * `cairn report ID [--format json|csv|html|pdf] [--out FILE] [--param-name VALUE …]`, generated from
 * the report registry (src/reports): one subcommand per report, one flag per parameter (`asOf` is
 * `--as-of`), validated by the report's own Zod schema — the same as `GET /api/reports/ID` takes.
 * Older names keep working as aliases (`cairn report stock`), and so do `--json` and `--csv`.
 */
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { SYSTEM_ACTOR } from '../access/index.js';
import { CairnError, problem, type Problem } from '../core/index.js';
import { REPORTS, flagOf, type Report } from '../reports/index.js';
import { storeChoice, withCairn } from './context.js';
import type { CliIo } from './io.js';
import type { RegisterCommands } from './registry.js';
import { refuse, resolveActor, withActor, withData, type DataOpts } from './shared.js';

type Opts = DataOpts &
  Readonly<Record<string, unknown>> & {
    readonly format?: string;
    readonly out?: string;
    readonly csv?: boolean;
  };

/** The format asked for: --format, or the older --json / --csv switches; json by default. */
function formatOf(o: Opts): string | undefined {
  const asked = [o.format, o.json === true ? 'json' : undefined, o.csv === true ? 'csv' : undefined].filter(
    (f): f is string => f !== undefined,
  );
  if (new Set(asked).size > 1)
    throw new CairnError('USAGE', `choose one format: --format, --json or --csv (got ${asked.join(', ')})`);
  return asked[0];
}

/** Codes about one flag's own value (not about the flags together, such as a date order). */
const VALUE_CODES: ReadonlySet<string> = new Set([
  'VALIDATION_FORMAT',
  'VALIDATION_TYPE',
  'VALIDATION_ENUM',
  'VALIDATION_RANGE',
]);

/** A problem about a parameter names its flag (`asOf` → `--as-of`). */
function asFlags(report: Report, problems: readonly Problem[]): Problem[] {
  const names = new Set([...report.params.map((p) => p.name), 'format']);
  return problems.map((p) =>
    names.has(p.path) ? problem(p.code, `--${flagOf(p.path)}`, p.message, p.details) : p,
  );
}

function reportCommand(group: Command, io: CliIo, report: Report): void {
  const spec = report.positional === undefined ? report.id : `${report.id} [${report.positional}]`;
  const cmd = withActor(withData(group.command(spec), io)).description(report.title);
  for (const alias of report.aliases) cmd.alias(alias);
  for (const p of report.params)
    cmd.addOption(
      new Option(`--${flagOf(p.name)} <value>`, `${p.description}${p.required ? ' (required)' : ''}`),
    );
  cmd
    .addOption(new Option('--format <format>', `output format: ${report.formats.join(', ')} (default json)`))
    .option('--out <file>', 'write to this file (required for pdf)')
    .addOption(new Option('--json', 'the same as --format json').hideHelp())
    .addOption(new Option('--csv', 'the same as --format csv').hideHelp())
    .action(async (...args: unknown[]) => {
      const o = (report.positional === undefined ? args[0] : args[1]) as Opts;
      const positional = report.positional === undefined ? undefined : (args[0] as string | undefined);
      const format = formatOf(o);
      if (format === 'pdf' && o.out === undefined) throw new CairnError('USAGE', 'a PDF needs --out FILE');
      const params: Record<string, string | undefined> = {};
      for (const p of report.params) {
        const v = o[p.name];
        params[p.name] = typeof v === 'string' ? v : undefined;
      }
      if (report.positional !== undefined && positional !== undefined) {
        const flagged = params[report.positional];
        if (flagged !== undefined && flagged !== positional)
          throw new CairnError(
            'USAGE',
            `${report.positional} is given twice: ${positional} and --${flagOf(report.positional)} ${flagged}`,
          );
        params[report.positional] = positional;
      }
      const body = await withCairn(o.data, storeChoice(o, io), async (app) => {
        const actor = await resolveActor(app, o.as, SYSTEM_ACTOR);
        const r = await report.render(app, actor, params, format);
        if (!r.ok) {
          // A parameter the report's schema refuses is wrong usage (exit 2), named as commander
          // names a bad option value; anything else is a refusal.
          const names = new Set(report.params.map((p) => p.name));
          if (r.errors.every((p) => names.has(p.path) && VALUE_CODES.has(p.code)))
            throw new CairnError(
              'USAGE',
              r.errors
                .map(
                  (p) =>
                    `option '--${flagOf(p.path)}' argument '${params[p.path] ?? ''}' is invalid: ${p.message} [${p.code}]`,
                )
                .join('; '),
              asFlags(report, r.errors),
            );
          refuse(`report ${report.id}`, asFlags(report, r.errors));
        }
        return r.value.body;
      });
      if (o.out === undefined) io.out(typeof body === 'string' ? body : body.toString('latin1'));
      else {
        writeFileSync(o.out, body);
        io.err(`wrote ${o.out}\n`);
      }
    });
}

export const registerReportCommands: RegisterCommands = (program, io) => {
  const group =
    program.commands.find((c) => c.name() === 'report') ??
    program.command('report').description('reports computed from the ledger (docs/reports.md)');
  for (const report of REPORTS) reportCommand(group, io, report);
};
