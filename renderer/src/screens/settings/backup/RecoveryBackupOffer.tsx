import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BackupContents, BackupFile } from '@shared/api/backup';
import { createApiClient } from '../../../api/client';
import { PasswordField } from '../../../components/PasswordField';
import { TextField } from '../../../components/TextField';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { useCheckedForm } from '../../../components/useCheckedForm';
import { issuesOf, messageOf } from '../../../errors';
import { BackupContentsFacts, formatDateTimeVi } from './BackupFacts';

// On the recovery screen (the register cannot be opened, so no one can sign in): the newest automatic
// backup that passes its check, with what it holds, restored on the user name and password of an
// administrator *of that backup* (main checks them against the backup's own users). The plain client is
// used: a wrong password here is not a session that ended.

type Listed = BackupFile & { contents: BackupContents | null; problem: string | null };
const call = createApiClient();

interface Credentials {
  username: string;
  password: string;
}
/** Main checks the account against the backup's own users; the form shows what it says. */
const noLocalErrors = () => ({});
const credentialFieldOf = (path: string): keyof Credentials | undefined =>
  path === 'username' || path === 'password' ? path : undefined;

export function RecoveryBackupOffer() {
  const [backups, setBackups] = useState<Listed[] | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const form = useCheckedForm<Credentials>({ username: '', password: '' }, noLocalErrors, credentialFieldOf);
  const { username, password } = form.value;
  const errors = form.errors;
  const formRef = useRef<HTMLFormElement>(null);
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    (async () => setBackups(await call('backup.recoveryList', {})))().catch((e: unknown) => setLoadError(messageOf(e)));
  }, []);

  if (loadError) return null;
  if (!backups) return <p role="status">Đang tìm bản sao lưu tự động…</p>;
  const good = backups.find((b) => b.contents);
  if (!good) {
    return (
      <p>
        {backups.length
          ? 'Không có bản sao lưu tự động nào dùng được trên máy này.'
          : 'Máy này chưa có bản sao lưu tự động nào.'}
      </p>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await call('backup.recoveryRestore', { fileName: good.fileName, username, password });
      setRestored(true);
    } catch (e) {
      const rest = form.takeIssues(issuesOf(e));
      setFailure([messageOf(e), ...rest.map((i) => i.message)].join(' '));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  if (restored) {
    return (
      <section aria-labelledby="recovery-backup-heading">
        <h2 id="recovery-backup-heading">Đã khôi phục</h2>
        <p role="status" className="outcome outcome-ok">
          Đã khôi phục dữ liệu từ bản sao lưu lúc {formatDateTimeVi(good.createdAt)}. Tệp hỏng được giữ lại trong thư
          mục sao lưu để cán bộ kỹ thuật kiểm tra.
        </p>
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          Mở Sổ An Sinh
        </button>
      </section>
    );
  }
  return (
    <section aria-labelledby="recovery-backup-heading">
      <h2 id="recovery-backup-heading">Bản sao lưu tự động mới nhất dùng được</h2>
      <p>Sao lưu lúc {formatDateTimeVi(good.createdAt)}. Bản này đã được kiểm tra và chứa:</p>
      <BackupContentsFacts contents={good.contents!} />
      <form
        ref={formRef}
        className="form-narrow"
        onSubmit={submit}
        noValidate
        aria-labelledby="recovery-backup-heading"
      >
        <p>Để khôi phục, nhập tài khoản quản trị có trong bản sao lưu này.</p>
        <TextField
          id="recovery-username"
          label="Tên đăng nhập quản trị"
          value={username}
          onChange={(v) => form.change({ ...form.value, username: v }, 'username')}
          autoComplete="username"
          error={errors.username}
        />
        <PasswordField
          id="recovery-password"
          label="Mật khẩu"
          autoComplete="current-password"
          value={password}
          onChange={(v) => form.change({ ...form.value, password: v }, 'password')}
          error={errors.password}
        />
        <div className="plain-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Khôi phục bản sao lưu này
          </button>
        </div>
        <p role="alert" className={failure ? 'outcome outcome-error' : 'outcome'}>
          {failure}
        </p>
      </form>
    </section>
  );
}
