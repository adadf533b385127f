import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { PersonRow } from '@shared/api/register';
import { useApi } from '../api/query';
import { useDebouncedValue } from '../api/useDebouncedValue';
import { FieldNotes } from './FieldNotes';
import { PERSON_STATUS_LABELS as STATUS_LABELS } from '@shared/domain/labels';

// Picks a person already in the register, by searching: a combobox with a short list of matches.

export interface PickedPerson {
  id: number;
  fullName: string;
  detail: string;
}

interface PersonPickerProps {
  id: string;
  picked: PickedPerson | undefined;
  onPick: (person: PickedPerson | undefined) => void;
  error?: string;
  /** "Tìm người trong sổ" (required) unless told otherwise. */
  label?: string;
  required?: boolean;
}

const LIMIT = 8;

export function describeRow(row: PersonRow): string {
  return [
    row.birthText && `sinh ${row.birthText}`,
    row.citizenId && `số định danh ${row.citizenId}`,
    row.neighbourhood,
    STATUS_LABELS[row.status],
  ]
    .filter(Boolean)
    .join(' · ');
}

export function PersonPicker({
  id,
  picked,
  onPick,
  error,
  label = 'Tìm người trong sổ',
  required = true,
}: PersonPickerProps) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = `${id}-list`;

  // Matches for what was typed, a little after the last key; the previous matches stay until then.
  const asked = useDebouncedValue(text.trim().slice(0, 100), 150, (t) => t === '');
  const search = useApi(
    'people.search',
    { text: asked, role: 'all', limit: LIMIT, offset: 0 },
    { enabled: text.trim() !== '' && asked !== '', keepPrevious: true },
  );
  const found = search.value;
  const rows = useMemo(() => (text.trim() && found ? found.rows : []), [text, found]);
  // Each new answer puts the first match under the keyboard.
  useEffect(() => setActive(found?.rows.length ? 0 : -1), [found]);

  const choose = (row: PersonRow) => {
    onPick({ id: row.id, fullName: row.fullName, detail: describeRow(row) });
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && rows.length) {
      event.preventDefault();
      setActive((a) => Math.min(rows.length - 1, a + 1));
    } else if (event.key === 'ArrowUp' && rows.length) {
      event.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (event.key === 'Enter') {
      // Enter picks; it never submits the form from here.
      event.preventDefault();
      const row = rows[active];
      if (row) choose(row);
    } else if (event.key === 'Escape' && text) {
      event.preventDefault();
      setText('');
    }
  };

  if (picked) {
    return (
      <div className="picked-person">
        <p>
          <strong>{picked.fullName}</strong>
          {picked.detail && <span className="muted"> — {picked.detail}</span>}
        </p>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => {
            onPick(undefined);
            setTimeout(() => inputRef.current?.focus(), 0);
          }}
        >
          Chọn người khác
        </button>
      </div>
    );
  }

  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? 'field field-invalid person-picker' : 'field person-picker'}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required-mark" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      <p id={`${id}-hint`} className="hint">
        Gõ họ tên hoặc số định danh, dùng phím mũi tên để chọn, Enter để lấy người đó.
      </p>
      <input
        id={id}
        ref={inputRef}
        type="text"
        role="combobox"
        aria-expanded={rows.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 && rows[active] ? `${listId}-${active}` : undefined}
        aria-describedby={[errorId, `${id}-hint`].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Người tìm được"
        className={rows.length ? 'picker-list' : 'picker-list picker-list-empty'}
      >
        {rows.map((row, i) => (
          <li
            key={row.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'picker-option picker-option-active' : 'picker-option'}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(row);
            }}
          >
            <strong>{row.fullName}</strong> <span className="muted">{describeRow(row)}</span>
          </li>
        ))}
      </ul>
      {text.trim() && rows.length === 0 && <p className="hint">Chưa thấy ai khớp.</p>}
      <FieldNotes errorId={errorId} error={error} />
    </div>
  );
}
