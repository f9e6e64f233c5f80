/** The stock statement (stock module: balances by state, type, lot and facility; APMBC Forms B, D, G) as a report definition. */
import { z } from 'zod';
import type { Actor } from '../access/index.js';
import { err, problem, type Result } from '../core/index.js';
import { stockStatement, type StockStatement } from '../stock/index.js';
import { defineReport } from './define.js';
import { csvObjects, documentHtml, documentPdf, type Cell, type ReportDocument } from './kit/index.js';
import { countParam, dateParam, today } from './params.js';
import type { ReportApp } from './treaty/index.js';

const params = z.strictObject({
  asOf: dateParam('statement as of this UTC day (default: today)').optional(),
  atSize: countParam(
    'compute from the ledger as it stood at this size (default: the current tree)',
  ).optional(),
});

async function computeStatement(
  app: ReportApp,
  actor: Actor,
  p: z.output<typeof params>,
): Promise<Result<StockStatement>> {
  const cp = await app.ledger.currentCheckpoint();
  if (p.atSize !== undefined && p.atSize > cp.size)
    return err([
      problem(
        'VALIDATION_RANGE',
        'atSize',
        `the ledger has ${cp.size} entries; atSize ${p.atSize} is beyond it`,
        { value: p.atSize, size: cp.size },
      ),
    ]);
  const size = p.atSize ?? cp.size;
  const docs = p.atSize === undefined ? app.store : await app.replay({ toSize: size });
  const root =
    size === cp.size
      ? Buffer.from(cp.root).toString('hex')
      : Buffer.from(await app.ledger.root(size)).toString('hex');
  const asOf = p.asOf ?? today(app.clock.now());
  return stockStatement(docs, actor, {
    asOf: new Date(`${asOf}T00:00:00Z`),
    checkpoint: { origin: cp.origin, size, root },
  });
}

type Section = readonly [
  title: string,
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
  columns: readonly string[],
];

/** The statement's tables, in print order. */
function sections(st: StockStatement): Section[] {
  return [
    ['By state', st.byState, ['state', 'quantity']],
    ['By type', st.byType, ['state', 'designation', 'category', 'ottawaStatus', 'quantity']],
    [
      'Holdings by facility and lot',
      st.holdings,
      ['state', 'facility', 'account', 'designation', 'lotNumber', 'quantity'],
    ],
    [
      'Form B — stockpiled AP mines (type, quantity, lot)',
      st.formB,
      ['state', 'designation', 'lotNumber', 'quantity'],
    ],
    [
      'Form D — AP mines retained under Art 3 (authorised institution)',
      st.formD,
      ['state', 'designation', 'lotNumber', 'quantity', 'note'],
    ],
    [
      'Form G — AP mines destroyed (basis: art4 stockpile, art5 mined areas)',
      st.formG,
      ['state', 'designation', 'lotNumber', 'quantity', 'note'],
    ],
  ];
}

const checkpointText = (st: StockStatement): string =>
  st.checkpoint === null
    ? 'none'
    : `${st.checkpoint.origin} size ${st.checkpoint.size} root ${st.checkpoint.root}`;

/** CSV sections: a `# title` line, then the section's header and rows (the kit's CSV writer). */
export function statementCsv(st: StockStatement): string {
  const out = [`# ${st.title} as of ${st.asOf}; checkpoint ${checkpointText(st)}\n`];
  for (const [title, rows, cols] of sections(st)) out.push(`# ${title}\n${csvObjects(rows, cols)}`);
  return out.join('');
}

const cell = (v: unknown): Cell =>
  typeof v === 'number' || typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v);

function statementDocument(st: StockStatement): ReportDocument {
  return {
    title: `${st.title} as of ${st.asOf}`,
    subject: 'Stock statement computed from the Cairn ledger',
    facts: [
      ['As of', `end of ${st.asOf} (UTC)`],
      ['Computed from', checkpointText(st)],
    ],
    sections: sections(st).map(([title, rows, cols], i) => ({
      id: `s${i + 1}`,
      title,
      legalBasis: title.startsWith('Form') ? 'APMBC Art 7(1)' : '',
      status: 'computed',
      notes: [],
      facts: [],
      tables: [{ caption: title, columns: cols, rows: rows.map((r) => cols.map((c) => cell(r[c]))) }],
    })),
    attestation: [],
    ledger: st.checkpoint,
  };
}

export const stockStatementReport = defineReport({
  id: 'stock-statement',
  title: 'Stock statement with APMBC Forms B, D and G',
  permission: 'stock.read',
  params,
  compute: computeStatement,
  renderers: {
    csv: statementCsv,
    html: (st) => documentHtml(statementDocument(st)),
    pdf: (st) => documentPdf(statementDocument(st)),
  },
  fileName: (st) => `stock-statement-${st.asOf}`,
  aliases: ['stock'],
});
