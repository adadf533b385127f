import { useState } from 'react';
import type { ReceiverCandidate } from '@shared/api/payout';
import { useApi } from '../../../api/query';
import { useDebouncedValue } from '../../../api/useDebouncedValue';
import { FieldNotes } from '../../../components/FieldNotes';

// The receiver of an authorization: someone already in the register (searched by name or citizen-ID
// digits; they need a citizen ID with issue date and place), or a new person entered below.

const SEARCH_DELAY_MS = 200;

export function ReceiverPicker({
  idPrefix,
  giverId,
  mode,
  selectedName,
  error,
  onPick,
  onNew,
}: {
  idPrefix: string;
  giverId: number;
  mode: 'new' | 'existing';
  selectedName: string;
  error?: string;
  onPick: (c: ReceiverCandidate) => void;
  onNew: () => void;
}) {
  const [text, setText] = useState('');
  const id = `${idPrefix}-receiver-search`;

  // From two characters on, a little after the last key; the previous matches stay until the answer.
  const asked = useDebouncedValue(text, SEARCH_DELAY_MS, (t) => t.trim().length < 2);
  const search = useApi(
    'payout.findReceivers',
    { text: asked, excludeId: giverId },
    { enabled: text.trim().length >= 2 && asked.trim().length >= 2, keepPrevious: true },
  );
  const found: ReceiverCandidate[] = (text.trim().length >= 2 && search.value) || [];

  if (mode === 'existing' && selectedName) {
    return (
      <div className={error ? 'field field-invalid' : 'field'}>
        <p>
          Người được ủy quyền: <strong>{selectedName}</strong>{' '}
          <button type="button" className="btn btn-link" onClick={onNew}>
            Chọn người khác
          </button>
        </p>
        <FieldNotes errorId={`${id}-error`} error={error} />
      </div>
    );
  }
  return (
    <div className="receiver-picker">
      <div className={error ? 'field field-invalid' : 'field'}>
        <label htmlFor={id}>Tìm người được ủy quyền trong sổ</label>
        <p className="hint" id={`${id}-hint`}>
          Gõ họ tên hoặc số CCCD; không có trong sổ thì nhập người mới ở các ô dưới.
        </p>
        <input
          id={id}
          type="text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-hint`}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          spellCheck={false}
        />
        <FieldNotes errorId={`${id}-error`} error={error} />
      </div>
      {found.length > 0 && (
        <ul className="receiver-results" aria-label="Người tìm thấy">
          {found.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="btn btn-secondary"
                onClick={() => onPick(c)}
                aria-label={`Chọn ${c.fullName}`}
              >
                Chọn
              </button>{' '}
              <strong>{c.fullName}</strong> {c.birthText && `· ${c.birthText}`}{' '}
              {c.citizenId && <span className="cell-id">· {c.citizenId}</span>}
              {c.address && ` · ${c.address}`}
              {!c.hasIdDocument && (
                <span className="hint">
                  {' '}
                  — hồ sơ chưa có CCCD với ngày cấp, nơi cấp: bổ sung (Sửa thông tin trên trang của người này) trước khi
                  ủy quyền
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
