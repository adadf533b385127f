import type { ProgrammeProgress, ProgressFigures } from '@shared/api/campaign';
import { formatPercentVi } from '@shared/domain/campaign';
import { formatDateVi } from '@shared/domain/dates';
import { count, METHOD_COLUMNS } from './labels';

// One programme's figures: a sentence with the rate and the target, then a table with one row per group
// and the programme's total row.

function Cells({ f }: { f: ProgressFigures }) {
  return (
    <>
      <td className="num">{count(f.total)}</td>
      {METHOD_COLUMNS.map((c) => (
        <td key={c.method} className="num">
          {count(f.counts[c.method])}
        </td>
      ))}
      <td className="num">{count(f.nonCash)}</td>
      <td className="num">{formatPercentVi(f.nonCashTenths)}</td>
      <td className="num">{f.blocked ? count(f.blocked) : ''}</td>
    </>
  );
}

export function targetSentence(p: ProgrammeProgress): string | null {
  if (!p.target || p.targetCount === null) return null;
  const what =
    p.target.kind === 'count'
      ? `${count(p.targetCount)} người`
      : `${formatPercentVi(p.target.value)} (${count(p.targetCount)} người)`;
  const left = p.remaining ? `; còn ${count(p.remaining)} người` : '; đã đạt';
  const period =
    p.target.period === 'year'
      ? `năm ${p.target.startMonth.slice(0, 4)}`
      : `đợt từ tháng ${p.target.startMonth.slice(5)}/${p.target.startMonth.slice(0, 4)}`;
  return `Đạt ${formatPercentVi(p.ofTargetTenths)} chỉ tiêu ${what} (${period}), hạn ${formatDateVi(p.target.deadline)}${left}.`;
}

/** Shown when no target's period contains the month (issue 14): never an older period's target. */
export const NO_TARGET_TEXT = 'Chưa đặt chỉ tiêu cho kỳ này';

export function ProgrammeTable({ p, monthText }: { p: ProgrammeProgress; monthText: string }) {
  const headingId = `campaign-${p.programme}`;
  const sentence = targetSentence(p);
  return (
    <>
      <p className="campaign-rate" data-testid={`rate-${p.programme}`}>
        <strong>
          {count(p.nonCash)}/{count(p.total)}
        </strong>{' '}
        người nhận qua tài khoản (<strong>{formatPercentVi(p.nonCashTenths)}</strong>){' — '}
        <span data-testid={`target-${p.programme}`}>{sentence ?? `${NO_TARGET_TEXT}.`}</span>
      </p>
      <div className="campaign-table-wrap">
        <table className="data-table campaign-table" aria-describedby={headingId}>
          <caption className="sr-only">
            {p.name}: số người theo hình thức nhận, tháng {monthText}
          </caption>
          <thead>
            <tr>
              <th scope="col">Nhóm đối tượng</th>
              <th scope="col" className="num">
                Tổng số
              </th>
              {METHOD_COLUMNS.map((c) => (
                <th key={c.method} scope="col" className="num">
                  {c.label}
                </th>
              ))}
              <th scope="col" className="num">
                Không dùng tiền mặt
              </th>
              <th scope="col" className="num">
                Tỷ lệ
              </th>
              <th
                scope="col"
                className="num"
                title="Đã đăng ký tài khoản nhưng tháng này phải chi tiền mặt (ủy quyền hết hạn, tài khoản đóng…)"
              >
                Bị chặn
              </th>
            </tr>
          </thead>
          <tbody>
            {p.groups.map((g) => (
              <tr key={g.key}>
                <th scope="row">
                  {g.key === g.label ? (
                    g.label
                  ) : (
                    <>
                      <span className="campaign-group-code">{g.key}</span>{' '}
                      <span className="campaign-group-label">{g.label}</span>
                    </>
                  )}
                </th>
                <Cells f={g} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="campaign-total">
              <th scope="row">Cộng</th>
              <Cells f={p} />
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
