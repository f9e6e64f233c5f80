/**
 * treaty: the registry of states (ISO 3166), their APMBC instruments, APII participation and
 * readiness status over time. Every fact is an event carrying its source.
 */
import { z } from 'zod';
import { assertNever, err, isoInstant, ok, parseInstant, problem, type Result } from '../core/index.js';
import {
  calendarDateSchema,
  defineCommand,
  type Decision,
  type DomainModule,
  type NewEvent,
  type ProjectContext,
} from '../command/index.js';
import { treatyDocs } from './collections.js';
import { treatyEvents, type TreatyEvent } from './events.js';
import { getTreatyState } from './queries.js';
import {
  INSTRUMENT_KINDS,
  READINESS,
  type Instrument,
  type ReadinessPeriod,
  type TreatyState,
} from './types.js';

const code = z.string().regex(/^[A-Z]{2}$/, 'a state is an ISO 3166-1 alpha-2 code such as FI');
const url = z.url();
const date = calendarDateSchema;

const one = (event: NewEvent): Result<Decision> => ok({ events: [event] });

async function known(docs: Parameters<typeof getTreatyState>[0], c: string): Promise<Result<TreatyState>> {
  const s = await getTreatyState(docs, c);
  return s === undefined
    ? err([problem('TREATY_STATE_UNKNOWN', 'payload.code', `no state ${c} in the registry`)])
    : ok(s);
}

const register = defineCommand({
  type: 'treaty.state.register',
  permission: 'treaty.manage',
  schema: z.object({ code, name: z.string().min(1).max(200) }).strict(),
  async decide(p, ctx) {
    if ((await getTreatyState(ctx.docs, p.code)) !== undefined) {
      return err([problem('VALIDATION_DUPLICATE', 'payload.code', `state ${p.code} is already registered`)]);
    }
    return one(treatyEvents.event('treaty.state-registered', { code: p.code, name: p.name }));
  },
});

const instrument = defineCommand({
  type: 'treaty.instrument.record',
  permission: 'treaty.manage',
  schema: z
    .object({
      code,
      kind: z.enum(INSTRUMENT_KINDS),
      date,
      sourceUrl: url,
      note: z.string().max(1000).default(''),
    })
    .strict(),
  async decide(p, ctx) {
    const s = await known(ctx.docs, p.code);
    const problems = s.ok ? [] : [...s.errors];
    const d = parseInstant(p.date);
    if (d === undefined)
      problems.push(problem('VALIDATION_FORMAT', 'payload.date', `${p.date} is not a calendar date`));
    else if (d.getTime() > ctx.now.getTime())
      problems.push(problem('VALIDATION_DATE_FUTURE', 'payload.date', `${p.date} is in the future`));
    if (problems.length > 0) return err(problems);
    return one(
      treatyEvents.event('treaty.instrument-recorded', {
        code: p.code,
        kind: p.kind,
        date: p.date,
        sourceUrl: p.sourceUrl,
        note: p.note,
      }),
    );
  },
});

const apii = defineCommand({
  type: 'treaty.apii.set',
  permission: 'treaty.manage',
  schema: z.object({ code, party: z.boolean(), sourceUrl: url }).strict(),
  async decide(p, ctx) {
    const s = await known(ctx.docs, p.code);
    if (!s.ok) return s;
    return one(
      treatyEvents.event('treaty.apii-set', { code: p.code, party: p.party, sourceUrl: p.sourceUrl }),
    );
  },
});

/** Readiness is set by an authorised event citing its legal reference; effectiveAt is when it began. */
const readiness = defineCommand({
  type: 'treaty.readiness.set',
  permission: 'treaty.manage',
  effectiveAt: 'required',
  schema: z
    .object({ code, status: z.enum(READINESS), legalReference: z.string().min(3).max(500), sourceUrl: url })
    .strict(),
  async decide(p, ctx) {
    const s = await known(ctx.docs, p.code);
    if (!s.ok) return s;
    return one(
      treatyEvents.event('treaty.readiness-set', {
        code: p.code,
        status: p.status,
        legalReference: p.legalReference,
        sourceUrl: p.sourceUrl,
        from: isoInstant(ctx.effectiveAt),
      }),
    );
  },
});

/** Fold one treaty event into the state's document. */
async function project(e: TreatyEvent, { docs }: ProjectContext): Promise<void> {
  const c = e.payload.code;
  const put = (s: TreatyState) => treatyDocs.put(docs, c, e.seq, s);
  if (e.type === 'treaty.state-registered') {
    await put({
      code: c,
      name: e.payload.name,
      instruments: [],
      apiiParty: false,
      apiiSourceUrl: null,
      readiness: [],
    });
    return;
  }
  const s = await treatyDocs.data(docs, c);
  if (s === undefined) return;
  switch (e.type) {
    case 'treaty.instrument-recorded': {
      const { kind, date, sourceUrl, note } = e.payload;
      const i: Instrument = { kind, date, sourceUrl, note };
      await put({ ...s, instruments: [...s.instruments, i].sort((a, b) => a.date.localeCompare(b.date)) });
      return;
    }
    case 'treaty.apii-set':
      await put({ ...s, apiiParty: e.payload.party, apiiSourceUrl: e.payload.sourceUrl });
      return;
    case 'treaty.readiness-set': {
      const { status, from, legalReference, sourceUrl } = e.payload;
      const r: ReadinessPeriod = { status, from, legalReference, sourceUrl };
      // Stable order by start; a later event for the same start replaces the earlier one.
      const rest = s.readiness.filter((x) => x.from !== r.from);
      await put({ ...s, readiness: [...rest, r].sort((a, b) => a.from.localeCompare(b.from)) });
      return;
    }
    default:
      assertNever(e, 'treaty event');
  }
}

export const treatyModule: DomainModule = {
  name: 'treaty',
  commands: [register, instrument, apii, readiness],
  events: treatyEvents,
  project: treatyEvents.projector(project),
};
