import type { TransferView } from '@shared/api/person-file';
import { formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { TERM_STATUS_LABELS } from '@shared/domain/labels';

// The person's transfers on their page: where they moved to, or the ward they came from with that
// ward's history as its transfer file carried it (read-only: this ward pays only from its own decisions).

const KIND: Record<string, string> = {
  grant: 'Hưởng mới',
  adjust: 'Điều chỉnh',
  suspend: 'Tạm dừng',
  resume: 'Hưởng lại',
  stop: 'Thôi hưởng',
};

export function TransferHistory({ transfers }: { transfers: readonly TransferView[] }) {
  if (transfers.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="transfers-heading">
      <h2 id="transfers-heading">Chuyển hồ sơ</h2>
      {transfers.map((t) =>
        t.direction === 'out' ? (
          <p key={t.id}>
            Chuyển đến <strong>{t.otherUnit}</strong> ngày {formatDateVi(t.movedDate)}
            {t.decisionNumber ? `, quyết định thôi hưởng số ${t.decisionNumber}` : ''}.
          </p>
        ) : (
          <div key={t.id} className="transfer-in">
            <p>
              Chuyển đến từ <strong>{t.otherUnit}</strong> ngày {formatDateVi(t.movedDate)}; nhận hồ sơ ngày{' '}
              {formatDateVi(t.createdAt.slice(0, 10))}. Các chế độ dưới đây là của nơi cũ, chỉ để theo dõi.
            </p>
            {t.history && (
              <>
                <ul>
                  {t.history.entitlements.map((e, i) => {
                    const last = e.terms[e.terms.length - 1];
                    return (
                      <li key={i}>
                        {e.programmeLabel}: {formatMonthVi(e.startMonth)} –{' '}
                        {e.endMonth ? formatMonthVi(e.endMonth) : 'nay'}
                        {last ? ` · ${last.groupLabel || last.categoryLabel} · ${TERM_STATUS_LABELS[last.status]}` : ''}
                      </li>
                    );
                  })}
                  {t.history.decisions.map((d, i) => (
                    <li key={`d${i}`}>
                      Quyết định {d.number}
                      {d.signedDate ? ` ngày ${formatDateVi(d.signedDate)}` : ''}: {KIND[d.kind] ?? d.kind} từ tháng{' '}
                      {formatMonthVi(d.effectiveMonth)}
                      {d.reason ? ` (${d.reason})` : ''}
                    </li>
                  ))}
                </ul>
                <p>
                  Nơi cũ đã chi trả {formatVnd(t.history.money.paidVnd)} đồng
                  {t.history.money.paidThrough ? `, đến hết tháng ${formatMonthVi(t.history.money.paidThrough)}` : ''}.
                </p>
              </>
            )}
          </div>
        ),
      )}
    </section>
  );
}
