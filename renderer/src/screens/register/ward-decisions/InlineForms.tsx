import { useState, type ReactNode } from 'react';
import type { WardDecisionView } from '@shared/api/ward-decisions';
import { api } from '../../../api/client';
import { messageOf } from '../../../errors';

// The two small forms in a row of Sổ quyết định: "Ghi số đã ký" and "Hủy dự thảo". One shape: fields, a
// button, the server's message beside it; the list reloads by itself after the command (the data layer).

function InlineForm({
  run,
  onDone,
  button,
  danger = false,
  children,
}: {
  run: () => Promise<unknown>;
  onDone: () => void;
  button: string;
  danger?: boolean;
  children: ReactNode;
}) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError('');
    try {
      await run();
      onDone();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {children}{' '}
      <button type="submit" className={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy}>
        {button}
      </button>
      {error && (
        <span className="export-note export-note-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

/** "Ghi số đã ký": the signed number (the draft's symbol to start with) and date. */
export function SignForm({ decision, onDone }: { decision: WardDecisionView; onDone: () => void }) {
  const [number, setNumber] = useState(decision.symbol);
  const [date, setDate] = useState('');
  return (
    <InlineForm
      run={() => api('wardDecisions.recordSigned', { id: decision.id, number, signedDate: date })}
      onDone={onDone}
      button="Lưu"
    >
      <label>
        Số đã ký <input value={number} onChange={(e) => setNumber(e.target.value)} size={14} />
      </label>{' '}
      <label>
        Ngày ký <input value={date} onChange={(e) => setDate(e.target.value)} placeholder="ngày/tháng/năm" size={10} />
      </label>
    </InlineForm>
  );
}

/** "Hủy dự thảo": a reason is required; the number stays used and the people return to the list below. */
export function VoidForm({ decision, onDone }: { decision: WardDecisionView; onDone: () => void }) {
  const [reason, setReason] = useState('');
  return (
    <InlineForm
      run={() => api('wardDecisions.void', { id: decision.id, reason })}
      onDone={onDone}
      button={`Hủy dự thảo ${decision.symbol}`}
      danger
    >
      <label>
        Lý do hủy <input value={reason} onChange={(e) => setReason(e.target.value)} size={24} />
      </label>
    </InlineForm>
  );
}
