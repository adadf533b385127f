import { useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { SessionState, SessionUser } from '@shared/api/auth';
import { api } from '../api/client';
import { ROLE_LABELS } from '../auth/roles';
import { messageOf } from '../errors';
import { PasswordField } from './PasswordField';
import { isSaveShortcut } from './useSaveShortcut';
import '../screens/auth/auth.css';

/**
 * "Phiên làm việc đã khoá": a modal over the shell, which stays mounted underneath (every field keeps
 * what was typed). Unlocking with the same user's password continues where the user was: focus goes
 * back, and the calls that met the lock are sent again. Escape does not close it.
 */
export function LockOverlay({
  user,
  onUnlocked,
  onSignOut,
}: {
  user: SessionUser;
  onUnlocked: (s: SessionState) => void;
  onSignOut: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const title = document.title;
    document.title = 'Phiên làm việc đã khoá — Sổ An Sinh';
    if (!dialog.open) dialog.showModal();
    passwordRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      document.title = title;
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const state = await api('auth.unlock', { password });
      onUnlocked(state);
    } catch (error) {
      setFailure(messageOf(error));
      setPassword('');
      setBusy(false);
      passwordRef.current?.focus();
    }
  };

  // Keys typed here belong to the lock: Ctrl+S must not save the form underneath, nor open the browser's dialog.
  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (isSaveShortcut(event.nativeEvent)) event.preventDefault();
    event.stopPropagation();
  };

  return (
    <dialog
      ref={ref}
      className="lock-dialog"
      aria-labelledby="lock-title"
      aria-describedby="lock-note"
      onCancel={(event) => event.preventDefault()}
      onKeyDown={onKeyDown}
    >
      <form className="lock-body" onSubmit={submit} noValidate>
        <h2 id="lock-title">Phiên làm việc đã khoá</h2>
        <p className="lock-user">
          <strong>{user.fullName}</strong> — {ROLE_LABELS[user.role]}
        </p>
        <p id="lock-note" className="lock-note">
          Ứng dụng tự khoá khi lâu không thao tác. Nhập mật khẩu để làm tiếp: những gì đang nhập dở vẫn được giữ nguyên.
        </p>
        <div className="auth-form">
          <PasswordField
            id="lock-password"
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
          <div className="lock-actions">
            <button type="submit" className="btn btn-primary" aria-disabled={busy || undefined}>
              {busy ? 'Đang mở khoá…' : 'Mở khoá'}
            </button>
            <button type="button" className="btn btn-secondary" onClick={onSignOut}>
              Đăng xuất
            </button>
          </div>
          <p className="hint">
            Không phải {user.fullName}? Bấm «Đăng xuất» để người khác đăng nhập; phần đang nhập dở sẽ không được lưu.
          </p>
        </div>
      </form>
    </dialog>
  );
}
