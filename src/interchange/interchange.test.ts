/**
 * Interchange through its door: codecs round-trip, every format's writer is read back by its
 * reader, and an import checks every feature, reports each problem by feature, field and rule,
 * writes nothing when anything is bad, and records a file's features once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.js';
import type { Cairn } from '../app/index.js';
import { makeTestApp } from '../app/testing/index.js';
import type { Geometry } from '../geo/index.js';
import { HAZARDS } from '../landrelease/index.js';
import type { Doc } from '../store/index.js';
import {
  dbfFieldNames,
  docPages,
  exportFeatures,
  fileDigest,
  fromGpkgBlob,
  fromWkb,
  fromWkt,
  importCommand,
  prepareImport,
  readFeatures,
  toGpkgBlob,
  toWkb,
  toWkt,
  type Format,
} from './index.js';
import { BOW_TIE, HOLED_SQUARE, OPEN_RING, featureCollection, square } from './fixtures.testkit.js';

const GEOMETRIES: Geometry[] = [
  { type: 'Point', coordinates: [30.5, -48.25] },
  {
    type: 'LineString',
    coordinates: [
      [1, 2],
      [3, 4.5],
    ],
  },
  {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
      [
        [0.2, 0.2],
        [0.2, 0.4],
        [0.4, 0.4],
        [0.2, 0.2],
      ],
    ],
  },
  {
    type: 'MultiPoint',
    coordinates: [
      [1, 1],
      [2, 2],
    ],
  },
  {
    type: 'MultiLineString',
    coordinates: [
      [
        [1, 1],
        [2, 2],
      ],
      [
        [3, 3],
        [4, 5],
      ],
    ],
  },
  {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
      [
        [
          [5, 5],
          [6, 5],
          [6, 6],
          [5, 5],
        ],
      ],
    ],
  },
];

describe('geometry codecs', () => {
  it('reads back every geometry type it writes as WKB, GeoPackage blob and WKT', () => {
    for (const g of GEOMETRIES) {
      expect(fromWkb(toWkb(g))).toEqual(g);
      expect(fromGpkgBlob(toGpkgBlob(g, 4326))).toEqual(g);
      expect(fromWkt(toWkt(g))).toEqual(g);
    }
  });

  it('writes the GeoPackage header: GP magic, version 0, little-endian, srs id, [minx,maxx,miny,maxy] envelope', () => {
    const b = toGpkgBlob(
      {
        type: 'Polygon',
        coordinates: [
          [
            [10, 20],
            [12, 20],
            [12, 25],
            [10, 20],
          ],
        ],
      },
      3067,
    );
    expect(b.toString('latin1', 0, 2)).toBe('GP');
    expect(b.readUInt8(2)).toBe(0);
    expect(b.readUInt8(3)).toBe(0b011); // envelope kind 1 (xy), little-endian
    expect(b.readInt32LE(4)).toBe(3067);
    expect([0, 1, 2, 3].map((i) => b.readDoubleLE(8 + 8 * i))).toEqual([10, 12, 20, 25]);
    // WKB after the header: little-endian polygon
    expect(b.readUInt8(40)).toBe(1);
    expect(b.readUInt32LE(41)).toBe(3);
  });

  it('reads big-endian and ISO Z WKB, dropping Z', () => {
    const b = Buffer.alloc(1 + 4 + 24);
    b.writeUInt8(0, 0);
    b.writeUInt32BE(1001, 1);
    b.writeDoubleBE(3, 5);
    b.writeDoubleBE(4, 13);
    b.writeDoubleBE(99, 21);
    expect(fromWkb(b)).toEqual({ type: 'Point', coordinates: [3, 4] });
  });

  it('parses WKT written by other tools and refuses malformed text with a position', () => {
    expect(fromWkt('MULTIPOINT ((1 2), (3 4))')).toEqual({
      type: 'MultiPoint',
      coordinates: [
        [1, 2],
        [3, 4],
      ],
    });
    expect(fromWkt('MULTIPOINT (1 2, 3 4)')).toEqual({
      type: 'MultiPoint',
      coordinates: [
        [1, 2],
        [3, 4],
      ],
    });
    expect(fromWkt('POINT Z (1 2 3)')).toEqual({ type: 'Point', coordinates: [1, 2] });
    expect(fromWkt('POLYGON EMPTY')).toBeNull();
    expect(() => fromWkt('POLYGON ((0 0, 1 0, 1 1, 0 0)')).toThrow(/character/);
    expect(() => fromWkt('CIRCLE (0 0)')).toThrow(/POINT/);
  });
});

describe('dBASE field names', () => {
  it('cuts names to 10 characters and makes clashes unique as GDAL does', () => {
    const m = dbfFieldNames(['name', 'estimatedAreaM2', 'estimatedAreaHa', 'remainingAreaM2']);
    expect(m.get('name')).toBe('name');
    expect(m.get('estimatedAreaM2')).toBe('estimatedA');
    expect(m.get('estimatedAreaHa')).toBe('estimate_1');
    expect(m.get('remainingAreaM2')).toBe('remainingA');
  });
});

describe('import and export of hazardous areas', () => {
  let app: Cairn;
  let dir: string;
  beforeEach(async () => {
    app = await makeTestApp();
    dir = mkdtempSync(join(tmpdir(), 'cairn-interchange-test-'));
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function importFile(file: string) {
    const read = await readFeatures(file);
    if (!read.ok) throw new Error(read.errors[0]?.message);
    const prepared = prepareImport(HAZARDS, file, read.value);
    if (!prepared.ok) throw new Error(prepared.errors[0]?.message);
    return prepared.value;
  }

  it('reports every bad feature by index, source id, field and rule, and writes nothing', async () => {
    const file = join(dir, 'bad.geojson');
    writeFileSync(
      file,
      featureCollection([
        {
          id: 'ok-1',
          geometry: square(30, 48),
          properties: { name: 'Good field', kind: 'sha', evidence: 'indirect' },
        },
        { id: 'null-geom', geometry: null, properties: { name: 'No shape', kind: 'sha' } },
        {
          id: 'bowtie',
          geometry: BOW_TIE,
          properties: { name: 'Bow tie', kind: 'sha' },
        },
        {
          id: 'open-ring',
          geometry: OPEN_RING,
          properties: { name: 'Open', kind: 'sha' },
        },
        {
          id: 'a-point',
          geometry: { type: 'Point', coordinates: [30, 48] },
          properties: { name: 'Point', kind: 'sha' },
        },
        { id: 'far', geometry: square(200, 48), properties: { name: 'Far', kind: 'sha' } },
        { id: 'nameless', geometry: square(31, 48), properties: { kind: 'unknown-kind' } },
      ]),
    );
    const p = await importFile(file);
    const codes = (id: string) =>
      p.report.entries.filter((e) => e.sourceId === id && e.severity === 'error').map((e) => e.code);
    expect(p.report.features).toBe(7);
    expect(p.report.valid).toBe(1);
    expect(codes('ok-1')).toEqual([]);
    expect(codes('null-geom')).toEqual(['GEOMETRY_NULL']);
    expect(codes('bowtie')).toContain('GEOMETRY_SELF_INTERSECTION');
    expect(codes('open-ring')).toContain('GEOMETRY_RING_NOT_CLOSED');
    expect(codes('a-point')).toEqual(['INTERCHANGE_GEOMETRY_TYPE']);
    expect(codes('far')).toContain('COORD_OUT_OF_RANGE');
    expect(codes('nameless').sort()).toEqual(['VALIDATION_ENUM', 'VALIDATION_REQUIRED']);
    const nameless = p.report.entries.filter((e) => e.sourceId === 'nameless' && e.severity === 'error');
    expect(nameless.map((e) => e.field).sort()).toEqual(['kind', 'name']);
    expect(nameless.every((e) => e.index === 6 && e.rule !== '' && e.message !== '')).toBe(true);
    expect(p.report.entries.find((e) => e.sourceId === 'null-geom')?.rule).toBe('null or empty geometry');
    expect(
      p.report.entries.find((e) => e.sourceId === 'open-ring' && e.code === 'GEOMETRY_RING_NOT_CLOSED')?.rule,
    ).toBe('unclosed ring');
    // The caller imports only when errors is 0; nothing has been written.
    expect(p.report.errors).toBeGreaterThan(0);
    expect(await app.store.countDocs({ collection: HAZARDS })).toBe(0);
    // An absent evidence is recorded as "not specified", with a warning.
    expect(
      p.report.entries.some(
        (e) => e.sourceId === 'null-geom' && e.field === 'evidence' && e.severity === 'warning',
      ),
    ).toBe(true);
  });

  it('imports a file through one pipeline command and records its features once', async () => {
    const file = join(dir, 'good.geojson');
    writeFileSync(
      file,
      featureCollection([
        {
          id: 'a',
          geometry: square(30, 48),
          properties: {
            name: 'Поле біля школи',
            kind: 'cha',
            evidence: '{"kind":"direct","items":["mine seen"]}',
            estimatedAreaM2: '1200',
            landUse: 'agriculture; grazing',
          },
        },
        {
          id: 'b',
          geometry: { type: 'MultiPolygon', coordinates: [square(30.1, 48).coordinates] },
          properties: { name: 'Orchard', kind: 'sha', priority: 'high' },
        },
      ]),
    );
    const p = await importFile(file);
    expect(p.report.errors).toBe(0);
    const cmd = importCommand(HAZARDS, p, { name: 'good.geojson', sha256: fileDigest(file) });
    const first = await app.execute(cmd, SYSTEM_ACTOR);
    expect(first.ok && first.value.result['imported']).toBe(2);
    const again = await app.execute(cmd, SYSTEM_ACTOR);
    expect(again.ok && again.value.result['imported']).toBe(0);
    const docs = await app.store.findDocs({ collection: HAZARDS, orderBy: { field: 'humanId' } });
    expect(docs.map((d) => d.data['name'])).toEqual(['Поле біля школи', 'Orchard']);
    expect(docs[0]?.data['evidence']).toEqual({ kind: 'direct', items: ['mine seen'] });
    expect(docs[0]?.data['landUse']).toEqual(['agriculture', 'grazing']);
    expect(docs[0]?.data['estimatedAreaM2']).toBe(1200);
    expect(docs.map((d) => d.data['humanId'])).toEqual(['HA-0001', 'HA-0002']);
    // The ledger holds one hazard-recorded event per feature, by the importing actor.
    const entries = await app.store.readEntries(0, 10);
    expect(entries.length).toBe(2);
  });

  it('refuses the import command as a whole when one feature is bad (nothing half-written)', async () => {
    const good = {
      index: 0,
      sourceId: null,
      report: { name: 'Fine', kind: 'sha', evidence: { kind: 'none', items: [] }, perimeter: square(30, 48) },
    };
    const bad = {
      index: 1,
      sourceId: 'x',
      report: {
        name: 'Bow tie',
        kind: 'sha',
        evidence: { kind: 'none', items: [] },
        perimeter: BOW_TIE,
      },
    };
    const r = await app.execute(
      {
        type: 'landrelease.hazard.import',
        payload: { source: { name: 'f', sha256: 'a'.repeat(64), format: 'geojson' }, features: [good, bad] },
      },
      SYSTEM_ACTOR,
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(
        r.errors.some(
          (e) =>
            e.code === 'GEOMETRY_SELF_INTERSECTION' &&
            e.path.startsWith('payload.features[1].report.perimeter'),
        ),
      ).toBe(true);
    expect(await app.store.countDocs({ collection: HAZARDS })).toBe(0);
  });

  const FORMAT_FILES: readonly [Format, string][] = [
    ['gpkg', 'out.gpkg'],
    ['kml', 'out.kml'],
    ['shp', 'out.zip'],
    ['csv', 'out.csv'],
    ['geojson', 'out.geojson'],
  ];

  it.each(FORMAT_FILES)(
    'exports hazards as %s and imports the file back to the same records',
    async (format, name) => {
      const src = join(dir, 'src.geojson');
      writeFileSync(
        src,
        featureCollection([
          {
            id: 'a',
            geometry: square(30, 48),
            properties: {
              name: 'Школа, "north" field',
              kind: 'cha',
              evidence: 'direct',
              estimatedAreaM2: 1200.5,
              landUse: 'agriculture',
            },
          },
          {
            id: 'b',
            geometry: HOLED_SQUARE,
            properties: { name: 'With a hole', kind: 'sha', priority: 'low' },
          },
        ]),
      );
      const p = await importFile(src);
      const r = await app.execute(
        importCommand(HAZARDS, p, { name: 'src.geojson', sha256: fileDigest(src) }),
        SYSTEM_ACTOR,
      );
      expect(r.ok).toBe(true);
      const before = await app.store.findDocs({ collection: HAZARDS, orderBy: { field: 'id' } });
      const out = join(dir, name);
      const exported = await exportFeatures(
        docPages(app.store, { collection: HAZARDS }, () => true),
        { format, out, layer: HAZARDS },
      );
      expect(exported.ok && exported.value.features).toBe(2);

      const back = await importFile(out);
      expect(back.report.errors).toBe(0);
      const other = await makeTestApp();
      try {
        const r2 = await other.execute(
          importCommand(HAZARDS, back, { name, sha256: fileDigest(out) }),
          SYSTEM_ACTOR,
        );
        expect(r2.ok).toBe(true);
        const after = await other.store.findDocs({ collection: HAZARDS, orderBy: { field: 'humanId' } });
        const pick = (d: Doc) => ({
          name: d.data['name'],
          kind: d.data['kind'],
          evidence: d.data['evidence'],
          priority: d.data['priority'],
          estimatedAreaM2: d.data['estimatedAreaM2'],
          landUse: d.data['landUse'],
          area: Math.round(d.data['hazardAreaM2'] as number),
        });
        const byName = (a: { name: unknown }, b: { name: unknown }) =>
          String(a.name).localeCompare(String(b.name));
        expect(after.map(pick).sort(byName)).toEqual(before.map(pick).sort(byName));
        const geomOf = (ds: readonly Doc[], n: string) =>
          JSON.stringify(ds.find((d) => d.data['name'] === n)?.geometry);
        // Shapefile rings wind clockwise; the reader and the validator restore RFC 7946 winding.
        for (const n of ['With a hole', 'Школа, "north" field'])
          expect(geomOf(after, n)).toBe(geomOf(before, n));
      } finally {
        await other.close();
      }
    },
  );

  it('exports in a national CRS (GeoPackage) and imports it back to WGS 84 within a millimetre', async () => {
    const src = join(dir, 'fi.geojson');
    writeFileSync(
      src,
      featureCollection([
        { geometry: square(24.9, 60.1), properties: { name: 'Helsinki test', kind: 'sha' } },
      ]),
    );
    const p = await importFile(src);
    expect(
      (await app.execute(importCommand(HAZARDS, p, { name: 'fi', sha256: fileDigest(src) }), SYSTEM_ACTOR))
        .ok,
    ).toBe(true);
    const out = join(dir, 'fi.gpkg');
    const r = await exportFeatures(
      docPages(app.store, { collection: HAZARDS }, () => true),
      { format: 'gpkg', out, layer: HAZARDS, epsg: 3067 },
    );
    expect(r.ok).toBe(true);
    const read = await readFeatures(out);
    expect(read.ok && read.value.crs).toEqual({ kind: 'epsg', code: 3067 });
    const first = read.ok ? read.value.features[0]?.geometry : undefined;
    // ETRS-TM35FIN eastings near 24.9°E are around 385 000 m.
    expect(
      first !== null && first !== undefined && 'coordinates' in first && first.type === 'Polygon'
        ? first.coordinates[0]?.[0]?.[0]
        : 0,
    ).toBeGreaterThan(380_000);
    const back = await importFile(out);
    const ring =
      (back.features[0]?.report['perimeter'] as unknown as { coordinates: number[][][] }).coordinates[0] ??
      [];
    const orig = square(24.9, 60.1).coordinates[0] ?? [];
    for (const q of orig)
      expect(
        ring.some((x) => Math.abs((x[0] ?? 0) - q[0]) < 1e-8 && Math.abs((x[1] ?? 0) - q[1]) < 1e-8),
      ).toBe(true);
  });

  it('reads a CSV exported in a national grid back through its .prj, and a new .prj is a new file', async () => {
    const src = join(dir, 'lt.geojson');
    writeFileSync(
      src,
      featureCollection([
        { geometry: square(24.1, 54.6), properties: { name: 'Vilnius test', kind: 'sha' } },
      ]),
    );
    const p = await importFile(src);
    expect(
      (await app.execute(importCommand(HAZARDS, p, { name: 'lt', sha256: fileDigest(src) }), SYSTEM_ACTOR))
        .ok,
    ).toBe(true);
    const out = join(dir, 'lt.csv');
    const r = await exportFeatures(
      docPages(app.store, { collection: HAZARDS }, () => true),
      { format: 'csv', out, layer: HAZARDS, epsg: 3346 },
    );
    expect(r.ok).toBe(true);
    const read = await readFeatures(out);
    expect(read.ok && read.value.crs).toEqual({ kind: 'epsg', code: 3346 });
    const before = fileDigest(out);
    const back = await importFile(out);
    expect(back.report.errors).toBe(0);
    const ring =
      (back.features[0]?.report['perimeter'] as unknown as { coordinates: number[][][] }).coordinates[0] ??
      [];
    for (const q of square(24.1, 54.6).coordinates[0] ?? [])
      expect(
        ring.some((x) => Math.abs((x[0] ?? 0) - q[0]) < 1e-8 && Math.abs((x[1] ?? 0) - q[1]) < 1e-8),
      ).toBe(true);
    // The .prj is part of what the file says, so it is part of the import's identity.
    writeFileSync(join(dir, 'lt.prj'), 'GEOGCS["WGS 84"]');
    expect(fileDigest(out)).not.toBe(before);
  });

  it('refuses a GeoJSON or KML export in another CRS, naming the formats that take one', async () => {
    const r = await exportFeatures(
      docPages(app.store, { collection: HAZARDS }, () => true),
      { format: 'geojson', out: join(dir, 'x.geojson'), layer: HAZARDS, epsg: 3067 },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.code).toBe('INTERCHANGE_CRS_UNSUPPORTED');
  });

  it('pages through every visible document exactly once, in id order', async () => {
    await app.store.transaction(async (tx) => {
      for (const id of ['e', 'a', 'c', 'b', 'd'])
        await tx.putDoc({ collection: 'paging', id, data: { keep: id !== 'c' }, version: 1 });
    });
    const seen: string[][] = [];
    for await (const page of docPages(
      app.store,
      { collection: 'paging' },
      (d) => d.data['keep'] === true,
      2,
    )())
      seen.push(page.map((d) => d.id));
    expect(seen).toEqual([['a', 'b'], ['d'], ['e']]);
  });

  it('refuses a file whose name and content disagree', async () => {
    const file = join(dir, 'looks.gpkg');
    writeFileSync(file, '{"type":"FeatureCollection","features":[]}');
    const r = await readFeatures(file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.code).toBe('INTERCHANGE_FORMAT_UNKNOWN');
  });

  it('refuses a CSV whose quoted field opened on line 3 never closes, with the parser code naming line 3', async () => {
    const file = join(dir, 'open-quote.csv');
    writeFileSync(file, 'WKT,name\r\n"POINT (1 2)",ok\r\n"POINT (3 4),never closed\r\nPOINT (5 6),x\r\n');
    const r = await readFeatures(file);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((p) => [p.code, p.path])).toEqual([['LANDRELEASE_IMPORT_ROW_INVALID', 'line 3']]);
  });

  it('refuses a CSV with neither a WKT column nor longitude and latitude as unreadable', async () => {
    const file = join(dir, 'no-geometry.csv');
    writeFileSync(file, 'name,kind\r\nA,sha\r\n');
    const r = await readFeatures(file);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((p) => [p.code, p.path])).toEqual([['INTERCHANGE_FILE_UNREADABLE', 'file']]);
  });
});
