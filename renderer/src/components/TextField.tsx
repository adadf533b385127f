import type { ClipboardEvent, KeyboardEvent, Ref } from 'react';
import { FieldNotes } from './FieldNotes';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  hint?: string;
  error?: string;
  /** Likely problems: shown under the field, never blocking. */
  warnings?: readonly string[];
  /** Keeps the label for assistive technology but hides it on screen (table-like rows with headers). */
  hideLabel?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  onBlur?: () => void;
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
  onKeyUp?: (event: KeyboardEvent<HTMLInputElement>) => void;
  onPaste?: (event: ClipboardEvent<HTMLInputElement>) => void;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'tel';
  placeholder?: string;
  /** A `<datalist>` id offering suggestions. */
  list?: string;
  className?: string;
  /** 'password' hides what is typed (PasswordField). */
  type?: 'text' | 'password';
  /** What the browser may fill in ('username', 'current-password', 'new-password'); 'off' by default. */
  autoComplete?: string;
}

/** A labelled one-line text input with an optional hint and the server's message for this field. */
export function TextField({
  id,
  label,
  value,
  onChange,
  required,
  hint,
  error,
  warnings,
  hideLabel,
  inputRef,
  onBlur,
  onKeyDown,
  onPaste,
  inputMode,
  placeholder,
  list,
  className,
  type = 'text',
  autoComplete = 'off',
  onKeyUp,
}: TextFieldProps) {
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
      <input
        id={id}
        ref={inputRef}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        onKeyDown={onKeyDown}
        onKeyUp={onKeyUp}
        onPaste={onPaste}
        inputMode={inputMode}
        placeholder={placeholder}
        list={list}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        autoComplete={autoComplete}
        spellCheck={false}
      />
      <FieldNotes errorId={errorId} error={error} warningId={warningId} warnings={warnings} />
    </div>
  );
}
