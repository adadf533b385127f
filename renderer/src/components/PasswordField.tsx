import { useState, type KeyboardEvent, type Ref } from 'react';
import { afterPointerPress } from './pointerPress';
import { TextField } from './TextField';

interface PasswordFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  required?: boolean;
  hint?: string;
  error?: string;
  /** Shows the letters typed (for an administrator setting someone's first password). */
  reveal?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  onBlur?: () => void;
}

const CAPS_LOCK = 'Phím Caps Lock đang bật: chữ sẽ thành chữ HOA.';

/** A password input that warns when Caps Lock is on (a common cause of "wrong password" at the counter). */
export function PasswordField(props: PasswordFieldProps) {
  const [capsLock, setCapsLock] = useState(false);
  const watchCaps = (event: KeyboardEvent<HTMLInputElement>) => setCapsLock(event.getModifierState('CapsLock'));
  return (
    <TextField
      id={props.id}
      label={props.label}
      value={props.value}
      onChange={props.onChange}
      type={props.reveal ? 'text' : 'password'}
      autoComplete={props.autoComplete}
      required={props.required}
      hint={props.hint}
      error={props.error}
      warnings={capsLock ? [CAPS_LOCK] : undefined}
      inputRef={props.inputRef}
      onBlur={() => {
        // Its warning going away on a press would move the button pressed, as a message coming would.
        afterPointerPress(() => setCapsLock(false));
        props.onBlur?.();
      }}
      onKeyDown={watchCaps}
      onKeyUp={watchCaps}
    />
  );
}
