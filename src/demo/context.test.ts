import { describe, expect, it } from 'vitest';
import { demoInstant } from './context.js';

describe('demoInstant', () => {
  it('gives the hour on the day that many days before today', () => {
    expect(demoInstant(new Date('2026-11-27T15:20:00Z'), 3, 8)).toBe('2026-11-24T08:00:00.000Z');
    expect(demoInstant(new Date('2026-11-27T00:00:30Z'), 1)).toBe('2026-11-26T12:00:00.000Z');
  });

  it('never gives an instant after today, however early in the day today is', () => {
    expect(demoInstant(new Date('2026-11-27T00:00:30Z'), 0)).toBe('2026-11-27T00:00:30.000Z');
    expect(demoInstant(new Date('2026-11-27T11:59:59Z'), 0, 12)).toBe('2026-11-27T11:59:59.000Z');
    expect(demoInstant(new Date('2026-11-27T12:00:01Z'), 0, 12)).toBe('2026-11-27T12:00:00.000Z');
  });
});
