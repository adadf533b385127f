import { useLeaveGuard } from '../../components/leaveGuard';
import { useRef, useState, type FormEvent } from 'react';
import type { OfficeSettings } from '@shared/api/settings';
import { api } from '../../api/client';
import { TextField } from '../../components/TextField';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useCheckedForm } from '../../components/useCheckedForm';
import { useSaveShortcut } from '../../components/useSaveShortcut';
import { issuesOf, messageOf } from '../../errors';
import { RecipientsEditor } from './RecipientsEditor';
import {
  OFFICE_FIELDS,
  RECIPIENTS_PATH,
  fieldId,
  officeFieldOf,
  toForm,
  toInput,
  withSaved,
  type OfficeForm,
  type OfficeTextField,
  type RecipientRow,
} from './officeForm';

type Outcome = { kind: 'none' } | { kind: 'saved' } | { kind: 'failed'; message: string };

export const SAVED_MESSAGE = 'Đã lưu thông tin đơn vị.';

/** The names, and the day they apply from: empty, from today; a date, from the reorganisation's date (older documents keep the old names). */
type OfficeDraft = OfficeForm & { validFrom: string };

const draftOf = (form: OfficeForm): OfficeDraft => ({ ...form, validFrom: '' });
/** Main checks every field (the names are free text); the form shows what it says. */
const noLocalErrors = () => ({});

/** Cài đặt → Thông tin đơn vị. Saves with the button, Enter in a field, or Ctrl+S. */
export function OfficeSettingsForm({
  initial,
  onSaved,
}: {
  initial: OfficeSettings;
  onSaved: (s: OfficeSettings) => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  // Fields are issue paths ('unitName', 'reportRecipients.0.name', …).
  const checked = useCheckedForm<OfficeDraft, string>(() => draftOf(toForm(initial)), noLocalErrors, officeFieldOf);
  const form = checked.value;
  const errors = checked.errors;
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [saving, setSaving] = useState(false);
  // What was last saved (or loaded): leaving with anything else asks first (components/leaveGuard.tsx).
  const [baseline, setBaseline] = useState(() => JSON.stringify(draftOf(toForm(initial))));
  useLeaveGuard(JSON.stringify(form) !== baseline);

  useSaveShortcut(() => formRef.current?.requestSubmit());

  const edited = () => {
    if (outcome.kind === 'saved') setOutcome({ kind: 'none' });
  };

  const setField = (name: OfficeTextField | 'validFrom', value: string) => {
    checked.change({ ...form, [name]: value }, name);
    edited();
  };

  const setRecipients = (rows: RecipientRow[], changedPath?: string) => {
    // Editing a cell clears that cell's message (and the list's); adding or removing a row shifts the rows'
    // indexes, so it clears every row's.
    checked.change({ ...form, reportRecipients: rows }, changedPath ?? RECIPIENTS_PATH);
    edited();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setOutcome({ kind: 'none' });
    try {
      const saved = await api('settings.saveOffice', { ...toInput(form), validFrom: form.validFrom });
      const next = draftOf(withSaved(form, saved));
      checked.reset(next);
      setBaseline(JSON.stringify(next));
      setOutcome({ kind: 'saved' });
      onSaved(saved);
    } catch (error) {
      // Keep everything the user typed; show the server's message and its per-field issues, the cursor in the
      // first field with one.
      const rest = checked.takeIssues(issuesOf(error));
      setOutcome({ kind: 'failed', message: [messageOf(error), ...rest.map((i) => i.message)].join(' ') });
      focusFirstInvalid(formRef.current);
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
          value={form.validFrom}
          error={errors.validFrom}
          onChange={(value) => setField('validFrom', value)}
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
