import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BackupContents, BackupList, RestoreResult } from '@shared/api/backup';
import { api } from '../../../api/client';
import { useApi } from '../../../api/query';
import { useSession } from '../../../auth/session';
import { Dialog } from '../../../components/Dialog';
import { FolderPicker } from '../../../components/FolderPicker';
import { JobProgress } from '../../../components/JobProgress';
import { PasswordField } from '../../../components/PasswordField';
import { useJob } from '../../../components/useJob';
import { focusFirstInvalid } from '../../../components/focusFirstInvalid';
import { useCheckedForm } from '../../../components/useCheckedForm';
import { issuesOf, messageOf } from '../../../errors';
import { passphraseMessage, PASSPHRASE_RULE_VI } from '@shared/domain/passphrase';
import { BackupContentsFacts, formatBytes, formatDateTimeVi } from './BackupFacts';
import type { JobIdOf } from '@shared/api/contract';

// Cài đặt → Sao lưu và khôi phục (administrator): make a backup now (to the PC's backup folder or a
// chosen folder such as a USB stick, optionally with a passphrase), restore one after seeing what it
// holds, undo the last restore, and the list of automatic backups.

const REASONS: Record<string, string> = {
  start: 'Khi mở ứng dụng',
  payroll: 'Sau khi phê duyệt bảng chi trả',
  hourly: 'Hằng giờ',
  upgrade: 'Trước khi nâng cấp phiên bản',
  manual: 'Sao lưu thủ công',
};

export function BackupPage() {
  // The list follows a backup made here (a job) and a restore (writing session calls) through the data layer.
  const listQuery = useApi('backup.list', {});
  const list: BackupList | undefined = listQuery.value;
  const listError = listQuery.state.status === 'failed' ? listQuery.state.message : undefined;
  const load = listQuery.reload;
  const [restorePath, setRestorePath] = useState('');

  return (
    <section className="panel" aria-labelledby="backup-heading">
      <h2 id="backup-heading">Sao lưu và khôi phục</h2>
      <p className="panel-lead">
        Sổ An Sinh tự sao lưu khi mở ứng dụng, sau mỗi lần phê duyệt bảng chi trả và mỗi giờ khi đang dùng, vào thư mục
        {list ? (
          <>
            {' '}
            <code className="path">{list.folder}</code>
          </>
        ) : (
          ' sao lưu trên máy'
        )}{' '}
        (giữ 10 bản mới nhất và một bản mỗi ngày trong 30 ngày). Hãy chép thêm một bản ra USB và cất ở nơi khác.
      </p>
      <ManualBackup onDone={load} />
      <RestoreSection list={list} path={restorePath} setPath={setRestorePath} onChanged={load} />
      <h3>Các bản sao lưu tự động</h3>
      {listError && (
        <p className="message message-error" role="alert">
          {listError}
        </p>
      )}
      {list && list.backups.length === 0 && <p>Chưa có bản sao lưu tự động nào.</p>}
      {list && list.backups.length > 0 && (
        <table className="data-table">
          <caption className="sr-only">Các bản sao lưu tự động</caption>
          <thead>
            <tr>
              <th scope="col">Thời điểm</th>
              <th scope="col">Lý do</th>
              <th scope="col">Dung lượng</th>
              <th scope="col">
                <span className="sr-only">Thao tác</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.backups.map((b) => (
              <tr key={b.fileName}>
                <td>{formatDateTimeVi(b.createdAt)}</td>
                <td>{REASONS[b.reason ?? ''] ?? ''}</td>
                <td>{formatBytes(b.bytes)}</td>
                <td>
                  <button type="button" className="btn btn-secondary" onClick={() => setRestorePath(b.path)}>
                    Chọn để khôi phục<span className="sr-only"> bản {formatDateTimeVi(b.createdAt)}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface BackupForm {
  folder: string;
  encrypt: boolean;
  passphrase: string;
  again: string;
}

function localBackupErrors(f: BackupForm): Partial<Record<keyof BackupForm, string>> {
  const errors: Partial<Record<keyof BackupForm, string>> = {};
  if (!f.encrypt) return errors;
  const weak = passphraseMessage(f.passphrase);
  if (weak) errors.passphrase = weak;
  if (f.passphrase !== f.again) errors.again = 'Hai lần nhập cụm mật khẩu không giống nhau.';
  if (!f.folder.trim()) errors.folder = 'Bản có cụm mật khẩu cần được lưu vào một thư mục bạn chọn (ví dụ USB).';
  return errors;
}

const backupFieldOf = (path: string): keyof BackupForm | undefined =>
  path === 'folder' || path === 'passphrase' ? path : undefined;

function ManualBackup({ onDone }: { onDone: () => void }) {
  const form = useCheckedForm<BackupForm>(
    { folder: '', encrypt: false, passphrase: '', again: '' },
    localBackupErrors,
    backupFieldOf,
  );
  const { folder, encrypt, passphrase, again } = form.value;
  const errors = form.errors;
  const [failure, setFailure] = useState<string | undefined>();
  const formRef = useRef<HTMLFormElement>(null);
  const set = (patch: Partial<BackupForm>) => {
    form.change({ ...form.value, ...patch }, Object.keys(patch) as Array<keyof BackupForm>);
    setFailure(undefined);
  };
  const [jobId, setJobId] = useState<JobIdOf<'backup.create'>>();
  const job = useJob(jobId);
  const result = job.status?.state === 'done' ? job.status.result : undefined;

  useEffect(() => {
    if (job.finished) onDone();
  }, [job.finished, onDone]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    form.showAll();
    setFailure(undefined);
    if (form.hasLocalErrors) {
      focusFirstInvalid(formRef.current);
      return;
    }
    try {
      const started = await api('backup.create', {
        ...(folder.trim() ? { folder: folder.trim() } : {}),
        ...(encrypt ? { passphrase } : {}),
      });
      setJobId(started.jobId);
    } catch (e) {
      const rest = form.takeIssues(issuesOf(e));
      setFailure([messageOf(e), ...rest.map((i) => i.message)].join(' '));
      focusFirstInvalid(formRef.current);
    }
  };

  const running = job.status?.state === 'running' || (jobId !== undefined && !job.status);
  return (
    <form ref={formRef} className="form-narrow" onSubmit={submit} noValidate aria-labelledby="backup-now-heading">
      <h3 id="backup-now-heading">Sao lưu ngay</h3>
      <FolderPicker
        id="backup-folder"
        label="Thư mục lưu bản sao lưu (ví dụ USB)"
        value={folder}
        onChange={(v) => set({ folder: v })}
        hint="Để trống: lưu vào thư mục sao lưu trên máy."
        error={errors.folder}
      />
      <label className="checkbox">
        <input type="checkbox" checked={encrypt} onChange={(e) => set({ encrypt: e.target.checked })} /> Đặt cụm mật
        khẩu (mã hoá bản sao lưu)
      </label>
      {encrypt && (
        <>
          <PasswordField
            id="backup-passphrase"
            label="Cụm mật khẩu"
            autoComplete="new-password"
            value={passphrase}
            onChange={(v) => set({ passphrase: v })}
            onBlur={() => form.blur('passphrase')}
            hint={`${PASSPHRASE_RULE_VI} Hãy ghi nhớ: mất cụm mật khẩu thì không mở được bản sao lưu.`}
            error={errors.passphrase}
          />
          <PasswordField
            id="backup-passphrase-again"
            label="Nhập lại cụm mật khẩu"
            autoComplete="new-password"
            value={again}
            onChange={(v) => set({ again: v })}
            onBlur={() => form.blur('again')}
            error={errors.again}
          />
        </>
      )}
      <div className="plain-actions">
        <button type="submit" className="btn btn-primary" disabled={running}>
          Sao lưu ngay
        </button>
      </div>
      {running && (
        <JobProgress
          status={job.status}
          label="Tiến độ sao lưu"
          unit="phần"
          cancelling={job.cancelling}
          onCancel={job.cancel}
        />
      )}
      <div className="form-outcome">
        <p role="status" className={result ? 'outcome outcome-ok' : 'outcome'}>
          {result && (
            <>
              Đã sao lưu và kiểm tra: <code className="path">{result.path}</code> ({formatBytes(result.bytes)}
              {result.encrypted ? ', có mã hoá' : ''}).
            </>
          )}
          {job.status?.state === 'cancelled' && 'Đã huỷ sao lưu: không có tệp nào được ghi.'}
        </p>
        <p role="alert" className={failure || job.status?.state === 'failed' ? 'outcome outcome-error' : 'outcome'}>
          {failure ?? (job.status?.state === 'failed' ? job.status.error?.message : '')}
        </p>
      </div>
    </form>
  );
}

/** The file to restore is the page's (a backup listed below can be picked), so it is a field here but not a value. */
type RestoreField = 'path' | 'passphrase';
const restoreFieldOf = (path: string): RestoreField | undefined =>
  path === 'path' || path === 'passphrase' ? path : undefined;
const noLocalErrors = () => ({});

function RestoreSection({
  list,
  path,
  setPath,
  onChanged,
}: {
  list: BackupList | undefined;
  path: string;
  setPath: (p: string) => void;
  onChanged: () => void;
}) {
  const session = useSession();
  const form = useCheckedForm<{ passphrase: string }, RestoreField>({ passphrase: '' }, noLocalErrors, restoreFieldOf);
  const { passphrase } = form.value;
  const errors = form.errors;
  const formRef = useRef<HTMLFormElement>(null);
  const [failure, setFailure] = useState<string | undefined>();
  const [checked, setChecked] = useState<{ path: string; contents: BackupContents } | undefined>();
  const [confirm, setConfirm] = useState<'restore' | 'undo' | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ result: RestoreResult; undo: boolean } | undefined>();

  const changePath = (p: string) => {
    setPath(p);
    form.change(form.value, 'path');
    setChecked(undefined);
  };
  useEffect(() => setChecked(undefined), [path]);

  const inspect = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    setDone(undefined);
    try {
      const contents = await api('backup.inspect', { path, ...(passphrase ? { passphrase } : {}) });
      setChecked({ path, contents });
    } catch (e) {
      const rest = form.takeIssues(issuesOf(e));
      setFailure([messageOf(e), ...rest.map((i) => i.message)].join(' '));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  const run = async (undo: boolean) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const result = undo
        ? await api('backup.undoRestore', {})
        : await api('backup.restore', { path: checked!.path, ...(passphrase ? { passphrase } : {}) });
      setDone({ result, undo });
      setChecked(undefined);
      form.reset({ passphrase: '' });
      onChanged();
      if (result.signedOut) session.refresh();
    } catch (e) {
      setFailure(messageOf(e));
    } finally {
      setBusy(false);
      setConfirm(undefined);
    }
  };

  return (
    <>
      <form ref={formRef} className="form-narrow" onSubmit={inspect} noValidate aria-labelledby="restore-heading">
        <h3 id="restore-heading">Khôi phục từ bản sao lưu</h3>
        <p>
          Trước khi thay dữ liệu, Sổ An Sinh kiểm tra bản sao lưu và cho xem nội dung. Dữ liệu hiện tại được giữ lại để
          có thể hoàn tác.
        </p>
        <FolderPicker
          id="restore-file"
          kind="backupFile"
          label="Tệp sao lưu"
          value={path}
          onChange={changePath}
          error={errors.path}
        />
        <PasswordField
          id="restore-passphrase"
          label="Cụm mật khẩu (nếu bản sao lưu có mã hoá)"
          autoComplete="current-password"
          value={passphrase}
          onChange={(v) => {
            form.change({ passphrase: v }, 'passphrase');
            setChecked(undefined);
          }}
          error={errors.passphrase}
        />
        <div className="plain-actions">
          <button type="submit" className="btn btn-secondary" disabled={busy || !path.trim()}>
            Kiểm tra bản sao lưu
          </button>
        </div>
      </form>
      {checked && (
        <section className="message message-info" aria-labelledby="backup-contents-heading">
          <h4 id="backup-contents-heading">Bản sao lưu này chứa</h4>
          <BackupContentsFacts contents={checked.contents} />
          <button type="button" className="btn btn-danger" onClick={() => setConfirm('restore')} disabled={busy}>
            Khôi phục bản này…
          </button>
        </section>
      )}
      <p role="status" className={done ? 'outcome outcome-ok' : 'outcome'}>
        {done &&
          (done.undo
            ? 'Đã hoàn tác: dữ liệu trở lại như trước lần khôi phục.'
            : `Đã khôi phục dữ liệu từ bản sao lưu (${done.result.contents.people.toLocaleString('vi-VN')} người). Dữ liệu trước đó được giữ để hoàn tác.`)}
      </p>
      <p role="alert" className={failure ? 'outcome outcome-error' : 'outcome'}>
        {failure}
      </p>
      {list?.undo && (
        <p>
          Dữ liệu trước lần khôi phục gần nhất ({formatDateTimeVi(list.undo.createdAt)}) vẫn được giữ.{' '}
          <button type="button" className="btn btn-secondary" onClick={() => setConfirm('undo')} disabled={busy}>
            Hoàn tác lần khôi phục
          </button>
        </p>
      )}
      {confirm && (
        <Dialog
          title={confirm === 'undo' ? 'Hoàn tác lần khôi phục?' : 'Khôi phục bản sao lưu?'}
          onClose={() => setConfirm(undefined)}
        >
          <p>
            {confirm === 'undo'
              ? 'Dữ liệu sẽ trở lại như trước lần khôi phục gần nhất. Dữ liệu hiện tại được giữ lại (có thể hoàn tác lại).'
              : 'Toàn bộ dữ liệu hiện tại sẽ được thay bằng bản sao lưu đã kiểm tra. Dữ liệu hiện tại được giữ lại để hoàn tác.'}
          </p>
          <div className="plain-actions">
            <button
              type="button"
              className="btn btn-danger"
              onClick={() => void run(confirm === 'undo')}
              disabled={busy}
            >
              {confirm === 'undo' ? 'Hoàn tác' : 'Khôi phục'}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirm(undefined)} disabled={busy}>
              Huỷ
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
