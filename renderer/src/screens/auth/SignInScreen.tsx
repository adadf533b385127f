import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SessionState } from '@shared/api/auth';
import { api } from '../../api/client';
import { PasswordField } from '../../components/PasswordField';
import { TextField } from '../../components/TextField';
import type { SignInNotice } from '../../boot';
import { messageOf } from '../../errors';
import { AuthFrame } from './AuthFrame';

// Đăng nhập. A refusal (wrong password, account disabled or locked out) shows main's own message; the
// user name stays, the password is cleared and gets the cursor for the next try.

export function SignInScreen({
  appVersion,
  notice,
  onSignedIn,
}: {
  appVersion: string;
  notice: SignInNotice | undefined;
  onSignedIn: (state: SessionState) => void;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    usernameRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!username.trim()) {
      setFailure('Nhập tên đăng nhập.');
      usernameRef.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const state = await api('auth.login', { username, password });
      onSignedIn(state);
    } catch (error) {
      setFailure(messageOf(error));
      setPassword('');
      passwordRef.current?.focus();
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="Đăng nhập" appVersion={appVersion}>
      {notice && (
        <div className={notice.kind === 'ended' ? 'message message-warning' : 'message message-info'} role="status">
          <p>{notice.text}</p>
        </div>
      )}
      <form className="auth-form" onSubmit={submit} noValidate aria-label="Đăng nhập">
        <TextField
          id="sign-in-username"
          label="Tên đăng nhập"
          value={username}
          onChange={(value) => {
            setUsername(value);
            setFailure(undefined);
          }}
          autoComplete="username"
          inputRef={usernameRef}
        />
        <PasswordField
          id="sign-in-password"
          label="Mật khẩu"
          value={password}
          onChange={(value) => {
            setPassword(value);
            setFailure(undefined);
          }}
          autoComplete="current-password"
          inputRef={passwordRef}
        />
        <p role="alert" className={failure ? 'outcome outcome-error' : 'outcome'}>
          {failure ?? ''}
        </p>
        <button type="submit" className="btn btn-primary auth-submit" aria-disabled={busy || undefined}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
      <p className="auth-help">Quên mật khẩu? Nhờ người quản trị hệ thống của đơn vị đặt lại mật khẩu cho bạn.</p>
    </AuthFrame>
  );
}
