import type { Ref } from 'react';
import { FieldNotes } from './FieldNotes';

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  /** The first, empty choice ("Tất cả", "— Chọn —"); omitted when every value is a real choice. */
  emptyLabel?: string;
  required?: boolean;
  hint?: string;
  error?: string;
  warnings?: readonly string[];
  hideLabel?: boolean;
  disabled?: boolean;
  selectRef?: Ref<HTMLSelectElement>;
  className?: string;
}

/** A labelled native select: keyboard-friendly (type to pick, arrows) and read well by screen readers. */
export function SelectField(props: SelectFieldProps) {
  const {
    id,
    label,
    value,
    options,
    onChange,
    emptyLabel,
    required,
    hint,
    error,
    warnings,
    hideLabel,
    disabled,
    selectRef,
    className,
  } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const warningId = warnings?.length ? `${id}-warning` : undefined;
  const describedBy = [errorId, warningId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={[error ? 'field field-invalid' : 'field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id} className={hideLabel ? 'sr-only' : undefined}>
        {label}
        {required && !hideLabel && (
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
      <select
        id={id}
        ref={selectRef}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldNotes errorId={errorId} error={error} warningId={warningId} warnings={warnings} />
    </div>
  );
}
