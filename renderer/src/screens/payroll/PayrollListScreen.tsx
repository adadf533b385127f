import { useState } from 'react';
import type { PayrollView, SuspensionWatchRow } from '@shared/api/payroll';
import { formatMonthVi, parseMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { useApi } from '../../api/query';
import { useRole } from '../../auth/session';
import { MonthField } from '../../components/MonthField';
import { ScreenTitle } from '../../components/ScreenTitle';
import { hrefFor } from '../../routing';
import { BuildPanel } from './BuildPanel';
import { PROGRAMME_NAMES, REVIEW_STATE_LABELS, thisMonth } from './labels';
import { payrollPagePath } from './paths';
import { personPagePath } from '../register/paths';
import { ROUNDS_PATH } from '../rounds/paths';

// Chi trả: pick a month, build its payrolls (one per programme), open one; and the people who have
// not collected for 3 months or more, for a suspension decision.

const STAFF = new Set(['officer', 'accountant']);

export function PayrollListScreen() {
  const role = useRole();
  const [monthText, setMonthText] = useState(formatMonthVi(thisMonth()));
  const month = parseMonthVi(monthText);
  const { state: payrolls, reload } = useApi('payroll.list', {});
  const { state: watch } = useApi('payroll.suspensionWatch', {});

  return (
    <>
      <ScreenTitle>Chi trả</ScreenTitle>
      <p>
        <a href={hrefFor(ROUNDS_PATH)}>Đợt chi một lần (quà Tết, 27/7…) →</a>
      </p>
      <section className="panel" aria-labelledby="payroll-build-title">
        <h2 id="payroll-build-title">Lập bảng chi trả</h2>
        <div className="payroll-month">
          <MonthField
            id="payroll-month"
            label="Tháng chi trả"
            value={monthText}
            onChange={setMonthText}
            fallbackMonth={thisMonth()}
            required
            error={month ? undefined : 'Tháng chi trả: nhập theo dạng tháng/năm, ví dụ 10/2024.'}
          />
        </div>
        {STAFF.has(role) ? (
          month ? (
            <BuildPanel month={month} label="Lập bảng chi trả" onBuilt={reload} />
          ) : null
        ) : (
          <p className="hint">Cán bộ chính sách hoặc kế toán lập bảng chi trả; lãnh đạo xem và phê duyệt.</p>
        )}
      </section>
      <section className="panel" aria-labelledby="payroll-list-title">
        <h2 id="payroll-list-title">Các bảng chi trả</h2>
        {payrolls.status === 'loading' && <p role="status">Đang tải…</p>}
        {payrolls.status === 'failed' && (
          <p className="message message-error" role="alert">
            {payrolls.message}
          </p>
        )}
        {payrolls.status === 'loaded' && <PayrollTable rows={payrolls.value} />}
      </section>
      <section className="panel" aria-labelledby="payroll-watch-title">
        <h2 id="payroll-watch-title">Theo dõi tạm dừng: không nhận 3 tháng liên tiếp trở lên</h2>
        {watch.status === 'loaded' && <WatchTable rows={watch.value} />}
        {watch.status === 'failed' && (
          <p className="message message-error" role="alert">
            {watch.message}
          </p>
        )}
      </section>
    </>
  );
}

function PayrollTable({ rows }: { rows: PayrollView[] }) {
  if (!rows.length) return <p className="empty-note">Chưa có bảng chi trả nào.</p>;
  return (
    <table className="data-table payroll-table" aria-label="Danh sách bảng chi trả">
      <thead>
        <tr>
          <th scope="col">Tháng</th>
          <th scope="col">Chế độ</th>
          <th scope="col">Trạng thái</th>
          <th scope="col" className="num">
            Số dòng
          </th>
          <th scope="col" className="num">
            Tổng tiền (đồng)
          </th>
          <th scope="col" className="num">
            Cần chú ý
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.id}>
            <td>
              <a href={hrefFor(payrollPagePath(p.id))}>Tháng {formatMonthVi(p.month)}</a>
            </td>
            <td>{p.programmeName}</td>
            <td>
              <span className={`payroll-status payroll-status-${p.review}`}>{REVIEW_STATE_LABELS[p.review]}</span>
            </td>
            <td className="num">{formatVnd(p.lineCount)}</td>
            <td className="num">{formatVnd(p.totalVnd)}</td>
            <td className="num">{formatVnd(p.attentionCount)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WatchTable({ rows }: { rows: SuspensionWatchRow[] }) {
  if (!rows.length) return <p className="empty-note">Không có ai không nhận tiền 3 tháng liên tiếp.</p>;
  return (
    <table className="data-table" aria-label="Danh sách theo dõi tạm dừng">
      <thead>
        <tr>
          <th scope="col">Họ và tên</th>
          <th scope="col">Khu phố</th>
          <th scope="col">Chế độ</th>
          <th scope="col">Các tháng không nhận</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.personId}-${r.programme}`}>
            <td>
              <a href={hrefFor(personPagePath(r.personId))}>{r.fullName}</a>
            </td>
            <td>{r.neighbourhood}</td>
            <td>{PROGRAMME_NAMES[r.programme] ?? r.programme}</td>
            <td>
              {r.months.length} tháng: {r.months.map(formatMonthVi).join(', ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
