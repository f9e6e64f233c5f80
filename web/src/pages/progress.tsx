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
import { landreleaseProgress } from '../api/routes.js';
import { enumLabel, formatMonth, formatNumber, locale, t } from '../i18n/index.js';
import { Empty, Load, useLoad } from '../ui.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const METHOD_COLOURS: Readonly<Record<string, string>> = {
  cancelled: '#2471a3',
  reduced: '#17a589',
  cleared: '#1e8449',
};
const AGE_COLOURS = ['#6c3483', '#1f618d', '#7f8c8d'];

/** A bar chart of a table: one bar group per row, one (stacked) series per column, summed cells. */
interface Grid<R, C> {
  readonly rows: readonly R[];
  readonly columns: readonly C[];
  readonly rowLabel: (r: R) => string;
  readonly columnLabel: (c: C) => string;
  readonly colour: (c: C, i: number) => string;
  readonly value: (r: R, c: C) => number;
  /** The header of the row labels' column in the table (none: the table has no header row). */
  readonly rowHeader?: string;
  readonly stacked?: boolean;
  /** Show the legend (one series is named by the title instead). */
  readonly legend: boolean;
}

/** The same figures as chart and as table (for screen readers), from one grid. */
function GridChart<R extends string, C extends string>(props: {
  readonly id: string;
  readonly title: string;
  readonly grid: Grid<R, C>;
}) {
  const g = props.grid;
  const nf = new Intl.NumberFormat(locale());
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: g.rows.map(g.rowLabel),
      datasets: g.columns.map((c, i) => ({
        label: g.columnLabel(c),
        backgroundColor: g.colour(c, i),
        data: g.rows.map((r) => g.value(r, c)),
      })),
    },
    options: {
      locale: locale(),
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: g.legend } },
      ...(g.stacked === true
        ? {
            scales: {
              x: { stacked: true },
              y: { stacked: true, ticks: { callback: (v) => nf.format(Number(v)) } },
            },
          }
        : {}),
    },
  };
  return (
    <ChartBox
      id={props.id}
      title={props.title}
      config={config}
      table={
        <table>
          {g.rowHeader === undefined ? null : (
            <thead>
              <tr>
                <th scope="col">{g.rowHeader}</th>
                {g.columns.map((c) => (
                  <th scope="col" key={c}>
                    {g.columnLabel(c)}
                  </th>
                ))}
              </tr>
            </thead>
          )}
          <tbody>
            {g.rows.map((r) => (
              <tr key={r}>
                <th scope="row">{g.rowLabel(r)}</th>
                {g.columns.map((c) => (
                  <td class="num" key={c}>
                    {formatNumber(g.value(r, c))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

const distinct = <T,>(xs: readonly T[]): T[] => [...new Set(xs)];
const sum = (xs: readonly { readonly n: number }[]): number => xs.reduce((s, x) => s + x.n, 0);

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
  const [data, reload] = useLoad(landreleaseProgress, 'progress');
  return (
    <section class="page progress">
      <h1>{t('progress.title')}</h1>
      <Load value={data} retry={reload}>
        {(p) => {
          const area = p.areaByMethod.map((r) => ({ row: r.month, column: r.method, n: r.areaM2 }));
          const casualties = p.casualtiesBySexAge.map((c) => ({
            row: c.sex,
            column: c.ageGroup,
            n: c.count,
          }));
          if (area.length === 0 && p.devicesByType.length === 0 && casualties.length === 0)
            return <Empty>{t('progress.noData')}</Empty>;
          const cell = (cells: typeof area) => (r: string, c: string) =>
            sum(cells.filter((x) => x.row === r && x.column === c));
          const devices = p.devicesByType.map((d) => ({ row: d.category, column: 'count', n: d.count }));
          return (
            <div class="charts">
              <GridChart
                id="area"
                title={t('progress.areaByMethod')}
                grid={{
                  rows: distinct(area.map((r) => r.row)).sort(),
                  columns: distinct(area.map((r) => r.column)),
                  rowLabel: formatMonth,
                  columnLabel: (m) => enumLabel('map.method', m),
                  colour: (m) => METHOD_COLOURS[m] ?? '#555',
                  value: cell(area),
                  rowHeader: t('progress.month'),
                  stacked: true,
                  legend: true,
                }}
              />
              <GridChart
                id="devices"
                title={t('progress.devicesByType')}
                grid={{
                  rows: distinct(devices.map((d) => d.row)),
                  columns: ['count'],
                  rowLabel: (c) => enumLabel('device.category', c),
                  columnLabel: () => t('progress.devicesByType'),
                  colour: () => '#9a7d0a',
                  value: cell(devices),
                  legend: false,
                }}
              />
              <GridChart
                id="casualties"
                title={t('progress.casualties')}
                grid={{
                  rows: distinct(casualties.map((c) => c.row)),
                  columns: distinct(casualties.map((c) => c.column)),
                  rowLabel: (x) => enumLabel('progress', x),
                  columnLabel: (x) => enumLabel('progress', x),
                  colour: (_, i) => AGE_COLOURS[i % AGE_COLOURS.length] ?? '#555',
                  value: cell(casualties),
                  legend: true,
                }}
              />
            </div>
          );
        }}
      </Load>
    </section>
  );
}
