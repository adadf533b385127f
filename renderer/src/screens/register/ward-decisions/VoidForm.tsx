import { useState } from 'react';
import type { WardDecisionView } from '@shared/api/ward-decisions';
import { api } from '../../../api/client';
import { messageOf } from '../../../errors';

/** "Hủy dự thảo": a reason is required; the number stays used and the people return to the list below. */
export function VoidForm({ decision, onDone }: { decision: WardDecisionView; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError('');
    try {
      await api('wardDecisions.void', { id: decision.id, reason });
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
      <label>
        Lý do hủy <input value={reason} onChange={(e) => setReason(e.target.value)} size={24} />
      </label>{' '}
      <button type="submit" className="btn btn-danger" disabled={busy}>
        Hủy dự thảo {decision.symbol}
      </button>
      {error && (
        <span className="export-note export-note-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
