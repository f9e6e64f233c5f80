/**
 * Demo land release: SYNTHETIC DEMO DATA. Fictional hazardous areas — random star-shaped
 * polygons in open country chosen by the seeded PRNG, not real places — with a year of
 * non-technical survey (cancelled), technical survey (reduced) and clearance (cleared), devices
 * found, one accident with aggregated casualties, an EORE session, and clearance in the CHA
 * opened from the demo minefield record handed to mine action. Every step is a command:
 * the surveyor submits, the IM officer reviews (the catalogue's operator is added by the stock
 * officer, who holds catalogue.manage).
 */
import type { Actor } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import { CairnError } from '../core/index.js';
import { intersection, withinTolerance, type ArealGeometry, type PolygonGeometry } from '../geo/index.js';
import { HAZARDS } from '../landrelease/index.js';
import { STOCK_COLLECTIONS } from '../stock/index.js';
import { SYNTHETIC, demoInstant, type DemoContext } from './context.js';

const DAY = 86_400_000;

async function run(
  app: Cairn,
  type: string,
  payload: Record<string, unknown>,
  actor: Actor,
  effectiveAt?: string,
): Promise<Record<string, unknown>> {
  const r = await app.execute(
    { type, payload, ...(effectiveAt === undefined ? {} : { effectiveAt }) },
    actor,
  );
  if (!r.ok)
    throw new CairnError(
      r.errors[0]?.code ?? 'INTERNAL',
      `demo ${type}: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
    );
  return r.value.result;
}

/** A random star-shaped polygon (valid: vertices sorted by angle around the centre), `r` degrees across. */
function randomShape(random: () => number, lon: number, lat: number, r: number): PolygonGeometry {
  const n = 7 + Math.floor(random() * 5);
  const ring: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * (i + 0.3 * random())) / n;
    const k = r * (0.6 + 0.4 * random());
    // Longitude degrees are shorter at this latitude: stretch so the shape is not flattened.
    ring.push([lon + (k * Math.cos(a)) / Math.cos((lat * Math.PI) / 180), lat + k * Math.sin(a)]);
  }
  ring.push(ring[0] ?? [lon, lat]);
  return { type: 'Polygon', coordinates: [ring] };
}

function bboxOf(g: ArealGeometry): [number, number, number, number] {
  const pts = (
    g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2)
  ) as readonly (readonly number[])[];
  const xs = pts.map((p) => p[0] ?? 0);
  const ys = pts.map((p) => p[1] ?? 0);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The hazard cut into `n` west-to-east strips: releases inside it that never overlap. */
function strips(hazard: ArealGeometry, n: number): ArealGeometry[] {
  const [x0, y0, x1, y1] = bboxOf(hazard);
  const w = (x1 - x0) / n;
  const out: ArealGeometry[] = [];
  for (let i = 0; i < n; i++) {
    const a = x0 + i * w;
    const b = i === n - 1 ? x1 + 1e-6 : a + w;
    const box: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [a, y0 - 1e-6],
          [b, y0 - 1e-6],
          [b, y1 + 1e-6],
          [a, y1 + 1e-6],
          [a, y0 - 1e-6],
        ],
      ],
    };
    const r = intersection(hazard, box);
    if (r.ok && r.value !== null) out.push(r.value);
  }
  return out;
}

/** A random point inside `g` (rejection sampling in its bbox). */
function pointIn(random: () => number, g: ArealGeometry): [number, number] {
  const [x0, y0, x1, y1] = bboxOf(g);
  for (let i = 0; i < 200; i++) {
    const p: [number, number] = [x0 + random() * (x1 - x0), y0 + random() * (y1 - y0)];
    if (withinTolerance({ type: 'Point', coordinates: p }, g, 0)) return p;
  }
  const first = g.type === 'Polygon' ? g.coordinates[0]?.[0] : g.coordinates[0]?.[0]?.[0];
  return [first?.[0] ?? x0, first?.[1] ?? y0];
}

/** Seed fictional hazards with a year of survey and clearance, an accident and an EORE session. */
export async function seedLandReleaseDemo(ctx: DemoContext): Promise<void> {
  const { app, random, today } = ctx;
  const imo = ctx.actors.get('imo');
  const surveyor = ctx.actors.get('surveyor');
  const stock = ctx.actors.get('stock');
  if (imo === undefined || surveyor === undefined || stock === undefined) return;
  const types = await app.store.findDocs({
    collection: STOCK_COLLECTIONS.types,
    orderBy: { field: 'designation' },
  });
  const apType = types.find((t) => t.data['category'] === 'AP')?.id;
  const atType = types.find((t) => t.data['category'] === 'AT')?.id;
  const dayAgo = (n: number): string => new Date(today.getTime() - n * DAY).toISOString().slice(0, 10);
  const when = (n: number): string => demoInstant(today, n);

  const orgId = (
    await run(
      app,
      'stock.org.add',
      { name: `Synthetic Demining Operator (${SYNTHETIC})`, kind: 'operator', country: 'FI' },
      stock,
    )
  )['orgId'] as string;

  /** Surveyor submits, IM officer approves; returns the official id. */
  const report = async (kind: string, body: Record<string, unknown>, daysAgo: number): Promise<string> => {
    const s = await run(app, 'landrelease.submit', { kind, report: body }, surveyor, when(daysAgo));
    const a = await run(
      app,
      'landrelease.review.approve',
      { submissionId: s['submissionId'] },
      imo,
      when(Math.max(0, daysAgo - 1)),
    );
    return a['officialId'] as string;
  };
  const device = (g: ArealGeometry, category: 'ap-mine' | 'at-mine' | 'uxo', typeId: string | undefined) => ({
    location: pointIn(random, g),
    category,
    ...(typeId === undefined ? {} : { typeId }),
    condition: random() < 0.7 ? 'intact' : 'deteriorated',
    depthCm: 3 + Math.floor(random() * 15),
    disposal: random() < 0.8 ? 'destroyed-in-place' : 'removed',
  });
  const activity = (
    hazardId: string,
    type: string,
    method: string,
    pieces: readonly ArealGeometry[],
    start: number,
    end: number,
    devices: object[],
  ) => ({
    hazardId,
    type,
    organisation: orgId,
    assets: type === 'nts' ? ['visual'] : type === 'ts' ? ['detector', 'mechanical'] : ['manual', 'detector'],
    ...(type === 'nts' ? {} : { depthCm: 13 }),
    startDate: dayAgo(start),
    endDate: dayAgo(end),
    hours: type === 'nts' ? 16 : 40 + Math.floor(random() * 200),
    status: 'completed',
    outputs: pieces.map((geometry) => ({
      method,
      geometry,
      ...(method === 'reduced' ? { withAsset: true } : {}),
      criteria: `${SYNTHETIC}: ${method} per national standard`,
    })),
    devices,
  });

  // Four fictional hazards, recorded about a year ago, somewhere in open country.
  const hazards: { id: string; pieces: ArealGeometry[] }[] = [];
  for (let h = 0; h < 4; h++) {
    const lon = 27.2 + random() * 2.5;
    const lat = 63.2 + random() * 1.5;
    const perimeter = randomShape(random, lon, lat, 0.0015 + random() * 0.0015);
    const id = await report(
      'hazard',
      {
        name: `${SYNTHETIC} hazardous area ${String(h + 1)}`,
        kind: h === 0 ? 'cha' : 'sha',
        evidence: {
          kind: h === 0 ? 'direct' : 'indirect',
          items: [h === 0 ? `${SYNTHETIC}: mine found by a farmer` : `${SYNTHETIC}: community reports`],
        },
        devices: { suspected: ['ap-mine', 'uxo'], confirmed: h === 0 ? ['ap-mine'] : [] },
        perimeter,
        benchmark: [lon, lat - 0.003],
        estimatedAreaM2: 50_000 + Math.round(random() * 100_000),
        landUse: ['agriculture'],
        blockages: [`${SYNTHETIC}: access to fields`],
        beneficiaries: {
          women: 20 + Math.floor(random() * 40),
          men: 20 + Math.floor(random() * 40),
          girls: Math.floor(random() * 30),
          boys: Math.floor(random() * 30),
        },
        priority: h < 2 ? 'high' : 'medium',
        classification: 'restricted',
        region: 'FI',
      },
      360 - h * 5,
    );
    hazards.push({ id, pieces: strips(perimeter, 5) });
  }

  // A year of work: NTS cancels the west strip, TS reduces the next, clearance the rest by month.
  for (const [h, { id, pieces }] of hazards.entries()) {
    const [p0, p1, p2, p3, p4] = pieces;
    const base = 330 - h * 20;
    if (p0 !== undefined)
      await report('activity', activity(id, 'nts', 'cancelled', [p0], base, base - 2, []), base - 2);
    if (p1 !== undefined)
      await report(
        'activity',
        activity(
          id,
          'ts',
          'reduced',
          [p1],
          base - 60,
          base - 70,
          h === 0 ? [device(p1, 'ap-mine', apType)] : [],
        ),
        base - 70,
      );
    if (p2 !== undefined)
      await report(
        'activity',
        activity(id, 'clearance', 'cleared', [p2], base - 120, base - 150, [
          device(p2, 'ap-mine', apType),
          device(p2, 'uxo', undefined),
        ]),
        base - 150,
      );
    if (p3 !== undefined)
      await report(
        'activity',
        activity(
          id,
          'clearance',
          'cleared',
          [p3],
          base - 160,
          base - 200,
          h % 2 === 0 ? [device(p3, 'ap-mine', apType), device(p3, 'at-mine', atType)] : [],
        ),
        base - 200,
      );
    // The first hazard is fully released and handed over; the others keep their last strip.
    if (h === 0 && p4 !== undefined) {
      await report(
        'activity',
        activity(id, 'clearance', 'cleared', [p4], base - 210, base - 230, [device(p4, 'ap-mine', apType)]),
        base - 230,
      );
      await run(
        app,
        'landrelease.hazard.status',
        {
          hazardId: id,
          status: 'handed-over',
          reason: `${SYNTHETIC}: handover certificate signed with the community`,
        },
        imo,
        when(base - 235),
      );
    }
  }

  // One accident with two casualties: personal data is sealed, others see counts by sex and age.
  const [first, second] = hazards;
  if (second !== undefined) {
    const loc = pointIn(random, second.pieces[4] ?? second.pieces[0] ?? randomShape(random, 28, 64, 0.001));
    const accidentId = await report(
      'accident',
      {
        kind: 'mine',
        date: dayAgo(200),
        location: loc,
        hazardId: second.id,
        device: { category: 'ap-mine', ...(apType === undefined ? {} : { typeId: apType }) },
        cause: `${SYNTHETIC}: stepped off the path while herding`,
        activation: 'pressure',
        ordnanceMoved: false,
        areaMarked: false,
        description: `${SYNTHETIC}: accident near the edge of the suspected area`,
        victims: [
          {
            sex: 'male',
            ageGroup: 'child',
            age: 12,
            name: `${SYNTHETIC} person A`,
            occupation: 'herder',
            activityAtTime: 'herding',
            outcome: 'injured',
            injuries: ['lower limb'],
            consent: true,
          },
          { sex: 'female', ageGroup: 'adult', outcome: 'killed', consent: false },
        ],
        classification: 'restricted',
        region: 'FI',
      },
      199,
    );
    const victims = await app.store.findDocs({
      collection: 'victims',
      where: { op: '=', field: 'accidentId', value: accidentId },
    });
    const injured = victims[0]?.id;
    if (injured !== undefined) {
      await run(
        app,
        'landrelease.assistance.refer',
        { victimId: injured, type: 'rehabilitation', provider: `${SYNTHETIC} rehabilitation centre` },
        imo,
        when(190),
      );
    }
  }

  // An EORE session in the villages around the first two hazards.
  await report(
    'eore',
    {
      date: dayAgo(100),
      location: [27.5 + random(), 63.5 + random()],
      organisation: orgId,
      type: 'community session',
      audience: {
        women: 18 + Math.floor(random() * 10),
        men: 12 + Math.floor(random() * 10),
        girls: 20 + Math.floor(random() * 10),
        boys: 22 + Math.floor(random() * 10),
      },
      hazardIds: [first?.id, second?.id].filter((x): x is string => x !== undefined),
      materials: [`${SYNTHETIC} leaflet`, `${SYNTHETIC} poster`],
      region: 'FI',
    },
    100,
  );

  // The CHA opened from the demo minefield record handed over: part cleared, fewer AP mines
  // found than recorded so far (a residual-risk warning in `cairn compliance`).
  const cha = (await app.store.findDocs({ collection: HAZARDS })).find(
    (d) => (d.data['minefieldIds'] as string[] | undefined)?.length === 1,
  );
  if (cha?.geometry !== undefined && cha.geometry !== null) {
    const [west] = strips(cha.geometry as unknown as ArealGeometry, 3);
    if (west !== undefined) {
      await report(
        'activity',
        activity(cha.id, 'clearance', 'cleared', [west], 0, 0, [
          { ...device(west, 'ap-mine', apType), count: 4 },
        ]),
        0,
      );
    }
  }
}
