import { useRef, type FocusEvent, type MouseEvent } from 'react';
import { addMonths, formatMonthVi, parseMonthVi } from '@shared/domain/dates';
import { FieldNotes } from './FieldNotes';

// A month in Vietnamese, everywhere a month is chosen: typed as "10/2024", or stepped with ◀ ▶ (the
// browser's <input type="month"> shows "December 2026" in the system's language). A pre-filled month is
// selected when the field is entered, so typing replaces it ("11/2026", never "12/202611/2026").

interface MonthFieldProps {
  id: string;
  label: string;
  /** The text as typed ("10/2024"); parse it with parseMonthVi. */
  value: string;
  onChange: (text: string) => void;
  /** The month ◀ ▶ step from when the text is not a month yet ('YYYY-MM'; default this month). */
  fallbackMonth?: string;
  required?: boolean;
  hint?: string;
  error?: string;
  className?: string;
  onBlur?: () => void;
}

export function currentMonthOf(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

export function MonthField(props: MonthFieldProps) {
  const { id, label, value, onChange, required, hint, error } = props;
  // A click that focuses the field must not put the caret back in place of the selection.
  const focusedByPointer = useRef(false);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const step = (k: number) => {
    const from = parseMonthVi(value) ?? props.fallbackMonth ?? currentMonthOf();
    onChange(formatMonthVi(addMonths(from, k)));
  };
  const selectAll = (event: FocusEvent<HTMLInputElement>) => event.currentTarget.select();
  const keepSelection = (event: MouseEvent<HTMLInputElement>) => {
    if (focusedByPointer.current) {
      event.preventDefault();
      focusedByPointer.current = false;
    }
  };
  return (
    <div
      className={['field', 'month-field', error ? 'field-invalid' : '', props.className ?? '']
        .filter(Boolean)
        .join(' ')}
    >
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required-mark" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <div className="month-field-row">
        <button
          type="button"
          className="btn btn-secondary month-step"
          onClick={() => step(-1)}
          aria-label="Tháng trước"
          aria-controls={id}
          title="Tháng trước"
        >
          ◀
        </button>
        <input
          id={id}
          type="text"
          value={value}
          inputMode="numeric"
          placeholder="tháng/năm"
          autoComplete="off"
          spellCheck={false}
          aria-required={required || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
          onChange={(e) => onChange(e.target.value)}
          onFocus={selectAll}
          onMouseDown={(e) => {
            if (document.activeElement !== e.currentTarget) focusedByPointer.current = true;
          }}
          onMouseUp={keepSelection}
          onBlur={props.onBlur}
        />
        <button
          type="button"
          className="btn btn-secondary month-step"
          onClick={() => step(1)}
          aria-label="Tháng sau"
          aria-controls={id}
          title="Tháng sau"
        >
          ▶
        </button>
      </div>
      <FieldNotes errorId={errorId} error={error} />
    </div>
  );
}
