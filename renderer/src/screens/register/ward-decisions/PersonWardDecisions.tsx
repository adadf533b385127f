import { useState } from 'react';
import type { DecisionView } from '@shared/api/register';
import { WARD_DECIDED_PROGRAMMES, type WardDecisionLink } from '@shared/api/ward-decisions';
import { formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { api } from '../../../api/client';
import { useApi } from '../../../api/query';
import { useCan } from '../../../auth/session';
import { messageOf } from '../../../errors';
import { hrefFor } from '../../../routing';
import { DECISION_KIND_LABELS } from '../labels';
import { REGISTER_PATHS } from '../paths';
import { usePrintPdf } from './usePrintPdf';

// On the person page, under the decisions: for each decision the ward chairman takes (social assistance,
// care support, social pension), the ward's Quyết định that covers it, or "Lập quyết định" to make one.

const NO_LINKS: WardDecisionLink[] = [];

const wardDecided = (programme: string) => (WARD_DECIDED_PROGRAMMES as readonly string[]).includes(programme);

export function PersonWardDecisions({
  personId,
  decisions,
  onChange,
}: {
  personId: number;
  decisions: readonly DecisionView[];
  onChange: () => void;
}) {
  const canRead = useCan('wardDecisions.forPerson');
  const canCreate = useCan('wardDecisions.create');
  const found = useApi('wardDecisions.forPerson', { personId }, { enabled: canRead });
  const links = found.value ?? NO_LINKS;
  const [failure, setError] = useState('');
  const error = failure || (found.state.status === 'failed' ? found.state.message : '');
  const [busy, setBusy] = useState(false);
  const print = usePrintPdf();
  const ours = decisions.filter((d) => wardDecided(d.programme));
  if (!canRead || ours.length === 0) return null;
  const byDecision = new Map(links.map((l) => [l.decisionId, l]));

  const create = async (decisionId: number) => {
    setBusy(true);
    setError('');
    try {
      await api('wardDecisions.create', { decisionIds: [decisionId] });
      onChange();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ward-decisions-person">
      <h3>Quyết định của phường</h3>
      <ul>
        {ours.map((d) => {
          const link = byDecision.get(d.id);
          return (
            <li key={d.id}>
              {DECISION_KIND_LABELS[d.kind]} từ tháng {formatMonthVi(d.effectiveMonth)}:{' '}
              {link?.status === 'voided' && `Dự thảo số ${link.symbol} đã hủy. `}
              {link && link.status !== 'voided' ? (
                <>
                  {link.status === 'signed'
                    ? `Quyết định số ${link.signedNumber ?? ''} ngày ${link.signedDate ? formatDateVi(link.signedDate) : ''} (đã ký)`
                    : `Dự thảo quyết định số ${link.symbol} (chưa ký)`}{' '}
                  <button
                    type="button"
                    className="btn btn-secondary"
                    disabled={print.busy}
                    onClick={() =>
                      void print.run(
                        'quyết định',
                        async () => await api('wardDecisions.print', { id: link.wardDecisionId }),
                      )
                    }
                  >
                    In quyết định
                  </button>
                </>
              ) : canCreate ? (
                <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => void create(d.id)}>
                  Lập quyết định
                </button>
              ) : (
                'chưa lập quyết định'
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="export-note export-note-error" role="alert">
          {error}
        </p>
      )}
      {print.note && (
        <p
          className={print.note.error ? 'export-note export-note-error' : 'export-note'}
          role={print.note.error ? 'alert' : 'status'}
        >
          {print.note.text}
        </p>
      )}
      <a href={hrefFor(REGISTER_PATHS.wardDecisions)}>Sổ quyết định của phường →</a>
    </div>
  );
}
