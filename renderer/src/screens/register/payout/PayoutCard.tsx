import { useRef, useState } from 'react';
import type { AuthorizationView, PayoutView } from '@shared/api/payout';
import { formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { useCan } from '../../../auth/session';
import { api } from '../../../api/client';
import { UndoButton } from '../../../components/UndoButton';
import { hrefFor } from '../../../routing';
import { METHOD_LABELS } from '../labels';
import { OutcomeBox, type Outcome } from '../../../components/outcome';
import { personPagePath } from '../paths';
import { AuthorizationFormButton, ChangeRequestButton } from '../person/AuthorizationPrintButtons';
import { CertifyDialog } from './CertifyDialog';
import { ChangeMethodDialog } from './ChangeMethodDialog';
import { RenewDialog } from './RenewDialog';
import { RevokeDialog } from './RevokeDialog';
import { STATE_CLASS } from './labels';
import { usePayout } from './usePayout';
import './payout.css';
import { LoadStatus } from '../../../components/LoadStatus';

// Hình thức nhận trợ cấp: the method in force this month (or cash and why), the history by month, the
// accounts and authorizations with their status, and the dialogs that change them.

type Open =
  { kind: 'none' } | { kind: 'change' } | { kind: 'certify' | 'revoke' | 'renew'; authorization: AuthorizationView };

export function PayoutCard({ personId, closed }: { personId: number; closed: boolean }) {
  const { state, reload } = usePayout(personId);
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const outcomeRef = useRef<HTMLDivElement>(null);
  const canChange = useCan('payout.change');
  const canCertify = useCan('authorizations.certify');
  const canRevoke = useCan('authorizations.revoke');
  const canUndo = useCan('undo.method');
  const canRenew = useCan('authorizations.renew');

  const done = (result: Outcome) => {
    setOpen({ kind: 'none' });
    setOutcome(result);
    requestAnimationFrame(() => outcomeRef.current?.focus());
  };
  const close = () => setOpen({ kind: 'none' });

  return (
    <section className="panel payout-card" aria-labelledby="payout-heading">
      <div className="entitlement-head">
        <h2 id="payout-heading">Hình thức nhận trợ cấp</h2>
        <div className="payout-actions">
          {canChange && !closed && state.status === 'loaded' && state.value.enrolledFrom && (
            <button type="button" className="btn btn-secondary" onClick={() => setOpen({ kind: 'change' })}>
              Đổi hình thức nhận
            </button>
          )}
          <ChangeRequestButton personId={personId} />
        </div>
      </div>
      <OutcomeBox ref={outcomeRef} outcome={outcome} onDismiss={() => setOutcome(undefined)} />
      <LoadStatus state={state} onRetry={reload} />
      {state.status === 'loaded' && (
        <PayoutBody
          view={state.value}
          canCertify={canCertify}
          canRevoke={canRevoke && !closed}
          onCertify={(a) => setOpen({ kind: 'certify', authorization: a })}
          onRevoke={(a) => setOpen({ kind: 'revoke', authorization: a })}
          canUndo={canUndo}
          onUndone={(message) => done({ title: message, warnings: [] })}
          canRenew={canRenew && !closed}
          onRenew={(a) => setOpen({ kind: 'renew', authorization: a })}
        />
      )}
      {open.kind === 'change' && state.status === 'loaded' && (
        <ChangeMethodDialog view={state.value} onDone={done} onClose={close} />
      )}
      {open.kind === 'certify' && <CertifyDialog authorization={open.authorization} onDone={done} onClose={close} />}
      {open.kind === 'revoke' && <RevokeDialog authorization={open.authorization} onDone={done} onClose={close} />}
      {open.kind === 'renew' && <RenewDialog authorization={open.authorization} onDone={done} onClose={close} />}
    </section>
  );
}

function PayoutBody({
  view,
  canCertify,
  canRevoke,
  onCertify,
  onRevoke,
  canUndo,
  onUndone,
  canRenew,
  onRenew,
}: {
  view: PayoutView;
  canCertify: boolean;
  canRevoke: boolean;
  onCertify: (a: AuthorizationView) => void;
  onRevoke: (a: AuthorizationView) => void;
  canUndo: boolean;
  onUndone: (message: string) => void;
  canRenew: boolean;
  onRenew: (a: AuthorizationView) => void;
}) {
  const f = view.inForce;
  const blocked = f.fallbackReason !== null;
  return (
    <>
      <dl className="facts-inline payout-now" aria-label="Hình thức đang áp dụng">
        <div className="fact">
          <dt>Tháng {formatMonthVi(f.month)}</dt>
          <dd className="payout-method" data-testid="payout-method-now">
            {METHOD_LABELS[f.method]}
            {f.effectiveFrom && !blocked && (
              <span className="payout-since"> (từ tháng {formatMonthVi(f.effectiveFrom)})</span>
            )}
          </dd>
        </div>
        {f.receiverName && (
          <div className="fact">
            <dt>Người nhận thay</dt>
            <dd>{f.receiverName}</dd>
          </div>
        )}
        {f.bankName && (
          <div className="fact">
            <dt>Tài khoản</dt>
            <dd>
              {f.bankName} · <span className="cell-id">{f.accountNumber}</span>
            </dd>
          </div>
        )}
        {f.holderName && (
          <div className="fact">
            <dt>Chủ tài khoản</dt>
            <dd>{f.holderName}</dd>
          </div>
        )}
        {f.authorizationValidTo && (
          <div className="fact">
            <dt>Ủy quyền đến</dt>
            <dd>{formatDateVi(f.authorizationValidTo)}</dd>
          </div>
        )}
      </dl>
      {blocked && (
        <div className="message message-error" role="note">
          <p>
            Sổ ghi «{METHOD_LABELS[f.registered]}» nhưng tháng này không chi vào tài khoản: {f.fallbackReason}
          </p>
        </div>
      )}
      {view.warnings.filter((w) => w.path !== 'inForce').length > 0 && (
        <ul className="field-warning payout-warnings" aria-label="Lưu ý">
          {view.warnings
            .filter((w) => w.path !== 'inForce')
            .map((w) => (
              <li key={w.message}>{w.message}</li>
            ))}
        </ul>
      )}
      {view.receivesFor.length > 0 && (
        <>
          <h3 className="timeline-title">Nhận trợ cấp thay (được ủy quyền)</h3>
          <AuthorizationTable
            rows={view.receivesFor}
            showGiver
            canCertify={false}
            canRevoke={false}
            onCertify={onCertify}
            onRevoke={onRevoke}
          />
        </>
      )}
      {!view.enrolledFrom && <p className="empty-note">Người này chưa hưởng chế độ nào nên chưa có hình thức nhận.</p>}

      {view.enrolledFrom && <h3 className="timeline-title">Lịch sử hình thức nhận</h3>}
      {!view.enrolledFrom ? null : view.history.length === 0 ? (
        <p className="empty-note">Chưa ghi hình thức nào: chi tiền mặt tại UBND.</p>
      ) : (
        <table className="data-table" aria-label="Lịch sử hình thức nhận">
          <thead>
            <tr>
              <th scope="col">Từ tháng</th>
              <th scope="col">Hình thức</th>
              <th scope="col">Tài khoản / người nhận</th>
              <th scope="col">Ghi chú</th>
              {canUndo && (
                <th scope="col">
                  <span className="sr-only">Hoàn tác</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {view.history.map((h) => (
              <tr key={h.id}>
                <th scope="row">{formatMonthVi(h.effectiveFrom)}</th>
                <td>{METHOD_LABELS[h.method]}</td>
                <td>{h.detail}</td>
                <td>{h.note}</td>
                {canUndo && (
                  <td>
                    {h.undoable && (
                      <UndoButton
                        label={`Hoàn tác đổi sang ${METHOD_LABELS[h.method]} từ tháng ${formatMonthVi(h.effectiveFrom)}`}
                        check={() => api('undo.methodCheck', { payoutMethodId: h.id })}
                        run={() => api('undo.method', { payoutMethodId: h.id })}
                        onDone={onUndone}
                      />
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {view.accounts.length > 0 && (
        <>
          <h3 className="timeline-title">Tài khoản</h3>
          <table className="data-table" aria-label="Tài khoản">
            <thead>
              <tr>
                <th scope="col">Ngân hàng</th>
                <th scope="col">Chi nhánh</th>
                <th scope="col">Số tài khoản</th>
                <th scope="col">Chủ tài khoản</th>
                <th scope="col">Lưu ý</th>
              </tr>
            </thead>
            <tbody>
              {view.accounts.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.bankName}</th>
                  <td>{a.branch}</td>
                  <td className="cell-id">{a.accountNumber}</td>
                  <td>
                    {a.holderName}
                    {a.ownerPersonId !== view.personId && <span className="hint"> (người được ủy quyền)</span>}
                  </td>
                  <td>
                    {a.closedDate && <span>Đã đóng ngày {formatDateVi(a.closedDate)}. </span>}
                    {a.sharedWith.length > 0 && (
                      <span className="payout-shared">
                        Cũng nhận cho:{' '}
                        {a.sharedWith.map((p, i) => (
                          <span key={p.personId}>
                            {i > 0 && ', '}
                            <a href={hrefFor(personPagePath(p.personId))}>{p.fullName}</a>
                          </span>
                        ))}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {view.authorizations.length > 0 && (
        <>
          <h3 className="timeline-title">Giấy ủy quyền</h3>
          <AuthorizationTable
            rows={view.authorizations}
            canCertify={canCertify}
            canRevoke={canRevoke}
            onCertify={onCertify}
            onRevoke={onRevoke}
            canRenew={canRenew}
            onRenew={onRenew}
          />
        </>
      )}
    </>
  );
}

export function AuthorizationTable({
  rows,
  canCertify,
  canRevoke,
  onCertify,
  onRevoke,
  showGiver,
  canRenew = false,
  onRenew,
}: {
  rows: readonly AuthorizationView[];
  canCertify: boolean;
  canRevoke: boolean;
  onCertify: (a: AuthorizationView) => void;
  onRevoke: (a: AuthorizationView) => void;
  showGiver?: boolean;
  canRenew?: boolean;
  onRenew?: (a: AuthorizationView) => void;
}) {
  return (
    <div className="payout-table-wrap">
      <table className="data-table payout-auth-table" aria-label="Giấy ủy quyền">
        <thead>
          <tr>
            {showGiver && <th scope="col">Người ủy quyền</th>}
            <th scope="col">Người được ủy quyền</th>
            <th scope="col">Quan hệ</th>
            <th scope="col">Tài khoản</th>
            <th scope="col">Thời hạn</th>
            <th scope="col">Trạng thái</th>
            <th scope="col">Chứng thực</th>
            <th scope="col">
              <span className="sr-only">Thao tác</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => {
            const live = a.state !== 'revoked' && a.state !== 'expired' && a.state !== 'giver_deceased';
            return (
              <tr key={a.id}>
                {showGiver && (
                  <th scope="row">
                    <a href={hrefFor(personPagePath(a.giverPersonId))}>{a.giverName}</a>
                  </th>
                )}
                <td>
                  {a.receiverName}
                  <br />
                  <span className="cell-id">{a.receiverCitizenId}</span>
                </td>
                <td>{a.relationship}</td>
                <td>
                  {a.bankName} <span className="cell-id">{a.accountNumber}</span>
                </td>
                <td className="nowrap">
                  {formatDateVi(a.validFrom)} –
                  <br />
                  {formatDateVi(a.validTo)}
                </td>
                <td>
                  <span className={`status payout-status ${STATE_CLASS[a.state]}`}>{a.stateLabel}</span>
                </td>
                <td>{a.certifiedDate ? `${formatDateVi(a.certifiedDate)} · ${a.certifiedBy}` : '—'}</td>
                <td>
                  <div className="payout-row-actions">
                    {canCertify && !a.certified && live && (
                      <button
                        type="button"
                        className="btn btn-primary"
                        onClick={() => onCertify(a)}
                        aria-label={`Chứng thực giấy ủy quyền của ${a.giverName} cho ${a.receiverName}`}
                      >
                        Chứng thực
                      </button>
                    )}
                    {canRenew &&
                      onRenew &&
                      a.renewedById === null &&
                      (a.state === 'expiring' || a.state === 'expired') && (
                        <button
                          type="button"
                          className="btn btn-secondary"
                          onClick={() => onRenew(a)}
                          aria-label={`Gia hạn giấy ủy quyền của ${a.giverName} cho ${a.receiverName}`}
                        >
                          Gia hạn
                        </button>
                      )}
                    {canRevoke && a.state !== 'revoked' && (
                      <button
                        type="button"
                        className="btn btn-secondary"
                        onClick={() => onRevoke(a)}
                        aria-label={`Chấm dứt giấy ủy quyền cho ${a.receiverName}`}
                      >
                        Chấm dứt
                      </button>
                    )}
                    <AuthorizationFormButton authorizationId={a.id} />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
