import { useRef, useState, type FormEvent } from 'react';
import type { AuthorizationView } from '@shared/api/payout';
import { formatDateVi, parseDateVi } from '@shared/domain/dates';
import { renewalTerm } from '@shared/domain/payout';
import { api } from '../../../api/client';
import { Dialog } from '../../../components/Dialog';
import { TextField } from '../../../components/TextField';
import { issuesOf, messageOf } from '../../../errors';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { outcomeOf, type Outcome } from '../../../components/outcome';
import { DialogActions } from '../../../components/DialogActions';

// Gia hạn (issue 14): one authorization (a new term from the end of the old one, one year unless a date is
// typed), or every one expiring within 30 days or expired while still in use, in one transaction. The new
// terms are not certified: their forms are printed and certified like new ones.

const isoToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function RenewDialog({
  authorization,
  expiringCount,
  onDone,
  onClose,
}: {
  /** One authorization, or undefined for all expiring ones. */
  authorization?: AuthorizationView;
  expiringCount?: number;
  onDone: (o: Outcome) => void;
  onClose: () => void;
}) {
  const proposed = authorization ? renewalTerm(authorization.validTo, isoToday()) : null;
  const [validTo, setValidTo] = useState(proposed ? formatDateVi(proposed.to) : '');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (authorization && validTo.trim() && !parseDateVi(validTo)) {
      setError('Gia hạn đến ngày: nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2028.');
      focusFirstInvalid(formRef.current);
      return;
    }
    setError(undefined);
    setSaving(true);
    setFailure(undefined);
    try {
      const result = await api(
        'authorizations.renew',
        authorization ? { ids: [authorization.id], ...(validTo.trim() ? { validTo } : {}) } : { expiring: true },
      );
      onDone(
        outcomeOf(
          result.message,
          result.skipped.map((s) => ({
            path: String(s.id),
            message: `Không gia hạn giấy của ${s.giverName}: ${s.reason}.`,
          })),
        ),
      );
    } catch (err) {
      const issue = issuesOf(err).find((i) => i.path === 'validTo');
      if (issue) setError(issue.message);
      setFailure(messageOf(err));
      focusFirstInvalid(formRef.current);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title={authorization ? 'Gia hạn giấy ủy quyền' : 'Gia hạn các giấy ủy quyền sắp hết hạn'} onClose={onClose}>
      <form ref={formRef} onSubmit={submit} noValidate>
        {authorization && proposed ? (
          <>
            <p>
              {authorization.giverName} ủy quyền cho {authorization.receiverName} ({authorization.relationship}), đến{' '}
              {formatDateVi(authorization.validTo)}. Giấy mới: cùng người nhận và tài khoản, từ{' '}
              {formatDateVi(proposed.from)}.
            </p>
            <div className="field-grid">
              <TextField
                id="renew-valid-to"
                label="Gia hạn đến ngày"
                value={validTo}
                onChange={setValidTo}
                error={error}
                hint="Để trống: một năm"
              />
            </div>
          </>
        ) : (
          <p>
            Gia hạn {expiringCount !== undefined ? `${expiringCount.toLocaleString('vi-VN')} ` : ''}giấy ủy quyền sắp
            hết hạn trong 30 ngày hoặc đã hết hạn mà vẫn đang dùng, mỗi giấy thêm một năm từ ngày hết hạn cũ (giấy đã
            hết hạn: từ đầu tháng này), cùng người nhận và tài khoản — trong một lần ghi.
          </p>
        )}
        <p className="hint">Giấy mới cần in và trình lãnh đạo UBND chứng thực; chưa chứng thực thì chi tiền mặt.</p>
        <DialogActions saving={saving} failure={failure} onCancel={onClose} submitLabel="Gia hạn" />
      </form>
    </Dialog>
  );
}
