/**
 * Registry seed for the six states (law-and-standards §2.7 and §6, as of early 2026). Every fact
 * carries the source URL it was read in. Where the brief gives only a year or the fact is from
 * memory, the note says so.
 */
import type { CommandEnvelope } from '../command/index.js';

const HRW_2025 = 'https://www.miragenews.com/urgent-call-strengthen-landmine-ban-1580664';
const MONITOR_LT = 'http://www.the-monitor.org/en-gb/reports/2019/lithuania/mine-ban-policy.aspx';
const PEACE_REF =
  'No state of war or armed conflict recorded; registry baseline (law-and-standards §6: withdrawal takes effect after six months unless in armed conflict)';

interface SeedState {
  readonly code: string;
  readonly name: string;
  readonly instruments: ReadonlyArray<{ kind: string; date: string; sourceUrl: string; note?: string }>;
  readonly apii: string;
  readonly readiness: ReadonlyArray<{
    status: string;
    from: string;
    legalReference: string;
    sourceUrl: string;
  }>;
}

const peace = (from = '2025-01-01') => [
  { status: 'peace', from, legalReference: PEACE_REF, sourceUrl: HRW_2025 },
];

export const TREATY_SEED: readonly SeedState[] = [
  {
    code: 'FI',
    name: 'Finland',
    instruments: [
      {
        kind: 'accession',
        date: '2012-01-09',
        sourceUrl: 'http://archives.the-monitor.org/custom/index.php/region_profiles/print_theme/3455',
      },
      {
        kind: 'entry-into-force',
        date: '2012-07-01',
        sourceUrl: 'http://archives.the-monitor.org/custom/index.php/region_profiles/print_theme/3455',
      },
      {
        kind: 'withdrawal',
        date: '2025-07-10',
        sourceUrl:
          'https://www.lccodebase.cn/index.php/2025/07/11/finland-formally-submits-its-instrument-of-withdrawal-from-the-ottawa-mine-ban-convention',
      },
    ],
    apii: 'http://www.the-monitor.org/en-gb/reports/2018/finland/mine-ban-policy.aspx',
    readiness: peace(),
  },
  {
    code: 'EE',
    name: 'Estonia',
    instruments: [
      {
        kind: 'accession',
        date: '2004-05-12',
        sourceUrl: 'http://www.icbl.org/index.php/icbl/Library/News-Articles/08_Contents/Archive/Old/486',
      },
      { kind: 'withdrawal', date: '2025-06-27', sourceUrl: HRW_2025 },
    ],
    apii: 'http://archives.the-monitor.org/index.php/publications/display?url=lm/2000/estonia.html',
    readiness: peace(),
  },
  {
    code: 'LV',
    name: 'Latvia',
    instruments: [
      {
        kind: 'accession',
        date: '2005-07-01',
        sourceUrl:
          'https://www.maginternational.org/whats-happening/mag-statement-official-withdrawal-ottawa-treaty',
        note: 'the brief gives only the year 2005; the day is unverified / from memory',
      },
      { kind: 'withdrawal', date: '2025-06-27', sourceUrl: HRW_2025 },
    ],
    apii: 'https://www.global-regulation.com/translation/latvia/7836532/on-10-october-1980%252c-of-the-convention-on-certain-conventional-weapons-in-a-way-to-prevent-or-limit-the-use-of-which-can-be-considered-as-weapons-tha.html',
    readiness: peace(),
  },
  {
    code: 'LT',
    name: 'Lithuania',
    instruments: [
      { kind: 'ratification', date: '2003-05-12', sourceUrl: MONITOR_LT },
      { kind: 'entry-into-force', date: '2003-11-01', sourceUrl: MONITOR_LT },
      { kind: 'withdrawal', date: '2025-06-27', sourceUrl: HRW_2025 },
    ],
    apii: MONITOR_LT,
    readiness: peace(),
  },
  {
    code: 'PL',
    name: 'Poland',
    instruments: [
      {
        kind: 'signature',
        date: '1997-12-04',
        sourceUrl: 'https://poland.co.pl/polska-poza-konwencja-ottawska-37658456.html',
      },
      {
        kind: 'entry-into-force',
        date: '2013-06-01',
        sourceUrl:
          'https://icbl.org/en-gb/news-and-events/news/2016/poland-completes-destruction-of-stockpiled-landmines.aspx',
        note: 'derived from the Art 4 deadline of 1 Jun 2017 (four years after entry into force); ratified 2012',
      },
      { kind: 'withdrawal', date: '2025-08-20', sourceUrl: HRW_2025 },
    ],
    apii: 'http://archives.the-monitor.org/index.php/publications/display?url=lm/2004/poland.html',
    readiness: peace(),
  },
  {
    code: 'UA',
    name: 'Ukraine',
    instruments: [
      {
        kind: 'ratification',
        date: '2005-12-27',
        sourceUrl:
          'http://archives.the-monitor.org/index.php/publications/display?url=lm%2F2007%2Fukraine.html',
      },
      {
        kind: 'entry-into-force',
        date: '2006-06-01',
        sourceUrl:
          'http://archives.the-monitor.org/index.php/publications/display?url=lm%2F2007%2Fukraine.html',
      },
      {
        kind: 'suspension',
        date: '2025-07-18',
        sourceUrl: 'https://www.hrw.org/news/2025/07/24/ukraine-suspends-vital-mine-ban-treaty',
        note: 'UN notified of a "suspension" invoking VCLT Art 62, not an Art 20 withdrawal; disputed (ICBL, HRW)',
      },
    ],
    apii: 'http://the-monitor.org/en-gb/reports/2022/ukraine/mine-ban-policy.aspx',
    readiness: [
      {
        status: 'armed-conflict',
        from: '2022-02-24',
        legalReference:
          'Decree of the President of Ukraine No. 64/2022 on martial law (unverified / from memory); the Rada suspension law of July 2025 runs "until Russian aggression has completely stopped"',
        sourceUrl:
          'https://icblcmc.org/our-impact/icbl-statement-on-ukraines-attempt-to-withdraw-from-the-mine-ban-treaty',
      },
    ],
  },
];

/** The seed as commands, in order (register, instruments, APII, readiness). */
export function treatySeedCommands(): CommandEnvelope[] {
  const out: CommandEnvelope[] = [];
  for (const s of TREATY_SEED) {
    out.push({ type: 'treaty.state.register', payload: { code: s.code, name: s.name } });
    for (const i of s.instruments)
      out.push({ type: 'treaty.instrument.record', payload: { code: s.code, ...i } });
    out.push({ type: 'treaty.apii.set', payload: { code: s.code, party: true, sourceUrl: s.apii } });
    for (const r of s.readiness) {
      out.push({
        type: 'treaty.readiness.set',
        effectiveAt: r.from,
        payload: { code: s.code, status: r.status, legalReference: r.legalReference, sourceUrl: r.sourceUrl },
      });
    }
  }
  return out;
}
