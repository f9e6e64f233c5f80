/** The APII minefield record sheet (reports/minefield) as a report definition: JSON, HTML or PDF with its sketch map. */
import { z } from 'zod';
import { defineReport } from './define.js';
import { minefieldSheet, sheetHtml, sheetPdf } from './minefield/index.js';

export const minefieldSheetReport = defineReport({
  id: 'minefield',
  title: 'Minefield record sheet (CCW APII Technical Annex 1)',
  permission: 'minefield.read',
  params: z.strictObject({
    id: z
      .string()
      .min(1, 'a minefield record id or human id')
      .describe('the minefield record, by id or human id'),
  }),
  compute: (app, actor, p) => minefieldSheet(app.store, app.ledger, actor, p.id, app.clock.now()),
  renderers: { html: sheetHtml, pdf: sheetPdf },
  fileName: (s) => `minefield-${s.record.humanId}`,
  positional: 'id',
});
