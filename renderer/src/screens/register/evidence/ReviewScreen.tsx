import { useRef, useState } from 'react';
import type { ReviewRow } from '@shared/api/evidence';
import type { EntitlementView } from '@shared/api/register';
import { formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { defaultListYear } from '@shared/domain/evidence';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { LoadStatus } from '../../../components/LoadStatus';
import { ScreenTitle } from '../../../components/ScreenTitle';
import { useApi } from '../../../api/query';
import { messageOf } from '../../../errors';
import { hrefFor } from '../../../routing';
import { OutcomeBox, type Outcome } from '../../../components/outcome';
import { REGISTER_PATHS, personPagePath } from '../paths';
import { DecisionDialog } from '../person/DecisionDialog';
import { referenceOf, useReference } from '../useReference';
import './evidence.css';

// Rà soát điều kiện hưởng (#/so-doi-tuong/ra-soat, issue 16): on a day, against a year's poor-household
// list, everyone whose current group depends on a fact that expired, is missing or changed, with the
// proposed decision. "Ghi quyết định…" opens the register's own decision dialog filled in from the
// proposal (register.decide): the officer checks, adds the number and date, and records it — never the app.

const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const proposalText = (r: ReviewRow) =>
  r.proposal.kind === 'stop'
    ? `Thôi hưởng từ tháng ${formatMonthVi(r.proposal.effectiveMonth)}`
    : `Điều chỉnh sang nhóm ${r.proposal.groupCode} (${r.proposal.groupLabel}) từ tháng ${formatMonthVi(r.proposal.effectiveMonth)}`;

const STATUS_WORDS = { missing: 'Thiếu', expired: 'Hết hạn', changed: 'Thay đổi' } as const;

export function ReviewScreen() {
  const [date, setDate] = useState(todayIso);
  const [year, setYear] = useState(() => String(defaultListYear(todayIso())));
  const [query, setQuery] = useState(() => ({ date: todayIso(), listYear: defaultListYear(todayIso()) }));
  const { state, reload } = useApi('evidence.review', query);
  const reference = referenceOf(useReference());
  const canDecide = useCan('register.decide');
  const [open, setOpen] = useState<{ row: ReviewRow; entitlement: EntitlementView } | undefined>();
  const [loadingId, setLoadingId] = useState<number | undefined>();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const outcomeRef = useRef<HTMLDivElement>(null);

  const decide = async (row: ReviewRow) => {
    setLoadingId(row.entitlementId);
    setOutcome(undefined);
    try {
      const detail = await api('people.get', { id: row.personId });
      const entitlement = detail.entitlements.find((e) => e.id === row.entitlementId);
      if (!entitlement) throw new Error('Không tìm thấy chế độ này trong hồ sơ: tải lại danh sách.');
      setOpen({ row, entitlement });
    } catch (error) {
      setOutcome({ title: messageOf(error), warnings: [] });
    } finally {
      setLoadingId(undefined);
    }
  };

  return (
    <>
      <p className="back-link">
        <a href={hrefFor(REGISTER_PATHS.list)}>← Sổ đối tượng</a>
      </p>
      <ScreenTitle>Rà soát điều kiện hưởng</ScreenTitle>
      <form
        className="panel review-filters"
        aria-label="Ngày rà soát"
        onSubmit={(e) => {
          e.preventDefault();
          const listYear = Number(year);
          if (date && Number.isInteger(listYear)) setQuery({ date, listYear });
        }}
      >
        <div className="field">
          <label htmlFor="review-date">Ngày rà soát</label>
          <input
            id="review-date"
            type="date"
            value={date}
            onChange={(e) => {
              setDate(e.target.value);
              if (e.target.value) setYear(String(defaultListYear(e.target.value)));
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="review-year">Danh sách hộ nghèo, cận nghèo năm</label>
          <input id="review-year" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} size={6} />
        </div>
        <button type="submit" className="btn btn-primary">
          Rà soát
        </button>
      </form>
      <OutcomeBox ref={outcomeRef} outcome={outcome} onDismiss={() => setOutcome(undefined)} />
      <section className="panel" aria-labelledby="review-heading">
        <h2 id="review-heading">
          Người cần quyết định — ngày {formatDateVi(query.date)}, danh sách năm {query.listYear}
        </h2>
        <LoadStatus state={state} />
        {state.status === 'loaded' && (
          <>
            <p role="status">
              {state.value.rows.length === 0
                ? `Không ai cần quyết định: đã xem ${state.value.examined.toLocaleString('vi-VN')} chế độ đang hưởng thuộc nhóm cần giấy tờ.`
                : `${state.value.rows.length.toLocaleString('vi-VN')} người cần quyết định trong ${state.value.examined.toLocaleString('vi-VN')} chế độ đang hưởng thuộc nhóm cần giấy tờ.`}
            </p>
            {state.value.rows.length > 0 && (
              <table className="data-table review-table" aria-label="Danh sách rà soát">
                <thead>
                  <tr>
                    <th scope="col" style={{ width: '20%' }}>
                      Họ và tên
                    </th>
                    <th scope="col" style={{ width: '20%' }}>
                      Nhóm đang hưởng
                    </th>
                    <th scope="col">Vấn đề</th>
                    <th scope="col" style={{ width: '20%' }}>
                      Đề xuất
                    </th>
                    {canDecide && (
                      <th scope="col" style={{ width: '16%' }}>
                        Thao tác
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {state.value.rows.map((r) => (
                    <tr key={r.entitlementId}>
                      <td>
                        <a href={hrefFor(personPagePath(r.personId))}>{r.fullName}</a>
                        <br />
                        <small>
                          {r.birthText}
                          {r.neighbourhood ? ` · ${r.neighbourhood}` : ''}
                        </small>
                      </td>
                      <td>
                        {r.groupCode} — {r.groupLabel}
                        {r.caredName ? ` (chăm sóc ${r.caredName})` : ''}
                        {r.status === 'suspended' ? ' · đang tạm dừng' : ''}
                      </td>
                      <td>
                        {r.findings.map((f, i) => (
                          <p key={i} className="review-finding">
                            <span className={`evidence-badge evidence-${f.status}`}>{STATUS_WORDS[f.status]}</span>{' '}
                            {f.message}
                          </p>
                        ))}
                      </td>
                      <td>{proposalText(r)}</td>
                      {canDecide && (
                        <td>
                          <button
                            type="button"
                            className="btn btn-secondary"
                            disabled={loadingId !== undefined}
                            onClick={() => void decide(r)}
                            aria-label={`Ghi quyết định cho ${r.fullName}`}
                          >
                            {loadingId === r.entitlementId ? 'Đang mở…' : 'Ghi quyết định…'}
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>
      {open && (
        <DecisionDialog
          kind={open.row.proposal.kind}
          entitlement={open.entitlement}
          reference={reference}
          month={open.row.proposal.effectiveMonth}
          prefill={{
            reason: open.row.proposal.reason.slice(0, 300),
            ...(open.row.proposal.groupCode ? { groupCode: open.row.proposal.groupCode } : {}),
          }}
          onClose={() => setOpen(undefined)}
          onDone={(result) => {
            setOpen(undefined);
            setOutcome(result);
            reload();
            requestAnimationFrame(() => outcomeRef.current?.focus());
          }}
        />
      )}
    </>
  );
}
