/**
 * `cairn report article7` and `cairn report ccw-art13`: treaty reports computed from the ledger as
 * of the end of a closed calendar year, as JSON, CSV, self-contained HTML or PDF (reports/treaty).
 */
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { SYSTEM_ACTOR, type Actor } from '../access/index.js';
import { CairnError, type Result } from '../core/index.js';
import {
  article7Document,
  ccwDocument,
  computeArticle7,
  computeCcwArticle13,
  reportCsv,
  reportHtml,
  reportPdf,
  type ReportApp,
  type ReportDocument,
  type ReportRequest,
  type TreatyReport,
} from '../reports/treaty/index.js';
import { storeChoice, withCairn } from './context.js';
import type { CliIo } from './io.js';
import type { RegisterCommands } from './registry.js';
import { parseCount, refuse, resolveActor, withActor, withData, type DataOpts } from './shared.js';

type Format = 'json' | 'csv' | 'html' | 'pdf';
type Opts = DataOpts & { state: string; year: string; format: Format; out?: string };

async function render<T>(r: TreatyReport<T>, toDoc: (r: TreatyReport<T>) => ReportDocument, format: Format): Promise<string | Buffer> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(r, null, 2)}\n`;
    case 'csv':
      return reportCsv(toDoc(r));
    case 'html':
      return reportHtml(toDoc(r));
    case 'pdf':
      return reportPdf(toDoc(r));
  }
}

function treatyCommand(report: Command, io: CliIo, name: string, description: string, run: (o: Opts) => Promise<void>): void {
  withActor(withData(report.command(name), io))
    .description(description)
    .requiredOption('--state <cc>', 'state (ISO 3166-1 alpha-2), e.g. FI')
    .requiredOption('--year <yyyy>', 'the calendar year reported on (closed: its last day has passed)')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv', 'html', 'pdf']).default('json'))
    .option('--out <file>', 'write to this file (required for pdf)')
    .action(run);
}

export const registerTreatyReportCommands: RegisterCommands = (program, io) => {
  const report = program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('reports computed from the ledger');
  const run = <T>(what: string, compute: (app: ReportApp, actor: Actor, req: ReportRequest) => Promise<Result<TreatyReport<T>>>, toDoc: (r: TreatyReport<T>) => ReportDocument) => async (o: Opts): Promise<void> => {
    if (o.format === 'pdf' && o.out === undefined) throw new CairnError('USAGE', 'a PDF needs --out FILE');
    const year = parseCount('--year', o.year);
    const body = await withCairn(o.data, storeChoice(o, io), async (app) => {
      const actor = await resolveActor(app, o.as, SYSTEM_ACTOR);
      const r = await compute(app, actor, { state: o.state.toUpperCase(), year });
      if (!r.ok) refuse(what, r.errors);
      return render(r.value, toDoc, o.format);
    });
    if (o.out === undefined) io.out(typeof body === 'string' ? body : body.toString('latin1'));
    else {
      writeFileSync(o.out, body);
      io.err(`wrote ${o.out}\n`);
    }
  };
  treatyCommand(report, io, 'article7', 'Ottawa Convention Article 7 transparency report (Forms A–J) for a state and calendar year', run('report article7', computeArticle7, article7Document));
  treatyCommand(report, io, 'ccw-art13', 'CCW Amended Protocol II Article 13(4) annual report for a state and calendar year', run('report ccw-art13', computeCcwArticle13, ccwDocument));
};
