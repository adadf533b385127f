import { useState, type FormEvent } from 'react';
import type { Role, UserView } from '@shared/api/auth';
import { api } from '../../../api/client';
import { ROLE_DUTIES, ROLE_LABELS, ROLE_ORDER } from '../../../auth/roles';
import { Dialog } from '../../../components/Dialog';
import { SelectField } from '../../../components/SelectField';
import { messageOf } from '../../../errors';
import { DialogActions } from '../../../components/DialogActions';

/**
 * Đổi vai trò: someone who moves to another job keeps their account. Main refuses to leave the office
 * without an active administrator; the person is signed out and gets the new role at the next sign-in.
 */
export function RoleDialog({
  user,
  onDone,
  onClose,
}: {
  user: UserView;
  onDone: (user: UserView) => void;
  onClose: () => void;
}) {
  const [role, setRole] = useState<Role>(user.role);
  const [failure, setFailure] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (role === user.role) {
      onClose();
      return;
    }
    setSaving(true);
    setFailure(undefined);
    try {
      onDone(await api('users.setRole', { id: user.id, role }));
    } catch (e) {
      setFailure(messageOf(e));
      setSaving(false);
    }
  };

  return (
    <Dialog title={`Đổi vai trò — ${user.fullName}`} onClose={onClose}>
      <form onSubmit={submit} noValidate aria-label="Đổi vai trò">
        <p className="panel-lead">
          Vai trò hiện nay: <strong>{ROLE_LABELS[user.role]}</strong>. Tài khoản «{user.username}» sẽ bị đăng xuất và
          nhận vai trò mới ở lần đăng nhập sau. Việc này được ghi vào nhật ký.
        </p>
        <SelectField
          id="user-role"
          label="Vai trò mới"
          value={role}
          options={ROLE_ORDER.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          onChange={(v) => {
            setRole(v as Role);
            setFailure(undefined);
          }}
          hint={ROLE_DUTIES[role]}
        />
        <DialogActions saving={saving} failure={failure} onCancel={onClose} submitLabel="Lưu vai trò" />
      </form>
    </Dialog>
  );
}
