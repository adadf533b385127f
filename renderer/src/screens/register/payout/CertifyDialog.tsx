import { useRef, useState, type FormEvent } from 'react';
import type { AuthorizationView } from '@shared/api/payout';
import { formatDateVi, parseDateVi } from '@shared/domain/dates';
import { api } from '../../../api/client';
import { Dialog } from '../../../components/Dialog';
import { TextField } from '../../../components/TextField';
import { useCheckedForm } from '../../../components/useCheckedForm';
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

interface CertifyForm {
  certifiedDate: string;
  certifiedBy: string;
}

function localCertifyErrors(f: CertifyForm): Partial<Record<keyof CertifyForm, string>> {
  const errors: Partial<Record<keyof CertifyForm, string>> = {};
  if (!parseDateVi(f.certifiedDate))
    errors.certifiedDate = 'Ngày chứng thực: nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2026.';
  if (!f.certifiedBy.trim()) errors.certifiedBy = 'Người chứng thực: không được để trống.';
  return errors;
}

const certifyFieldOf = (path: string) =>
  path === 'certifiedDate' || path === 'certifiedBy' ? (path as keyof CertifyForm) : undefined;

export function CertifyDialog({
  authorization,
  ids,
  onDone,
  onClose,
}: Target & {
  onDone: (o: Outcome) => void;
  onClose: () => void;
}) {
  const checked = useCheckedForm<CertifyForm>(
    () => ({ certifiedDate: todayVi(), certifiedBy: '' }),
    localCertifyErrors,
    certifyFieldOf,
  );
  const { certifiedDate: date, certifiedBy: by } = checked.value;
  const errors = checked.errors;
  const [failure, setFailure] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    checked.showAll();
    if (checked.hasLocalErrors) {
      setFailure('Chưa lưu: kiểm tra các ô báo lỗi.');
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
      const rest = checked.takeIssues(issuesOf(error));
      setFailure([messageOf(error), ...rest.map((i) => i.message)].join(' '));
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
            onChange={(v) => {
              checked.change({ ...checked.value, certifiedDate: v }, 'certifiedDate');
              setFailure(undefined);
            }}
            onBlur={() => checked.blur('certifiedDate')}
            error={errors.certifiedDate}
            hint="Ngày/tháng/năm"
          />
          <TextField
            id="certify-by"
            label="Người chứng thực"
            required
            value={by}
            onChange={(v) => {
              checked.change({ ...checked.value, certifiedBy: v }, 'certifiedBy');
              setFailure(undefined);
            }}
            onBlur={() => checked.blur('certifiedBy')}
            error={errors.certifiedBy}
            hint="Họ tên, chức vụ (Chủ tịch UBND phường)"
          />
        </div>
        <DialogActions saving={saving} failure={failure} onCancel={onClose} submitLabel="Ghi chứng thực" />
      </form>
    </Dialog>
  );
}
