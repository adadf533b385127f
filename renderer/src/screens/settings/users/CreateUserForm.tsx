import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Role, UserView } from '@shared/api/auth';
import { api } from '../../../api/client';
import { MIN_PASSWORD_LENGTH, ROLE_DUTIES, ROLE_LABELS, ROLE_ORDER } from '../../../auth/roles';
import { PasswordField } from '../../../components/PasswordField';
import { SelectField } from '../../../components/SelectField';
import { TextField } from '../../../components/TextField';
import { useCheckedForm } from '../../../components/useCheckedForm';
import { issuesOf, messageOf } from '../../../errors';
import { USERNAME_HINT } from '../../auth/FirstRunScreen';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';

interface NewUserForm {
  fullName: string;
  username: string;
  role: Role | '';
  password: string;
}

const EMPTY: NewUserForm = { fullName: '', username: '', role: '', password: '' };

function localErrors(v: NewUserForm): Partial<Record<keyof NewUserForm, string>> {
  return {
    fullName: v.fullName.trim() ? undefined : 'Họ và tên: không được để trống.',
    username: v.username.trim() ? undefined : 'Tên đăng nhập: cần nhập.',
    role: v.role ? undefined : 'Chọn vai trò.',
    password:
      v.password.length < MIN_PASSWORD_LENGTH ? `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.` : undefined,
  };
}

/** Tạo tài khoản: a named user with one role and a first password the administrator hands over. */
export function CreateUserForm({
  onCreated,
  lastCreated,
}: {
  onCreated: (user: UserView) => void;
  lastCreated: UserView | undefined;
}) {
  const form = useCheckedForm<NewUserForm>(EMPTY, localErrors);
  const [reveal, setReveal] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [edited, setEdited] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const v = form.value;

  // Right after an account was created, the cursor is ready for the next one.
  useEffect(() => {
    if (lastCreated) document.getElementById('new-user-fullName')?.focus();
  }, [lastCreated]);

  const set = (field: keyof NewUserForm) => (value: string) => {
    form.change({ ...v, [field]: value }, field);
    setFailure(undefined);
    setEdited(true);
  };
  const created = edited ? undefined : lastCreated;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    form.showAll();
    if (Object.values(form.localErrors).some(Boolean) || !v.role) {
      setFailure('Hãy sửa các mục được đánh dấu.');
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      // The parent starts a new form (this one unmounts) and names the account created.
      onCreated(
        await api('users.create', { fullName: v.fullName, username: v.username, role: v.role, password: v.password }),
      );
    } catch (error) {
      const rest = form.takeIssues(issuesOf(error));
      setFailure([messageOf(error), ...rest.map((i) => i.message)].join(' '));
      focusFirstInvalid(formRef.current);
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="new-user-heading">
      <h2 id="new-user-heading">Tạo tài khoản mới</h2>
      <p className="panel-lead">
        Mỗi người dùng một tài khoản riêng, không dùng chung. Báo tên đăng nhập và mật khẩu ban đầu cho người đó; họ nên
        đổi mật khẩu ở Cài đặt → Đổi mật khẩu.
      </p>
      <form ref={formRef} onSubmit={submit} noValidate aria-labelledby="new-user-heading">
        <div className="form-grid-2">
          <TextField
            id="new-user-fullName"
            label="Họ và tên"
            required
            value={v.fullName}
            onChange={set('fullName')}
            onBlur={() => form.blur('fullName')}
            error={form.errors.fullName}
          />
          <TextField
            id="new-user-username"
            label="Tên đăng nhập"
            required
            value={v.username}
            onChange={set('username')}
            onBlur={() => form.blur('username')}
            error={form.errors.username}
            hint={USERNAME_HINT}
          />
          <SelectField
            id="new-user-role"
            label="Vai trò"
            required
            value={v.role}
            emptyLabel="— Chọn vai trò —"
            options={ROLE_ORDER.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
            onChange={set('role')}
            error={form.errors.role}
            hint={
              v.role ? `Được làm: ${ROLE_DUTIES[v.role]}.` : 'Vai trò quyết định người dùng được làm những việc gì.'
            }
          />
          <div>
            <PasswordField
              id="new-user-password"
              label="Mật khẩu ban đầu"
              required
              value={v.password}
              onChange={set('password')}
              onBlur={() => form.blur('password')}
              error={form.errors.password}
              hint={`Ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`}
              autoComplete="new-password"
              reveal={reveal}
            />
            <label className="checkbox reveal">
              <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} /> Hiện mật khẩu
            </label>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" aria-disabled={busy || undefined}>
            {busy ? 'Đang tạo…' : 'Tạo tài khoản'}
          </button>
          <div className="form-outcome">
            <p role="status" className={created ? 'outcome outcome-ok' : 'outcome'}>
              {created
                ? `Đã tạo tài khoản «${created.username}» — ${created.fullName} (${ROLE_LABELS[created.role]}).`
                : ''}
            </p>
            <p role="alert" className={failure ? 'outcome outcome-error' : 'outcome'}>
              {failure ?? ''}
            </p>
          </div>
        </div>
      </form>
    </section>
  );
}
