import { useRef, useState } from 'react';
import type { LedgerRow, OverpaymentView, PersonLedger } from '@shared/api/ledger';
import {
  HEIR_METHOD_LABELS,
  HELD_STATUS_LABELS,
  LEDGER_COMPONENT_LABELS,
  OVERPAYMENT_STATUS_LABELS,
  RECOVERY_METHOD_LABELS,
  withGroupNames,
} from '@shared/api/ledger-labels';
import { formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { periodTextVi } from '@shared/domain/service-period';
import { api } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { useApi } from '../../../api/query';
import { messageOf } from '../../../errors';
import { handOverPdf } from '../../../print';
import { hrefFor } from '../../../routing';
import { payrollPagePath } from '../../payroll/paths';
import { OutcomeBox, type Outcome } from '../../../components/outcome';
import { HeirDialog } from './HeirDialog';
import { RecoveryDialog } from './RecoveryDialog';
import './money-history.css';
import { LoadStatus } from '../../../components/LoadStatus';
import { PersonRounds } from '../../rounds/PersonRounds';

// Lịch sử tiền: the person's ledger (ledger.person) — month by month what the register owes now against
// what approved payrolls paid, by component, with the payroll and line that paid it; money held for the
// heir of someone who has died (and the form that names the heir); overpayments with how they are being
// recovered. The same figures print as a PDF for the person's file (ledgerFiles.personPdf).

/** Months shown before "Xem tất cả": the latest year. */
const RECENT = 12;

const signed = (n: number) => (n > 0 ? `+${formatVnd(n)}` : formatVnd(n));

type Open = { kind: 'none' } | { kind: 'heir' } | { kind: 'recovery'; overpayment: OverpaymentView };

const NO_NAMES: ReadonlyMap<string, string> = new Map();

/** `groupNames`: group code → legal name (the register's reference data), so rows show words, not codes. */
export function MoneyHistory({
  personId,
  fullName,
  deceased,
  groupNames = NO_NAMES,
}: {
  personId: number;
  fullName: string;
  deceased: boolean;
  groupNames?: ReadonlyMap<string, string>;
}) {
  const { state, reload } = useApi('ledger.person', { personId });
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [all, setAll] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [printNote, setPrintNote] = useState<{ text: string; error: boolean } | undefined>();
  const outcomeRef = useRef<HTMLDivElement>(null);
  const canNameHeir = useCan('ledger.nameHeir');
  const canRecover = useCan('ledger.recordRecovery');
  const canPrint = useCan('ledgerFiles.personPdf');

  const done = (result: Outcome) => {
    setOpen({ kind: 'none' });
    setOutcome(result);
    requestAnimationFrame(() => outcomeRef.current?.focus());
  };
  const print = async () => {
    setPrinting(true);
    setPrintNote(undefined);
    try {
      setPrintNote({
        text: handOverPdf(await api('ledgerFiles.personPdf', { personId }), 'lịch sử tiền'),
        error: false,
      });
    } catch (error) {
      setPrintNote({ text: messageOf(error), error: true });
    } finally {
      setPrinting(false);
    }
  };

  return (
    <section className="panel money-history" aria-labelledby="money-heading">
      <div className="entitlement-head">
        <h2 id="money-heading">Lịch sử tiền</h2>
        <div className="payout-actions">
          {canPrint && (
            <button type="button" className="btn btn-secondary" onClick={() => void print()} disabled={printing}>
              {printing ? 'Đang in…' : 'In lịch sử tiền'}
            </button>
          )}
          {printNote && (
            <span
              className={printNote.error ? 'export-note export-note-error' : 'export-note'}
              role={printNote.error ? 'alert' : 'status'}
            >
              {printNote.text}
            </span>
          )}
        </div>
      </div>
      <OutcomeBox ref={outcomeRef} outcome={outcome} onDismiss={() => setOutcome(undefined)} />
      <LoadStatus state={state} onRetry={reload} />
      {state.status === 'loaded' && (
        <LedgerBody
          ledger={state.value}
          groupNames={groupNames}
          deceased={deceased}
          all={all}
          onShowAll={() => setAll(true)}
          onNameHeir={canNameHeir && deceased ? () => setOpen({ kind: 'heir' }) : undefined}
          onRecover={canRecover ? (overpayment) => setOpen({ kind: 'recovery', overpayment }) : undefined}
        />
      )}
      {open.kind === 'heir' && state.status === 'loaded' && (
        <HeirDialog
          personId={personId}
          deceasedName={fullName}
          heldVnd={state.value.heldForHeir.reduce((s, h) => s + h.amountVnd, 0)}
          current={state.value.heir}
          onDone={done}
          onClose={() => setOpen({ kind: 'none' })}
        />
      )}
      <PersonRounds personId={personId} />
      {open.kind === 'recovery' && (
        <RecoveryDialog overpayment={open.overpayment} onDone={done} onClose={() => setOpen({ kind: 'none' })} />
      )}
    </section>
  );
}

function LedgerBody({
  ledger,
  groupNames,
  deceased,
  all,
  onShowAll,
  onNameHeir,
  onRecover,
}: {
  ledger: PersonLedger;
  groupNames: ReadonlyMap<string, string>;
  deceased: boolean;
  all: boolean;
  onShowAll: () => void;
  onNameHeir: (() => void) | undefined;
  onRecover: ((o: OverpaymentView) => void) | undefined;
}) {
  const t = ledger.totals;
  // Newest first; within a month, in the ledger's order of components.
  const months = [...ledger.months].sort((a, b) =>
    a.serviceMonth < b.serviceMonth ? 1 : a.serviceMonth > b.serviceMonth ? -1 : 0,
  );
  const distinct = [...new Set(months.map((r) => r.serviceMonth))];
  const shownMonths = new Set(all ? distinct : distinct.slice(0, RECENT));
  const shown = months.filter((r) => shownMonths.has(r.serviceMonth));
  const held = ledger.heldForHeir.reduce((s, h) => s + h.amountVnd, 0);

  return (
    <>
      <dl className="money-totals">
        <div>
          <dt>Phải trả</dt>
          <dd>{formatVnd(t.owedVnd)}</dd>
        </div>
        <div>
          <dt>Đã chi trả</dt>
          <dd>{formatVnd(t.paidVnd)}</dd>
        </div>
        <div>
          <dt>Còn phải chi (truy lĩnh)</dt>
          <dd>{formatVnd(t.arrearsVnd)}</dd>
        </div>
        <div>
          <dt>Chi thừa (truy thu)</dt>
          <dd className={t.overpaidVnd > 0 ? 'money-negative' : undefined}>{formatVnd(t.overpaidVnd)}</dd>
        </div>
      </dl>

      {(deceased || ledger.heldForHeir.length > 0 || ledger.heir) && (
        <div className="money-block" aria-labelledby="held-heading">
          <div className="entitlement-head">
            <h3 id="held-heading">Tiền còn được hưởng của người đã mất</h3>
            {onNameHeir && (
              <button type="button" className="btn btn-secondary" onClick={onNameHeir}>
                {ledger.heir ? 'Đổi người thừa kế' : 'Xác định người thừa kế'}
              </button>
            )}
          </div>
          {ledger.heldForHeir.length === 0 ? (
            <p className="empty-note">Không có khoản nào giữ lại.</p>
          ) : (
            <table className="data-table" aria-label="Tiền giữ lại chờ người thừa kế">
              <thead>
                <tr>
                  <th scope="col">Khoản</th>
                  <th scope="col">Thời gian</th>
                  <th scope="col" className="num">
                    Số tiền (đồng)
                  </th>
                  <th scope="col">Tình trạng</th>
                </tr>
              </thead>
              <tbody>
                {ledger.heldForHeir.map((h, i) => (
                  <tr key={i}>
                    <td>{LEDGER_COMPONENT_LABELS[h.component]}</td>
                    <td>{periodTextVi({ from: h.fromMonth, to: h.toMonth, months: h.months })}</td>
                    <td className="num">{formatVnd(h.amountVnd)}</td>
                    <td>{HELD_STATUS_LABELS[h.status]}</td>
                  </tr>
                ))}
              </tbody>
              {ledger.heldForHeir.length > 1 && (
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={2}>
                      Cộng
                    </th>
                    <td className="num">{formatVnd(held)}</td>
                    <td />
                  </tr>
                </tfoot>
              )}
            </table>
          )}
          <p className="money-heir">
            {ledger.heir ? (
              <>
                Người thừa kế: <strong>{ledger.heir.fullName}</strong> ({ledger.heir.relationship}) —{' '}
                {ledger.heir.paperKind} số {ledger.heir.paperNumber} ngày {formatDateVi(ledger.heir.paperDate)}; nhận
                bằng {HEIR_METHOD_LABELS[ledger.heir.method].toLowerCase()}
                {ledger.heir.method === 'OWN_ACCOUNT' && ledger.heir.accountNumber
                  ? ` (TK ${maskAccount(ledger.heir.accountNumber)})`
                  : ''}
                .
              </>
            ) : (
              'Chưa xác định người thừa kế: số tiền được giữ lại, chưa chi.'
            )}
          </p>
        </div>
      )}

      {ledger.overpayments.length > 0 && (
        <div className="money-block">
          <h3 id="overpaid-heading">Khoản chi thừa (truy thu)</h3>
          <table className="data-table" aria-labelledby="overpaid-heading">
            <thead>
              <tr>
                <th scope="col">Khoản, thời gian</th>
                <th scope="col">Lý do</th>
                <th scope="col" className="num">
                  Chi thừa
                </th>
                <th scope="col" className="num">
                  Đã thu hồi
                </th>
                <th scope="col" className="num">
                  Còn phải thu
                </th>
                <th scope="col">Tình trạng</th>
                {onRecover && (
                  <th scope="col">
                    <span className="sr-only">Thao tác</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {ledger.overpayments.map((o) => (
                <tr key={`${o.component}-${o.fromMonth}-${o.toMonth}`}>
                  <td>
                    {LEDGER_COMPONENT_LABELS[o.component]},{' '}
                    {periodTextVi({ from: o.fromMonth, to: o.toMonth, months: o.months })}
                  </td>
                  <td>{o.reasonText}</td>
                  <td className="num">{formatVnd(o.amountVnd)}</td>
                  <td className="num">{formatVnd(o.recoveredVnd)}</td>
                  <td className="num">{formatVnd(o.openVnd)}</td>
                  <td>
                    {OVERPAYMENT_STATUS_LABELS[o.status]}
                    {o.recoveries.map((r) => (
                      <span key={r.id} className="money-recovery">
                        {RECOVERY_METHOD_LABELS[r.method]} {formatVnd(r.amountVnd)} — số {r.paperNumber}
                        {r.paperDate ? ` ngày ${formatDateVi(r.paperDate)}` : ''}
                      </span>
                    ))}
                  </td>
                  {onRecover && (
                    <td>
                      {o.openVnd > 0 && (
                        <button type="button" className="btn btn-secondary" onClick={() => onRecover(o)}>
                          Ghi thu hồi
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div className="money-block">
        <h3 id="months-heading">Theo từng tháng</h3>
        {months.length === 0 ? (
          <p className="empty-note">Chưa có tháng nào phải trả hoặc đã chi trả.</p>
        ) : (
          <>
            <table className="data-table money-months" aria-labelledby="months-heading">
              <thead>
                <tr>
                  <th scope="col">Tháng</th>
                  <th scope="col">Khoản</th>
                  <th scope="col" className="num">
                    Phải trả
                  </th>
                  <th scope="col" className="num">
                    Đã chi trả
                  </th>
                  <th scope="col" className="num">
                    Chênh lệch
                  </th>
                  <th scope="col">Chi trả tại</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <MonthRow
                    key={`${r.serviceMonth}-${r.component}-${r.entitlementId ?? ''}-${r.label}`}
                    row={r}
                    label={withGroupNames(r.label, groupNames)}
                  />
                ))}
              </tbody>
            </table>
            {shownMonths.size < distinct.length && (
              <button type="button" className="btn btn-secondary" onClick={onShowAll}>
                Xem tất cả {distinct.length} tháng
              </button>
            )}
            <p className="hint">
              Chênh lệch = phải trả − đã chi trả: số dương là tiền còn phải chi (truy lĩnh), số âm là tiền đã chi thừa
              (truy thu).
            </p>
          </>
        )}
      </div>
    </>
  );
}

function MonthRow({ row, label }: { row: LedgerRow; label: string }) {
  const cls = row.differenceVnd < 0 ? 'money-row-over' : row.differenceVnd > 0 ? 'money-row-owed' : undefined;
  return (
    <tr className={cls}>
      <td>{formatMonthVi(row.serviceMonth)}</td>
      <td>{label}</td>
      <td className="num">{formatVnd(row.owedVnd)}</td>
      <td className="num">{formatVnd(row.paidVnd)}</td>
      <td className="num">{row.differenceVnd === 0 ? '' : signed(row.differenceVnd)}</td>
      <td>
        {row.paidBy.map((p, i) => (
          <span key={`${p.lineId}-${i}`} className="money-paid-by">
            <a href={hrefFor(payrollPagePath(p.payrollId))}>
              Bảng {formatMonthVi(p.payrollMonth)} ({p.programme})
            </a>
            , dòng {p.lineId}
            {p.amountVnd < 0
              ? `: trừ ${formatVnd(-p.amountVnd)}`
              : p.amountVnd !== row.paidVnd
                ? `: ${formatVnd(p.amountVnd)}`
                : ''}
          </span>
        ))}
      </td>
    </tr>
  );
}

/** "•••••••7890": the account's last four digits, as elsewhere on the page. */
const maskAccount = (n: string) => (n.length > 4 ? `${'•'.repeat(Math.min(n.length - 4, 8))}${n.slice(-4)}` : n);
