/**
 * The field side of the treaty reports, from land release and minefield records: mined areas
 * (Form C), AP mines destroyed in place (Form G, Art 5), warnings (Form I), casualties (Form J),
 * and for CCW APII Art 13(4) risk education, clearance totals and the minefield status summary.
 * Only what the actor may read enters (see scope.ts); casualties are counts by sex and age only.
 */
import type { Actor } from '../../access/index.js';
import type { Collection, TypedDoc } from '../../command/index.js';
import {
  RELEASE_METHODS,
  landReleaseDocs,
  readDocs,
  type HazardDoc,
  type ReleaseMethod,
  type Sadd,
} from '../../landrelease/index.js';
import type { MinefieldRecord } from '../../minefields/index.js';
import type { MineType } from '../../stock/index.js';
import type { DocReader, StoredGeometry } from '../../store/index.js';
import type { Period } from './basis.js';
import {
  Attribution,
  areaFigure,
  minefieldView,
  ofState,
  tally,
  type AreaFigure,
  type MinefieldView,
} from './scope.js';

/** Hazardous-area statuses in which an area is still known or suspected to be dangerous. */
const STILL_HAZARDOUS = new Set(['open', 'worked-on']);
/** Minefield statuses in which mines are in the ground (laid and not yet cleared). */
const MINES_IN_GROUND = new Set([
  'laying',
  'laid-recorded',
  'marked-fenced-monitored',
  'changed',
  'handed-over-to-other-force',
  'control-lost',
  'clearance-in-progress',
]);

export interface HazardLine {
  readonly humanId: string;
  readonly name: string;
  readonly region: string | null;
  readonly kind: string;
  readonly status: string;
  /** A representative point [lon, lat]: the benchmark, else the centre of the perimeter's bounding box. */
  readonly location: readonly [number, number] | null;
  readonly hazardArea: AreaFigure;
  readonly remainingArea: AreaFigure;
  readonly apMines: 'confirmed' | 'suspected';
  /** Art 7(1)(c) asks when the mines were emplaced; hazard records do not hold it. */
  readonly emplaced: string;
}

export interface MinefieldAreaLine {
  readonly humanId: string;
  readonly status: string;
  readonly location: readonly [number, number] | null;
  readonly area: AreaFigure;
  readonly apContents: readonly { readonly designation: string; readonly number: number }[];
  readonly emplaced: string;
}

export interface MarkingLine {
  readonly humanId: string;
  readonly status: string;
  readonly markings: number;
  readonly lastMarkingInstalled: string | null;
  readonly inspectionsInPeriod: number;
}

export interface CasualtyLine {
  readonly outcome: string;
  readonly sex: string;
  readonly ageGroup: string;
  readonly count: number;
}

export interface FieldFacts {
  readonly hazards: readonly HazardLine[];
  readonly hazardsByStatus: Readonly<Record<string, number>>;
  readonly remainingArea: AreaFigure;
  readonly released: Readonly<Record<ReleaseMethod, AreaFigure>> & { readonly total: AreaFigure };
  readonly devicesByCategory: Readonly<Record<string, number>>;
  readonly apDestroyedInPlace: readonly { readonly designation: string; readonly quantity: number }[];
  readonly apRemoved: number;
  readonly eore: {
    readonly sessions: number;
    readonly audience: Sadd;
    readonly byType: Readonly<Record<string, number>>;
  };
  readonly publicWarnings: number;
  readonly accidents: number;
  readonly casualties: readonly CasualtyLine[];
  readonly minefields: MinefieldView;
  readonly minefieldAreas: readonly MinefieldAreaLine[];
  readonly markings: readonly MarkingLine[];
  /** Visible land-release records in scope of the period that belong to no state (left out). */
  readonly unattributed: number;
}

function positions(
  g: StoredGeometry | null | undefined,
  out: Array<readonly [number, number]> = [],
): Array<readonly [number, number]> {
  if (g === null || g === undefined) return out;
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') out.push([c[0], c[1]]);
    else if (Array.isArray(c)) for (const x of c) walk(x);
  };
  walk(g.coordinates);
  for (const child of g.geometries ?? []) positions(child, out);
  return out;
}

/** Centre of the bounding box, rounded to 5 decimals (about 1 m). */
function centre(g: StoredGeometry | null | undefined): readonly [number, number] | null {
  const ps = positions(g);
  if (ps.length === 0) return null;
  const lons = ps.map((p) => p[0]);
  const lats = ps.map((p) => p[1]);
  const r = (x: number) => Math.round(x * 1e5) / 1e5;
  return [r((Math.min(...lons) + Math.max(...lons)) / 2), r((Math.min(...lats) + Math.max(...lats)) / 2)];
}

const inPeriod = (period: Period) =>
  ({ op: 'between', field: 'date', low: period.from, high: period.to }) as const;

function hazardLine({ data: h, geometry }: TypedDoc<HazardDoc>): HazardLine | undefined {
  const confirmed = h.devices.confirmed.includes('ap-mine');
  const suspected = h.devices.suspected.includes('ap-mine');
  if (!STILL_HAZARDOUS.has(h.status) || !(confirmed || suspected)) return undefined;
  const benchmark = h.benchmark;
  return {
    humanId: h.humanId,
    name: h.name,
    region: h.region ?? null,
    kind: h.kind,
    status: h.status,
    location: benchmark === null ? centre(geometry) : [benchmark[0], benchmark[1]],
    hazardArea: areaFigure(h.hazardAreaM2),
    remainingArea: areaFigure(h.remainingAreaM2),
    apMines: confirmed ? 'confirmed' : 'suspected',
    emplaced: 'not recorded',
  };
}

function minefieldArea(
  r: MinefieldRecord,
  catalogue: ReadonlyMap<string, MineType>,
): MinefieldAreaLine | undefined {
  if (!MINES_IN_GROUND.has(r.status)) return undefined;
  const ap = new Map<string, number>();
  for (const c of r.contents) {
    const t = catalogue.get(c.typeId);
    if (t?.ottawaStatus === 'banned-ap') ap.set(t.designation, (ap.get(t.designation) ?? 0) + c.number);
  }
  if (ap.size === 0) return undefined;
  const rp = r.referencePoints[0]?.point.position;
  return {
    humanId: r.humanId,
    status: r.status,
    location:
      r.perimeter !== undefined ? centre(r.perimeter.polygon) : rp === undefined ? null : [rp[0], rp[1]],
    area: areaFigure(r.perimeter?.areaM2 ?? 0),
    apContents: [...ap.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([designation, number]) => ({ designation, number })),
    emplaced:
      r.layingStart === undefined
        ? 'not recorded'
        : `${r.layingStart.slice(0, 10)} – ${(r.layingEnd ?? r.layingStart).slice(0, 10)}`,
  };
}

function markingLine(r: MinefieldRecord, period: Period): MarkingLine | undefined {
  if (r.markings.length === 0) return undefined;
  const installed = r.markings.map((m) => m.installedAt).sort();
  return {
    humanId: r.humanId,
    status: r.status,
    markings: r.markings.length,
    lastMarkingInstalled: installed[installed.length - 1] ?? null,
    inspectionsInPeriod: r.inspections.filter(
      (i) => i.inspectedAt.slice(0, 10) >= period.from && i.inspectedAt.slice(0, 10) <= period.to,
    ).length,
  };
}

/** The field facts of `state` for `period`, as this actor may see them. */
export async function fieldFacts(
  docs: DocReader,
  actor: Actor,
  state: string,
  period: Period,
  catalogue: ReadonlyMap<string, MineType>,
): Promise<FieldFacts> {
  const attribution = await Attribution.load(docs);
  let unattributed = 0;
  const read = async <T>(c: Collection<T>, dated: boolean): Promise<TypedDoc<T>[]> => {
    const visible = await readDocs(docs, actor, {
      collection: c.name,
      ...(dated ? { where: inPeriod(period) } : {}),
    });
    const { mine, unattributed: u } = ofState(visible, attribution, state);
    unattributed += u;
    return mine.map((d) => c.typed(d));
  };
  const data = <T>(ds: readonly TypedDoc<T>[]): T[] => ds.map((d) => d.data);
  const hazardDocs = await read(landReleaseDocs.hazards, false);
  const hazards = data(hazardDocs);
  const releases = data(await read(landReleaseDocs.releases, true)).filter((r) => r.current);
  const devices = data(await read(landReleaseDocs.devices, true)).filter((d) => d.current);
  const sessions = data(await read(landReleaseDocs.eoreSessions, true));
  const accidents = data(await read(landReleaseDocs.accidents, true));

  const released: Record<string, number> = { cancelled: 0, reduced: 0, cleared: 0 };
  for (const r of releases) released[r.method] = (released[r.method] ?? 0) + r.areaM2;
  const releasedFigures = Object.fromEntries(
    RELEASE_METHODS.map((m) => [m, areaFigure(released[m] ?? 0)]),
  ) as Record<ReleaseMethod, AreaFigure>;

  const byCategory = new Map<string, number>();
  const inPlace = new Map<string, number>();
  let apRemoved = 0;
  for (const d of devices) {
    const { count: n, category: cat } = d;
    byCategory.set(cat, (byCategory.get(cat) ?? 0) + n);
    if (cat !== 'ap-mine') continue;
    // Devices removed are destroyed later through stock (basis art5) and counted there, not twice.
    if (d.disposal === 'destroyed-in-place') {
      const typeId = d.typeId;
      const name =
        typeId === null ? 'AP mine (type not recorded)' : (catalogue.get(typeId)?.designation ?? typeId);
      inPlace.set(name, (inPlace.get(name) ?? 0) + n);
    } else apRemoved += n;
  }

  const audience = { women: 0, men: 0, girls: 0, boys: 0 };
  for (const s of sessions) {
    const a = s.audience;
    audience.women += a.women;
    audience.men += a.men;
    audience.girls += a.girls;
    audience.boys += a.boys;
  }

  const casualties = new Map<string, number>();
  for (const a of accidents) {
    for (const c of a.casualties) {
      const k = `${c.outcome}|${c.sex}|${c.ageGroup}`;
      casualties.set(k, (casualties.get(k) ?? 0) + c.count);
    }
  }

  const minefields = await minefieldView(docs, actor, state);
  return {
    hazards: hazardDocs
      .flatMap((d) => hazardLine(d) ?? [])
      .sort((a, b) => a.humanId.localeCompare(b.humanId)),
    hazardsByStatus: tally(hazards.map((h) => h.status)),
    remainingArea: areaFigure(
      hazards.filter((h) => STILL_HAZARDOUS.has(h.status)).reduce((s, h) => s + h.remainingAreaM2, 0),
    ),
    released: {
      ...releasedFigures,
      total: areaFigure(RELEASE_METHODS.reduce((s, m) => s + (released[m] ?? 0), 0)),
    },
    devicesByCategory: Object.fromEntries([...byCategory.entries()].sort(([a], [b]) => a.localeCompare(b))),
    apDestroyedInPlace: [...inPlace.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([designation, quantity]) => ({ designation, quantity })),
    apRemoved,
    eore: {
      sessions: sessions.length,
      audience,
      byType: tally(sessions.map((s) => s.type)),
    },
    publicWarnings: hazards.filter((h) => h.publicWarning && STILL_HAZARDOUS.has(h.status)).length,
    accidents: accidents.length,
    casualties: [...casualties.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, count]) => {
        const [outcome, sex, ageGroup] = k.split('|') as [string, string, string];
        return { outcome, sex, ageGroup, count };
      }),
    minefields,
    minefieldAreas: minefields.records.flatMap((r) => minefieldArea(r, catalogue) ?? []),
    markings: minefields.records.flatMap((r) => markingLine(r, period) ?? []),
    unattributed,
  };
}
