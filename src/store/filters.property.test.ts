/**
 * One filter semantics (port.ts `Expr`, issue #13 §3): random documents and random filters over
 * every non-spatial operator give the same ids, in the same order, with the same totals, from
 * MemoryDocs (the replay scratch of `cairn verify`), SQLite and — with CAIRN_TEST_PG_URL, as in
 * CI — PostgreSQL. (Spatial operators are left out: SQLite and MemoryDocs evaluate them with the
 * same JS predicate, PostgreSQL with PostGIS; the contract suite checks those cases by hand.)
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../core/index.js';
import { truthOf } from './expr.js';
import { MemoryDocs } from './memory.js';
import { findPage } from './page.js';
import type { Doc, DocQuery, Expr, Scalar, Store } from './port.js';
import { makePostgresTestStore } from './postgres/testing/index.js';
import { describeWithPostgres } from './postgres/testing/describe.js';
import { SqliteStore } from './sqlite/index.js';

/** Runs per comparison; CAIRN_TEST_FILTER_RUNS=5000 searches deeper by hand. */
const RUNS = Number(process.env['CAIRN_TEST_FILTER_RUNS'] ?? 200);
/** About 60 ms a run on PostgreSQL on a loaded CI machine, with room to spare. */
const TIMEOUT = Math.max(120_000, RUNS * 250);

/**
 * Characters that make filters interesting: case pairs (ASCII, Latin-1, Cyrillic, Greek with its
 * final sigma, dotted I, the Kelvin sign), LIKE's own `%` `_` `\`, and the astral character and
 * U+FFFF whose order differs between UTF-16 units and code points.
 */
const CHARS = [
  'a',
  'A',
  'b',
  'B',
  'z',
  '0',
  '1',
  ' ',
  'é',
  'É',
  'ä',
  'Ä',
  'ß',
  'к',
  'К',
  'ї',
  'Ї',
  'σ',
  'Σ',
  'İ',
  'i',
  '\u212a',
  'k',
  '%',
  '_',
  '\\',
  '😀',
  '\uffff',
  '.',
];
const text = (max: number) => fc.string({ unit: fc.constantFrom(...CHARS), maxLength: max });

const NUMBERS = [0, -0, 1, -1, 2, 10, -1.5, 0.1, 0.30000000000000004, 1e21, -1e-7, 2 ** 53];
const STRINGS = [
  '',
  'a',
  'A',
  '2',
  '10',
  'true',
  'null',
  'Äpple',
  'äpple',
  'київ',
  'КИЇВ',
  '😀',
  '\uffff',
  'a%b',
  'a_b',
  'a\\',
];

/** A scalar from small pools (so documents and filters often meet) or at random. */
const scalar: fc.Arbitrary<Scalar> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<Scalar>(...NUMBERS, ...STRINGS, true, false, null) },
  { weight: 1, arbitrary: fc.integer({ min: -20, max: 20 }) },
  { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: text(4) },
);

/** A JSON value of a field: mostly scalars, sometimes an array or an object. */
const value: fc.Arbitrary<JsonValue> = fc.oneof(
  { weight: 8, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('x', 'y', 'length'), scalar, { maxKeys: 2 }) },
);

/** Field paths a filter names: top-level, nested, through arrays and inherited names, the row's own. */
const FIELDS = ['a', 'b', 'n.x', 'n.y', 'n.length', 'arr.length', 'constructor', 'id', 'version'] as const;
const field = fc.constantFrom(...FIELDS);

const data: fc.Arbitrary<JsonObject> = fc.record(
  {
    a: value,
    b: value,
    n: fc.oneof(fc.record({ x: value, y: value }, { requiredKeys: [] }), value),
    arr: fc.array(scalar, { maxLength: 2 }),
  },
  // `a` and `b` always present (their values may still be null); `n` and `arr` often missing.
  { requiredKeys: ['a', 'b'] },
);

const ID_CHARS = ['a', 'b', 'B', 'é', '😀', '\uffff', '_', '%', '1'];
const docs: fc.Arbitrary<{ id: string; version: number; data: JsonObject }[]> = fc.uniqueArray(
  fc.record({
    id: fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength: 3 }),
    version: fc.integer({ min: 1, max: 4 }),
    data,
  }),
  { selector: (d) => d.id, minLength: 1, maxLength: 12 },
);

const pattern = fc.oneof(
  fc.constantFrom('%', '_', '%a%', 'a%', '\\%', '%\\_%', 'a\\', '2', 'tru_', '%😀', 'ä%'),
  text(4),
);

const expr: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ op: fc.constantFrom('=', '<>', '<', '<=', '>', '>=' as const), field, value: scalar }),
    fc.record({ op: fc.constant('like' as const), field, pattern, caseInsensitive: fc.boolean() }),
    fc.record({ op: fc.constant('in' as const), field, values: fc.array(scalar, { maxLength: 4 }) }),
    fc.record({ op: fc.constant('between' as const), field, low: scalar, high: scalar }),
    fc.record({ op: fc.constant('isNull' as const), field }),
    fc.record({ op: fc.constant('not' as const), arg: tie('expr') }),
    fc.record({ op: fc.constantFrom('and', 'or' as const), args: fc.array(tie('expr'), { maxLength: 3 }) }),
  ),
})).expr;

const query = fc.record(
  {
    where: expr,
    orderBy: fc.record(
      { field: fc.constantFrom('a', 'b', 'n', 'n.x', 'arr', 'id', 'version'), desc: fc.boolean() },
      { requiredKeys: ['field'] },
    ),
    limit: fc.integer({ min: 0, max: 5 }),
    offset: fc.integer({ min: 0, max: 5 }),
  },
  { requiredKeys: [] },
);

type Reader = Pick<Store, 'findDocs' | 'countDocs' | 'findPage'>;

/** A store under comparison: how to read it, and how to write one run's documents. */
interface Target {
  readonly reader: Reader;
  write(docs: readonly Doc[]): Promise<void>;
}

/** What a reader answers to a query: the ids in order, the count, and a page with its total. */
async function answer(
  t: Reader,
  q: DocQuery,
): Promise<{ ids: string[]; count: number; page: string[]; matched: number }> {
  const all: DocQuery = { collection: q.collection, ...(q.where === undefined ? {} : { where: q.where }) };
  const page = await findPage(t, q);
  return {
    ids: (await t.findDocs({ ...all, ...(q.orderBy === undefined ? {} : { orderBy: q.orderBy }) })).map(
      (d) => d.id,
    ),
    count: await t.countDocs(all),
    page: page.docs.map((d) => d.id),
    matched: page.numberMatched,
  };
}

let collectionSeq = 0;

/** The property: every random query answers alike on MemoryDocs and on `target()`. */
function agreesWithMemory(target: () => Target): Promise<void> {
  return fc.assert(
    fc.asyncProperty(docs, fc.array(query, { minLength: 1, maxLength: 6 }), async (rows, queries) => {
      const collection = `c${collectionSeq++}`;
      const written: Doc[] = rows.map((r) => ({ collection, ...r }));
      const memory = new MemoryDocs();
      for (const d of written) await memory.putDoc(d);
      await target().write(written);
      for (const q of queries) {
        const dq: DocQuery = { collection, ...q };
        expect(await answer(target().reader, dq), JSON.stringify(q)).toEqual(await answer(memory, dq));
      }
    }),
    { numRuns: RUNS },
  );
}

/** A store as a target: each run writes its documents into a collection of its own. */
function storeTarget(s: Store): Target {
  return {
    reader: s,
    write: (written) =>
      s.transaction(async (tx) => {
        for (const d of written) await tx.putDoc(d);
      }),
  };
}

describe('filters: the three-valued semantics of port.ts Expr', () => {
  const doc: Doc = { collection: 'c', id: 'x', version: 1, data: {} };
  const withData = fc.tuple(expr, data).map(([e, d]) => ({ e, d: { ...doc, data: d } }));

  it('negates unknown to unknown and true to false, so a document never matches a filter and its negation', () => {
    fc.assert(
      fc.property(withData, ({ e, d }) => {
        const t = truthOf(e, d, () => false);
        const n = truthOf({ op: 'not', arg: e }, d, () => false);
        expect(n).toBe(t === undefined ? undefined : !t);
        expect(truthOf({ op: 'and', args: [e, { op: 'not', arg: e }] }, d, () => false)).not.toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('makes not(x <> v) x = v, not(x < v) x >= v and in the or of =, for every value and field', () => {
    const negation = { '=': '<>', '<>': '=', '<': '>=', '>=': '<', '>': '<=', '<=': '>' } as const;
    fc.assert(
      fc.property(
        data,
        field,
        scalar,
        fc.constantFrom('=', '<>', '<', '<=', '>', '>=' as const),
        fc.array(scalar, { maxLength: 4 }),
        (d, f, v, op, vs) => {
          const row = { ...doc, data: d };
          expect(truthOf({ op: 'not', arg: { op, field: f, value: v } }, row, () => false)).toBe(
            truthOf({ op: negation[op], field: f, value: v }, row, () => false),
          );
          expect(truthOf({ op: 'in', field: f, values: vs }, row, () => false)).toBe(
            truthOf(
              { op: 'or', args: vs.map((x) => ({ op: '=' as const, field: f, value: x })) },
              row,
              () => false,
            ),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('filters: SQLite answers random filters exactly as MemoryDocs', () => {
  let store: SqliteStore | undefined;
  beforeAll(async () => {
    store = new SqliteStore(':memory:');
    await store.migrate();
  });
  afterAll(async () => {
    await store?.close();
  });
  it(
    `agrees on ${RUNS} random sets of documents and filters`,
    async () => {
      const s = store;
      if (s === undefined) throw new Error('no SQLite store');
      await agreesWithMemory(() => storeTarget(s));
    },
    TIMEOUT,
  );
});

describeWithPostgres('filters: PostgreSQL answers random filters exactly as MemoryDocs', () => {
  let store: Store | undefined;
  beforeAll(async () => {
    store = await makePostgresTestStore();
  });
  afterAll(async () => {
    await store?.close();
  });
  it(
    `agrees on ${RUNS} random sets of documents and filters`,
    async () => {
      const s = store;
      if (s === undefined) throw new Error('no PostgreSQL store');
      await agreesWithMemory(() => storeTarget(s));
    },
    TIMEOUT,
  );
});
