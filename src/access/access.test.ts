import { describe, expect, it } from 'vitest';
import { ANONYMOUS_ACTOR, ROLES, ROLE_PERMISSIONS, can, cleared, mayRead, type Actor } from './index.js';

const auditor: Actor = { id: 'a', name: 'a', roles: ['auditor'], clearance: 'secret', regions: [] };

describe('access', () => {
  it('lets the auditor read everything but write nothing', () => {
    expect(can(auditor, 'stock.read')).toBe(true);
    expect(can(auditor, 'ledger.read')).toBe(true);
    for (const p of ROLE_PERMISSIONS.auditor)
      expect(p.endsWith('.read') || p === 'minefield.count').toBe(true);
    expect(can(auditor, 'stock.approve')).toBe(false);
  });
  it('keeps victims personal data from the auditor and the public', () => {
    expect(can(auditor, 'victim.read')).toBe(false);
    expect(can(ANONYMOUS_ACTOR, 'victim.read')).toBe(false);
  });
  it('gives every role at least one permission', () => {
    for (const r of ROLES) expect(ROLE_PERMISSIONS[r].length).toBeGreaterThan(0);
  });
  it('hides records above the clearance or outside the region', () => {
    const fi: Actor = { ...auditor, clearance: 'restricted', regions: ['FI'] };
    expect(cleared(fi, 'confidential')).toBe(false);
    expect(mayRead(fi, { classification: 'restricted', region: 'FI' })).toBe(true);
    expect(mayRead(fi, { classification: 'restricted', region: 'EE' })).toBe(false);
    expect(mayRead(ANONYMOUS_ACTOR, { classification: 'restricted' })).toBe(false);
  });
});
