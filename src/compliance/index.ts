/**
 * compliance: the engine and the list of every rule. Domain modules export their rules
 * (e.g. `stockRules` from src/stock) and this door lists them in `allRules`.
 */
import type { Rule } from './engine.js';
import { minefieldRules } from '../minefields/index.js';
import { landReleaseRules } from '../landrelease/index.js';
import { stockRules } from '../stock/index.js';

export { runRules } from './engine.js';
export type { Finding, Severity, Rule, RuleContext, ComplianceConfig } from './engine.js';

/** Every rule. Each module appends its rules here. */
export const allRules: readonly Rule[] = [...minefieldRules, ...landReleaseRules, ...stockRules];
