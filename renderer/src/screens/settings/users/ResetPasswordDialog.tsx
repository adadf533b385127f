import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { UserView } from '@shared/api/auth';
import { api } from '../../../api/client';
import { MIN_PASSWORD_LENGTH } from '../../../auth/roles';
import { Dialog } from '../../../components/Dialog';
import { PasswordField } from '../../../components/PasswordField';
import { issuesOf, messageOf } from '../../../errors';
import { DialogActions } from '../../../components/DialogActions';

/** Đặt lại mật khẩu: for someone who forgot theirs. They are signed out everywhere and use the new one. */
export function ResetPasswordDialog({
  user,
  onDone,
  onClose,
}: {
  user: UserView;
  onDone: (user: UserView) => void;
  onClose: () => void;
}) {
  const [password, setPassword] = useState('');
  const [reveal, setReveal] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (password.length < MIN_PASSWORD_LENGTH) {
      setError(`Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`);
      inputRef.current?.focus();
      return;
    }
    setSaving(true);
    setFailure(undefined);
    try {
      onDone(await api('users.resetPassword', { id: user.id, password }));
    } catch (e) {
      setError(issuesOf(e).find((i) => i.path === 'password')?.message);
      setFailure(messageOf(e));
      setSaving(false);
    }
  };

  return (
    <Dialog title={`Đặt lại mật khẩu — ${user.fullName}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="panel-lead">
          Tài khoản «{user.username}» sẽ bị đăng xuất trên mọi máy và phải đăng nhập bằng mật khẩu mới. Việc này được
          ghi vào nhật ký.
        </p>
        <PasswordField
          id="reset-password"
          label="Mật khẩu mới"
          required
          value={password}
          onChange={(value) => {
            setPassword(value);
            setError(undefined);
            setFailure(undefined);
          }}
          error={error}
          hint={`Ít nhất ${MIN_PASSWORD_LENGTH} ký tự. Báo mật khẩu này cho người dùng.`}
          autoComplete="new-password"
          reveal={reveal}
          inputRef={inputRef}
        />
        <label className="checkbox reveal">
          <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} /> Hiện mật khẩu
        </label>
        <DialogActions saving={saving} failure={failure} onCancel={onClose} submitLabel="Đặt lại mật khẩu" />
      </form>
    </Dialog>
  );
}
