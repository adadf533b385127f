import { useRef, useState } from 'react';
import type { AttentionRow, AuthorizationView } from '@shared/api/payout';
import { formatDateVi } from '@shared/domain/dates';
import { EXPIRY_WARNING_DAYS } from '@shared/domain/payout';
import { useApi } from '../../../api/query';
import { useCan } from '../../../auth/session';
import { ScreenTitle } from '../../../components/ScreenTitle';
import { hrefFor } from '../../../routing';
import { OutcomeBox, type Outcome } from '../../../components/outcome';
import { REGISTER_PATHS } from '../paths';
import { PendingFormsButton } from '../person/AuthorizationPrintButtons';
import { CertifyDialog } from './CertifyDialog';
import { ATTENTION_LABELS } from './labels';
import { AuthorizationTable } from './PayoutCard';
import { RenewDialog } from './RenewDialog';
import { RevokeDialog } from './RevokeDialog';
import './payout.css';
import { LoadStatus } from '../../../components/LoadStatus';

// Ủy quyền cần xử lý (#/so-doi-tuong/uy-quyen): authorizations expiring within 30 days, expired while still
// in use (payment blocked), of a deceased giver, or not yet certified. The approver certifies from here.

type Open =
  | { kind: 'none' }
  | { kind: 'certify' | 'revoke' | 'renew'; authorization: AuthorizationView }
  | { kind: 'renewAll' }
  | { kind: 'certifyAll'; ids: number[] };
type Filter = '' | AttentionRow['reasons'][number];

export function AuthorizationsScreen() {
  // Loaded again by the data layer after each write (here or elsewhere), with the pending forms' count.
  const { state: load, reload } = useApi('authorizations.attention', {});
  const state = load.status === 'loaded' ? { status: 'loaded' as const, ...load.value } : load;
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [filter, setFilter] = useState<Filter>('');
  const outcomeRef = useRef<HTMLDivElement>(null);
  const canCertify = useCan('authorizations.certify');
  const canCertifyMany = useCan('authorizations.certifyMany');
  const canRevoke = useCan('authorizations.revoke');
  const canRenew = useCan('authorizations.renew');

  const done = (o: Outcome) => {
    setOpen({ kind: 'none' });
    setOutcome(o);
    requestAnimationFrame(() => outcomeRef.current?.focus());
  };

  const rows = state.status === 'loaded' ? state.rows.filter((r) => !filter || r.reasons.includes(filter)) : [];
  const renewable =
    state.status === 'loaded'
      ? state.rows.filter((r) => r.reasons.includes('expiring') || r.reasons.includes('expired')).length
      : 0;
  const uncertified =
    state.status === 'loaded' ? state.rows.filter((r) => r.reasons.includes('uncertified')).map((r) => r.id) : [];
  const counts = (reason: Filter) =>
    state.status === 'loaded' ? state.rows.filter((r) => !reason || r.reasons.includes(reason)).length : 0;

  return (
    <>
      <p className="back-link">
        <a href={hrefFor(REGISTER_PATHS.list)}>← Sổ đối tượng</a>
      </p>
      <div className="screen-head">
        <ScreenTitle>Giấy ủy quyền cần xử lý</ScreenTitle>
        <div className="screen-actions">
          {canRenew && state.status === 'loaded' && (
            <button
              type="button"
              className="btn btn-secondary"
              disabled={renewable === 0}
              onClick={() => setOpen({ kind: 'renewAll' })}
            >
              Gia hạn tất cả giấy sắp hết hạn ({renewable.toLocaleString('vi-VN')})
            </button>
          )}
          {canCertifyMany && state.status === 'loaded' && (
            <button
              type="button"
              className="btn btn-secondary"
              disabled={uncertified.length === 0}
              onClick={() => setOpen({ kind: 'certifyAll', ids: uncertified })}
            >
              Chứng thực tất cả giấy chưa chứng thực ({uncertified.length.toLocaleString('vi-VN')})
            </button>
          )}
          <PendingFormsButton />
        </div>
      </div>
      <p className="hint">
        Giấy sắp hết hạn trong {EXPIRY_WARNING_DAYS} ngày, đã hết hạn mà vẫn đang dùng (tháng đó chi tiền mặt), người ủy
        quyền đã mất, hoặc chưa được chứng thực chữ ký.
        {state.status === 'loaded' && ` Tính đến ngày ${formatDateVi(state.today)}.`}
      </p>
      <OutcomeBox ref={outcomeRef} outcome={outcome} onDismiss={() => setOutcome(undefined)} />
      <LoadStatus state={state} onRetry={reload} />
      {state.status === 'loaded' && (
        <>
          <div className="payout-filters" role="group" aria-label="Lọc theo lý do">
            {(['', 'expiring', 'expired', 'uncertified', 'giver_deceased'] as Filter[]).map((f) => (
              <button
                key={f || 'all'}
                type="button"
                className={filter === f ? 'btn btn-primary' : 'btn btn-secondary'}
                aria-pressed={filter === f}
                onClick={() => setFilter(f)}
              >
                {f ? ATTENTION_LABELS[f] : 'Tất cả'} ({counts(f)})
              </button>
            ))}
          </div>
          {rows.length === 0 ? (
            <p className="empty-note">Không có giấy ủy quyền nào cần xử lý.</p>
          ) : (
            <AuthorizationTable
              rows={rows}
              showGiver
              canCertify={canCertify}
              canRevoke={canRevoke}
              onCertify={(a) => setOpen({ kind: 'certify', authorization: a })}
              onRevoke={(a) => setOpen({ kind: 'revoke', authorization: a })}
              canRenew={canRenew}
              onRenew={(a) => setOpen({ kind: 'renew', authorization: a })}
            />
          )}
        </>
      )}
      {open.kind === 'certify' && (
        <CertifyDialog authorization={open.authorization} onDone={done} onClose={() => setOpen({ kind: 'none' })} />
      )}
      {open.kind === 'certifyAll' && (
        <CertifyDialog ids={open.ids} onDone={done} onClose={() => setOpen({ kind: 'none' })} />
      )}
      {open.kind === 'renew' && (
        <RenewDialog authorization={open.authorization} onDone={done} onClose={() => setOpen({ kind: 'none' })} />
      )}
      {open.kind === 'renewAll' && (
        <RenewDialog expiringCount={renewable} onDone={done} onClose={() => setOpen({ kind: 'none' })} />
      )}
      {open.kind === 'revoke' && (
        <RevokeDialog authorization={open.authorization} onDone={done} onClose={() => setOpen({ kind: 'none' })} />
      )}
    </>
  );
}
