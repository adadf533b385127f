import { useRef, useState, type FormEvent } from 'react';
import type { AuthorizationView } from '@shared/api/payout';
import { formatDateVi, parseDateVi } from '@shared/domain/dates';
import { api } from '../../../api/client';
import { Dialog } from '../../../components/Dialog';
import { TextField } from '../../../components/TextField';
import { issuesOf, messageOf } from '../../../errors';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { outcomeOf, type Outcome } from '../../../components/outcome';
import { DialogActions } from '../../../components/DialogActions';

// Chấm dứt ủy quyền: from that day the account is no longer paid (the payroll falls back to cash).

export function RevokeDialog({
  authorization,
  onDone,
  onClose,
}: {
  authorization: AuthorizationView;
  onDone: (o: Outcome) => void;
  onClose: () => void;
}) {
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (!parseDateVi(date)) {
      setError('Ngày chấm dứt: nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2026.');
      focusFirstInvalid(formRef.current);
      return;
    }
    setSaving(true);
    setFailure(undefined);
    try {
      const view = await api('authorizations.revoke', { id: authorization.id, revokedDate: date, reason });
      onDone(
        outcomeOf(`Đã chấm dứt giấy ủy quyền cho ${view.receiverName} từ ngày ${formatDateVi(view.revokedDate!)}.`, []),
      );
    } catch (err) {
      setError(issuesOf(err).find((i) => i.path === 'revokedDate')?.message);
      setFailure(messageOf(err));
      focusFirstInvalid(formRef.current);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title="Chấm dứt ủy quyền" onClose={onClose}>
      <form ref={formRef} onSubmit={submit} noValidate>
        <p>
          Giấy ủy quyền cho {authorization.receiverName}, từ {formatDateVi(authorization.validFrom)} đến{' '}
          {formatDateVi(authorization.validTo)}. Từ ngày chấm dứt, trợ cấp không chuyển vào tài khoản này nữa (chi tiền
          mặt cho đến khi ghi hình thức mới).
        </p>
        <div className="field-grid">
          <TextField
            id="revoke-date"
            label="Ngày chấm dứt"
            required
            value={date}
            onChange={setDate}
            error={error}
            hint="Ngày/tháng/năm"
          />
          <TextField id="revoke-reason" label="Lý do" value={reason} onChange={setReason} />
        </div>
        <DialogActions saving={saving} failure={failure} onCancel={onClose} submitLabel="Chấm dứt ủy quyền" />
      </form>
    </Dialog>
  );
}
