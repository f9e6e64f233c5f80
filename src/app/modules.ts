/** Every domain module, in projection order. A new module adds one line here. */
import type { DomainModule } from '../command/index.js';
import { usersModule } from '../users/index.js';
import { auditModule } from '../audit/index.js';
import { minefieldsModule } from '../minefields/index.js';
import { landReleaseModule } from '../landrelease/index.js';
import { treatyModule } from '../treaty/index.js';
import { stockModule } from '../stock/index.js';

export const domainModules: readonly DomainModule[] = [
  usersModule,
  auditModule,
  minefieldsModule,
  landReleaseModule,
  treatyModule,
  stockModule,
];
