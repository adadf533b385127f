import { useState } from 'react';
import { formatLocalDateTime } from '../../../../shared/domain/format';
import type { ProgrammeCode } from '../../../../shared/api/register';
import { formatMonthVi } from '../../../../shared/domain/dates';
import { formatVnd } from '../../../../shared/domain/money';
import { api } from '../../api/client';
import { useRole } from '../../auth/session';
import { ScreenTitle } from '../../components/ScreenTitle';
import { messageOf } from '../../errors';
import { hrefFor } from '../../routing';
import { BuildPanel } from './BuildPanel';
import { PAYROLL_STATUS_LABELS } from './labels';
import { PAYROLL_LIST_PATH } from './paths';
import { PAYROLL_TABS } from './tabs';
import { usePayroll } from './usePayroll';

// One payroll: its header (month, programme, status, totals), Approve for the approver (main refuses
// anyone else), Lập lại for a draft, and the tab strip of PAYROLL_TABS (review, files, results).

const STAFF = new Set(['officer', 'accountant']);

export function PayrollPage({ id }: { id: number }) {
  const role = useRole();
  const [state, reload] = usePayroll(id);
  const [tabKey, setTabKey] = useState<string>();
  const [approveError, setApproveError] = useState<string>();
  const [approving, setApproving] = useState(false);

  if (state.status === 'loading') return <p role="status">Đang tải bảng chi trả…</p>;
  if (state.status === 'failed') {
    return (
      <p className="message message-error" role="alert">
        {state.message}
      </p>
    );
  }
  const p = state.value;
  const tabs = PAYROLL_TABS.filter((t) => (!t.roles || t.roles.includes(role)) && (!t.when || t.when === p.status));
  const tab = tabs.find((t) => t.key === tabKey) ?? tabs[0];
  const approve = () => {
    setApproving(true);
    setApproveError(undefined);
    api('payroll.approve', { payrollId: p.id }).then(
      () => {
        setApproving(false);
        reload();
      },
      (e: unknown) => {
        setApproving(false);
        setApproveError(messageOf(e));
      },
    );
  };

  return (
    <>
      <p className="back-link">
        <a href={hrefFor(PAYROLL_LIST_PATH)}>← Chi trả</a>
      </p>
      <ScreenTitle>
        Bảng chi trả tháng {formatMonthVi(p.month)} — {p.programmeName}
      </ScreenTitle>
      <section className="panel payroll-header" aria-label="Thông tin bảng chi trả">
        <dl className="facts">
          <dt>Trạng thái</dt>
          <dd>
            <span className={`payroll-status payroll-status-${p.status}`}>{PAYROLL_STATUS_LABELS[p.status]}</span>
          </dd>
          <dt>Số dòng</dt>
          <dd>{formatVnd(p.lineCount)}</dd>
          <dt>Tổng số tiền</dt>
          <dd>
            <strong data-testid="payroll-total">{formatVnd(p.totalVnd)}</strong> đồng
          </dd>
          <dt>Lập lúc</dt>
          <dd>
            {formatLocalDateTime(p.builtAt)} — {p.builtBy}
          </dd>
          {p.approvedAt && (
            <>
              <dt>Phê duyệt</dt>
              <dd>
                {formatLocalDateTime(p.approvedAt)} — {p.approvedBy}
              </dd>
            </>
          )}
        </dl>
        <div className="payroll-actions">
          {role === 'approver' && p.status === 'draft' && (
            <button type="button" className="btn btn-primary" onClick={approve} disabled={approving}>
              {approving ? 'Đang phê duyệt…' : 'Phê duyệt'}
            </button>
          )}
        </div>
        {approveError && (
          <p className="message message-error" role="alert">
            {approveError}
          </p>
        )}
        {STAFF.has(role) && p.status === 'draft' && <BuildPanel month={p.month} programmes={[p.programme as ProgrammeCode]} label="Lập lại bảng này" onBuilt={reload} />}
      </section>
      <div className="payroll-tabs" role="tablist" aria-label="Nội dung bảng chi trả">
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`payroll-tab-${t.key}`}
            aria-selected={t === tab}
            aria-controls="payroll-tabpanel"
            className={t === tab ? 'payroll-tab payroll-tab-active' : 'payroll-tab'}
            onClick={() => setTabKey(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab && (
        <section id="payroll-tabpanel" role="tabpanel" aria-labelledby={`payroll-tab-${tab.key}`} className="panel">
          <tab.component key={`${tab.key}-${p.builtAt}-${p.status}`} payrollId={p.id} month={p.month} programme={p.programme} status={p.status} onChanged={reload} />
        </section>
      )}
    </>
  );
}
