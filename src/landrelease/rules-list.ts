/** The land-release rules listed in compliance.allRules. */
import type { Rule } from '../compliance/index.js';
import { recordedContents } from '../minefields/index.js';
import { closedWithRemainingArea, reconciliationRule } from './rules.js';

export { closedWithRemainingArea, reconcileFound, reconciliationRule } from './rules.js';

export const landReleaseRules: readonly Rule[] = [
  closedWithRemainingArea,
  reconciliationRule(recordedContents),
];
