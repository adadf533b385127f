import { useEffect, useRef } from 'react';
import { TextField } from '../../components/TextField';
import {
  MAX_RECIPIENTS,
  RECIPIENTS_PATH,
  fieldId,
  newRecipientRow,
  recipientPath,
  type FieldErrors,
  type RecipientColumn,
  type RecipientRow,
} from './officeForm';

interface RecipientsEditorProps {
  rows: RecipientRow[];
  errors: FieldErrors;
  /** `changedPath` is the edited cell's issue path; absent when a row was added or removed. */
  onChange: (rows: RecipientRow[], changedPath?: string) => void;
}

const ADD_BUTTON_ID = 'office-recipients-add';

/** Nơi nhận báo cáo: an editable list of (name, scope) rows. */
export function RecipientsEditor({ rows, errors, onChange }: RecipientsEditorProps) {
  // After adding or removing a row, move focus somewhere sensible (set here, applied after render).
  const focusNext = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = undefined;
  }, [rows.length]);

  const edit = (index: number, column: RecipientColumn, value: string) => {
    onChange(
      rows.map((row, i) => (i === index ? { ...row, [column]: value } : row)),
      recipientPath(index, column),
    );
  };

  const add = () => {
    if (rows.length >= MAX_RECIPIENTS) return;
    focusNext.current = fieldId(recipientPath(rows.length, 'name'));
    onChange([...rows, newRecipientRow()]);
  };

  const remove = (index: number) => {
    const remaining = rows.filter((_row, i) => i !== index);
    const target = Math.min(index, remaining.length - 1);
    focusNext.current = target >= 0 ? removeButtonId(target) : ADD_BUTTON_ID;
    onChange(remaining);
  };

  const listError = errors[RECIPIENTS_PATH];
  return (
    <fieldset className="recipients" aria-describedby="office-recipients-hint">
      <legend>Nơi nhận báo cáo</legend>
      <p id="office-recipients-hint" className="hint">
        Các cơ quan nhận báo cáo định kỳ của đơn vị và loại báo cáo gửi đến, ví dụ: Sở Y tế tỉnh Lâm Đồng — Bảo trợ xã
        hội.
      </p>
      {listError && <p className="field-error">{listError}</p>}
      {rows.length === 0 ? (
        <p className="empty-note">Chưa có nơi nhận nào.</p>
      ) : (
        <>
          <div className="recipient-header" aria-hidden="true">
            <span>STT</span>
            <span>
              Tên nơi nhận <span className="required-mark">*</span>
            </span>
            <span>Loại báo cáo</span>
            <span />
          </div>
          <ol className="recipient-list">
            {rows.map((row, index) => (
              <li key={row.key} className="recipient-row">
                <span className="recipient-number" aria-hidden="true">
                  {index + 1}.
                </span>
                <TextField
                  id={fieldId(recipientPath(index, 'name'))}
                  label={`Tên nơi nhận, dòng ${index + 1}`}
                  hideLabel
                  required
                  value={row.name}
                  error={errors[recipientPath(index, 'name')]}
                  onChange={(value) => edit(index, 'name', value)}
                />
                <TextField
                  id={fieldId(recipientPath(index, 'scope'))}
                  label={`Loại báo cáo, dòng ${index + 1}`}
                  hideLabel
                  value={row.scope}
                  error={errors[recipientPath(index, 'scope')]}
                  onChange={(value) => edit(index, 'scope', value)}
                />
                <button
                  type="button"
                  id={removeButtonId(index)}
                  className="btn btn-danger"
                  onClick={() => remove(index)}
                >
                  Xóa<span className="sr-only"> nơi nhận dòng {index + 1}</span>
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
      <button
        type="button"
        id={ADD_BUTTON_ID}
        className="btn btn-secondary"
        onClick={add}
        disabled={rows.length >= MAX_RECIPIENTS}
      >
        + Thêm nơi nhận
      </button>
      {rows.length >= MAX_RECIPIENTS && <p className="hint">Đã đủ {MAX_RECIPIENTS} nơi nhận (tối đa).</p>}
    </fieldset>
  );
}

function removeButtonId(index: number): string {
  return `office-recipients-remove-${index}`;
}
