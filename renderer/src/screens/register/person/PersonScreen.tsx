import { useEffect, useMemo, useRef, useState } from 'react';
import type { EntitlementView, PersonDetail } from '@shared/api/register';
import { formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { useCan } from '../../../auth/session';
import { ScreenTitle } from '../../../components/ScreenTitle';
import { UndoButton } from '../../../components/UndoButton';
import { api } from '../../../api/client';
import { hrefFor } from '../../../routing';
import { STATUS_LABELS } from '../labels';
import { OutcomeBox, clearFlash, peekFlash, type Outcome } from '../../../components/outcome';
import { REGISTER_PATHS, enrollExistingPath, personEditPath } from '../paths';
import { referenceOf, useReference } from '../useReference';
import { DeathDialog } from './DeathDialog';
import { DecisionDialog, type DecisionKind } from './DecisionDialog';
import { DecisionsTable } from './DecisionsTable';
import { EntitlementCard } from './EntitlementCard';
import { IdentityBlock } from './IdentityBlock';
import { MoveAwayDialog } from './MoveAwayDialog';
import { OneOffTable } from './OneOffTable';
import { PayoutCard } from '../payout/PayoutCard';
import { usePersonDetail } from './usePersonDetail';
import { MoneyHistory } from '../ledger/MoneyHistory';
import { PersonWardDecisions } from '../ward-decisions/PersonWardDecisions';
import { NccBenefitsForm } from './NccBenefitsForm';
import { HealthInsuranceCard } from '../bhyt/HealthInsuranceCard';
import { EvidenceSection } from '../evidence/EvidenceSection';
import { PrintPersonFileButton } from '../person-file/PrintPersonFileButton';
import { TransferDialog } from '../person-file/TransferDialog';
import { TransferHistory } from '../person-file/TransferHistory';
import { useApi } from '../../../api/query';

// A person's page: identity (with data-quality notes), status and this month's amount, each entitlement
// with its terms, the decisions, the one-off items; and the actions that write decisions.

/** The month of a death or a move is still paid: say until when, rather than a bare "Đang hưởng". */
function statusText(detail: PersonDetail): string {
  const event = detail.person.deathDate ?? detail.person.movedAwayDate;
  if (event && detail.status === 'active') return `Hưởng đến hết tháng ${formatMonthVi(event.slice(0, 7))}`;
  return STATUS_LABELS[detail.status];
}

type OpenDialog =
  | { kind: 'none' }
  | { kind: 'decision'; decision: DecisionKind; entitlement: EntitlementView }
  | { kind: 'death' }
  | { kind: 'moveAway' }
  | { kind: 'transfer' };

export function PersonScreen({ id }: { id: number }) {
  const { state, reload: reloadDetail } = usePersonDetail(id);
  const transfers = useApi('personFile.transfers', { personId: id });
  const reload = () => {
    reloadDetail();
    transfers.reload();
  };
  const transferList = transfers.state.status === 'loaded' ? transfers.state.value : [];
  const reference = referenceOf(useReference());
  const groupNames = useMemo(() => new Map((reference?.groups ?? []).map((g) => [g.code, g.label])), [reference]);
  const [outcome, setOutcome] = useState<Outcome | undefined>(peekFlash);
  const [dialog, setDialog] = useState<OpenDialog>({ kind: 'none' });
  const outcomeRef = useRef<HTMLDivElement>(null);
  // Only the policy officer writes to the register; other roles read the page.
  const canWrite = useCan('register.decide');
  const canRecordNcc = useCan('nccBenefits.record');
  const canUndoDeath = useCan('undo.death');
  const canUndoMove = useCan('undo.moveAway');
  const canTransfer = useCan('personFile.recordTransfer');

  useEffect(() => clearFlash(), []);

  const afterWrite = (result: Outcome) => {
    setDialog({ kind: 'none' });
    setOutcome(result);
    // The dialog's opener may be gone (a suspended entitlement has no "Tạm dừng"): land on the news.
    requestAnimationFrame(() => outcomeRef.current?.focus());
  };
  const close = () => setDialog({ kind: 'none' });

  const back = (
    <p className="back-link">
      <a href={hrefFor(REGISTER_PATHS.list)}>← Sổ đối tượng</a>
    </p>
  );

  if (state.status !== 'loaded') {
    return (
      <>
        {back}
        <div className="screen-head">
          <ScreenTitle>Hồ sơ đối tượng</ScreenTitle>
        </div>
        {state.status === 'loading' ? (
          <p role="status">Đang tải hồ sơ…</p>
        ) : (
          <div className="message message-error" role="alert">
            <p>{state.message}</p>
            <button type="button" className="btn btn-secondary" onClick={reload}>
              Thử lại
            </button>
          </div>
        )}
      </>
    );
  }

  const detail = state.value;
  const closed = detail.person.deathDate !== null || detail.person.movedAwayDate !== null;
  return (
    <>
      {back}
      <div className="screen-head">
        <ScreenTitle>{detail.person.fullName}</ScreenTitle>
        <p className="person-badges">
          {detail.person.deathDate && (
            <span className="status status-deceased status-large">
              Đã mất ngày {formatDateVi(detail.person.deathDate)}
            </span>
          )}
          {detail.person.deathDate && detail.deathUndoable && canUndoDeath && (
            <UndoButton
              label={`Hoàn tác việc ghi ${detail.person.fullName} đã mất`}
              check={() => api('undo.deathCheck', { personId: id })}
              run={() => api('undo.death', { personId: id })}
              onDone={(message) => afterWrite({ title: message, warnings: [] })}
            />
          )}
          {detail.person.movedAwayDate && (
            <span className="status status-stopped status-large">
              Chuyển đi ngày {formatDateVi(detail.person.movedAwayDate)}
            </span>
          )}
          {detail.person.movedAwayDate && detail.moveAwayUndoable && canUndoMove && (
            <UndoButton
              label={`Hoàn tác việc ghi ${detail.person.fullName} chuyển đi`}
              check={() => api('undo.moveAwayCheck', { personId: id })}
              run={() => api('undo.moveAway', { personId: id })}
              onDone={(message) => afterWrite({ title: message, warnings: [] })}
            />
          )}
          <span className={`status status-${detail.status} status-large`}>{statusText(detail)}</span>
        </p>
      </div>

      <OutcomeBox ref={outcomeRef} outcome={outcome} onDismiss={() => setOutcome(undefined)} />

      <div className="person-top">
        <IdentityBlock detail={detail} />
        <section className="panel person-summary" aria-label="Mức hưởng và thao tác">
          <p className="summary-label">Mức hưởng tháng {formatMonthVi(detail.month)}</p>
          <p className="summary-amount">
            {formatVnd(detail.monthlyVnd)} <span>đồng/tháng</span>
          </p>
          <PrintPersonFileButton personId={id} />
          {canWrite && (
            <div className="summary-actions">
              <a className="btn btn-secondary" href={hrefFor(personEditPath(id))}>
                Sửa thông tin
              </a>
              {!closed && (
                <>
                  <a className="btn btn-secondary" href={hrefFor(enrollExistingPath(id))}>
                    + Thêm chế độ
                  </a>
                  <button type="button" className="btn btn-secondary" onClick={() => setDialog({ kind: 'moveAway' })}>
                    Chuyển đi
                  </button>
                  <button type="button" className="btn btn-danger" onClick={() => setDialog({ kind: 'death' })}>
                    Báo tử
                  </button>
                </>
              )}
              {canTransfer && !detail.person.deathDate && (
                <button type="button" className="btn btn-secondary" onClick={() => setDialog({ kind: 'transfer' })}>
                  {detail.person.movedAwayDate ? 'Tệp chuyển hồ sơ' : 'Chuyển hồ sơ đi nơi khác'}
                </button>
              )}
            </div>
          )}
        </section>
      </div>

      <section className="person-section" aria-labelledby="entitlements-heading">
        <h2 id="entitlements-heading">Chế độ hưởng</h2>
        {detail.entitlements.length === 0 ? (
          <p className="empty-note">Chưa có chế độ nào.</p>
        ) : (
          detail.entitlements.map((e) => (
            <EntitlementCard
              key={e.id}
              entitlement={e}
              decisions={detail.decisions}
              reference={reference}
              closed={closed || !canWrite}
              onDecide={(decision) => setDialog({ kind: 'decision', decision, entitlement: e })}
            />
          ))
        )}
      </section>

      <HealthInsuranceCard personId={id} closed={closed} />

      <EvidenceSection
        key={detail.entitlements.map((e) => `${e.id}:${e.terms.length}:${e.endMonth}`).join()}
        personId={id}
        closed={closed}
      />

      <PayoutCard key={detail.person.deathDate ?? 'alive'} personId={id} closed={closed} />

      <MoneyHistory
        key={detail.person.deathDate ?? 'alive'}
        personId={id}
        fullName={detail.person.fullName}
        deceased={detail.person.deathDate !== null}
        groupNames={groupNames}
      />

      <TransferHistory transfers={transferList} />

      <section className="panel" aria-labelledby="oneoff-heading">
        <h2 id="oneoff-heading">Khoản chi một lần</h2>
        <OneOffTable items={detail.oneOffItems} />
        {canRecordNcc && detail.person.deathDate && detail.entitlements.some((e) => e.programme === 'NCC') && (
          <details className="ncc-benefits">
            <summary>Ghi trợ cấp mai táng, trợ cấp một lần theo quyết định của Sở</summary>
            <NccBenefitsForm personId={id} onDone={reload} />
          </details>
        )}
      </section>

      <section className="panel" aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Các quyết định</h2>
        <DecisionsTable decisions={detail.decisions} reference={reference} />
        <PersonWardDecisions personId={id} decisions={detail.decisions} onChange={reload} />
      </section>

      {dialog.kind === 'decision' && (
        <DecisionDialog
          kind={dialog.decision}
          entitlement={dialog.entitlement}
          reference={reference}
          month={detail.month}
          onDone={afterWrite}
          onClose={close}
        />
      )}
      {dialog.kind === 'death' && (
        <DeathDialog detail={detail} reference={reference} onDone={afterWrite} onClose={close} />
      )}
      {dialog.kind === 'moveAway' && <MoveAwayDialog detail={detail} onDone={afterWrite} onClose={close} />}
      {dialog.kind === 'transfer' && (
        <TransferDialog
          detail={detail}
          recorded={transferList.some((t) => t.direction === 'out')}
          onRecorded={reload}
          onClose={close}
        />
      )}
    </>
  );
}
