/**
 * PostgreSQL specifics beyond the shared contract: filters answer as on SQLite, spatial
 * predicates as JSTS (the SQLite path's engine) decides, ST_AsMVT tiles, and every fault as one
 * clear line. Needs CAIRN_TEST_PG_URL (see postgres.test.ts for the skip and CI rules).
 */
import { createRequire } from 'node:module';
import 'jsts/org/locationtech/jts/monkey.js';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import pg from 'pg';
import { expect, it } from 'vitest';
import { seededRandom } from '../../../bench/emit.js';
import type { EventDraft } from '../../ledger/index.js';
import { SqliteStore } from '../sqlite/index.js';
import type { Doc, DocQuery, Expr, Store, StoredGeometry } from '../port.js';
import { PostgresStore } from './index.js';
import { createTestSchema, dropTestSchema, makePostgresTestStore } from './testing/index.js';
import { describeWithPostgres } from './testing/describe.js';

interface JstsGeom {
  intersects(o: JstsGeom): boolean;
  disjoint(o: JstsGeom): boolean;
  within(o: JstsGeom): boolean;
  contains(o: JstsGeom): boolean;
  equalsTopo(o: JstsGeom): boolean;
  touches(o: JstsGeom): boolean;
  crosses(o: JstsGeom): boolean;
  overlaps(o: JstsGeom): boolean;
}
const reader = new GeoJSONReader(new GeometryFactory()) as unknown as { read(g: unknown): JstsGeom };

const square = (x: number, y: number, s: number): StoredGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ],
  ],
});

async function withBoth(docs: readonly Doc[], fn: (pgs: Store, lite: Store) => Promise<void>): Promise<void> {
  const pgs = await makePostgresTestStore();
  const lite = new SqliteStore(':memory:');
  try {
    await lite.migrate();
    for (const s of [pgs, lite])
      await s.transaction(async (tx) => {
        for (const d of docs) await tx.putDoc(d);
      });
    await fn(pgs, lite);
  } finally {
    await pgs.close();
    await lite.close();
  }
}

const d = (id: string, data: Doc['data']): Doc => ({ collection: 'c', id, version: 1, data });

function oneLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  expect(m).not.toContain('\n');
  return m;
}

describeWithPostgres('postgres adapter specifics', (url) => {
  it('answers every filter, order and page exactly as the SQLite adapter does', async () => {
    const docs = [
      d('a', { name: 'alpha', n: 2, flag: true, tag: { region: 'north' }, mixed: 3 }),
      d('B', { name: 'Alpha', n: 10, flag: false, mixed: 'x' }),
      d('c', { name: 'Zulu', n: -1.5, mixed: true }),
      d('d', { name: 'émile', n: 1e21, flag: true, mixed: null }),
      d('e', { name: 'a_b%c', n: 0 }),
      d('f', { name: null, n: 7.25, tag: { region: 'south' }, mixed: { k: 1 } }),
      d('g', { name: '10', mixed: '9' }),
      d('h', { name: 'zeta\\', n: 7.25 }),
    ];
    const queries: DocQuery[] = [];
    const wheres: Expr[] = [
      { op: '=', field: 'name', value: 'alpha' },
      { op: '<', field: 'name', value: 'a' },
      { op: '>=', field: 'name', value: 'Zulu' },
      { op: '>', field: 'name', value: 'z' },
      { op: '=', field: 'name', value: null },
      { op: '<>', field: 'name', value: null },
      { op: '>', field: 'n', value: 2 },
      { op: '<=', field: 'n', value: 7.25 },
      { op: 'between', field: 'n', low: -2, high: 2 },
      { op: 'in', field: 'n', values: [0, 10, null] },
      { op: 'in', field: 'name', values: ['Zulu', 'émile'] },
      { op: '=', field: 'flag', value: true },
      { op: '<', field: 'flag', value: true },
      { op: 'isNull', field: 'flag' },
      { op: 'isNull', field: 'name' },
      { op: '=', field: 'tag.region', value: 'south' },
      { op: '=', field: 'mixed', value: '9' },
      { op: '=', field: 'mixed', value: 3 },
      { op: 'not', arg: { op: '>', field: 'n', value: 1 } },
      { op: 'like', field: 'name', pattern: 'a%' },
      { op: 'like', field: 'name', pattern: 'A%', caseInsensitive: true },
      { op: 'like', field: 'name', pattern: 'a\\_b\\%c' },
      { op: 'like', field: 'name', pattern: '_lpha' },
      { op: 'like', field: 'id', pattern: 'B' },
      { op: '<', field: 'id', value: 'a' },
      { op: '>=', field: 'version', value: 1 },
      {
        op: 'or',
        args: [
          { op: '=', field: 'id', value: 'c' },
          {
            op: 'and',
            args: [
              { op: '>', field: 'n', value: 5 },
              { op: 'isNull', field: 'flag' },
            ],
          },
        ],
      },
      { op: 'and', args: [] },
      { op: 'or', args: [] },
    ];
    for (const where of wheres) queries.push({ collection: 'c', where });
    for (const field of ['name', 'n', 'flag', 'mixed', 'id', 'version', 'tag.region']) {
      queries.push(
        { collection: 'c', orderBy: { field } },
        { collection: 'c', orderBy: { field, desc: true } },
      );
    }
    queries.push(
      { collection: 'c', orderBy: { field: 'n' }, limit: 3, offset: 2 },
      { collection: 'c', limit: 2 },
      { collection: 'c', offset: 6 },
      { collection: 'other' },
    );
    await withBoth(docs, async (pgs, lite) => {
      for (const q of queries) {
        const want = (await lite.findDocs(q)).map((x) => x.id);
        expect({ q, ids: (await pgs.findDocs(q)).map((x) => x.id) }).toEqual({ q, ids: want });
        const { limit: _l, offset: _o, ...whole } = q;
        expect({ q, n: await pgs.countDocs(whole) }).toEqual({ q, n: await lite.countDocs(whole) });
      }
      expect((await pgs.getDoc('c', 'd'))?.data).toEqual(docs[3]?.data);
    });
  });

  it('decides spatial predicates in SQL exactly as JSTS does, alone, negated and with a bbox', async () => {
    const rnd = seededRandom(9);
    const docs: Doc[] = [];
    for (let i = 0; i < 60; i++) {
      const s = 0.2 + rnd() * 1.5;
      const g =
        i % 10 === 0
          ? { type: 'Point', coordinates: [10 + rnd() * 4, 40 + rnd() * 4] }
          : square(
              10 + Math.round(rnd() * 30) / 10,
              40 + Math.round(rnd() * 30) / 10,
              Math.round(s * 10) / 10,
            );
      docs.push({
        collection: 'c',
        id: `g${String(i).padStart(2, '0')}`,
        version: 1,
        data: { i },
        geometry: g,
      });
    }
    docs.push({ collection: 'c', id: 'nogeom', version: 1, data: {} });
    const query = square(11, 41, 1.5);
    const jq = reader.read(query);
    const ops = {
      s_intersects: (g: JstsGeom) => g.intersects(jq),
      s_disjoint: (g: JstsGeom) => g.disjoint(jq),
      s_within: (g: JstsGeom) => g.within(jq),
      s_contains: (g: JstsGeom) => g.contains(jq),
      s_equals: (g: JstsGeom) => g.equalsTopo(jq),
      s_touches: (g: JstsGeom) => g.touches(jq),
      s_crosses: (g: JstsGeom) => g.crosses(jq),
      s_overlaps: (g: JstsGeom) => g.overlaps(jq),
    } as const;
    const pgs = await makePostgresTestStore();
    try {
      await pgs.transaction(async (tx) => {
        for (const x of docs) await tx.putDoc(x);
      });
      for (const [op, pred] of Object.entries(ops) as [keyof typeof ops, (g: JstsGeom) => boolean][]) {
        const want = docs.filter((x) => x.geometry != null && pred(reader.read(x.geometry))).map((x) => x.id);
        const where: Expr = { op, geometry: query };
        expect({ op, ids: (await pgs.findDocs({ collection: 'c', where })).map((x) => x.id) }).toEqual({
          op,
          ids: want,
        });
        // A document without a geometry is unknown to every spatial operator and to its negation (port.ts `Expr`).
        const negated = docs
          .filter((x) => x.geometry != null)
          .map((x) => x.id)
          .filter((id) => !want.includes(id));
        expect({
          op,
          ids: (await pgs.findDocs({ collection: 'c', where: { op: 'not', arg: where } })).map((x) => x.id),
        }).toEqual({ op, ids: negated });
      }
      const inBox = (
        await pgs.findDocs({
          collection: 'c',
          bbox: [12, 42, 13, 43],
          where: { op: 's_intersects', geometry: query },
        })
      ).map((x) => x.id);
      const wantBox = docs
        .filter(
          (x) =>
            x.geometry != null &&
            ops.s_intersects(reader.read(x.geometry)) &&
            reader.read(x.geometry).intersects(reader.read(square(12, 42, 1))),
        )
        .map((x) => x.id);
      expect(inBox).toEqual(wantBox);
    } finally {
      await pgs.close();
    }
  });

  it('renders a Mapbox vector tile with ST_AsMVT carrying only the properties asked for', async () => {
    const require = createRequire(import.meta.url);
    const { VectorTile } = require('@mapbox/vector-tile') as {
      VectorTile: new (p: unknown) => {
        layers: Record<
          string,
          { length: number; feature(i: number): { properties: Record<string, unknown> } }
        >;
      };
    };
    const Pbf = require('pbf') as new (b: Buffer) => unknown;
    const pgs = await makePostgresTestStore();
    try {
      await pgs.transaction(async (tx) => {
        await tx.putDoc({
          collection: 'hazards',
          id: 'h1',
          version: 3,
          data: { name: 'SYNTHETIC DEMO DATA h1', area: 12.5, secret: 'x' },
          geometry: square(10.1, 45.1, 0.1),
        });
        await tx.putDoc({
          collection: 'hazards',
          id: 'h2',
          version: 4,
          data: { name: 'SYNTHETIC DEMO DATA h2', area: 3 },
          geometry: square(10.3, 45.3, 0.1),
        });
        await tx.putDoc({
          collection: 'hazards',
          id: 'far',
          version: 1,
          data: { name: 'far' },
          geometry: square(-60, -30, 0.1),
        });
      });
      const z = 8;
      const x = Math.floor(((10.2 + 180) / 360) * 2 ** z);
      const lat = (45.2 * Math.PI) / 180;
      const y = Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * 2 ** z);
      const buf = await pgs.vectorTile(
        'hazards',
        z,
        x,
        y,
        { op: '>', field: 'area', value: 5 },
        { properties: ['name', 'area'], layer: 'h' },
      );
      const tile = new VectorTile(new Pbf(buf));
      const layer = tile.layers['h'];
      expect(layer?.length).toBe(1);
      expect(layer?.feature(0).properties).toEqual({
        id: 'h1',
        version: 3,
        name: 'SYNTHETIC DEMO DATA h1',
        area: 12.5,
      });
      const all = new VectorTile(new Pbf(await pgs.vectorTile('hazards', z, x, y)));
      expect(all.layers['hazards']?.length).toBe(2);
      expect(Object.keys(all.layers['hazards']?.feature(0).properties ?? {}).sort()).toEqual([
        'id',
        'version',
      ]);
      expect((await pgs.vectorTile('hazards', z, 0, 0)).length).toBe(0);
      await expect(pgs.vectorTile('hazards', 3, 8, -1)).rejects.toMatchObject({ code: 'VALIDATION_RANGE' });
      await expect(
        pgs.vectorTile('hazards', 3, 0, 0, undefined, { properties: ['a;drop'] }),
      ).rejects.toMatchObject({ code: 'VALIDATION_RANGE' });
    } finally {
      await pgs.close();
    }
  });

  it('says in one line what to do when the server is unreachable, the user unknown or the database missing', async () => {
    const u = new URL(url);
    const cases: [string, string][] = [
      [`postgres://${u.username || 'postgres'}@127.0.0.1:1/x`, 'STORE_UNAVAILABLE'],
      [`postgres://cairn_no_such_role_x@${u.host}/postgres`, 'STORE_AUTH_FAILED'],
      [`postgres://${u.username || 'postgres'}@${u.host}/cairn_no_such_database_x`, 'STORE_UNAVAILABLE'],
    ];
    for (const [bad, code] of cases) {
      const s = new PostgresStore({ url: bad, connectTimeoutMs: 3000 });
      const e = await s.checkSchema().catch((x: unknown) => x);
      await s.close();
      expect({ bad, code: (e as { code?: string }).code }).toEqual({ bad, code });
      expect(oneLine(e)).not.toMatch(/password=/);
    }
  });

  it('reports a schema that is missing or newer than this Cairn, and refuses to migrate down', async () => {
    const schema = await createTestSchema(url);
    const s = new PostgresStore({ url, schema });
    try {
      await expect(s.checkSchema()).rejects.toMatchObject({ code: 'STORE_SCHEMA_OLD' });
      await s.migrate();
      await s.checkSchema();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`INSERT INTO ${schema}.schema_migrations VALUES (99, 'future')`);
      await admin.end();
      await expect(s.checkSchema()).rejects.toMatchObject({ code: 'STORE_SCHEMA_NEWER' });
      await expect(s.migrate()).rejects.toMatchObject({ code: 'STORE_SCHEMA_NEWER' });
    } finally {
      await s.close();
      await dropTestSchema(url, schema);
    }
  });

  it('says PostGIS is missing when the database lacks it and the user may not create it', async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const su =
      (await admin.query<{ s: boolean }>('SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user'))
        .rows[0]?.s === true;
    if (!su) {
      await admin.end();
      // Creating a role and a database needs a superuser; CI connects as postgres.
      expect(su, 'this check needs CAIRN_TEST_PG_URL to name a superuser').toBe(false);
      return;
    }
    const tag = `${process.pid}_${Date.now()}`;
    const role = `cairn_nopostgis_${tag}`;
    const db = `cairn_nopostgis_${tag}`;
    await admin.query(`CREATE ROLE ${role} LOGIN`);
    await admin.query(`CREATE DATABASE ${db} OWNER ${role}`);
    const u = new URL(url);
    u.username = role;
    u.pathname = `/${db}`;
    const s = new PostgresStore({ url: u.toString() });
    try {
      const m = await s.migrate().catch((x: unknown) => x);
      expect(m).toMatchObject({ code: 'STORE_EXTENSION_MISSING' });
      expect(oneLine(m)).toContain('CREATE EXTENSION postgis');
      await expect(s.checkSchema()).rejects.toMatchObject({ code: 'STORE_EXTENSION_MISSING' });
    } finally {
      await s.close();
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });

  it('leaves nothing half-written and answers STORE_RETRYABLE when the connection dies mid-transaction', async () => {
    const app = `cairn_kill_${process.pid}_${Date.now()}`;
    const schema = await createTestSchema(url);
    const s = new PostgresStore({ url, schema, applicationName: app });
    const admin = new pg.Client({ connectionString: url });
    const draft = (i: number): EventDraft => ({
      type: 't.x',
      schemaVersion: 1,
      effectiveAt: '2026-01-01T00:00:00.000Z',
      actor: 'a',
      payload: { i },
      refs: [],
    });
    await admin.connect();
    try {
      await s.migrate();
      await s.transaction((tx) => tx.append([draft(0)], '2026-01-01T00:00:00.000Z'));
      const e = await s
        .transaction(async (tx) => {
          await tx.append([draft(1)], '2026-01-01T00:00:00.000Z');
          await tx.putDoc({ collection: 'c', id: 'half', version: 1, data: {} });
          // Another connection kills this transaction's backend, as a crash or failover would.
          const killed = await admin.query<{ ok: boolean }>(
            "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle in transaction'",
            [app],
          );
          expect(killed.rows.map((r) => r.ok)).toEqual([true]);
          await tx.putDoc({ collection: 'c', id: 'after', version: 1, data: {} });
        })
        .catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'STORE_RETRYABLE' });
      oneLine(e);
      expect(await s.treeSize()).toBe(1);
      expect(await s.getDoc('c', 'half')).toBeUndefined();
      // The pool dropped the dead connection: the retry succeeds and extends the tree.
      const [ev] = await s.transaction((tx) => tx.append([draft(1)], '2026-01-01T00:00:00.000Z'));
      expect(ev?.seq).toBe(1);
    } finally {
      await admin.end();
      await s.close();
      await dropTestSchema(url, schema);
    }
  });
});
