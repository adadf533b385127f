import type { NonCashWardRow } from '@shared/domain/consolidation';
import type { ShareHistory } from '@shared/api/receiving';
import { formatPercentVi } from '@shared/domain/campaign';
import { formatMonthVi } from '@shared/domain/dates';

// The non-cash share as SVG (no chart library; works offline): by ward for the month (bars, ranked), and
// over the 12 months up to it for the whole office (a line), every figure also written as text.

export function WardShareBars({ rows }: { rows: readonly NonCashWardRow[] }) {
  const shown = rows.slice(0, 40);
  const rowH = 18;
  const labelW = 220;
  const barW = 420;
  const height = shown.length * rowH + 4;
  return (
    <figure className="receiving-chart">
      <figcaption>
        Tỷ lệ không dùng tiền mặt theo phường, xã
        {rows.length > shown.length ? ` (40/${rows.length} phường đứng đầu)` : ''}
      </figcaption>
      <svg
        viewBox={`0 0 ${labelW + barW + 70} ${height}`}
        width="100%"
        role="img"
        aria-label="Biểu đồ tỷ lệ không dùng tiền mặt theo phường"
      >
        {shown.map((r, i) => {
          const w = Math.max(0, Math.min(1, (r.nonCashTenths ?? 0) / 1000)) * barW;
          const y = i * rowH + 2;
          return (
            <g key={r.code}>
              <text x={labelW - 6} y={y + 12} textAnchor="end" fontSize="11">
                {r.rank}. {r.name.length > 32 ? `${r.name.slice(0, 31)}…` : r.name}
              </text>
              <rect x={labelW} y={y + 2} width={barW} height={rowH - 6} fill="#e8eef5" />
              <rect x={labelW} y={y + 2} width={w} height={rowH - 6} fill="#2d6aa3" />
              <text x={labelW + barW + 6} y={y + 12} fontSize="11">
                {formatPercentVi(r.nonCashTenths)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function ShareOverTime({ history }: { history: ShareHistory }) {
  const w = 640;
  const h = 160;
  const left = 40;
  const step = (w - left - 20) / Math.max(1, history.months.length - 1);
  const y = (tenths: number) => h - 24 - (tenths / 1000) * (h - 40);
  const points = history.overall.map((t, i) => (t === null ? null : { x: left + i * step, y: y(t), t }));
  const path = points
    .filter((p): p is { x: number; y: number; t: number } => p !== null)
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`)
    .join(' ');
  return (
    <figure className="receiving-chart">
      <figcaption>Tỷ lệ không dùng tiền mặt của toàn đơn vị qua 12 tháng</figcaption>
      <svg
        viewBox={`0 0 ${w} ${h}`}
        width="100%"
        role="img"
        aria-label="Biểu đồ tỷ lệ không dùng tiền mặt qua các tháng"
      >
        {[0, 500, 1000].map((t) => (
          <g key={t}>
            <line x1={left} x2={w - 10} y1={y(t)} y2={y(t)} stroke="#ccd" strokeWidth="0.5" />
            <text x={left - 4} y={y(t) + 4} textAnchor="end" fontSize="10">
              {t / 10}%
            </text>
          </g>
        ))}
        <path d={path} fill="none" stroke="#2d6aa3" strokeWidth="2" />
        {points.map(
          (p, i) =>
            p && (
              <g key={history.months[i]}>
                <circle cx={p.x} cy={p.y} r="3" fill="#2d6aa3" />
                <title>{`${formatMonthVi(history.months[i]!)}: ${formatPercentVi(p.t)}`}</title>
              </g>
            ),
        )}
        {history.months.map((m, i) => (
          <text key={m} x={left + i * step} y={h - 6} textAnchor="middle" fontSize="9">
            {m.slice(5)}/{m.slice(2, 4)}
          </text>
        ))}
      </svg>
    </figure>
  );
}
