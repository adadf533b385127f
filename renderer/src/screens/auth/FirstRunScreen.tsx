import { useRef, useState, type FormEvent } from 'react';
import type { SessionState } from '@shared/api/auth';
import { ApiError } from '@shared/api/errors';
import { api } from '../../api/client';
import { MIN_PASSWORD_LENGTH } from '../../auth/roles';
import { PasswordField } from '../../components/PasswordField';
import { TextField } from '../../components/TextField';
import { useCheckedForm } from '../../components/useCheckedForm';
import { issuesOf, messageOf } from '../../errors';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { AuthFrame } from './AuthFrame';
import { setOfficeMode } from '../../officeMode';

// Thiết lập lần đầu: the data file has no administrator yet. The account created here manages the users
// and the settings; it signs in at once.

interface AdminForm {
  fullName: string;
  username: string;
  password: string;
  confirm: string;
}

export const USERNAME_HINT = '3–32 ký tự: chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang. Ví dụ: lan.nguyen';
export const PASSWORD_HINT = `Ít nhất ${MIN_PASSWORD_LENGTH} ký tự. Nên dùng cả chữ và số; không dùng ngày sinh.`;

export function passwordErrors(password: string, confirm: string): { password?: string; confirm?: string } {
  return {
    password:
      password.length < MIN_PASSWORD_LENGTH ? `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.` : undefined,
    confirm: confirm !== password ? 'Hai lần nhập mật khẩu chưa giống nhau.' : undefined,
  };
}

function localErrors(v: AdminForm): Partial<Record<keyof AdminForm, string>> {
  return {
    fullName: v.fullName.trim() ? undefined : 'Họ và tên: không được để trống.',
    username: v.username.trim() ? undefined : 'Tên đăng nhập: cần nhập.',
    ...passwordErrors(v.password, v.confirm),
  };
}

const hasErrors = (errors: object) => Object.values(errors).some(Boolean);

export function FirstRunScreen({
  appVersion,
  onSignedIn,
  onAlreadySetUp,
}: {
  appVersion: string;
  onSignedIn: (state: SessionState) => void;
  onAlreadySetUp: () => void;
}) {
  const form = useCheckedForm<AdminForm>({ fullName: '', username: '', password: '', confirm: '' }, localErrors);
  const [failure, setFailure] = useState<{ message: string; conflict: boolean } | undefined>();
  const [busy, setBusy] = useState(false);
  // Issue 17: the receiving office (Đơn vị tổng hợp) can be chosen here or later in Cài đặt → Chế độ làm việc.
  const [receiving, setReceiving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const v = form.value;

  const set = (field: keyof AdminForm) => (value: string) => {
    form.change({ ...v, [field]: value }, field);
    setFailure(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    form.showAll();
    if (hasErrors(form.localErrors)) {
      setFailure({ message: 'Hãy sửa các mục được đánh dấu.', conflict: false });
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const state = await api('auth.firstRun', { fullName: v.fullName, username: v.username, password: v.password });
      if (receiving) {
        // The new administrator is signed in; an empty register may become the receiving office. If this
        // fails, the choice stays in Cài đặt → Chế độ làm việc.
        await api('receiving.setMode', { mode: 'receiving' }).then(
          (m) => setOfficeMode(m.mode),
          () => undefined,
        );
      }
      onSignedIn(state);
    } catch (error) {
      const rest = form.takeIssues(issuesOf(error));
      const conflict = error instanceof ApiError && error.code === 'CONFLICT';
      setFailure({ message: [messageOf(error), ...rest.map((i) => i.message)].join(' '), conflict });
      focusFirstInvalid(formRef.current);
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="Thiết lập lần đầu" appVersion={appVersion}>
      <div className="message message-info" role="note">
        <p className="message-title">Tạo tài khoản quản trị hệ thống</p>
        <p>
          Sổ An Sinh chưa có tài khoản nào. Tài khoản tạo ở đây là <strong>quản trị hệ thống</strong>: dùng để tạo tài
          khoản cho cán bộ chính sách, kế toán, lãnh đạo, và để nhập thông tin đơn vị, cài đặt bảo mật, xem nhật ký.
        </p>
        <p>
          Người quản trị không nhập hồ sơ đối tượng: sau bước này, hãy tạo tài khoản riêng cho từng cán bộ trong Cài đặt
          → Người dùng.
        </p>
      </div>
      <form ref={formRef} className="auth-form" onSubmit={submit} noValidate aria-label="Tạo tài khoản quản trị">
        <TextField
          id="first-run-fullName"
          label="Họ và tên"
          required
          value={v.fullName}
          onChange={set('fullName')}
          onBlur={() => form.blur('fullName')}
          error={form.errors.fullName}
          hint="Họ tên người phụ trách quản trị, ví dụ: Nguyễn Thị Lan"
        />
        <TextField
          id="first-run-username"
          label="Tên đăng nhập"
          required
          value={v.username}
          onChange={set('username')}
          onBlur={() => form.blur('username')}
          error={form.errors.username}
          hint={USERNAME_HINT}
          autoComplete="username"
        />
        <PasswordField
          id="first-run-password"
          label="Mật khẩu"
          required
          value={v.password}
          onChange={set('password')}
          onBlur={() => form.blur('password')}
          error={form.errors.password}
          hint={PASSWORD_HINT}
          autoComplete="new-password"
        />
        <PasswordField
          id="first-run-confirm"
          label="Nhập lại mật khẩu"
          required
          value={v.confirm}
          onChange={set('confirm')}
          onBlur={() => form.blur('confirm')}
          error={form.errors.confirm}
          autoComplete="new-password"
        />
        <label className="first-run-mode">
          <input type="checkbox" checked={receiving} onChange={(e) => setReceiving(e.target.checked)} /> Máy này dùng
          cho <strong>đơn vị tổng hợp</strong> (Sở, phòng văn hoá – xã hội): chỉ nhận và tổng hợp báo cáo các phường gửi
          qua USB, không giữ sổ đối tượng.
        </label>
        <div role="alert" className={failure ? 'outcome outcome-error' : 'outcome'}>
          {failure && (
            <>
              {failure.message}{' '}
              {failure.conflict && (
                <button type="button" className="btn btn-link" onClick={onAlreadySetUp}>
                  Đến trang đăng nhập
                </button>
              )}
            </>
          )}
        </div>
        <button type="submit" className="btn btn-primary auth-submit" aria-disabled={busy || undefined}>
          {busy ? 'Đang tạo tài khoản…' : 'Tạo tài khoản và bắt đầu'}
        </button>
      </form>
      <p className="auth-help">
        Hãy ghi nhớ tên đăng nhập và mật khẩu này. Nên tạo thêm một tài khoản quản trị dự phòng cho người thứ hai trong
        đơn vị, để có người đặt lại mật khẩu khi cần.
      </p>
    </AuthFrame>
  );
}
