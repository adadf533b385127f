import { useLeaveGuard } from '../../components/leaveGuard';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { OfficeSettings } from '@shared/api/settings';
import { api } from '../../api/client';
import { TextField } from '../../components/TextField';
import { useSaveShortcut } from '../../components/useSaveShortcut';
import { issuesOf, messageOf } from '../../errors';
import { RecipientsEditor } from './RecipientsEditor';
import {
  OFFICE_FIELDS,
  RECIPIENTS_PATH,
  errorsFromIssues,
  fieldId,
  firstInvalidPath,
  toForm,
  toInput,
  withSaved,
  withoutError,
  withoutRecipientErrors,
  type FieldErrors,
  type OfficeForm,
  type OfficeTextField,
  type RecipientRow,
} from './officeForm';

type Outcome = { kind: 'none' } | { kind: 'saved' } | { kind: 'failed'; message: string };

export const SAVED_MESSAGE = 'Đã lưu thông tin đơn vị.';

/** Cài đặt → Thông tin đơn vị. Saves with the button, Enter in a field, or Ctrl+S. */
export function OfficeSettingsForm({
  initial,
  onSaved,
}: {
  initial: OfficeSettings;
  onSaved: (s: OfficeSettings) => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<OfficeForm>(() => toForm(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [saving, setSaving] = useState(false);
  // Empty: the names apply from today. A date: from the reorganisation's date (older documents keep the old names).
  const [validFrom, setValidFrom] = useState('');
  // What was last saved (or loaded): leaving with anything else asks first (components/leaveGuard.tsx).
  const [baseline, setBaseline] = useState(() => JSON.stringify(toForm(initial)));
  useLeaveGuard(JSON.stringify(form) !== baseline);
  const focusAfterError = useRef<string | undefined>(undefined);

  useSaveShortcut(() => formRef.current?.requestSubmit());

  // After a failed save, put the cursor in the first field the server complained about.
  useEffect(() => {
    const path = focusAfterError.current;
    if (!path) return;
    focusAfterError.current = undefined;
    document.getElementById(fieldId(path))?.focus();
  }, [errors]);

  const edited = () => {
    if (outcome.kind === 'saved') setOutcome({ kind: 'none' });
  };

  const setField = (name: OfficeTextField, value: string) => {
    setForm((f) => ({ ...f, [name]: value }));
    setErrors((e) => withoutError(e, name));
    edited();
  };

  const setRecipients = (rows: RecipientRow[], changedPath?: string) => {
    setForm((f) => ({ ...f, reportRecipients: rows }));
    // Editing a cell clears that cell's message; adding or removing a row shifts the rows' indexes.
    setErrors((e) =>
      changedPath ? withoutError(withoutError(e, changedPath), RECIPIENTS_PATH) : withoutRecipientErrors(e),
    );
    edited();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setOutcome({ kind: 'none' });
    try {
      const saved = await api('settings.saveOffice', { ...toInput(form), validFrom });
      const next = withSaved(form, saved);
      setForm(next);
      setBaseline(JSON.stringify(next));
      setErrors({});
      setValidFrom('');
      setOutcome({ kind: 'saved' });
      onSaved(saved);
    } catch (error) {
      // Keep everything the user typed; show the server's message and its per-field issues.
      const next = errorsFromIssues(issuesOf(error));
      focusAfterError.current = firstInvalidPath(next, form);
      setErrors(next);
      setOutcome({ kind: 'failed', message: messageOf(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form ref={formRef} className="office-form" onSubmit={submit} noValidate aria-labelledby="office-heading">
      <p className="form-legend">
        Các mục có dấu <span className="required-mark">*</span> là bắt buộc.
      </p>
      <div className="field-grid">
        {OFFICE_FIELDS.map((spec) => (
          <TextField
            key={spec.name}
            id={fieldId(spec.name)}
            label={spec.label}
            hint={spec.hint}
            required={spec.required}
            value={form[spec.name]}
            error={errors[spec.name]}
            onChange={(value) => setField(spec.name, value)}
          />
        ))}
      </div>
      <RecipientsEditor rows={form.reportRecipients} errors={errors} onChange={setRecipients} />
      <div className="field-grid">
        <TextField
          id={fieldId('validFrom')}
          label="Áp dụng từ ngày"
          hint="Để trống: từ hôm nay. Khi đổi tên đơn vị do sắp xếp lại, nhập ngày tên mới có hiệu lực; văn bản ghi ngày trước đó vẫn in tên cũ."
          value={validFrom}
          error={errors.validFrom}
          onChange={(value) => {
            setValidFrom(value);
            setErrors((e) => withoutError(e, 'validFrom'));
            edited();
          }}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" aria-disabled={saving || undefined}>
          {saving ? 'Đang lưu…' : 'Lưu'}
        </button>
        <span className="shortcut-hint">
          hoặc nhấn <kbd>Ctrl</kbd> + <kbd>S</kbd>
        </span>
        <div className="form-outcome">
          <p role="status" className={outcome.kind === 'saved' ? 'outcome outcome-ok' : 'outcome'}>
            {outcome.kind === 'saved' ? SAVED_MESSAGE : ''}
          </p>
          <p role="alert" className={outcome.kind === 'failed' ? 'outcome outcome-error' : 'outcome'}>
            {outcome.kind === 'failed' ? outcome.message : ''}
          </p>
        </div>
      </div>
    </form>
  );
}
