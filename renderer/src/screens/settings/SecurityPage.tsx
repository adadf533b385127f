import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/query';
import { useSession } from '../../auth/session';
import { TextField } from '../../components/TextField';
import { useSaveShortcut } from '../../components/useSaveShortcut';
import { issuesOf, messageOf } from '../../errors';

// Bảo mật: after how many idle minutes the screen locks (on every PC of the office).

type Outcome = { kind: 'none' } | { kind: 'saved'; minutes: number } | { kind: 'failed'; message: string };

export function SecurityPage() {
  const session = useSession();
  const [value, setValue] = useState<string | undefined>();
  const current = useApi('settings.getSecurity', {});
  const loadError = current.state.status === 'failed' ? current.state.message : undefined;
  const [error, setError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  useSaveShortcut(() => formRef.current?.requestSubmit());

  // The saved value fills the field when it arrives (and again after a save: the value just saved).
  const saved = current.value;
  useEffect(() => {
    if (saved) setValue(String(saved.idleMinutes));
  }, [saved]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving || value === undefined) return;
    const text = value.trim();
    if (!/^\d{1,3}$/.test(text)) {
      setError('Thời gian tự khoá: nhập số phút, ví dụ 10.');
      setOutcome({ kind: 'failed', message: 'Chưa lưu: số phút chưa hợp lệ.' });
      inputRef.current?.focus();
      return;
    }
    setSaving(true);
    setOutcome({ kind: 'none' });
    try {
      const saved = await api('settings.saveSecurity', { idleMinutes: Number(text) });
      setValue(String(saved.idleMinutes));
      setError(undefined);
      setOutcome({ kind: 'saved', minutes: saved.idleMinutes });
      session.refresh();
    } catch (e) {
      setError(issuesOf(e).find((i) => i.path === 'idleMinutes')?.message);
      setOutcome({ kind: 'failed', message: messageOf(e) });
      inputRef.current?.focus();
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="security-heading">
      <h2 id="security-heading">Bảo mật</h2>
      <p className="panel-lead">
        Khi không ai thao tác trong số phút này, Sổ An Sinh tự khoá màn hình để người khác không xem được hồ sơ. Người
        đang dùng nhập lại mật khẩu để làm tiếp; những gì đang nhập dở vẫn được giữ nguyên. Thay đổi có hiệu lực ngay
        cho mọi người dùng.
      </p>
      {loadError && (
        <div className="message message-error" role="alert">
          <p>Không tải được cài đặt bảo mật. {loadError}</p>
        </div>
      )}
      {value === undefined && !loadError && <p role="status">Đang tải…</p>}
      {value !== undefined && (
        <form ref={formRef} className="form-narrow" onSubmit={submit} noValidate aria-labelledby="security-heading">
          <TextField
            id="security-idle"
            label="Tự khoá sau (phút)"
            required
            inputMode="numeric"
            value={value}
            onChange={(v) => {
              setValue(v);
              setError(undefined);
              if (outcome.kind !== 'none') setOutcome({ kind: 'none' });
            }}
            error={error}
            hint="Từ 1 đến 240 phút. Mặc định 10 phút; máy dùng chung nên để ngắn."
            inputRef={inputRef}
            className="field-narrow"
          />
          <div className="plain-actions">
            <button type="submit" className="btn btn-primary" aria-disabled={saving || undefined}>
              {saving ? 'Đang lưu…' : 'Lưu'}
            </button>
            <div className="form-outcome">
              <p role="status" className={outcome.kind === 'saved' ? 'outcome outcome-ok' : 'outcome'}>
                {outcome.kind === 'saved' ? `Đã lưu: tự khoá sau ${outcome.minutes} phút không thao tác.` : ''}
              </p>
              <p role="alert" className={outcome.kind === 'failed' ? 'outcome outcome-error' : 'outcome'}>
                {outcome.kind === 'failed' ? outcome.message : ''}
              </p>
            </div>
          </div>
        </form>
      )}
    </section>
  );
}
