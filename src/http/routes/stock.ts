/**
 * Stock routes: thin — parse, call the stock module's list query (need-to-know and paging in the
 * store, names joined, the two-person approval state computed there), respond.
 */
import type { Hono } from 'hono';
import { isoInstant } from '../../core/index.js';
import { balanceSummary, movementQueue, stockChecks } from '../../stock/index.js';
import type { HttpDeps, HttpEnv } from '../env.js';
import { apiPage, defineRoute, pageRequest, unwrap, type RouteTable } from '../route.js';
import {
  API_DEFAULT_LIMIT,
  BalancePage,
  BalanceQuery,
  CheckPage,
  CheckQuery,
  MovementPage,
  MovementQueueQuery,
} from '../schemas.js';

export function stockRoutes(http: Hono<HttpEnv>, deps: HttpDeps, table: RouteTable): void {
  const { app } = deps;

  defineRoute(http, deps, table, {
    method: 'GET',
    path: '/api/stock/balances',
    summary: 'Held stock grouped by any of type, facility, location, lot, state (stock.read)',
    access: 'stock.read',
    query: BalanceQuery,
    response: BalancePage,
    handler: async ({ c, actor, query }) => {
      const by = query.by ?? ['type', 'facility', 'lot'];
      const req = pageRequest(query, API_DEFAULT_LIMIT);
      const page = unwrap(
        await balanceSummary(app.store, actor, {
          ...req,
          by,
          ...(query.asOf === undefined ? {} : { asOf: new Date(`${query.asOf}T00:00:00Z`) }),
        }),
      );
      return { asOf: query.asOf ?? isoInstant(app.clock.now()).slice(0, 10), by, ...apiPage(c, req, page) };
    },
  });

  defineRoute(http, deps, table, {
    method: 'GET',
    path: '/api/stock/movements/pending',
    summary:
      'Movements awaiting approval or execution, with names, the proposer and what the caller may do: ownProposal, mayApprove (two-person rule), mayExecute (stock.read)',
    access: 'stock.read',
    query: MovementQueueQuery,
    response: MovementPage,
    handler: async ({ c, actor, query }) => {
      const req = pageRequest(query, API_DEFAULT_LIMIT);
      return apiPage(
        c,
        req,
        unwrap(
          await movementQueue(app.store, actor, {
            ...req,
            ...(query.status === undefined ? {} : { status: query.status }),
          }),
        ),
      );
    },
  });

  defineRoute(http, deps, table, {
    method: 'GET',
    path: '/api/stock/checks',
    summary: 'Stock checks, newest first, with counters and discrepancies (stock.read)',
    access: 'stock.read',
    query: CheckQuery,
    response: CheckPage,
    handler: async ({ c, actor, query }) => {
      const req = pageRequest(query, API_DEFAULT_LIMIT);
      return apiPage(
        c,
        req,
        unwrap(
          await stockChecks(app.store, actor, {
            ...req,
            ...(query.facility === undefined ? {} : { facilityId: query.facility }),
          }),
        ),
      );
    },
  });
}
