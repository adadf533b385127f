import type { CampaignTrend, TrendCell } from '@shared/api/campaign';
import { formatPercentVi } from '@shared/domain/campaign';
import { formatMonthVi } from '@shared/domain/dates';
import { count } from './labels';

// The 12-month trend of the non-cash rate: a hand-made SVG line chart (no chart library, works offline),
// one line per programme with its own colour and dash, and the same numbers in a table below it.

const W = 640;
const H = 240;
const PAD = { left: 44, right: 16, top: 14, bottom: 34 };
const STYLES = [
  { colour: '#1f5fa8', dash: '' },
  { colour: '#b5470b', dash: '6 4' },
  { colour: '#2e7d32', dash: '2 3' },
  { colour: '#6a3d9a', dash: '10 3 2 3' },
];

interface Series {
  key: string;
  name: string;
  cells: Array<TrendCell | undefined>;
}

export function TrendChart({ trend }: { trend: CampaignTrend }) {
  const series: Series[] = [
    ...trend.programmes.map((p) => ({
      key: p.programme,
      name: p.name,
      cells: trend.points.map((x) => x.byProgramme[p.programme]),
    })),
    { key: 'all', name: 'Chung', cells: trend.points.map((x) => x.all) },
  ];
  const n = trend.points.length;
  const x = (i: number) => PAD.left + (n <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const y = (tenths: number) => PAD.top + (1 - Math.min(tenths, 1000) / 1000) * (H - PAD.top - PAD.bottom);
  const path = (cells: Series['cells']) => {
    let d = '';
    let pen = false;
    cells.forEach((c, i) => {
      if (!c || c.nonCashTenths === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(c.nonCashTenths).toFixed(1)} `;
      pen = true;
    });
    return d.trim();
  };
  const first = formatMonthVi(trend.points[0]!.month);
  const last = formatMonthVi(trend.month);
  return (
    <figure className="campaign-trend" aria-labelledby="campaign-trend-caption">
      <figcaption id="campaign-trend-caption">
        Tỷ lệ nhận qua tài khoản theo tháng, từ {first} đến {last} (số liệu chi tiết ở bảng dưới)
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="campaign-trend-caption" className="campaign-chart">
        {[0, 250, 500, 750, 1000].map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#d5dae1" strokeWidth={1} />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize={11} fill="#4a5563">
              {t / 10}%
            </text>
          </g>
        ))}
        {trend.points.map((p, i) => (
          <text key={p.month} x={x(i)} y={H - PAD.bottom + 16} textAnchor="middle" fontSize={10} fill="#4a5563">
            {p.month.slice(5)}/{p.month.slice(2, 4)}
          </text>
        ))}
        {series.map((s, k) => {
          const style = STYLES[k % STYLES.length]!;
          return (
            <g key={s.key}>
              <path
                d={path(s.cells)}
                fill="none"
                stroke={style.colour}
                strokeWidth={2.2}
                strokeDasharray={style.dash}
              />
              {s.cells.map((c, i) =>
                c && c.nonCashTenths !== null ? (
                  <circle key={i} cx={x(i)} cy={y(c.nonCashTenths)} r={3} fill={style.colour} />
                ) : null,
              )}
            </g>
          );
        })}
      </svg>
      <ul className="campaign-legend" aria-hidden="true">
        {series.map((s, k) => {
          const style = STYLES[k % STYLES.length]!;
          return (
            <li key={s.key}>
              <svg width="28" height="10">
                <line
                  x1="0"
                  x2="28"
                  y1="5"
                  y2="5"
                  stroke={style.colour}
                  strokeWidth={2.2}
                  strokeDasharray={style.dash}
                />
              </svg>{' '}
              {s.name}
            </li>
          );
        })}
      </ul>
      <div className="campaign-table-wrap">
        <table className="data-table campaign-trend-table">
          <caption>Số người nhận qua tài khoản và tỷ lệ, theo tháng</caption>
          <thead>
            <tr>
              <th scope="col">Tháng</th>
              {series.map((s) => (
                <th key={s.key} scope="col" className="num">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {trend.points.map((p, i) => (
              <tr key={p.month}>
                <th scope="row">{formatMonthVi(p.month)}</th>
                {series.map((s) => {
                  const c = s.cells[i];
                  return (
                    <td key={s.key} className="num">
                      {c && c.total
                        ? `${count(c.nonCash)}/${count(c.total)} (${formatPercentVi(c.nonCashTenths)})`
                        : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
