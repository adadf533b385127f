import { useState } from 'react';
import { formatLocalDateTime } from '@shared/domain/format';
import type { ProgrammeCode } from '@shared/api/register';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { useRole } from '../../auth/session';
import { ScreenTitle } from '../../components/ScreenTitle';
import { hrefFor } from '../../routing';
import { BuildPanel } from './BuildPanel';
import { REVIEW_STATE_LABELS } from './labels';
import { ApprovalPanel, DraftPrintButton, ReturnNotice, SubmitPanel } from './review/ReviewPanel';
import { PAYROLL_LIST_PATH } from './paths';
import { PAYROLL_TABS } from './tabs';
import { usePayroll } from './usePayroll';

// One payroll: its header (month, programme, review state, totals), Trình phê duyệt for the officer,
// the approval panel for the approver when submitted (main refuses anyone else), Lập lại for a draft,
// and the tab strip of PAYROLL_TABS (review, files, results).

const STAFF = new Set(['officer', 'accountant']);

export function PayrollPage({ id }: { id: number }) {
  const role = useRole();
  const [state, reload] = usePayroll(id);
  const [tabKey, setTabKey] = useState<string>();

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
            <span className={`payroll-status payroll-status-${p.review}`} data-testid="payroll-review-state">
              {REVIEW_STATE_LABELS[p.review]}
            </span>
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
          {p.submittedAt && p.review === 'submitted' && (
            <>
              <dt>Trình lúc</dt>
              <dd>
                {new Date(p.submittedAt).toLocaleString('vi-VN')} — {p.submittedBy}
              </dd>
            </>
          )}
          {p.approvedAt && (
            <>
              <dt>Phê duyệt</dt>
              <dd>
                {formatLocalDateTime(p.approvedAt)} — {p.approvedBy}
              </dd>
            </>
          )}
        </dl>
        <ReturnNotice payroll={p} />
        {p.status === 'draft' && p.lineCount > 0 && <DraftPrintButton payrollId={p.id} />}
        {p.review === 'submitted' && role !== 'approver' && (
          <p className="message message-info">Đã trình, đang chờ phê duyệt. Lập lại bảng sẽ huỷ lần trình này.</p>
        )}
        {role === 'officer' && (p.review === 'draft' || p.review === 'returned') && (
          <SubmitPanel payroll={p} onDone={reload} />
        )}
        {STAFF.has(role) && p.status === 'draft' && (
          <BuildPanel
            month={p.month}
            programmes={[p.programme as ProgrammeCode]}
            label="Lập lại bảng này"
            onBuilt={reload}
          />
        )}
        {role === 'approver' && p.review === 'submitted' && (
          <ApprovalPanel key={p.submittedAt ?? ''} payroll={p} onDone={reload} />
        )}
        {role === 'approver' && (p.review === 'draft' || p.review === 'returned') && (
          <p className="message message-info">
            Bảng chưa được trình phê duyệt{p.review === 'returned' ? ' (đã trả lại cho cán bộ)' : ''}.
          </p>
        )}
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
          <tab.component
            key={`${tab.key}-${p.builtAt}-${p.status}`}
            payrollId={p.id}
            month={p.month}
            programme={p.programme}
            status={p.status}
            onChanged={reload}
          />
        </section>
      )}
    </>
  );
}
