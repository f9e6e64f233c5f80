import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CairnError } from '../core/index.js';
import type { CliIo } from './io.js';
import { reportError } from './main.js';
import { refuse } from './shared.js';

function capture(): { io: CliIo; err: () => string } {
  let err = '';
  return {
    io: {
      out: () => undefined,
      err: (t) => (err += t),
      stdin: Readable.from([]),
      stdinIsTTY: false,
      env: {},
    },
    err: () => err,
  };
}

const problems = [
  {
    code: 'LANDRELEASE_ORGANISATION_UNKNOWN',
    path: 'payload.rows[0].organisation',
    message: 'line 2: no organisation "A"',
  },
  {
    code: 'LANDRELEASE_ORGANISATION_UNKNOWN',
    path: 'payload.rows[1].organisation',
    message: 'line 3: no organisation "B"',
  },
] as const;

describe('reportError', () => {
  it('prints every problem of a refusal exactly once', () => {
    const c = capture();
    let thrown: unknown;
    try {
      refuse('landrelease.import', problems);
    } catch (e) {
      thrown = e;
    }
    expect(reportError(thrown, c.io)).toBe(1);
    expect(c.err().match(/no organisation "A"/g)).toHaveLength(1);
    expect(c.err().match(/no organisation "B"/g)).toHaveLength(1);
  });

  it('still lists, one per line, problems that the message does not mention', () => {
    const c = capture();
    expect(
      reportError(new CairnError('LANDRELEASE_ORGANISATION_UNKNOWN', 'import refused', problems), c.io),
    ).toBe(1);
    expect(c.err()).toBe(
      'cairn: import refused\n  payload.rows[1].organisation: line 3: no organisation "B" [LANDRELEASE_ORGANISATION_UNKNOWN]\n',
    );
  });
});
