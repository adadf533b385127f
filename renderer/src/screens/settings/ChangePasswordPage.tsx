import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { PasswordField } from '../../components/PasswordField';
import { useCheckedForm } from '../../components/useCheckedForm';
import { issuesOf, messageOf } from '../../errors';
import { PASSWORD_HINT, passwordErrors } from '../auth/FirstRunScreen';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';

// Đổi mật khẩu: any user, for their own account; the current password is asked again.

interface ChangeForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const EMPTY: ChangeForm = { currentPassword: '', newPassword: '', confirm: '' };

function localErrors(v: ChangeForm): Partial<Record<keyof ChangeForm, string>> {
  const { password, confirm } = passwordErrors(v.newPassword, v.confirm);
  return {
    currentPassword: v.currentPassword ? undefined : 'Nhập mật khẩu đang dùng.',
    newPassword:
      password ??
      (v.newPassword && v.newPassword === v.currentPassword ? 'Mật khẩu mới phải khác mật khẩu đang dùng.' : undefined),
    confirm,
  };
}

export function ChangePasswordPage() {
  const { user } = useSession();
  const form = useCheckedForm<ChangeForm>(EMPTY, localErrors);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const v = form.value;

  const set = (field: keyof ChangeForm) => (value: string) => {
    form.change({ ...v, [field]: value }, field);
    setOutcome(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    form.showAll();
    if (Object.values(form.localErrors).some(Boolean)) {
      setOutcome({ ok: false, text: 'Chưa đổi: hãy sửa các mục được đánh dấu.' });
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setOutcome(undefined);
    try {
      await api('auth.changePassword', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      form.setValue(EMPTY);
      setOutcome({ ok: true, text: 'Đã đổi mật khẩu. Lần đăng nhập sau hãy dùng mật khẩu mới.' });
    } catch (error) {
      // A wrong current password is an error on that field (INVALID_INPUT); the session goes on.
      form.takeIssues(issuesOf(error));
      form.setValue((current) => ({ ...current, currentPassword: '' }));
      setOutcome({ ok: false, text: messageOf(error) });
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="password-heading">
      <h2 id="password-heading">Đổi mật khẩu</h2>
      <p className="panel-lead">
        Tài khoản <strong>{user.username}</strong> ({user.fullName}). Không cho người khác biết mật khẩu; mỗi người dùng
        tài khoản của mình.
      </p>
      <form ref={formRef} className="form-narrow" onSubmit={submit} noValidate aria-labelledby="password-heading">
        <PasswordField
          id="password-current"
          label="Mật khẩu đang dùng"
          required
          value={v.currentPassword}
          onChange={set('currentPassword')}
          onBlur={() => form.blur('currentPassword')}
          error={form.errors.currentPassword}
          autoComplete="current-password"
        />
        <PasswordField
          id="password-new"
          label="Mật khẩu mới"
          required
          value={v.newPassword}
          onChange={set('newPassword')}
          onBlur={() => form.blur('newPassword')}
          error={form.errors.newPassword}
          hint={PASSWORD_HINT}
          autoComplete="new-password"
        />
        <PasswordField
          id="password-confirm"
          label="Nhập lại mật khẩu mới"
          required
          value={v.confirm}
          onChange={set('confirm')}
          onBlur={() => form.blur('confirm')}
          error={form.errors.confirm}
          autoComplete="new-password"
        />
        <div className="plain-actions">
          <button type="submit" className="btn btn-primary" aria-disabled={busy || undefined}>
            {busy ? 'Đang đổi…' : 'Đổi mật khẩu'}
          </button>
          <div className="form-outcome">
            <p role="status" className={outcome?.ok ? 'outcome outcome-ok' : 'outcome'}>
              {outcome?.ok ? outcome.text : ''}
            </p>
            <p role="alert" className={outcome && !outcome.ok ? 'outcome outcome-error' : 'outcome'}>
              {outcome && !outcome.ok ? outcome.text : ''}
            </p>
          </div>
        </div>
      </form>
    </section>
  );
}
