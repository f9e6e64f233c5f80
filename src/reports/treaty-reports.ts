/** The treaty reports (reports/treaty) as report definitions: Ottawa Art 7 and CCW APII Art 13(4). */
import { z } from 'zod';
import { defineReport } from './define.js';
import { stateParam, yearParam } from './params.js';
import {
  article7Document,
  ccwDocument,
  computeArticle7,
  computeCcwArticle13,
  reportCsv,
  reportHtml,
  reportPdf,
} from './treaty/index.js';

const params = z.strictObject({ state: stateParam, year: yearParam });

export const article7Report = defineReport({
  id: 'article7',
  title: 'Ottawa Convention Article 7 transparency report (Forms A–J)',
  permission: 'report.read',
  params,
  compute: computeArticle7,
  renderers: {
    csv: (r) => reportCsv(article7Document(r)),
    html: (r) => reportHtml(article7Document(r)),
    pdf: (r) => reportPdf(article7Document(r)),
  },
  fileName: (_r, p) => `article7-${p.state}-${p.year}`,
});

export const ccwArticle13Report = defineReport({
  id: 'ccw-art13',
  title: 'CCW Amended Protocol II Article 13(4) annual report',
  permission: 'report.read',
  params,
  compute: computeCcwArticle13,
  renderers: {
    csv: (r) => reportCsv(ccwDocument(r)),
    html: (r) => reportHtml(ccwDocument(r)),
    pdf: (r) => reportPdf(ccwDocument(r)),
  },
  fileName: (_r, p) => `ccw-art13-${p.state}-${p.year}`,
});
