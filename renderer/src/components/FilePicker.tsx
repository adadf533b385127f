import { useId, useRef, useState } from 'react';
import { formatFileSize } from '@shared/domain/format';

// A file chooser in Vietnamese: the browser's own control says "Choose File / No file chosen" in the
// system's language. The real <input type="file"> stays (visually hidden, labelled) so keyboard, screen
// readers and tests reach it; the button opens it and the line beside says what was chosen.

interface FilePickerProps {
  /** The input's accessible name ("Tệp Excel"). */
  label: string;
  accept: string;
  disabled?: boolean;
  id?: string;
  /** Button text (default "Chọn tệp…"). */
  buttonText?: string;
  describedBy?: string;
  onPick: (file: File | null) => void;
  /** Clear the input after each pick, so choosing the same file again picks it again. */
  resetAfterPick?: boolean;
}

export function FilePicker(props: FilePickerProps) {
  const ownId = useId();
  const id = props.id ?? ownId;
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File | null>(null);
  return (
    <span className="file-picker">
      <input
        ref={input}
        id={id}
        type="file"
        className="sr-only"
        accept={props.accept}
        disabled={props.disabled}
        aria-label={props.label}
        aria-describedby={props.describedBy}
        tabIndex={-1}
        onChange={(e) => {
          const file = e.target.files?.[0] ?? null;
          setChosen(file);
          props.onPick(file);
          if (props.resetAfterPick) e.target.value = '';
        }}
      />
      <button
        type="button"
        className="btn btn-secondary"
        disabled={props.disabled}
        onClick={() => input.current?.click()}
        aria-describedby={`${id}-chosen`}
      >
        {props.buttonText ?? 'Chọn tệp…'}
      </button>
      <span id={`${id}-chosen`} className="file-picker-chosen">
        {chosen ? `${chosen.name} (${formatFileSize(chosen.size)})` : 'Chưa chọn tệp'}
      </span>
    </span>
  );
}
