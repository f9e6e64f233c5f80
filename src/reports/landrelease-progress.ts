/**
 * The land-release progress report (landrelease module) as a report definition: area released by
 * method, organisation and month (m²), devices by type, casualties by sex and age, risk education,
 * plus the flat chart rows the web page draws (`areaByMethod`, `devicesByType`, `casualtiesBySexAge`).
 */
import { z } from 'zod';
import type { Actor } from '../access/index.js';
import { ok, type Result } from '../core/index.js';
import { RELEASE_METHODS, progressReport, type ProgressReport } from '../landrelease/index.js';
import { currentBasis } from './compliance.js';
import { defineReport } from './define.js';
import { csvTable, documentHtml, documentPdf, type Cell, type ReportDocument } from './kit/index.js';
import { dateParam, today } from './params.js';
import type { ReportApp } from './treaty/index.js';

/** The progress report with flat chart rows (month × method, devices by category, casualties). */
export type ProgressModel = ProgressReport & {
  readonly areaByMethod: readonly {
    readonly month: string;
    readonly method: string;
    readonly areaM2: number;
  }[];
  readonly devicesByType: readonly { readonly category: string; readonly count: number }[];
  readonly casualtiesBySexAge: ProgressReport['casualties']['bySexAge'];
};

const params = z
  .strictObject({
    from: dateParam('first day, YYYY-MM-DD (default: 1900-01-01)').optional(),
    to: dateParam('last day, YYYY-MM-DD (default: today)').optional(),
  })
  .superRefine((p, ctx) => {
    if (p.from !== undefined && p.to !== undefined && p.to < p.from) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `the report ends (${p.to}) before it starts (${p.from})`,
        params: { code: 'VALIDATION_DATE_ORDER' },
      });
    }
  });

async function computeProgress(
  app: ReportApp,
  actor: Actor,
  p: z.output<typeof params>,
): Promise<Result<ProgressModel>> {
  const r = await progressReport(
    app.store,
    actor,
    { from: p.from ?? '1900-01-01', to: p.to ?? today(app.clock.now()) },
    await currentBasis(app),
  );
  return ok({
    ...r,
    areaByMethod: r.area.byMonth.flatMap((m) =>
      RELEASE_METHODS.filter((k) => m[k] > 0).map((method) => ({
        month: m.month,
        method,
        areaM2: m[method],
      })),
    ),
    devicesByType: r.devices.byCategory.map((d) => ({ category: d.category, count: d.count })),
    casualtiesBySexAge: r.casualties.bySexAge,
  });
}

const CSV_COLUMNS = [
  'section',
  'period',
  'organisation',
  'method_or_type',
  'sex',
  'age_group',
  'outcome',
  'value',
  'unit',
];

/** The report as CSV rows: section, year/month, organisation, method or category, sex, age, value, unit. */
export function progressCsv(r: ProgressReport): string {
  const period = `${r.from}/${r.to}`;
  const rows: Cell[][] = [
    [
      'checkpoint',
      `${r.checkpoint.origin} size ${r.checkpoint.size}`,
      '',
      r.checkpoint.root,
      '',
      '',
      '',
      r.checkpoint.size,
      'entries',
    ],
  ];
  for (const m of RELEASE_METHODS)
    rows.push(['area-by-method', period, '', m, '', '', '', r.area.byMethod[m], 'm2']);
  for (const o of r.area.byOrganisation)
    for (const m of RELEASE_METHODS)
      rows.push(['area-by-organisation', period, o.organisation, m, '', '', '', o[m], 'm2']);
  for (const o of r.area.byMonth)
    for (const m of RELEASE_METHODS) rows.push(['area-by-month', o.month, '', m, '', '', '', o[m], 'm2']);
  for (const t of r.devices.byType)
    rows.push(['devices-by-type', period, '', t.typeId ?? t.category, '', '', '', t.count, 'devices']);
  for (const c of r.casualties.bySexAge)
    rows.push(['casualties', period, '', '', c.sex, c.ageGroup, c.outcome, c.count, 'people']);
  return csvTable(CSV_COLUMNS, rows);
}

const m2 = (n: number): number => Math.round(n);

function progressDocument(r: ProgressReport): ReportDocument {
  const a = r.eore.audience;
  const table = (id: string, title: string, columns: string[], rows: Cell[][]) => ({
    id,
    title,
    legalBasis: '',
    status: 'computed',
    notes: [],
    facts: [],
    tables: [{ caption: title, columns, rows }],
  });
  return {
    title: `Land release progress ${r.from} – ${r.to}`,
    subject: 'Land release progress report computed from the Cairn ledger',
    facts: [
      ['Period', `${r.from} – ${r.to}`],
      ['Area released (m²)', m2(r.area.total)],
      ['Devices found', r.devices.total],
      [
        'Casualties (killed, injured)',
        `${r.casualties.total} (${r.casualties.killed}, ${r.casualties.injured})`,
      ],
      [
        'Risk education',
        `${r.eore.sessions} session(s); women ${a.women}, men ${a.men}, girls ${a.girls}, boys ${a.boys}`,
      ],
      ['Hazards', `${r.hazards.count}; remaining ${m2(r.hazards.remainingAreaM2)} m²`],
    ],
    sections: [
      table(
        'area-by-organisation',
        'Area released by organisation (m²)',
        ['organisation', ...RELEASE_METHODS, 'total'],
        r.area.byOrganisation.map((o) => [
          o.organisation,
          ...RELEASE_METHODS.map((k) => m2(o[k])),
          m2(o.total),
        ]),
      ),
      table(
        'area-by-month',
        'Area released by month (m²)',
        ['month', ...RELEASE_METHODS, 'total'],
        r.area.byMonth.map((o) => [o.month, ...RELEASE_METHODS.map((k) => m2(o[k])), m2(o.total)]),
      ),
      table(
        'devices',
        'Devices by type',
        ['type', 'category', 'count'],
        r.devices.byType.map((d) => [d.typeId ?? '—', d.category, d.count]),
      ),
      table(
        'casualties',
        'Casualties by sex and age',
        ['outcome', 'sex', 'age group', 'count'],
        r.casualties.bySexAge.map((c) => [c.outcome, c.sex, c.ageGroup, c.count]),
      ),
      table(
        'hazards',
        'Hazards by status',
        ['status', 'count'],
        Object.entries(r.hazards.byStatus).map(([k, v]) => [k, v]),
      ),
    ],
    attestation: [],
    ledger: r.checkpoint,
  };
}

export const landreleaseProgressReport = defineReport({
  id: 'landrelease',
  title: 'Land release progress report',
  permission: 'landrelease.read',
  params,
  compute: computeProgress,
  renderers: {
    csv: progressCsv,
    html: (r) => documentHtml(progressDocument(r)),
    pdf: (r) => documentPdf(progressDocument(r)),
  },
  fileName: (r) => `landrelease-${r.from}-${r.to}`,
});
