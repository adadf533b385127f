import type { DecisionView, EntitlementView, ReferenceData, TermView } from '@shared/api/register';
import { addMonths, formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { COMPONENT_KIND_LABELS, TERM_STATUS_LABELS, formatCoefficient } from '../labels';
import { groupLabel, programmeName } from '../useReference';
import type { DecisionKind } from './DecisionDialog';

// One entitlement: what it pays this month, its terms as a timeline, and the decisions one can take.

interface EntitlementCardProps {
  entitlement: EntitlementView;
  decisions: readonly DecisionView[];
  reference: ReferenceData | undefined;
  /** Dead or moved away, or a role that does not write decisions: no decision buttons. */
  closed: boolean;
  onDecide: (kind: DecisionKind) => void;
}

export function EntitlementCard({ entitlement: e, decisions, reference, closed, onDecide }: EntitlementCardProps) {
  const latest = e.terms[e.terms.length - 1];
  const ended = e.endMonth !== null;
  const headingId = `entitlement-${e.id}-heading`;
  const c = e.current;
  return (
    <article className="panel entitlement" aria-labelledby={headingId}>
      <header className="entitlement-head">
        <h3 id={headingId}>{programmeName(reference, e.programme)}</h3>
        <p className="entitlement-period">
          Hưởng từ tháng {formatMonthVi(e.startMonth)}
          {e.endMonth && <> — thôi hưởng từ tháng {formatMonthVi(addMonths(e.endMonth, 1))}</>}
        </p>
      </header>

      <dl className="facts facts-inline">
        {c.groupCode && (
          <div className="fact fact-wide">
            <dt>Nhóm</dt>
            <dd>
              {c.groupCode} — {groupLabel(reference, c.groupCode)}
            </dd>
          </div>
        )}
        {c.coefficientMilli !== null && (
          <div className="fact">
            <dt>Hệ số</dt>
            <dd>{formatCoefficient(c.coefficientMilli)}</dd>
          </div>
        )}
        {c.standardVnd !== null && (
          <div className="fact">
            <dt>Mức chuẩn</dt>
            <dd>{formatVnd(c.standardVnd)} đồng</dd>
          </div>
        )}
        <div className="fact">
          <dt>Mức hưởng tháng này</dt>
          <dd>
            <strong>{formatVnd(c.amountVnd)} đồng/tháng</strong>
          </dd>
        </div>
        {latest?.categoryLabel && (
          <div className="fact fact-wide">
            <dt>Diện đối tượng</dt>
            <dd>{latest.categoryLabel}</dd>
          </div>
        )}
      </dl>
      {c.note && <p className="entitlement-note">{c.note}</p>}

      <h4 className="timeline-title">Quá trình hưởng</h4>
      <ol className="timeline">
        {e.terms.map((t) => (
          <TermItem key={t.id} term={t} decision={decisions.find((d) => d.id === t.decisionId)} />
        ))}
        {e.endMonth && (
          <li className="timeline-item timeline-stopped">
            <span className="timeline-month">{formatMonthVi(addMonths(e.endMonth, 1))}</span>
            <span>Thôi hưởng</span>
          </li>
        )}
      </ol>

      {!closed && !ended && (
        <div
          className="entitlement-actions"
          role="group"
          aria-label={`Quyết định cho chế độ ${programmeName(reference, e.programme)}`}
        >
          <button type="button" className="btn btn-secondary" onClick={() => onDecide('adjust')}>
            Điều chỉnh
          </button>
          {latest?.status === 'active' && (
            <button type="button" className="btn btn-secondary" onClick={() => onDecide('suspend')}>
              Tạm dừng
            </button>
          )}
          {latest?.status === 'suspended' && (
            <button type="button" className="btn btn-secondary" onClick={() => onDecide('resume')}>
              Hưởng lại
            </button>
          )}
          <button type="button" className="btn btn-danger" onClick={() => onDecide('stop')}>
            Thôi hưởng
          </button>
        </div>
      )}
    </article>
  );
}

function TermItem({ term, decision }: { term: TermView; decision: DecisionView | undefined }) {
  const total = term.components.reduce((s, x) => s + x.amountVnd, 0);
  return (
    <li className={`timeline-item timeline-${term.status}`}>
      <span className="timeline-month">{formatMonthVi(term.effectiveFrom)}</span>
      <span>
        <strong>{TERM_STATUS_LABELS[term.status]}</strong>
        {term.groupCode && <> · nhóm {term.groupCode}</>}
        {term.multiplier > 1 && <> · {term.multiplier} con</>}
        {term.components.length > 0 && (
          <>
            {' '}
            ·{' '}
            {term.components
              .map(
                (x) =>
                  `${x.label || COMPONENT_KIND_LABELS[x.kind as keyof typeof COMPONENT_KIND_LABELS] || x.kind} ${formatVnd(x.amountVnd)}`,
              )
              .join(' + ')}
            {term.components.length > 1 && <> = {formatVnd(total)}</>} đồng
          </>
        )}
        {decision && <span className="muted"> · QĐ {decision.number}</span>}
      </span>
    </li>
  );
}
