/**
 * The land-release progress report: area released by method, organisation and month (m² only),
 * devices by type, casualties by sex and age, risk education reached. It names the checkpoint it
 * was computed from, so the same figures can be reproduced by replaying to that tree size.
 * Its JSON shape is documented in docs/cli-landrelease.md (the web charts read it); its CSV, HTML and
 * PDF renderings are the report definition's (src/reports/landrelease-progress.ts).
 */
import type { Actor } from '../access/index.js';
import type { DocReader, Expr } from '../store/index.js';
import { lrDocs } from './documents.js';
import { casualtyCounts, readDocs, type CasualtyCount } from './read.js';
import { DEVICES, EORE_SESSIONS, HAZARDS, RELEASES, type ReleaseMethod, type Sadd } from './types.js';

export interface ReportCheckpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: string;
}

type ByMethod = Record<ReleaseMethod, number> & { total: number };

export interface ProgressReport {
  readonly report: 'landrelease-progress';
  readonly from: string;
  readonly to: string;
  readonly unit: 'm2';
  readonly checkpoint: ReportCheckpoint;
  readonly area: {
    readonly total: number;
    readonly byMethod: Record<ReleaseMethod, number>;
    readonly byOrganisation: readonly ({ readonly organisation: string } & ByMethod)[];
    readonly byMonth: readonly ({ readonly month: string } & ByMethod)[];
    readonly byYearOrganisation: readonly ({
      readonly year: string;
      readonly organisation: string;
    } & ByMethod)[];
  };
  readonly devices: {
    readonly total: number;
    readonly byType: readonly {
      readonly typeId: string | null;
      readonly category: string;
      readonly count: number;
    }[];
    readonly byCategory: readonly { readonly category: string; readonly count: number }[];
    readonly byYearOrganisation: readonly {
      readonly year: string;
      readonly organisation: string;
      readonly count: number;
    }[];
  };
  readonly casualties: {
    readonly total: number;
    readonly killed: number;
    readonly injured: number;
    readonly bySexAge: readonly CasualtyCount[];
  };
  readonly eore: { readonly sessions: number; readonly audience: Sadd };
  readonly hazards: {
    readonly count: number;
    readonly byStatus: Readonly<Record<string, number>>;
    readonly remainingAreaM2: number;
  };
}

const emptyMethods = (): ByMethod => ({ cancelled: 0, reduced: 0, cleared: 0, total: 0 });

function bucket<K extends string>(m: Map<K, ByMethod>, k: K): ByMethod {
  let b = m.get(k);
  if (b === undefined) {
    b = emptyMethods();
    m.set(k, b);
  }
  return b;
}

const sorted = <T>(m: Map<string, T>): [string, T][] =>
  [...m.entries()].sort(([a], [b]) => a.localeCompare(b));

/** Compute the progress report over [from, to] (inclusive dates, YYYY-MM-DD) as this actor sees it. */
export async function progressReport(
  docs: DocReader,
  actor: Actor,
  range: { readonly from: string; readonly to: string },
  checkpoint: ReportCheckpoint,
): Promise<ProgressReport> {
  const inRange: Expr = {
    op: 'and',
    args: [
      { op: 'between', field: 'date', low: range.from, high: range.to },
      { op: '=', field: 'current', value: true },
    ],
  };
  const byMethod = emptyMethods();
  const byOrg = new Map<string, ByMethod>();
  const byMonth = new Map<string, ByMethod>();
  const byYearOrg = new Map<string, ByMethod>();
  for (const d of await readDocs(docs, actor, { collection: RELEASES, where: inRange })) {
    const { method, areaM2: area, organisation: org, month } = lrDocs.releases.typed(d).data;
    for (const b of [
      byMethod,
      bucket(byOrg, org),
      bucket(byMonth, month),
      bucket(byYearOrg, `${month.slice(0, 4)}|${org}`),
    ]) {
      b[method] += area;
      b.total += area;
    }
  }
  const byType = new Map<string, number>();
  const byCategory = new Map<string, number>();
  const devYearOrg = new Map<string, number>();
  let deviceTotal = 0;
  for (const d of await readDocs(docs, actor, { collection: DEVICES, where: inRange })) {
    const dev = lrDocs.devices.typed(d).data;
    const { count: n, category: cat } = dev;
    const typeId = dev.typeId ?? '';
    deviceTotal += n;
    byType.set(`${typeId}|${cat}`, (byType.get(`${typeId}|${cat}`) ?? 0) + n);
    byCategory.set(cat, (byCategory.get(cat) ?? 0) + n);
    const k = `${dev.month.slice(0, 4)}|${dev.organisation}`;
    devYearOrg.set(k, (devYearOrg.get(k) ?? 0) + n);
  }
  const casualties = await casualtyCounts(docs, actor, range);
  const audience = { women: 0, men: 0, girls: 0, boys: 0 };
  const sessions = await readDocs(docs, actor, {
    collection: EORE_SESSIONS,
    where: { op: 'between', field: 'date', low: range.from, high: range.to },
  });
  for (const s of sessions) {
    const a = lrDocs.eoreSessions.typed(s).data.audience;
    audience.women += a.women;
    audience.men += a.men;
    audience.girls += a.girls;
    audience.boys += a.boys;
  }
  const hazards = await readDocs(docs, actor, { collection: HAZARDS });
  const byStatus: Record<string, number> = {};
  for (const { status } of hazards.map((h) => lrDocs.hazards.typed(h).data))
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  const { total: _t, ...methods } = byMethod;
  return {
    report: 'landrelease-progress',
    from: range.from,
    to: range.to,
    unit: 'm2',
    checkpoint,
    area: {
      total: byMethod.total,
      byMethod: methods,
      byOrganisation: sorted(byOrg).map(([organisation, b]) => ({ organisation, ...b })),
      byMonth: sorted(byMonth).map(([month, b]) => ({ month, ...b })),
      byYearOrganisation: sorted(byYearOrg).map(([k, b]) => {
        const [year, organisation] = k.split('|') as [string, string];
        return { year, organisation, ...b };
      }),
    },
    devices: {
      total: deviceTotal,
      byType: sorted(byType).map(([k, count]) => {
        const [typeId, category] = k.split('|') as [string, string];
        return { typeId: typeId === '' ? null : typeId, category, count };
      }),
      byCategory: sorted(byCategory).map(([category, count]) => ({ category, count })),
      byYearOrganisation: sorted(devYearOrg).map(([k, count]) => {
        const [year, organisation] = k.split('|') as [string, string];
        return { year, organisation, count };
      }),
    },
    casualties: {
      total: casualties.reduce((s, c) => s + c.count, 0),
      killed: casualties.filter((c) => c.outcome === 'killed').reduce((s, c) => s + c.count, 0),
      injured: casualties.filter((c) => c.outcome === 'injured').reduce((s, c) => s + c.count, 0),
      bySexAge: casualties,
    },
    eore: { sessions: sessions.length, audience },
    hazards: {
      count: hazards.length,
      byStatus,
      remainingAreaM2: hazards.reduce((s, h) => s + lrDocs.hazards.typed(h).data.remainingAreaM2, 0),
    },
  };
}
