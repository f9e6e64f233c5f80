/**
 * Land release progress, drawn with Chart.js: area released by method over time, devices by
 * type, casualties by sex and age. Each chart has the same figures as a table for screen readers.
 */
import { useEffect, useRef } from 'preact/hooks';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { query } from '../api/routes.js';
import { enumLabel, formatMonth, formatNumber, locale, t } from '../i18n/index.js';
import { Empty, Load, useLoad } from '../ui.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** The progress report as the server computes it (src/reports landrelease), flattened. */
export interface Progress {
  readonly areaByMethod: readonly {
    readonly month: string;
    readonly method: string;
    readonly areaM2: number;
  }[];
  readonly devicesByType: readonly { readonly category: string; readonly count: number }[];
  readonly casualties: readonly { readonly sex: string; readonly age: string; readonly count: number }[];
}

const METHOD_COLOURS: Readonly<Record<string, string>> = {
  cancelled: '#2471a3',
  reduced: '#17a589',
  cleared: '#1e8449',
};

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}
function str(v: unknown, d = ''): string {
  return typeof v === 'string' ? v : d;
}

/** Accept the report in the shapes the server may send: arrays of rows under a few names. */
export function normaliseProgress(v: unknown): Progress {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const rows = (k: string): Record<string, unknown>[] =>
    Array.isArray(o[k]) ? (o[k] as Record<string, unknown>[]) : [];
  return {
    areaByMethod: (rows('areaByMethod').length > 0 ? rows('areaByMethod') : rows('released')).map((r) => ({
      month: str(r.month, str(r.period)),
      method: str(r.method),
      areaM2: num(r.areaM2 ?? r.area),
    })),
    devicesByType: (rows('devicesByType').length > 0 ? rows('devicesByType') : rows('devices')).map((r) => ({
      category: str(r.category, str(r.type)),
      count: num(r.count),
    })),
    casualties: rows('casualtiesBySexAge').map((r) => ({
      sex: str(r.sex),
      age: str(r.ageGroup, str(r.age)),
      count: num(r.count),
    })),
  };
}

function ChartBox(props: {
  readonly id: string;
  readonly title: string;
  readonly config: ChartConfiguration<'bar'>;
  readonly table: preact.ComponentChildren;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current === null) return undefined;
    const chart = new Chart(canvas.current, props.config);
    return () => chart.destroy();
  }, [props.config]);
  return (
    <figure class="card chart" aria-labelledby={`${props.id}-title`}>
      <figcaption id={`${props.id}-title`}>{props.title}</figcaption>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={props.title} />
      </div>
      <details>
        <summary>{t('progress.tableCaption')}</summary>
        {props.table}
      </details>
    </figure>
  );
}

export function ProgressPage() {
  const [data, reload] = useLoad(
    () => query<unknown>('/api/reports/landrelease').then(normaliseProgress),
    'progress',
  );
  return (
    <section class="page progress">
      <h1>{t('progress.title')}</h1>
      <Load value={data} retry={reload}>
        {(p) => {
          if (p.areaByMethod.length === 0 && p.devicesByType.length === 0 && p.casualties.length === 0)
            return <Empty>{t('progress.noData')}</Empty>;
          const months = [...new Set(p.areaByMethod.map((r) => r.month))].sort();
          const methods = [...new Set(p.areaByMethod.map((r) => r.method))];
          const nf = new Intl.NumberFormat(locale());
          const area: ChartConfiguration<'bar'> = {
            type: 'bar',
            data: {
              labels: months.map(formatMonth),
              datasets: methods.map((m) => ({
                label: enumLabel('map.method', m),
                backgroundColor: METHOD_COLOURS[m] ?? '#555',
                data: months.map((mo) =>
                  p.areaByMethod
                    .filter((r) => r.month === mo && r.method === m)
                    .reduce((s, r) => s + r.areaM2, 0),
                ),
              })),
            },
            options: {
              locale: locale(),
              animation: false,
              responsive: true,
              maintainAspectRatio: false,
              scales: {
                x: { stacked: true },
                y: { stacked: true, ticks: { callback: (v) => nf.format(Number(v)) } },
              },
            },
          };
          const devices: ChartConfiguration<'bar'> = {
            type: 'bar',
            data: {
              labels: p.devicesByType.map((d) => enumLabel('device.category', d.category)),
              datasets: [
                {
                  label: t('progress.devicesByType'),
                  backgroundColor: '#9a7d0a',
                  data: p.devicesByType.map((d) => d.count),
                },
              ],
            },
            options: {
              locale: locale(),
              animation: false,
              responsive: true,
              maintainAspectRatio: false,
              plugins: { legend: { display: false } },
            },
          };
          const sexes = [...new Set(p.casualties.map((c) => c.sex))];
          const ages = [...new Set(p.casualties.map((c) => c.age))];
          const casualties: ChartConfiguration<'bar'> = {
            type: 'bar',
            data: {
              labels: sexes.map((x) => enumLabel('progress', x)),
              datasets: ages.map((a, i) => ({
                label: enumLabel('progress', a),
                backgroundColor: ['#6c3483', '#1f618d', '#7f8c8d'][i % 3] ?? '#555',
                data: sexes.map((s) =>
                  p.casualties.filter((c) => c.sex === s && c.age === a).reduce((n, c) => n + c.count, 0),
                ),
              })),
            },
            options: { locale: locale(), animation: false, responsive: true, maintainAspectRatio: false },
          };
          return (
            <div class="charts">
              <ChartBox
                id="area"
                title={t('progress.areaByMethod')}
                config={area}
                table={
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('progress.month')}</th>
                        {methods.map((m) => (
                          <th scope="col" key={m}>
                            {enumLabel('map.method', m)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {months.map((mo) => (
                        <tr key={mo}>
                          <th scope="row">{formatMonth(mo)}</th>
                          {methods.map((m) => (
                            <td class="num" key={m}>
                              {formatNumber(
                                p.areaByMethod
                                  .filter((r) => r.month === mo && r.method === m)
                                  .reduce((s, r) => s + r.areaM2, 0),
                              )}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                }
              />
              <ChartBox
                id="devices"
                title={t('progress.devicesByType')}
                config={devices}
                table={
                  <table>
                    <tbody>
                      {p.devicesByType.map((d) => (
                        <tr key={d.category}>
                          <th scope="row">{enumLabel('device.category', d.category)}</th>
                          <td class="num">{formatNumber(d.count)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                }
              />
              <ChartBox
                id="casualties"
                title={t('progress.casualties')}
                config={casualties}
                table={
                  <table>
                    <tbody>
                      {p.casualties.map((c, i) => (
                        <tr key={i}>
                          <th scope="row">
                            {enumLabel('progress', c.sex)} / {enumLabel('progress', c.age)}
                          </th>
                          <td class="num">{formatNumber(c.count)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                }
              />
            </div>
          );
        }}
      </Load>
    </section>
  );
}
