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

// Chứng thực: the ward's leadership (approver) records the date the signatures were certified and who
// certified them, for one paper or for every uncertified paper listed (e.g. those an import brought in).

/** One paper, or the ids of the uncertified papers on the list. */
type Target =
  { authorization: AuthorizationView; ids?: undefined } | { authorization?: undefined; ids: readonly number[] };

const pad = (n: number) => String(n).padStart(2, '0');
const todayVi = () => {
  const d = new Date();
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
};

export function CertifyDialog({
  authorization,
  ids,
  onDone,
  onClose,
}: Target & {
  onDone: (o: Outcome) => void;
  onClose: () => void;
}) {
  const [date, setDate] = useState(todayVi);
  const [by, setBy] = useState('');
  const [errors, setErrors] = useState<{ certifiedDate?: string; certifiedBy?: string }>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const local: typeof errors = {};
    if (!parseDateVi(date)) local.certifiedDate = 'Ngày chứng thực: nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2026.';
    if (!by.trim()) local.certifiedBy = 'Người chứng thực: không được để trống.';
    setErrors(local);
    if (Object.keys(local).length) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setSaving(true);
    setFailure(undefined);
    try {
      if (authorization) {
        const view = await api('authorizations.certify', {
          id: authorization.id,
          certifiedDate: date,
          certifiedBy: by,
        });
        onDone(
          outcomeOf(
            `Đã ghi chứng thực giấy ủy quyền của ${view.giverName} cho ${view.receiverName} ngày ${formatDateVi(view.certifiedDate!)}.`,
            [],
          ),
        );
      } else {
        const { certified } = await api('authorizations.certifyMany', {
          ids: [...ids],
          certifiedDate: date,
          certifiedBy: by,
        });
        onDone(outcomeOf(`Đã ghi chứng thực ${certified.toLocaleString('vi-VN')} giấy ủy quyền.`, []));
      }
    } catch (error) {
      const issues = issuesOf(error);
      setErrors(
        Object.fromEntries(
          issues.filter((i) => i.path === 'certifiedDate' || i.path === 'certifiedBy').map((i) => [i.path, i.message]),
        ),
      );
      setFailure(messageOf(error));
      focusFirstInvalid(formRef.current);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title="Chứng thực giấy ủy quyền" onClose={onClose}>
      <form ref={formRef} onSubmit={submit} noValidate>
        {authorization ? (
          <p>
            {authorization.giverName} ủy quyền cho {authorization.receiverName} ({authorization.relationship}), từ{' '}
            {formatDateVi(authorization.validFrom)} đến {formatDateVi(authorization.validTo)}.
          </p>
        ) : (
          <p>
            Ghi chứng thực cho {ids.length.toLocaleString('vi-VN')} giấy ủy quyền chưa chứng thực trong danh sách, cùng
            một ngày và một người chứng thực. Chỉ dùng khi các giấy này đều đã được chứng thực chữ ký trên giấy.
          </p>
        )}
        <div className="field-grid">
          <TextField
            id="certify-date"
            label="Ngày chứng thực"
            required
            value={date}
            onChange={setDate}
            error={errors.certifiedDate}
            hint="Ngày/tháng/năm"
          />
          <TextField
            id="certify-by"
            label="Người chứng thực"
            required
            value={by}
            onChange={setBy}
            error={errors.certifiedBy}
            hint="Họ tên, chức vụ (Chủ tịch UBND phường)"
          />
        </div>
        <DialogActions saving={saving} failure={failure} onCancel={onClose} submitLabel="Ghi chứng thực" />
      </form>
    </Dialog>
  );
}
